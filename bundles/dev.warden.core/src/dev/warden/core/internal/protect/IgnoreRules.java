package dev.warden.core.internal.protect;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * The rules of one ignore file.
 *
 * @param file    where they were read from
 * @param rules   the rules in file order (later rules take precedence)
 * @param failure  why the file could not be read, or {@code null}; an unreadable ignore file hides everything it
 *                 governs, since what it was meant to hide is unknown
 * @param literals each rule's {@linkplain #literal literal}, same index: a rule whose literal a path does not contain
 *                 cannot match it, which spares JGit's matching for most rules and entries of a walk
 */
public record IgnoreRules(Path file, List<FastIgnoreRule> rules, String failure, List<String> literals) {

	public IgnoreRules {
		rules = List.copyOf(rules);
		literals = List.copyOf(literals);
		if (literals.size() != rules.size()) {
			throw new IllegalArgumentException("one literal per rule");
		}
	}

	/** The rules of {@code file}, with their literals. */
	public IgnoreRules(Path file, List<FastIgnoreRule> rules, String failure) {
		this(file, rules, failure, rules.stream().map(IgnoreRules::literal).toList());
	}

	/**
	 * The rule that decides {@code path} (relative to the file's folder, {@code /}-separated), that is the last one
	 * matching it, or {@code null} if none does. Matching is JGit's.
	 */
	public FastIgnoreRule decisive(String path, boolean directory) {
		return decisive(rules, literals, path, directory);
	}

	/**
	 * The longest run of plain characters of {@code rule}'s pattern, without slashes at its ends: text every path the
	 * rule matches contains; {@code ""} when the pattern escapes anything (then no text is certain). Runs are taken
	 * only before the first {@code [} and after the last {@code ]}: what stands between may be a set of characters,
	 * none of which a match must contain.
	 */
	public static String literal(FastIgnoreRule rule) {
		String pattern = rule.toString();
		if (pattern.startsWith("!")) {
			pattern = pattern.substring(1);
		}
		if (pattern.indexOf('\\') >= 0) {
			return "";
		}
		int open = pattern.indexOf('[');
		if (open >= 0) {
			int close = pattern.lastIndexOf(']');
			String after = close > open ? pattern.substring(close + 1) : "";
			pattern = pattern.substring(0, open) + "*" + (after.indexOf('[') >= 0 ? "" : after);
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
			if (matches(rule, path, directory)) {
				return rule;
			}
		}
		return null;
	}

	/** Whether {@code rule} matches {@code path}, by JGit. */
	static boolean matches(FastIgnoreRule rule, String path, boolean directory) {
		try {
			return rule.isMatch(path, directory, true);
		} catch (RuntimeException e) {
			// JGit could not match this path: a rule that hides is taken to match, a negation not to
			return rule.getResult();
		}
	}
}
