package dev.warden.core.internal.protect;

import java.util.List;

import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * One list of ignore rules narrowed to the entries of one folder, for a walk: which rules could match an entry is
 * decided from the folder's path once and from the entry's name for each entry, and JGit matches only those. Decides
 * as {@link IgnoreRules#decisive(List, List, String, boolean)} on {@code prefix + name}, whose rule is skipped when
 * the path lacks its {@linkplain IgnoreRules#literal literal}:
 * <ul>
 * <li>a literal without {@code /} cannot straddle the {@code /} that ends the prefix, so it occurs in the path exactly
 * when it occurs in the prefix or in the name;</li>
 * <li>a literal with a {@code /} (its part before the last one, {@code A}, is not empty: literals have no slash at
 * their ends) that occurs in the path has its last {@code /} in the prefix, names having none, so {@code A} occurs in
 * the prefix: such a rule is kept for every entry when the prefix contains {@code A}, and skipped for every entry
 * when it does not.</li>
 * </ul>
 * A name is tested against the literals it may contain with a mask of its characters first (see {@link #mask}).
 * Immutable.
 */
public final class FolderRuleFilter {

	private final List<FastIgnoreRule> rules;
	private final String prefix;
	/** Per rule: {@code true} when every entry's path may match it (as the prefix shows). */
	private final boolean[] always;
	/** Per rule: the literal an entry's name must contain, or {@code null} when the name cannot make it match. */
	private final String[] inName;
	/** Per rule: {@link #mask} of {@link #inName}. */
	private final long[] inNameMask;

	/**
	 * @param prefix the folder's path relative to the rules' folder, ending with {@code /}, or {@code ""} for the
	 *               rules' folder itself; spelled as the paths the rules are matched with (folded where they are)
	 */
	public FolderRuleFilter(List<FastIgnoreRule> rules, List<String> literals, String prefix) {
		this.rules = rules;
		this.prefix = prefix;
		int n = rules.size();
		always = new boolean[n];
		inName = new String[n];
		inNameMask = new long[n];
		for (int i = 0; i < n; i++) {
			String literal = literals.get(i);
			int slash = literal.lastIndexOf('/');
			if (slash >= 0) {
				always[i] = prefix.contains(literal.substring(0, slash));
			} else if (literal.isEmpty() || prefix.contains(literal)) {
				always[i] = true;
			} else {
				inName[i] = literal;
				inNameMask[i] = mask(literal);
			}
		}
	}

	/**
	 * The characters of {@code text}, as a set of 64 classes ({@code c & 63}): a text whose mask has a class that
	 * another's lacks is not contained in that other.
	 */
	public static long mask(String text) {
		long mask = 0;
		for (int i = 0; i < text.length(); i++) {
			mask |= 1L << (text.charAt(i) & 63);
		}
		return mask;
	}

	/**
	 * The rule that decides the entry {@code name} of the folder, that is the last one matching
	 * {@code prefix + name}, or {@code null}.
	 *
	 * @param nameMask {@link #mask(String) mask(name)}
	 */
	public FastIgnoreRule decisive(String name, long nameMask, boolean directory) {
		String path = null;
		for (int i = rules.size() - 1; i >= 0; i--) {
			if (!always[i]) {
				String literal = inName[i];
				if (literal == null || (inNameMask[i] & ~nameMask) != 0 || !name.contains(literal)) {
					continue;
				}
			}
			if (path == null) {
				path = prefix.isEmpty() ? name : prefix + name;
			}
			FastIgnoreRule rule = rules.get(i);
			if (IgnoreRules.matches(rule, path, directory)) {
				return rule;
			}
		}
		return null;
	}
}
