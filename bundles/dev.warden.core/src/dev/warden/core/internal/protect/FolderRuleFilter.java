package dev.warden.core.internal.protect;

import java.util.List;

import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * One list of ignore rules narrowed to the entries of one folder, for a walk: which rules could match an entry is
 * decided from the folder's path once and from the entry's name for each entry, and JGit matches only those. Decides
 * as {@link IgnoreRules#decisive(List, List, String, boolean)} on {@code prefix + name}, whose rule is skipped when
 * the path lacks its {@linkplain IgnoreRules#literal literal}:
 * <ul>
 * <li>a literal without {@code /} cannot straddle a {@code /}, so it occurs in the path exactly when it occurs in the
 * prefix or in the name (and in a sub-folder's prefix exactly when it occurs in this prefix or in the sub-folder's
 * name, see {@link #child});</li>
 * <li>a literal with a {@code /} (its part before the last one, {@code A}, is not empty: literals have no slash at
 * their ends) that occurs in the path has its last {@code /} in the prefix, names having none, so {@code A} occurs in
 * the prefix: such a rule is kept for every entry when the prefix contains {@code A}, and skipped for every entry
 * when it does not.</li>
 * </ul>
 * A name is tested against the literals it may contain with a mask of its characters first (see {@link #mask}).
 * Immutable.
 */
public final class FolderRuleFilter {

	/** What the filters of every folder share: the rules and what their literals are made of. */
	private static final class Table {
		final List<FastIgnoreRule> rules;
		/** Per rule: its literal when it has no {@code /} and is not empty, else {@code null}. */
		final String[] plain;
		/** Per rule: {@link #mask} of {@link #plain}. */
		final long[] masks;
		/** Per rule: the part of its literal before the last {@code /}, or {@code null} when it has none. */
		final String[] beforeSlash;

		Table(List<FastIgnoreRule> rules, List<String> literals) {
			this.rules = rules;
			int n = rules.size();
			plain = new String[n];
			masks = new long[n];
			beforeSlash = new String[n];
			for (int i = 0; i < n; i++) {
				String literal = literals.get(i);
				int slash = literal.lastIndexOf('/');
				if (slash >= 0) {
					beforeSlash[i] = literal.substring(0, slash);
				} else if (!literal.isEmpty()) {
					plain[i] = literal;
					masks[i] = mask(literal);
				}
			}
		}
	}

	private final Table table;
	private final String prefix;
	/** Per rule: {@code true} when every entry's path may match it (as the prefix shows). */
	private final boolean[] always;

	/**
	 * @param prefix the folder's path relative to the rules' folder, ending with {@code /}, or {@code ""} for the
	 *               rules' folder itself; spelled as the paths the rules are matched with (folded where they are)
	 */
	public FolderRuleFilter(List<FastIgnoreRule> rules, List<String> literals, String prefix) {
		this(new Table(rules, literals), prefix, null, null);
	}

	private FolderRuleFilter(Table table, String prefix, FolderRuleFilter parent, String name) {
		this.table = table;
		this.prefix = prefix;
		int n = table.rules.size();
		always = new boolean[n];
		long nameMask = parent == null ? 0 : mask(name);
		for (int i = 0; i < n; i++) {
			String plain = table.plain[i];
			if (table.beforeSlash[i] != null) {
				always[i] = prefix.contains(table.beforeSlash[i]);
			} else if (plain == null) {
				always[i] = true; // no text a match must contain
			} else if (parent != null) {
				always[i] = parent.always[i] || (table.masks[i] & ~nameMask) == 0 && name.contains(plain);
			} else {
				always[i] = prefix.contains(plain);
			}
		}
	}

	/**
	 * The filter for the sub-folder {@code name} of this one's folder, spelled as the paths are matched: its prefix
	 * is this prefix, the name and {@code /}.
	 */
	public FolderRuleFilter child(String name) {
		return new FolderRuleFilter(table, prefix + name + '/', this, name);
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
		for (int i = table.rules.size() - 1; i >= 0; i--) {
			if (!always[i]) {
				String plain = table.plain[i];
				if (plain == null || (table.masks[i] & ~nameMask) != 0 || !name.contains(plain)) {
					continue;
				}
			}
			if (path == null) {
				path = prefix.isEmpty() ? name : prefix + name;
			}
			FastIgnoreRule rule = table.rules.get(i);
			if (IgnoreRules.matches(rule, path, directory)) {
				return rule;
			}
		}
		return null;
	}
}
