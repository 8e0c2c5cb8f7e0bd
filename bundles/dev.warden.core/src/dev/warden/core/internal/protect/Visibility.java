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
	private final IgnoreFileCache cache;
	private final GlobalExcludes globals;

	public Visibility(SensitivePatterns sensitive, IgnoreFileCache cache, GlobalExcludes globals) {
		this.sensitive = sensitive;
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
		FastIgnoreRule rule;
		if (warden != null) {
			if (warden.failure() != null) {
				return "hidden because " + WARDEN_IGNORE + " cannot be read (" + warden.failure() + ")";
			}
			rule = warden.decisive(path, directory);
			if (rule != null && rule.getResult()) {
				return "ignored: matches '" + rule + "' in " + WARDEN_IGNORE;
			}
		}
		IgnoreChain.Match match = chain.match(name, directory);
		if (match != null && match.ignored()) {
			String file = label(root, match.file());
			return match.rule() == null ? "hidden because " + file + " cannot be read"
					: "ignored: matches '" + match.rule() + "' in " + file;
		}
		return null;
	}

	/**
	 * Why {@code relative} is sensitive under {@code sensitive}, as written or in its plain spelling (see
	 * {@link SensitivePatterns#plainSpelling}), or {@code null}.
	 */
	public static String sensitiveReason(SensitivePatterns sensitive, String relative, boolean directory) {
		String lower = SensitivePatterns.lowerCase(relative);
		FastIgnoreRule rule = sensitive.decisive(lower, directory);
		if (rule != null && rule.getResult()) {
			return "sensitive: matches '" + rule + "' in the sensitive patterns";
		}
		if (!mayLookAlike(relative)) {
			return null;
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
