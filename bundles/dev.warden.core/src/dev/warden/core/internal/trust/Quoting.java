package dev.warden.core.internal.trust;

import java.util.List;

/** Writes words back as shell text: for patterns (so that they read back as the same words) and for display. */
public final class Quoting {

	private Quoting() {
	}

	/** Whether a word can be written without quotes. */
	private static boolean isPlain(String word) {
		if (word.isEmpty()) {
			return false;
		}
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "_@%+=:,./-".indexOf(c) >= 0;
			if (!plain) {
				return false;
			}
		}
		return true;
	}

	/** The word as shell text that reads back as exactly this word; single quotes when needed. */
	public static String quote(String word) {
		if (isPlain(word)) {
			return word;
		}
		return "'" + word.replace("'", "'\\''") + "'";
	}

	/** The words as one line of shell text, quoted where needed. */
	public static String join(List<String> words) {
		StringBuilder text = new StringBuilder();
		for (String word : words) {
			if (!text.isEmpty()) {
				text.append(' ');
			}
			text.append(quote(word));
		}
		return text.toString();
	}

	/**
	 * The words for a message a user reads: quoted where needed, with newlines and tabs shown as {@code \n} and
	 * {@code \t} so that the message stays on one line.
	 */
	public static String display(List<String> words) {
		return oneLine(join(words));
	}

	/** A text shown on one line: newlines, carriage returns and tabs are written as escapes. */
	public static String oneLine(String text) {
		if (text.indexOf('\n') < 0 && text.indexOf('\t') < 0 && text.indexOf('\r') < 0) {
			return text;
		}
		return text.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
	}

	/** The last path segment of a word: {@code /usr/bin/sudo} gives {@code sudo}. */
	public static String basename(String word) {
		if (word.indexOf('/') < 0) {
			return word; // the usual bare name: the forward search is the faster one
		}
		int slash = word.lastIndexOf('/');
		return slash < 0 || slash == word.length() - 1 ? word : word.substring(slash + 1);
	}
}
