package dev.warden.core.internal.trust;

import java.util.List;

import dev.warden.core.trust.DenyRule;

/**
 * A word deny rule compiled for matching: a command matches when its words start with the rule's words, where
 * a {@code *} inside a word matches any characters and a {@code *} standing alone matches any number of words.
 * Matching takes time proportional to the product of the rule's and the command's lengths; no regular
 * expression is involved.
 */
public final class DenyMatcher {

	/** The outcome of matching a command against a rule. */
	public enum Result {
		/** The command does not match. */
		NO,
		/** The command matches. */
		MATCH,
		/** The command's known words match a prefix of the rule: arguments added at run time could complete it. */
		MAYBE
	}

	private static final char STAR = '\uFFFF';

	private final DenyRule rule;
	/** The compiled words; null stands for a {@code *} standing alone. */
	private final char[][] words;
	private final boolean nameHasSlash;

	public DenyMatcher(DenyRule rule) {
		this.rule = rule;
		this.words = new char[rule.words().size()][];
		for (int i = 0; i < words.length; i++) {
			String glob = rule.words().get(i);
			words[i] = glob.equals("*") ? null : compile(glob);
		}
		this.nameHasSlash = !rule.words().isEmpty() && rule.words().get(0).indexOf('/') >= 0;
	}

	public DenyRule rule() {
		return rule;
	}

	private static char[] compile(String glob) {
		StringBuilder out = new StringBuilder(glob.length());
		for (int i = 0; i < glob.length(); i++) {
			char c = glob.charAt(i);
			if (c == '\\' && i + 1 < glob.length()) {
				out.append(glob.charAt(++i));
			} else {
				out.append(c == '*' ? STAR : c);
			}
		}
		return out.toString().toCharArray();
	}

	/**
	 * The program name this rule applies to when its first word is a plain word (the index key), or null when
	 * the first word holds a wildcard or a slash.
	 */
	public String programKey() {
		if (words.length == 0 || words[0] == null || nameHasSlash) {
			return null;
		}
		for (char c : words[0]) {
			if (c == STAR) {
				return null;
			}
		}
		return new String(words[0]);
	}

	/**
	 * Matches the words of a command; with {@code openTail}, more words may follow at run time.
	 *
	 * @param name the last path segment of the command's first word
	 */
	public Result match(List<Word> command, String name, boolean openTail) {
		int n = command.size();
		int m = words.length;
		int i = 0;
		int j = 0;
		int starJ = -1;
		int starI = 0;
		while (true) {
			if (j == m) {
				return Result.MATCH;
			}
			if (words[j] == null) {
				starJ = j++;
				starI = i;
				continue;
			}
			if (i == n) {
				return openTail ? Result.MAYBE : Result.NO;
			}
			if (matchesWord(words[j], i == 0 && !nameHasSlash ? name : command.get(i).text())) {
				i++;
				j++;
				continue;
			}
			if (starJ >= 0) {
				j = starJ + 1;
				i = ++starI;
				continue;
			}
			return Result.NO;
		}
	}

	/** Glob matching of one word, {@code STAR} matching any characters. */
	private static boolean matchesWord(char[] pattern, String text) {
		int p = 0;
		int t = 0;
		int starP = -1;
		int starT = 0;
		while (t < text.length()) {
			if (p < pattern.length && pattern[p] == STAR) {
				starP = p++;
				starT = t;
			} else if (p < pattern.length && pattern[p] == text.charAt(t)) {
				p++;
				t++;
			} else if (starP >= 0) {
				p = starP + 1;
				t = ++starT;
			} else {
				return false;
			}
		}
		while (p < pattern.length && pattern[p] == STAR) {
			p++;
		}
		return p == pattern.length;
	}
}
