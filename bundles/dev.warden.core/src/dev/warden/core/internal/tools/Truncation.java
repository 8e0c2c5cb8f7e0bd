package dev.warden.core.internal.tools;

/** Caps tool results so that one call cannot flood the model's context, and says plainly what was cut. */
public final class Truncation {

	/** The most characters any tool result may have. */
	public static final int MAX_RESULT_CHARS = 40_000;

	private Truncation() {
	}

	/**
	 * @param hint how to get the rest, e.g. "call read_file with start_line=200"; may be empty
	 * @return {@code text}, or its first {@code max} characters followed by a marker naming what was cut
	 */
	public static String cap(String text, int max, String hint) {
		if (text.length() <= max) {
			return text;
		}
		int end = max;
		if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "\n[truncated: showing the first " + end + " of " + text.length() //$NON-NLS-1$ //$NON-NLS-2$
				+ " characters" + (hint.isEmpty() ? "" : "; " + hint) + "]"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}

	/** @return {@code text} capped at {@link #MAX_RESULT_CHARS} */
	public static String cap(String text) {
		return cap(text, MAX_RESULT_CHARS, ""); //$NON-NLS-1$
	}
}
