package dev.warden.core.internal.protect;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.jgit.ignore.FastIgnoreRule;

import dev.warden.core.protect.SensitivePatterns;

/**
 * Decides whether a location inside a root is hidden from the agent. Three sources, each able only to hide: the
 * sensitive patterns, the root's {@code .wardenignore}, and Git's ignore rules ({@code .gitignore} at every level,
 * {@code info/exclude} and the user's {@code core.excludesFile}). An entry whose folder is hidden is hidden too, whatever negations say below it, as in Git.
 * Matching is JGit's; sensitive patterns ignore case, and on a case-insensitive file system so do the ignore files.
 */
public final class Visibility {

	/** The name of the per-root ignore file that hides files from the agent only. */
	public static final String WARDEN_IGNORE = ".wardenignore";

	private final SensitivePatterns sensitive;
	/** The {@linkplain IgnoreRules#literal literals} of the sensitive patterns' rules, same index. */
	private final List<String> sensitiveLiterals;
	private final IgnoreFileCache cache;
	private final GlobalExcludes globals;

	public Visibility(SensitivePatterns sensitive, IgnoreFileCache cache, GlobalExcludes globals) {
		this.sensitive = sensitive;
		this.sensitiveLiterals = sensitive.rules().stream().map(IgnoreRules::literal).toList();
		this.cache = cache;
		this.globals = globals;
	}

	public SensitivePatterns sensitive() {
		return sensitive;
	}

	/** The rules of the root's {@code .wardenignore}, or {@code null} when it has none. */
	public IgnoreRules wardenRules(RootContext root) {
		return cache.rules(root.real().resolve(WARDEN_IGNORE), root.caseInsensitive());
	}

	/** The Git ignore rules for the entries of the root folder itself. */
	public IgnoreChain rootChain(RootContext root) {
		return IgnoreChain.forDirectory(root.real(), root.workTreeTop(), cache, globals, root.caseInsensitive());
	}

	/**
	 * Why the location {@code segments} (relative to {@code root}) is hidden, or {@code null} if it is visible; the
	 * location and each folder on the way to it are checked.
	 */
	public String hiddenReason(RootContext root, List<String> segments, boolean directory) {
		if (segments.isEmpty()) {
			return null;
		}
		IgnoreRules warden = wardenRules(root);
		IgnoreChain chain = rootChain(root);
		StringBuilder relative = new StringBuilder();
		for (int i = 0; i < segments.size(); i++) {
			String name = segments.get(i);
			boolean isDirectory = i < segments.size() - 1 || directory;
			if (i > 0) {
				relative.append('/');
			}
			relative.append(name);
			String reason = entryReason(root, chain, warden, relative.toString(), name, isDirectory);
			if (reason != null) {
				return i < segments.size() - 1 ? reason + " (folder '" + relative + "')" : reason;
			}
			if (i < segments.size() - 1) {
				chain = chain.child(name);
			}
		}
		return null;
	}

	/**
	 * Why the entry {@code name} of the folder {@code chain} stands for is hidden, or {@code null}; its folder is
	 * known to be visible.
	 *
	 * @param relative the entry's path relative to the root, {@code /}-separated
	 */
	public String entryReason(RootContext root, IgnoreChain chain, IgnoreRules warden, String relative, String name,
			boolean directory) {
		boolean folded = root.caseInsensitive();
		String path = folded ? relative.toLowerCase(Locale.ROOT) : relative;
		String sensitiveReason = sensitiveReason(sensitive, relative, directory);
		if (sensitiveReason != null) {
			return sensitiveReason;
		}
		if (warden != null) {
			if (warden.failure() != null) {
				return wardenUnreadable(warden);
			}
			String reason = wardenReason(warden.decisive(path, directory));
			if (reason != null) {
				return reason;
			}
		}
		return chainReason(root, chain.match(name, directory));
	}

	/**
	 * The rules for the entries of the visible folder {@code chain} stands for, narrowed to that folder once (see
	 * {@link FolderRuleFilter}), for a walk that decides each entry.
	 *
	 * @param relative the folder's path relative to the root, {@code /}-separated, {@code ""} for the root
	 */
	public Folder folder(RootContext root, IgnoreChain chain, IgnoreRules warden, String relative) {
		return new Folder(root, chain, warden, relative);
	}

	/**
	 * The rules for the entries of one visible folder: {@link #reason} decides as {@link Visibility#entryReason}
	 * does. For an entry whose path is ASCII and has no name ending in a dot or space (no look-alike spelling to try),
	 * the sensitive patterns, the {@code .wardenignore} and each ignore file of the chain are narrowed to the folder
	 * with {@link FolderRuleFilter}; any other entry is decided by {@code entryReason} itself. Immutable.
	 */
	public final class Folder {
		private final RootContext root;
		private final IgnoreChain chain;
		private final IgnoreRules warden;
		private final String relative;
		/** Whether the folder's path is plain: ASCII (lower-casing it goes name by name) and no look-alike. */
		private final boolean plain;
		private final FolderRuleFilter sensitiveRules;
		private final FolderRuleFilter wardenRules;
		private final IgnoreChain.Filtered chainRules;

		private Folder(RootContext root, IgnoreChain chain, IgnoreRules warden, String relative) {
			this.root = root;
			this.chain = chain;
			this.warden = warden;
			this.relative = relative;
			plain = !mayLookAlike(relative);
			String prefix = relative.isEmpty() ? "" : relative + '/';
			String lower = prefix.toLowerCase(Locale.ROOT);
			sensitiveRules = plain ? new FolderRuleFilter(sensitive.rules(), sensitiveLiterals, lower) : null;
			wardenRules = plain && warden != null && warden.failure() == null
					? new FolderRuleFilter(warden.rules(), warden.literals(), root.caseInsensitive() ? lower : prefix)
					: null;
			chainRules = plain ? chain.filtered() : null;
		}

		/** The rules of the sub-folder {@code name}, made from these, whose chain is {@code childChain}. */
		private Folder(Folder parent, String name, IgnoreChain childChain) {
			root = parent.root;
			chain = childChain;
			warden = parent.warden;
			relative = parent.relative.isEmpty() ? name : parent.relative + '/' + name;
			plain = parent.plain && !mayLookAlike(name);
			String lower = plain ? SensitivePatterns.lowerCase(name) : null;
			sensitiveRules = plain ? parent.sensitiveRules.child(lower) : null;
			wardenRules = plain && parent.wardenRules != null
					? parent.wardenRules.child(root.caseInsensitive() ? lower : name)
					: null;
			chainRules = plain ? parent.chainRules.child(childChain, name) : null;
		}

		/**
		 * The rules for the entries of the visible sub-folder {@code name} of this folder, whose chain is
		 * {@code childChain}: as {@link Visibility#folder} makes them, narrowed further from these.
		 */
		public Folder child(String name, IgnoreChain childChain) {
			return new Folder(this, name, childChain);
		}

		/** Why the entry {@code name} of this folder is hidden, or {@code null} when it is visible. */
		public String reason(String name, boolean directory) {
			if (!plain || mayLookAlike(name)) {
				return entryReason(root, chain, warden, relative.isEmpty() ? name : relative + '/' + name, name,
						directory);
			}
			String lower = SensitivePatterns.lowerCase(name);
			long lowerMask = FolderRuleFilter.mask(lower);
			String reason = sensitiveMatch(sensitiveRules.decisive(lower, lowerMask, directory));
			if (reason != null) {
				return reason;
			}
			if (warden != null) {
				if (warden.failure() != null) {
					return wardenUnreadable(warden);
				}
				reason = root.caseInsensitive() ? wardenReason(wardenRules.decisive(lower, lowerMask, directory))
						: wardenReason(wardenRules.decisive(name, FolderRuleFilter.mask(name), directory));
				if (reason != null) {
					return reason;
				}
			}
			return chainReason(root, chainRules.match(name, directory));
		}
	}

	private static String wardenUnreadable(IgnoreRules warden) {
		return "hidden because " + WARDEN_IGNORE + " cannot be read (" + warden.failure() + ")";
	}

	private static String wardenReason(FastIgnoreRule rule) {
		return rule != null && rule.getResult() ? "ignored: matches '" + rule + "' in " + WARDEN_IGNORE : null;
	}

	private static String chainReason(RootContext root, IgnoreChain.Match match) {
		if (match == null || !match.ignored()) {
			return null;
		}
		String file = label(root, match.file());
		return match.rule() == null ? "hidden because " + file + " cannot be read"
				: "ignored: matches '" + match.rule() + "' in " + file;
	}

	private static String sensitiveMatch(FastIgnoreRule rule) {
		return rule != null && rule.getResult() ? "sensitive: matches '" + rule + "' in the sensitive patterns" : null;
	}

	/**
	 * Why {@code relative} is sensitive under {@code sensitive}, as written or in its plain spelling (see
	 * {@link SensitivePatterns#plainSpelling}), or {@code null}.
	 */
	public static String sensitiveReason(SensitivePatterns sensitive, String relative, boolean directory) {
		String lower = SensitivePatterns.lowerCase(relative);
		FastIgnoreRule rule = sensitive.decisive(lower, directory);
		String reason = sensitiveMatch(rule);
		if (reason != null || !mayLookAlike(relative)) {
			return reason;
		}
		String plain = SensitivePatterns.plainSpelling(relative);
		if (!plain.equals(lower)) {
			rule = sensitive.decisive(plain, directory);
			if (rule != null && rule.getResult()) {
				return "sensitive: a look-alike of '" + plain + "', which matches '" + rule
						+ "' in the sensitive patterns";
			}
		}
		return null;
	}

	/** Whether {@code path} may have a plain spelling of its own: a character beyond ASCII, or a name ending in a dot or space. */
	private static boolean mayLookAlike(String path) {
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c >= 0x80 || ((c == '.' || c == ' ') && (i + 1 == path.length() || path.charAt(i + 1) == '/'))) {
				return true;
			}
		}
		return false;
	}

	private static String label(RootContext root, Path file) {
		return root.label(file);
	}
}
