package dev.warden.core.internal.protect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * The Git ignore rules that apply to the entries of one folder: the {@code .gitignore} of that folder and of each
 * folder above it up to the top of its Git work tree (deeper files take precedence), then the repository's
 * {@code info/exclude}. A folder with its own {@code .git} starts a new chain (a nested repository or submodule).
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
	private final IgnoreFileCache cache;
	private final boolean folded;

	private IgnoreChain(IgnoreChain parent, Path directory, String fromBase, IgnoreRules rules, IgnoreRules exclude,
			IgnoreFileCache cache, boolean folded) {
		this.parent = parent;
		this.directory = directory;
		this.fromBase = fromBase;
		this.rules = rules;
		this.exclude = exclude;
		this.cache = cache;
		this.folded = folded;
	}

	/**
	 * The chain for {@code directory}, starting at {@code workTreeTop}, the top of the Git work tree that contains
	 * it (see {@link #workTreeTop(Path)}), or at {@code directory} itself when that is {@code null}.
	 */
	public static IgnoreChain forDirectory(Path directory, Path workTreeTop, IgnoreFileCache cache, boolean folded) {
		Path base = workTreeTop;
		IgnoreChain chain = startAt(base == null ? directory : base, cache, folded);
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
		if (Files.exists(sub.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
			return startAt(sub, cache, folded);
		}
		return new IgnoreChain(this, sub, fromBase + fold(name) + "/", cache.rules(sub.resolve(".gitignore"), folded),
				exclude, cache, folded);
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
		if (exclude != null) {
			if (exclude.failure() != null) {
				return new Match(true, null, exclude.file());
			}
			FastIgnoreRule rule = exclude.decisive(path, isDirectory);
			if (rule != null) {
				return new Match(rule.getResult(), rule, exclude.file());
			}
		}
		return null;
	}

	private String fold(String name) {
		return folded ? name.toLowerCase(java.util.Locale.ROOT) : name;
	}

	private static IgnoreChain startAt(Path base, IgnoreFileCache cache, boolean folded) {
		Path gitDir = gitDirectory(base);
		IgnoreRules exclude = gitDir == null ? null : cache.rules(gitDir.resolve("info").resolve("exclude"), folded);
		return new IgnoreChain(null, base, "", cache.rules(base.resolve(".gitignore"), folded), exclude, cache, folded);
	}

	/** The nearest folder at or above {@code directory} that holds a {@code .git}, or {@code null}. */
	public static Path workTreeTop(Path directory) {
		for (Path d = directory; d != null; d = d.getParent()) {
			if (Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
				return d;
			}
		}
		return null;
	}

	/**
	 * The repository folder of the work tree at {@code base}: {@code .git} itself, or for a linked work tree or
	 * submodule (where {@code .git} is a file naming it) the common folder that holds {@code info/exclude}.
	 */
	private static Path gitDirectory(Path base) {
		Path dotGit = base.resolve(".git");
		if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
			return dotGit;
		}
		try {
			String text = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
			if (!text.startsWith("gitdir:")) {
				return null;
			}
			Path gitDir = base.resolve(text.substring("gitdir:".length()).trim()).normalize();
			Path commonFile = gitDir.resolve("commondir");
			if (Files.isRegularFile(commonFile)) {
				return gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize();
			}
			return gitDir;
		} catch (IOException e) {
			// no readable .git file: then there is no info/exclude to honour
			return null;
		}
	}
}
