package dev.warden.core.internal.protect;

/**
 * Makes text safe to print as one field of one line: every control character (C0, DEL, C1), line and paragraph
 * separator and invisible format character (bidirectional overrides, zero-width characters) is written as an escape —
 * {@code \t}, {@code \n}, {@code \r}, {@code \x00}…{@code \x9f}, {@code \u2028}, {@code \u202e} — so a reason that
 * quotes hostile input can neither split an answer nor move a terminal's cursor. Other text is kept as it is;
 * escaping twice changes nothing more.
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	/** {@code text} with every control, separator and format character escaped. */
	public static String escape(String text) {
		int first = firstUnsafe(text);
		if (first < 0) {
			return text;
		}
		StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!unsafe(c)) {
				b.append(c);
			} else if (c == '\t') {
				b.append("\\t");
			} else if (c == '\n') {
				b.append("\\n");
			} else if (c == '\r') {
				b.append("\\r");
			} else if (c < 0x100) {
				b.append(String.format("\\x%02x", (int) c));
			} else {
				b.append(String.format("\\u%04x", (int) c));
			}
		}
		return b.toString();
	}

	/** Whether {@code text} has a character {@link #escape} would change. */
	public static boolean hasUnsafe(String text) {
		return firstUnsafe(text) >= 0;
	}

	private static int firstUnsafe(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (unsafe(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean unsafe(char c) {
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
			return true;
		}
		if (c < 0xa0) {
			return false;
		}
		int type = Character.getType(c);
		return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
	}
}
