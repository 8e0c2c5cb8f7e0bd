package dev.warden.core.internal.tools;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a text that a pattern matches, each line matched on its own as if it were the whole input (lines end
 * at {@code \r\n}, {@code \r} or {@code \n}; the text after the last line end is a line too, even when empty).
 * <p>
 * Matching every line on its own costs a matcher run per line. Where the pattern allows, the whole text is searched
 * once instead ({@link Pattern#MULTILINE}, so that {@code ^} and {@code $} also match at line ends) and only the lines
 * it finds something in are matched on their own: such a search finds at least every line that matches on its own,
 * unless the pattern looks beyond a line ({@code \A}, {@code \z}, {@code \Z}, {@code \G}, lookaround and inline flags);
 * those patterns are matched line by line.
 */
final class LineSearch {

	/** Receives a matching line: its number (from 1) and where it starts and ends in the text. */
	interface Visitor {
		/** @return whether to go on */
		boolean line(int number, int start, int end);
	}

	private final Pattern pattern;

	/** The pattern over the whole text, or {@code null} when it might miss a line that matches on its own. */
	private final Pattern wholeText;

	LineSearch(Pattern pattern) {
		this.pattern = pattern;
		this.wholeText = (pattern.flags() & Pattern.LITERAL) != 0 || !looksBeyondLine(pattern.pattern())
				? Pattern.compile(pattern.pattern(), pattern.flags() | Pattern.MULTILINE)
				: null;
	}

	private static boolean looksBeyondLine(String regex) {
		for (int i = 0; i + 1 < regex.length(); i++) {
			char c = regex.charAt(i);
			char next = regex.charAt(i + 1);
			if (c == '\\') {
				if ("AzZG".indexOf(next) >= 0) { //$NON-NLS-1$
					return true;
				}
				i++; // an escaped character
			} else if (c == '(' && next == '?' && (i + 2 >= regex.length() || regex.charAt(i + 2) != ':')) {
				return true;
			}
		}
		return false;
	}

	/** Visits the matching lines of {@code text} in order; {@code false} when the visitor asked to stop. */
	boolean search(CharSequence text, Visitor visitor) {
		Matcher line = pattern.matcher(text);
		Lines lines = new Lines(text);
		if (wholeText == null) {
			while (lines.next()) {
				if (line.region(lines.start, lines.end).find() && !visitor.line(lines.number, lines.start, lines.end)) {
					return false;
				}
			}
			return true;
		}
		Matcher candidates = wholeText.matcher(text);
		int from = 0;
		while (from <= text.length() && candidates.find(from)) {
			lines.advanceTo(candidates.start());
			if (line.region(lines.start, lines.end).find() && !visitor.line(lines.number, lines.start, lines.end)) {
				return false;
			}
			from = lines.nextStart();
			if (from > text.length()) {
				break;
			}
		}
		// the search of the whole text cannot see an empty last line (^ does not match at the end of the input)
		int length = text.length();
		if ((length == 0 || isLineEnd(text.charAt(length - 1))) && from <= length
				&& line.region(length, length).find()) {
			lines.advanceTo(length); // counts the lines only when the empty last line matches
			return visitor.line(lines.number, length, length);
		}
		return true;
	}

	private static boolean isLineEnd(char c) {
		return c == '\n' || c == '\r';
	}

	/** A cursor over the lines of a text, moving forward only. */
	private static final class Lines {
		private final CharSequence text;
		int number;
		int start;
		int end = -1;

		Lines(CharSequence text) {
			this.text = text;
		}

		/** Where the line after the current one starts ({@code text.length() + 1} after the last line). */
		int nextStart() {
			if (end >= text.length()) {
				return text.length() + 1;
			}
			return text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? end + 2
					: end + 1;
		}

		/** Moves to the next line; {@code false} after the last. */
		boolean next() {
			int next = number == 0 ? 0 : nextStart();
			if (next > text.length()) {
				return false;
			}
			number++;
			start = next;
			end = start;
			while (end < text.length() && !isLineEnd(text.charAt(end))) {
				end++;
			}
			return true;
		}

		/**
		 * Moves to the line that holds {@code position}; a line end belongs to the line it ends. The position is never
		 * before the current line.
		 */
		void advanceTo(int position) {
			if (number == 0) {
				next();
			}
			while (position > end && next()) {
				// on to the line that holds it
			}
		}
	}
}
