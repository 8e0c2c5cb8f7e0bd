package dev.warden.core.internal.edits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.jface.text.Document;
import org.eclipse.text.edits.MultiTextEdit;
import org.eclipse.text.edits.ReplaceEdit;
import org.eclipse.text.edits.TextEdit;
import org.junit.jupiter.api.Test;

/**
 * The line edits of an agent's change: applied to the old text they give the new text exactly, they touch only the
 * lines that changed, and a file rewritten whole is one replacement rather than a line-by-line difference.
 */
class LineDiffTest {

	@Test
	void oneChangedLineInALongFileIsOneEditOfThatLine() throws Exception {
		String before = lines("line ", 10_000, "\n");
		String after = before.replace("line 5000\n", "line five thousand\n");
		MultiTextEdit edits = applied(before, after);
		assertEquals(1, edits.getChildrenSize());
		ReplaceEdit edit = (ReplaceEdit) edits.getChildren()[0];
		assertEquals(before.indexOf("line 5000\n"), edit.getOffset());
		assertEquals("line 5000\n".length(), edit.getLength());
		assertEquals("line five thousand\n", edit.getText());
	}

	@Test
	void changesFarApartStaySeparateEdits() throws Exception {
		String before = lines("row ", 1_500, "\r\n");
		String after = before.replace("row 100\r\n", "row one hundred\r\n").replace("row 1400\r\n", "");
		assertEquals(2, applied(before, after).getChildrenSize());
	}

	@Test
	void aFileRewrittenWholeIsOneReplacement() throws Exception {
		String before = lines("original line ", 6_000, "\n");
		String after = lines("rewritten line ", 6_000, "\n");
		assertEquals(1, applied(before, after).getChildrenSize());
	}

	@Test
	void aRewriteBetweenACommonHeadAndTailKeepsThemUntouched() throws Exception {
		String before = "head\n" + lines("old ", LineDiff.MAX_DIFFERENCED_LINES + 1, "\n") + "tail";
		String after = "head\n" + lines("new ", LineDiff.MAX_DIFFERENCED_LINES + 7, "\n") + "tail";
		MultiTextEdit edits = applied(before, after);
		assertEquals(1, edits.getChildrenSize());
		assertEquals("head\n".length(), edits.getChildren()[0].getOffset());
	}

	@Test
	void edgeCasesGiveTheNewTextExactly() throws Exception {
		String[] texts = { "", "a", "a\n", "\n", "\n\n", "a\nb", "a\r\nb\r\n", "b\na\n", "a\nb\nc\n", "x\ra\n" };
		for (String before : texts) {
			for (String after : texts) {
				applied(before, after);
			}
		}
	}

	@Test
	void randomEditsGiveTheNewTextExactly() throws Exception {
		Random random = new Random(20261202);
		for (int round = 0; round < 300; round++) {
			List<String> lines = new ArrayList<>();
			int size = random.nextInt(round < 290 ? 60 : 3_000);
			for (int i = 0; i < size; i++) {
				lines.add("l" + random.nextInt(8) + (random.nextInt(10) == 0 ? "\r\n" : "\n"));
			}
			String before = String.join("", lines);
			for (int edit = random.nextInt(6); edit >= 0; edit--) {
				int at = lines.isEmpty() ? 0 : random.nextInt(lines.size());
				switch (random.nextInt(3)) {
				case 0 -> lines.add(at, "new" + random.nextInt(4) + "\n");
				case 1 -> {
					if (!lines.isEmpty()) {
						lines.remove(at);
					}
				}
				default -> {
					if (!lines.isEmpty()) {
						lines.set(at, "changed\n");
					}
				}
				}
			}
			String after = String.join("", lines) + (random.nextBoolean() ? "" : "no newline");
			applied(before, after);
		}
	}

	/** The edits from {@code before} to {@code after}, after checking that they turn one into the other. */
	private static MultiTextEdit applied(String before, String after) throws Exception {
		MultiTextEdit edits = LineDiff.edits(before, after);
		Document document = new Document(before);
		((TextEdit) edits.copy()).apply(document);
		assertEquals(after, document.get(), () -> "from " + escape(before) + " to " + escape(after));
		return edits;
	}

	private static String escape(String text) {
		String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
		return '"' + shown.replace("\r", "\\r").replace("\n", "\\n") + '"';
	}

	private static String lines(String prefix, int count, String delimiter) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(prefix).append(i).append(delimiter);
		}
		return text.toString();
	}
}
