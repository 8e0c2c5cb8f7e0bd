package dev.warden.core.internal.protect;

/**
 * Keeps ignore rules from making matching slow. JGit matches a name against a rule like {@code a*a*a*a*a*b} with a
 * regular expression that backtracks: with k wildcards a name of n characters costs about n^k steps, so one such line
 * in a cloned repository's {@code .gitignore} could stall every decision (and the IDE's decorator) for minutes. A name
 * pattern with more than {@value #MAX_WILDCARDS} wildcard runs is therefore widened before JGit reads it, keeping what
 * comes before the first wildcard and after the last ({@code a*a*a*b} becomes {@code a*b}, which matches every name
 * the original matched and more); a negation ({@code !…}) with such a pattern is dropped instead. Either way the rule
 * can only hide more than it says, never less. Other lines are kept exactly, line numbers included.
 */
public final class WildcardLimit {

	/** The most wildcard runs ({@code *}, {@code **}) one name of a pattern may have as written. */
	public static final int MAX_WILDCARDS = 2;

	private WildcardLimit() {
	}

	/** {@code text} in ignore-file syntax with every rule that could match slowly made safe. */
	public static String tame(String text) {
		int stars = 0;
		for (int i = 0; i < text.length() && stars <= MAX_WILDCARDS; i++) {
			if (text.charAt(i) == '*') {
				stars++;
			}
		}
		if (stars <= MAX_WILDCARDS) {
			return text;
		}
		String[] lines = text.split("\n", -1);
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < lines.length; i++) {
			if (i > 0) {
				out.append('\n');
			}
			out.append(tameLine(lines[i]));
		}
		return out.toString();
	}

	private static String tameLine(String line) {
		if (line.startsWith("#") || line.indexOf('*') < 0) {
			return line;
		}
		boolean negation = line.startsWith("!");
		String body = negation ? line.substring(1) : line;
		StringBuilder out = new StringBuilder(body.length());
		int segmentStart = 0;
		boolean changed = false;
		int i = 0;
		while (i <= body.length()) {
			int end = nextSeparator(body, i);
			String segment = body.substring(segmentStart, end);
			String tamed = tameSegment(segment);
			if (!tamed.equals(segment)) {
				changed = true;
			}
			out.append(tamed);
			if (end < body.length()) {
				out.append('/');
			}
			segmentStart = end + 1;
			i = end + 1;
		}
		if (!changed) {
			return line;
		}
		return negation ? "" : out.toString();
	}

	/** The index of the next unescaped {@code /} at or after {@code from}, or the length. */
	private static int nextSeparator(String text, int from) {
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			} else if (c == '/') {
				return i;
			}
		}
		return text.length();
	}

	private static String tameSegment(String segment) {
		if (segment.equals("**")) {
			return segment;
		}
		int runs = 0;
		int first = -1;
		int lastEnd = -1;
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '\\') {
				i++;
			} else if (c == '[') {
				i = classEnd(segment, i);
			} else if (c == '*') {
				int start = i;
				while (i + 1 < segment.length() && segment.charAt(i + 1) == '*') {
					i++;
				}
				runs++;
				if (first < 0) {
					first = start;
				}
				lastEnd = i + 1;
			}
		}
		if (runs <= MAX_WILDCARDS) {
			return segment;
		}
		return segment.substring(0, first) + "*" + segment.substring(lastEnd);
	}

	/**
	 * The index of the {@code ]} closing the class opened at {@code open}, or {@code open} when it is not closed: a
	 * {@code ]} first (after {@code !} or {@code ^}) is one of its characters, as is one inside {@code [:upper:]} or
	 * after a back-slash.
	 */
	public static int classEnd(String segment, int open) {
		int i = open + 1;
		if (i < segment.length() && (segment.charAt(i) == '!' || segment.charAt(i) == '^')) {
			i++;
		}
		if (i < segment.length() && segment.charAt(i) == ']') {
			i++;
		}
		for (; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '\\') {
				i++;
			} else if (c == '[' && i + 1 < segment.length() && segment.charAt(i + 1) == ':') {
				int close = segment.indexOf(":]", i + 2);
				if (close > 0) {
					i = close + 1;
				}
			} else if (c == ']') {
				return i;
			}
		}
		return open;
	}
}
