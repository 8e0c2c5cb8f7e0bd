package dev.warden.core.internal.edits;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.compare.rangedifferencer.IRangeComparator;
import org.eclipse.compare.rangedifferencer.RangeDifference;
import org.eclipse.compare.rangedifferencer.RangeDifferencer;
import org.eclipse.text.edits.MultiTextEdit;
import org.eclipse.text.edits.ReplaceEdit;

/**
 * The minimal text edits that turn one text into another, line by line, computed by the platform's
 * {@link RangeDifferencer}: an agent's change then touches only the lines it changed, so markers, breakpoints and the
 * editor's undo stay precise.
 */
public final class LineDiff {

	private LineDiff() {
	}

	public static MultiTextEdit edits(String oldText, String newText) {
		Lines before = new Lines(oldText);
		Lines after = new Lines(newText);
		MultiTextEdit root = new MultiTextEdit();
		for (RangeDifference difference : RangeDifferencer.findDifferences(before, after)) {
			if (difference.kind() == RangeDifference.NOCHANGE) {
				continue;
			}
			int start = before.offset(difference.leftStart());
			int end = before.offset(difference.leftEnd());
			int newStart = after.offset(difference.rightStart());
			int newEnd = after.offset(difference.rightEnd());
			root.addChild(new ReplaceEdit(start, end - start, newText.substring(newStart, newEnd)));
		}
		return root;
	}

	/** A text split into lines that keep their line delimiters, so that every character belongs to a line. */
	private static final class Lines implements IRangeComparator {

		private final String text;
		private final List<Integer> starts = new ArrayList<>();

		Lines(String text) {
			this.text = text;
			int index = 0;
			while (index < text.length()) {
				starts.add(index);
				int newline = text.indexOf('\n', index);
				index = newline < 0 ? text.length() : newline + 1;
			}
		}

		int offset(int line) {
			return line >= starts.size() ? text.length() : starts.get(line);
		}

		private String line(int index) {
			return text.substring(offset(index), offset(index + 1));
		}

		@Override
		public int getRangeCount() {
			return starts.size();
		}

		@Override
		public boolean rangesEqual(int thisIndex, IRangeComparator other, int otherIndex) {
			return line(thisIndex).equals(((Lines) other).line(otherIndex));
		}

		@Override
		public boolean skipRangeComparison(int length, int maxLength, IRangeComparator other) {
			return false;
		}
	}
}
