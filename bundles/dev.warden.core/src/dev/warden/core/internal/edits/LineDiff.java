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
 * <p>
 * The lines both texts begin and end with are passed over first. The differencer takes time proportional to the lines
 * times the differences, so a middle of more than {@link #MAX_DIFFERENCED_LINES} lines on either side (a file
 * rewritten whole) becomes one replacement instead: a whole rewrite of a 6,000-line file took it 14 to 23 s on a loaded two-core machine.
 */
public final class LineDiff {

	/** The largest middle, in lines of one side, that is differenced line by line. */
	static final int MAX_DIFFERENCED_LINES = 2_000;

	private LineDiff() {
	}

	public static MultiTextEdit edits(String oldText, String newText) {
		Lines before = new Lines(oldText);
		Lines after = new Lines(newText);
		MultiTextEdit root = new MultiTextEdit();
		int oldCount = before.getRangeCount();
		int newCount = after.getRangeCount();
		int head = 0;
		while (head < oldCount && head < newCount && before.rangesEqual(head, after, head)) {
			head++;
		}
		int tail = 0;
		while (tail < oldCount - head && tail < newCount - head
				&& before.rangesEqual(oldCount - 1 - tail, after, newCount - 1 - tail)) {
			tail++;
		}
		int oldMiddle = oldCount - head - tail;
		int newMiddle = newCount - head - tail;
		if (oldMiddle == 0 && newMiddle == 0) {
			return root;
		}
		if (oldMiddle > MAX_DIFFERENCED_LINES || newMiddle > MAX_DIFFERENCED_LINES || oldMiddle == 0 || newMiddle == 0) {
			replace(root, before, after, newText, head, head + oldMiddle, head, head + newMiddle);
			return root;
		}
		Lines oldPart = before.slice(head, head + oldMiddle);
		Lines newPart = after.slice(head, head + newMiddle);
		for (RangeDifference difference : RangeDifferencer.findDifferences(oldPart, newPart)) {
			if (difference.kind() != RangeDifference.NOCHANGE) {
				replace(root, before, after, newText, head + difference.leftStart(), head + difference.leftEnd(),
						head + difference.rightStart(), head + difference.rightEnd());
			}
		}
		return root;
	}

	private static void replace(MultiTextEdit root, Lines before, Lines after, String newText, int oldFrom, int oldTo,
			int newFrom, int newTo) {
		int start = before.offset(oldFrom);
		int end = before.offset(oldTo);
		root.addChild(new ReplaceEdit(start, end - start, newText.substring(after.offset(newFrom), after.offset(newTo))));
	}

	/** A text split into lines that keep their line delimiters, so that every character belongs to a line. */
	private static final class Lines implements IRangeComparator {

		private final String text;
		private final List<Integer> starts;
		private final int first;
		private final int count;

		Lines(String text) {
			this.text = text;
			this.starts = new ArrayList<>();
			int index = 0;
			while (index < text.length()) {
				starts.add(index);
				int newline = text.indexOf('\n', index);
				index = newline < 0 ? text.length() : newline + 1;
			}
			this.first = 0;
			this.count = starts.size();
		}

		private Lines(Lines whole, int from, int to) {
			this.text = whole.text;
			this.starts = whole.starts;
			this.first = from;
			this.count = to - from;
		}

		/** Lines {@code from} (inclusive) to {@code to} (exclusive), numbered from 0 again. */
		Lines slice(int from, int to) {
			return new Lines(this, first + from, first + to);
		}

		/** Where line {@code line} begins; the text's length for the line after the last. */
		int offset(int line) {
			int absolute = first + line;
			return absolute >= starts.size() ? text.length() : starts.get(absolute);
		}

		@Override
		public int getRangeCount() {
			return count;
		}

		@Override
		public boolean rangesEqual(int thisIndex, IRangeComparator other, int otherIndex) {
			Lines that = (Lines) other;
			int start = offset(thisIndex);
			int length = offset(thisIndex + 1) - start;
			int otherStart = that.offset(otherIndex);
			return length == that.offset(otherIndex + 1) - otherStart
					&& text.regionMatches(start, that.text, otherStart, length);
		}

		@Override
		public boolean skipRangeComparison(int length, int maxLength, IRangeComparator other) {
			return false;
		}
	}
}
