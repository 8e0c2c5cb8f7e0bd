package dev.warden.core.internal.protect;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * The rules of one ignore file.
 *
 * @param file    where they were read from
 * @param rules   the rules in file order (later rules take precedence)
 * @param failure why the file could not be read, or {@code null}; an unreadable ignore file hides everything it
 *                governs, since what it was meant to hide is unknown
 */
public record IgnoreRules(Path file, List<FastIgnoreRule> rules, String failure) {

	public IgnoreRules {
		rules = List.copyOf(rules);
	}

	/**
	 * The rule that decides {@code path} (relative to the file's folder, {@code /}-separated), that is the last one
	 * matching it, or {@code null} if none does. Matching is JGit's.
	 */
	public FastIgnoreRule decisive(String path, boolean directory) {
		return decisive(rules, path, directory);
	}

	/**
	 * The longest run of plain characters of {@code rule}'s pattern, without slashes at its ends: text every path the
	 * rule matches contains; {@code ""} when the pattern escapes anything (then no text is certain).
	 */
	public static String literal(FastIgnoreRule rule) {
		String pattern = rule.toString();
		if (pattern.startsWith("!")) {
			pattern = pattern.substring(1);
		}
		if (pattern.indexOf('\\') >= 0) {
			return "";
		}
		String best = "";
		for (String run : pattern.split("[*?\\[\\]]")) {
			String trimmed = run.replaceAll("^/+|/+$", "");
			if (trimmed.length() > best.length()) {
				best = trimmed;
			}
		}
		return best;
	}

	/** The last rule of {@code rules} that matches, or {@code null}. */
	public static FastIgnoreRule decisive(List<FastIgnoreRule> rules, String path, boolean directory) {
		return decisive(rules, null, path, directory);
	}

	/**
	 * As {@link #decisive(List, String, boolean)}, skipping a rule whose {@linkplain #literal literal} (same index in
	 * {@code literals}, when given) does not occur in {@code path}: such a rule cannot match it.
	 */
	public static FastIgnoreRule decisive(List<FastIgnoreRule> rules, List<String> literals, String path,
			boolean directory) {
		for (int i = rules.size() - 1; i >= 0; i--) {
			if (literals != null && !path.contains(literals.get(i))) {
				continue;
			}
			FastIgnoreRule rule = rules.get(i);
			boolean match;
			try {
				match = rule.isMatch(path, directory, true);
			} catch (RuntimeException e) {
				// JGit could not match this path: a rule that hides is taken to match, a negation not to
				match = rule.getResult();
			}
			if (match) {
				return rule;
			}
		}
		return null;
	}
}
