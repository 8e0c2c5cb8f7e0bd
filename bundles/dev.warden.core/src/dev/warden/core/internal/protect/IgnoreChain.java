package dev.warden.core.internal.protect;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * The Git ignore rules that apply to the entries of one folder: the {@code .gitignore} of that folder and of each
 * folder above it up to the top of its Git work tree (deeper files take precedence), then the repository's
 * {@code info/exclude}, then the user's global ignore file ({@code core.excludesFile}, see {@link GlobalExcludes}). A
 * folder whose {@code .git} is a valid repository starts a new chain (a nested repository or submodule); an invalid
 * {@code .git} (empty, or a stale {@code gitdir:} pointer) does not, as in Git (see {@link GitLayout}).
 * Immutable; a chain for a sub-folder is made with {@link #child}.
 */
public final class IgnoreChain {

	/** How an entry was decided: {@code ignored} and the rule and file that said so. */
	public record Match(boolean ignored, FastIgnoreRule rule, Path file) {
	}

	private final IgnoreChain parent;
	private final Path directory;
	private final String fromBase;
	private final IgnoreRules rules;
	private final IgnoreRules exclude;
	private final IgnoreRules global;
	private final IgnoreFileCache cache;
	private final GlobalExcludes globals;
	private final boolean folded;

	private IgnoreChain(IgnoreChain parent, Path directory, String fromBase, IgnoreRules rules, IgnoreRules exclude,
			IgnoreRules global, IgnoreFileCache cache, GlobalExcludes globals, boolean folded) {
		this.parent = parent;
		this.directory = directory;
		this.fromBase = fromBase;
		this.rules = rules;
		this.exclude = exclude;
		this.global = global;
		this.cache = cache;
		this.globals = globals;
		this.folded = folded;
	}

	/**
	 * The chain for {@code directory}, starting at {@code workTreeTop}, the top of the Git work tree that contains
	 * it (see {@link #workTreeTop(Path)}), or at {@code directory} itself when that is {@code null}.
	 */
	public static IgnoreChain forDirectory(Path directory, Path workTreeTop, IgnoreFileCache cache,
			GlobalExcludes globals, boolean folded) {
		Path base = workTreeTop;
		IgnoreChain chain = startAt(base == null ? directory : base, cache, globals, folded);
		if (base != null) {
			for (Path segment : base.relativize(directory)) {
				if (!segment.toString().isEmpty()) {
					chain = chain.child(segment.toString());
				}
			}
		}
		return chain;
	}

	/** The chain for the sub-folder {@code name} of this chain's folder. */
	public IgnoreChain child(String name) {
		Path sub = directory.resolve(name);
		if (Files.exists(sub.resolve(".git"), LinkOption.NOFOLLOW_LINKS) && GitLayout.isWorkTreeTop(sub)) {
			return startAt(sub, cache, globals, folded);
		}
		return new IgnoreChain(this, sub, fromBase + fold(name) + "/", cache.rules(sub.resolve(".gitignore"), folded),
				exclude, global, cache, globals, folded);
	}

	public Path directory() {
		return directory;
	}

	/**
	 * The decision on the entry {@code name} of this folder, or {@code null} if no rule speaks of it. An unreadable
	 * ignore file decides "ignored" with a {@code null} rule.
	 */
	public Match match(String name, boolean isDirectory) {
		String path = fromBase + fold(name);
		for (IgnoreChain c = this; c != null; c = c.parent) {
			if (c.rules == null) {
				continue;
			}
			if (c.rules.failure() != null) {
				return new Match(true, null, c.rules.file());
			}
			FastIgnoreRule rule = c.rules.decisive(path.substring(c.fromBase.length()), isDirectory);
			if (rule != null) {
				return new Match(rule.getResult(), rule, c.rules.file());
			}
		}
		for (IgnoreRules top : new IgnoreRules[] { exclude, global }) {
			if (top == null) {
				continue;
			}
			if (top.failure() != null) {
				return new Match(true, null, top.file());
			}
			FastIgnoreRule rule = top.decisive(path, isDirectory);
			if (rule != null) {
				return new Match(rule.getResult(), rule, top.file());
			}
		}
		return null;
	}

	/**
	 * This chain's rules narrowed to the entries of its folder (see {@link FolderRuleFilter}), for a walk that decides
	 * each of them: {@link Filtered#match} decides as {@link #match} does.
	 */
	public Filtered filtered() {
		return new Filtered(this, null, null);
	}

	/** The rules of one folder's chain, each list narrowed to the folder's entries. Immutable. */
	public static final class Filtered {
		private final IgnoreChain chain;
		/** The ignore files in the order {@link IgnoreChain#match} consults them. */
		private final List<IgnoreRules> files = new ArrayList<>();
		/** Same index: the rules of each, narrowed; {@code null} for a file that could not be read. */
		private final List<FolderRuleFilter> filters = new ArrayList<>();

		private Filtered(IgnoreChain chain, Filtered parent, String name) {
			this.chain = chain;
			if (parent != null) {
				// the chain of a sub-folder of the same work tree: its own file, then the parent's, narrowed further
				add(chain.rules, "");
				String folded = chain.fold(name);
				for (int i = 0; i < parent.files.size(); i++) {
					files.add(parent.files.get(i));
					FolderRuleFilter filter = parent.filters.get(i);
					filters.add(filter == null ? null : filter.child(folded));
				}
				return;
			}
			for (IgnoreChain c = chain; c != null; c = c.parent) {
				add(c.rules, chain.fromBase.substring(c.fromBase.length()));
			}
			add(chain.exclude, chain.fromBase);
			add(chain.global, chain.fromBase);
		}

		private void add(IgnoreRules rules, String prefix) {
			if (rules != null) {
				files.add(rules);
				filters.add(rules.failure() != null ? null
						: new FolderRuleFilter(rules.rules(), rules.literals(), prefix));
			}
		}

		/**
		 * The rules of {@code child}, the chain of the sub-folder {@code name} of this chain's folder, narrowed to
		 * its entries: from these when it continues this chain, read anew when it starts one of its own (a nested
		 * repository).
		 */
		public Filtered child(IgnoreChain child, String name) {
			return new Filtered(child, child.parent == chain ? this : null, name);
		}

		/** As {@link IgnoreChain#match(String, boolean)}. */
		public Match match(String name, boolean isDirectory) {
			String folds = chain.fold(name);
			long mask = FolderRuleFilter.mask(folds);
			for (int i = 0; i < files.size(); i++) {
				FolderRuleFilter filter = filters.get(i);
				if (filter == null) {
					return new Match(true, null, files.get(i).file());
				}
				FastIgnoreRule rule = filter.decisive(folds, mask, isDirectory);
				if (rule != null) {
					return new Match(rule.getResult(), rule, files.get(i).file());
				}
			}
			return null;
		}
	}

	private String fold(String name) {
		return folded ? name.toLowerCase(java.util.Locale.ROOT) : name;
	}

	private static IgnoreChain startAt(Path base, IgnoreFileCache cache, GlobalExcludes globals, boolean folded) {
		Path gitDir = GitLayout.gitDirectory(base);
		IgnoreRules exclude = gitDir == null ? null
				: cache.rules(GitLayout.commonDirectory(gitDir).resolve("info").resolve("exclude"), folded);
		Path globalFile = globals == null ? null : globals.excludesFile(gitDir, base);
		IgnoreRules global = globalFile == null ? null : cache.rules(globalFile, folded);
		return new IgnoreChain(null, base, "", cache.rules(base.resolve(".gitignore"), folded), exclude, global, cache,
				globals, folded);
	}

	/**
	 * The nearest folder at or above {@code directory} whose {@code .git} is a valid repository, or {@code null}.
	 */
	public static Path workTreeTop(Path directory) {
		for (Path d = directory; d != null; d = d.getParent()) {
			if (Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS) && GitLayout.isWorkTreeTop(d)) {
				return d;
			}
		}
		return null;
	}
}
