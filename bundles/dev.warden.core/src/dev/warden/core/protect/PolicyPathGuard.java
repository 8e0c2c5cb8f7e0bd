package dev.warden.core.protect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import dev.warden.core.internal.protect.Visibility;
import dev.warden.core.trust.PathGuard;

/**
 * Answers the trust engine's question "does this command word name a file hidden from the agent?" from a
 * {@link PathPolicy}, so that {@code cat .env} is asked about even where {@code cat *} is trusted.
 * <p>
 * A word is read the way a shell or a tool would use it: as it stands, the part after an {@code =}
 * ({@code --file=.env}, {@code VAR=.env}), without a leading {@code @}, {@code <} or {@code >} ({@code curl -d @.env});
 * a leading {@code ~}, {@code $HOME} and {@code $PWD} are expanded; a word with glob characters is expanded against the working
 * folder (every match counts, dot files included), except that an unquoted glob that the shell expands counts by the
 * names it matches by the shell's rules, which do not match a leading dot with {@code *} or {@code ?} (a bracket
 * expression keeps the reading with dot files: {@link #whyHidden(String, Path, boolean)}). A candidate is hidden when the policy says
 * {@link PathVerdict#HIDDEN}, or when it lies outside the roots and matches a sensitive pattern
 * ({@code ~/.aws/credentials}). Words that are not paths simply name nothing hidden.
 * <p>
 * {@link #whyFolderHoldsHidden} answers for a recursive command over a folder ({@code grep -r TOKEN .}): it walks
 * the folder as the agent's own listing does and compares each folder's entries with what the listing shows.
 * Not caught: names built at run time by the command itself.
 */
public final class PolicyPathGuard implements PathGuard {

	private static final int MAX_GLOB_ENTRIES = 10_000;
	private static final int MAX_GLOB_DEPTH = 16;
	private static final int MAX_TREE_ENTRIES = 50_000;
	private static final int MAX_TREE_DEPTH = 64;

	private final PathPolicy policy;
	private final Path home;

	/** A guard for {@code policy}, expanding {@code ~} to the user's home folder. */
	public PolicyPathGuard(PathPolicy policy) {
		this(policy, Path.of(System.getProperty("user.home")));
	}

	public PolicyPathGuard(PathPolicy policy, Path home) {
		this.policy = policy;
		this.home = home;
	}

	@Override
	public Optional<String> whyHidden(String word, Path workingDirectory) {
		if (word == null || word.isEmpty()) {
			return Optional.empty();
		}
		for (String candidate : candidates(word)) {
			Optional<String> reason = check(candidate, workingDirectory);
			if (reason.isPresent()) {
				return reason;
			}
		}
		return Optional.empty();
	}

	@Override
	public Optional<String> whyHidden(String word, Path workingDirectory, boolean shellGlobs) {
		if (shellGlobs && word != null) {
			List<String> expanded = shellExpansion(word, workingDirectory);
			if (expanded != null && !expanded.isEmpty()) {
				// the program gets these names instead of the pattern
				Path base = workingDirectory.toAbsolutePath();
				for (String name : expanded) {
					Path path = base.resolve(name.isEmpty() ? "." : name);
					Optional<String> reason = hiddenReason(path, word + " (" + path.getFileName() + ")");
					if (reason.isPresent()) {
						return reason;
					}
					for (String candidate : candidates(name)) {
						reason = candidate.equals(name) ? Optional.empty() : check(candidate, workingDirectory);
						if (reason.isPresent()) {
							return reason;
						}
					}
				}
				return Optional.empty();
			}
		}
		return whyHidden(word, workingDirectory); // as written: the program may match it itself, dot files included
	}

	/**
	 * The names the shell's pathname expansion makes of a word, as the program gets them (relative where the word
	 * is), in no particular order; empty when the pattern matches nothing (the shell then passes it as written), null
	 * when it cannot be told here: no glob character, another variable, a brace, a bracket or an escape, or too many
 * names.
	 */
	private List<String> shellExpansion(String word, Path workingDirectory) {
		String text = expanded(word, workingDirectory);
		if (text.indexOf('*') < 0 && text.indexOf('?') < 0) {
			return null;
		}
		if (text.indexOf('{') >= 0 || text.indexOf('\\') >= 0 || text.indexOf('$') >= 0 || text.indexOf('`') >= 0
				|| text.indexOf('\0') >= 0 || text.indexOf('[') >= 0) {
			// expanded otherwise by bash than by dash, not known here, or a bracket expression, whose negations and
			// classes ([^a], [[:alpha:]]) the shells read otherwise than a PathMatcher does
			return null;
		}
		Path base = workingDirectory.toAbsolutePath();
		List<String> prefixes = new ArrayList<>(List.of(text.startsWith("/") ? "/" : ""));
		int examined = 0;
		String[] segments = text.split("/+");
		for (int s = 0; s < segments.length; s++) {
			String segment = segments[s];
			if (segment.isEmpty()) {
				continue; // the one before a leading slash
			}
			boolean last = s == segments.length - 1;
			List<String> next = new ArrayList<>();
			if (segment.indexOf('*') < 0 && segment.indexOf('?') < 0) {
				for (String prefix : prefixes) {
					next.add(prefix + segment + (last ? "" : "/"));
				}
			} else {
				PathMatcher matcher;
				try {
					matcher = FileSystems.getDefault().getPathMatcher("glob:" + segment);
				} catch (IllegalArgumentException e) {
					return null;
				}
				// a leading dot is matched only by a dot written first; then dash also matches . and .. (bash skips
				// them), which no listing of the folder holds
				boolean dotFiles = segment.startsWith(".");
				if (dotFiles) {
					for (String prefix : prefixes) {
						for (String dots : new String[] { ".", ".." }) {
							if (matcher.matches(Path.of(dots))) {
								next.add(prefix + dots + (last ? "" : "/"));
							}
						}
					}
				}
				for (String prefix : prefixes) {
					Path folder;
					try {
						folder = base.resolve(prefix.isEmpty() ? "." : prefix);
					} catch (InvalidPathException e) {
						return null;
					}
					if (!Files.isDirectory(folder)) {
						continue;
					}
					try (Stream<Path> entries = Files.list(folder)) {
						Iterator<Path> it = entries.iterator();
						while (it.hasNext()) {
							if (++examined > MAX_GLOB_ENTRIES) {
								return null;
							}
							Path entry = it.next();
							String name = entry.getFileName().toString();
							if ((dotFiles || !name.startsWith(".")) && matcher.matches(entry.getFileName())
									&& (last || Files.isDirectory(entry))) {
								next.add(prefix + name + (last ? "" : "/"));
							}
						}
					} catch (IOException | UncheckedIOException e) {
						return null;
					}
				}
			}
			prefixes = next;
			if (prefixes.isEmpty()) {
				return prefixes;
			}
		}
		if (text.endsWith("/")) {
			prefixes.replaceAll(prefix -> prefix.endsWith("/") ? prefix : prefix + "/");
		}
		List<String> names = new ArrayList<>();
		for (String name : prefixes) {
			if (Files.exists(base.resolve(name.isEmpty() ? "." : name))) {
				names.add(name);
			}
		}
		return names;
	}

	private static Set<String> candidates(String word) {
		Set<String> candidates = new LinkedHashSet<>();
		candidates.add(word);
		int equals = word.indexOf('=');
		if (equals >= 0) {
			candidates.add(word.substring(equals + 1));
		}
		String stripped = word.replaceFirst("^(?:[0-9]*>>?|<|@)", "");
		candidates.add(stripped);
		candidates.remove("");
		return candidates;
	}

	private Optional<String> check(String candidate, Path workingDirectory) {
		String text = expanded(candidate, workingDirectory);
		if (hasGlob(text)) {
			return checkGlob(text, workingDirectory);
		}
		try {
			return hiddenReason(workingDirectory.resolve(text), candidate);
		} catch (InvalidPathException e) {
			return Optional.empty();
		}
	}

	private Optional<String> hiddenReason(Path path, String shown) {
		PathDecision decision = policy.decide(path);
		if (decision.verdict() == PathVerdict.HIDDEN) {
			return Optional.of("'" + shown + "' is hidden from the agent (" + decision.reason() + ")");
		}
		if (decision.verdict() == PathVerdict.REFUSED) {
			return policy.sensitiveMatch(path).map(why -> "'" + shown + "' is a sensitive file (" + why + ")");
		}
		return Optional.empty();
	}

	private Optional<String> checkGlob(String pattern, Path workingDirectory) {
		Path full;
		try {
			full = workingDirectory.toAbsolutePath().resolve(pattern).normalize();
		} catch (InvalidPathException e) {
			return Optional.empty();
		}
		Path start = full.getRoot();
		for (Path segment : full) {
			if (hasGlob(segment.toString())) {
				break;
			}
			start = start.resolve(segment.toString());
		}
		if (!Files.isDirectory(start)) {
			return Optional.empty();
		}
		if (pattern.contains("**")) {
			return checkRecursiveGlob(pattern, full, start);
		}
		// segment by segment, as the shell expands it: only the folders that the segments before match are listed
		// (`/^[#]/p` lists `/`, not every folder under it); a folder that cannot be listed, or an entry that
		// vanishes meanwhile (a process's folder in /proc), expands to nothing there, as it does for the shell
		List<Path> current = List.of(start);
		int examined = 0;
		for (int i = start.getNameCount(); i < full.getNameCount() && !current.isEmpty(); i++) {
			String segment = full.getName(i).toString();
			boolean last = i == full.getNameCount() - 1;
			PathMatcher matcher;
			try {
				matcher = hasGlob(segment) ? FileSystems.getDefault().getPathMatcher("glob:" + segment) : null;
			} catch (IllegalArgumentException e) {
				return Optional.empty();
			}
			List<Path> next = new ArrayList<>();
			for (Path folder : current) {
				if (matcher == null) {
					Path entry = folder.resolve(segment);
					if (last ? Files.exists(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS) : Files.isDirectory(entry)) {
						next.add(entry);
					}
					continue;
				}
				try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
					for (Path entry : entries) {
						if (++examined > MAX_GLOB_ENTRIES) {
							return Optional.of("'" + pattern + "' matches more than " + MAX_GLOB_ENTRIES
									+ " names to check for hidden files");
						}
						if (matcher.matches(entry.getFileName()) && (last || Files.isDirectory(entry))) {
							next.add(entry);
						}
					}
				} catch (IOException | java.nio.file.DirectoryIteratorException e) {
					// not listable (or gone): the shell expands nothing there either
				}
			}
			current = next;
		}
		for (Path entry : current) {
			Optional<String> reason = hiddenReason(entry, pattern + " (" + entry.getFileName() + ")");
			if (reason.isPresent()) {
				return reason;
			}
		}
		return Optional.empty();
	}

	/**
	 * A pattern with {@code **}, read as any depth of folders (bash's {@code globstar}; without it, as dash, the
	 * shell matches less): the tree under {@code start} is walked, skipping what cannot be read or vanishes.
	 */
	private Optional<String> checkRecursiveGlob(String pattern, Path full, Path start) {
		PathMatcher matcher;
		try {
			matcher = FileSystems.getDefault().getPathMatcher("glob:" + full);
		} catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		List<String> found = new ArrayList<>(1);
		int[] examined = { 0 };
		try {
			Files.walkFileTree(start, Set.of(), MAX_GLOB_DEPTH, new java.nio.file.SimpleFileVisitor<>() {
				@Override
				public java.nio.file.FileVisitResult preVisitDirectory(Path dir,
						java.nio.file.attribute.BasicFileAttributes attributes) {
					return visit(dir);
				}

				@Override
				public java.nio.file.FileVisitResult visitFile(Path file,
						java.nio.file.attribute.BasicFileAttributes attributes) {
					return visit(file);
				}

				@Override
				public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
					return java.nio.file.FileVisitResult.CONTINUE; // unreadable or gone: nothing the shell would match
				}

				private java.nio.file.FileVisitResult visit(Path entry) {
					if (++examined[0] > MAX_GLOB_ENTRIES) {
						found.add("'" + pattern + "' matches more than " + MAX_GLOB_ENTRIES
								+ " names to check for hidden files");
						return java.nio.file.FileVisitResult.TERMINATE;
					}
					if (matcher.matches(entry)) {
						Optional<String> reason = hiddenReason(entry, pattern + " (" + entry.getFileName() + ")");
						if (reason.isPresent()) {
							found.add(reason.get());
							return java.nio.file.FileVisitResult.TERMINATE;
						}
					}
					return java.nio.file.FileVisitResult.CONTINUE;
				}
			});
		} catch (IOException | UncheckedIOException e) {
			return Optional.of("'" + pattern + "' could not be expanded to check for hidden files: " + e.getMessage());
		}
		return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
	}

	/**
	 * The decision on the folder a recursive command names, or null when it names no folder; a folder outside the
	 * roots is not allowed, and its caller judges where the command reads.
	 */
	private PathDecision folderDecision(String folder, Path workingDirectory) {
		Path start;
		try {
			start = workingDirectory.toAbsolutePath().resolve(expanded(folder, workingDirectory)).normalize();
		} catch (InvalidPathException e) {
			return null;
		}
		return Files.isDirectory(start) ? policy.decide(start) : null;
	}

	/** Why the folder a command names is itself hidden from the agent, or empty (no folder, or outside the roots). */
	private static Optional<String> hiddenFolder(String folder, PathDecision decision) {
		return decision == null || decision.verdict() != PathVerdict.HIDDEN ? Optional.empty()
				: Optional.of("'" + folder + "' is hidden from the agent (" + decision.reason() + ")");
	}

	@Override
	public Optional<String> whyFolderHoldsHiddenGitAdds(String folder, Path workingDirectory) {
		return whyFolderHoldsHiddenToGit(folder, workingDirectory, false);
	}

	@Override
	public Optional<String> whyFolderHoldsHiddenGitCleans(String folder, Path workingDirectory) {
		return whyFolderHoldsHiddenToGit(folder, workingDirectory, true);
	}

	/**
	 * The walk for {@code git add} and {@code git clean}: a hidden entry that Git ignores is skipped; with
	 * {@code ignoredToo} ({@code git clean -x}), only one that Git's ignore files alone hide, and one that
	 * something else hides counts too.
	 */
	private Optional<String> whyFolderHoldsHiddenToGit(String folder, Path workingDirectory, boolean ignoredToo) {
		PathDecision decision = folderDecision(folder, workingDirectory);
		if (decision == null || !decision.isAllowed()) {
			return hiddenFolder(folder, decision);
		}
		Optional<PathPolicy.FolderRules> top = policy.folder(decision.path());
		if (top.isEmpty()) {
			return whyFolderHoldsHidden(folder, workingDirectory, false); // below a link: every hidden file counts
		}
		// the folders still to list, each with its rules (Git never adds its own folder)
		java.util.ArrayDeque<Path> folders = new java.util.ArrayDeque<>();
		java.util.ArrayDeque<PathPolicy.FolderRules> rules = new java.util.ArrayDeque<>();
		folders.push(decision.path());
		rules.push(top.get());
		int count = 0;
		while (!folders.isEmpty()) {
			Path directory = folders.pop();
			PathPolicy.FolderRules folderRules = rules.pop();
			try (Stream<Path> entries = Files.list(directory)) {
				Iterator<Path> it = entries.iterator();
				while (it.hasNext()) {
					Path entry = it.next();
					if (++count >= MAX_TREE_ENTRIES) {
						return Optional.of("'" + folder + "' holds more than " + MAX_TREE_ENTRIES + " files, too many"
								+ " to check for files hidden from the agent");
					}
					String name = entry.getFileName().toString();
					if (name.equals(".git")) {
						continue;
					}
					boolean isDirectory = Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS);
					String reason = folderRules.hiddenReason(name, isDirectory);
					if (reason == null) {
						if (isDirectory) {
							folders.push(entry);
							rules.push(folderRules.child(name));
						}
					} else if (ignoredToo ? !hiddenOnlyByGit(reason, folderRules.ignoredByGit(name, isDirectory))
							: !folderRules.ignoredByGit(name, isDirectory)) {
						return Optional.of("'" + folder + "' holds files hidden from the agent"
								+ (ignoredToo ? "" : " that Git does not ignore") + ", such as '"
								+ decision.path().relativize(entry) + "' (" + reason + ")");
					}
				}
			} catch (IOException | UncheckedIOException e) {
				return Optional.of("'" + folder + "' could not be read to check for hidden files: " + e.getMessage());
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether Git's ignore files alone hide an entry: Git ignores it, and its reason is theirs (the sensitive
	 * patterns and {@code .wardenignore}, which decide first, would have given theirs).
	 */
	private static boolean hiddenOnlyByGit(String reason, boolean ignoredByGit) {
		return ignoredByGit && reason.startsWith("ignored: ") && !reason.endsWith(" in " + Visibility.WARDEN_IGNORE);
	}

	@Override
	public Optional<String> whyFolderHoldsHidden(String folder, Path workingDirectory, boolean skipsDotAndIgnored) {
		PathDecision decision = folderDecision(folder, workingDirectory);
		if (decision == null || !decision.isAllowed()) {
			return hiddenFolder(folder, decision);
		}
		String subject = "'" + folder + "'";
		// such a program (rg) reads Git's ignore files only inside a repository
		boolean skipsIgnored = skipsDotAndIgnored
				&& new FileRepositoryBuilder().findGitDir(decision.path().toFile()).getGitDir() != null;
		return hiddenInTree(subject, decision, entry -> hiddenEntry(subject, decision.path(), entry, skipsDotAndIgnored,
				skipsIgnored, ""));
	}

	/**
	 * Where an entry leads when it is a symbolic link that leads outside the workspace, as a reason says it
	 * ("'docs/keys' leads to '/home/u/.ssh', outside the workspace", named below {@code top}); else null. A link
	 * that leads to nothing is not counted, as nothing can be read through it.
	 */
	private String linkOutside(Path top, Path entry) {
		if (!Files.isSymbolicLink(entry) || !Files.exists(entry)
				|| policy.decide(entry.toString()).verdict() != PathVerdict.REFUSED) {
			return null;
		}
		String where;
		try {
			where = entry.toRealPath().toString();
		} catch (IOException e) {
			where = "a place that could not be read";
		}
		return "'" + (entry.startsWith(top) ? top.relativize(entry) : entry) + "' leads to '" + where
				+ "', outside the workspace";
	}

	/**
	 * {@inheritDoc} The folder's own entries are looked at, as a one-level listing names them, and the working
	 * directory's entries that are links leading outside, when an entry under the folder has the same name.
	 */
	@Override
	public Optional<String> whyEntriesLinkOutside(String folder, Path workingDirectory) {
		PathDecision decision = folderDecision(folder, workingDirectory);
		if (decision == null || !decision.isAllowed()) {
			return Optional.empty(); // no folder, or one that the checks of hidden and outside paths judge whole
		}
		Path top = decision.path();
		PathDecision working = folderDecision(".", workingDirectory);
		Path here = working == null ? top : working.path();
		try {
			Map<String, String> outsideHere = new HashMap<>(2);
			Optional<String> own = entriesLinkingOutside(top, folder, null);
			if (own.isPresent() || top.equals(here)) {
				return own;
			}
			// a bare name, opened in the working directory (`ls docs | xargs cat`, `ls -R docs | xargs cat`)
			Optional<String> there = entriesLinkingOutside(here, ".", outsideHere);
			if (there.isPresent() || outsideHere.isEmpty()) {
				return there;
			}
			int count = 0;
			try (Stream<Path> under = Files.walk(top, MAX_TREE_DEPTH)) {
				for (Iterator<Path> it = under.iterator(); it.hasNext();) {
					Path entry = it.next();
					if (++count > MAX_TREE_ENTRIES) {
						return Optional.of("'" + folder + "' holds more than " + MAX_TREE_ENTRIES
								+ " entries, whose names may be those of links here that lead outside the workspace");
					}
					String why = entry.equals(top) ? null : outsideHere.get(entry.getFileName().toString());
					if (why != null) {
						return Optional.of(why + " (named like '" + top.relativize(entry) + "')");
					}
				}
			}
		} catch (IOException | UncheckedIOException | DirectoryIteratorException e) {
			return Optional.empty(); // a folder that cannot be listed is no listing whose names are opened
		}
		return Optional.empty();
	}

	/**
	 * Where the first of a folder's own entries that is a link leading outside the workspace leads, named by
	 * {@code folder} in a reason; with {@code found}, all of them are collected there by name instead.
	 */
	private Optional<String> entriesLinkingOutside(Path top, String folder, Map<String, String> found)
			throws IOException {
		int count = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(top)) {
			for (Path entry : entries) {
				if (++count > MAX_TREE_ENTRIES) {
					return Optional.of("'" + folder + "' holds more than " + MAX_TREE_ENTRIES
							+ " entries, any of which may be a link that leads outside the workspace");
				}
				String outside = linkOutside(top, entry);
				if (outside != null && found == null) {
					return Optional.of(outside);
				} else if (outside != null) {
					found.put(entry.getFileName().toString(), outside);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * {@inheritDoc} The tree is walked as for hidden files, and so is the tree of every folder of the workspace that
	 * a link under it leads to (each once, unless the walk of another holds it already), where a hidden entry the
	 * program reads counts too (the check of hidden files looks one level into such a folder only). A link that
	 * leads to nothing is not counted, as nothing can be read through it. A tree too large or too deep to walk
	 * counts as one such a link might hide in.
	 */
	@Override
	public Optional<String> whyFolderLinksOutside(String folder, Path workingDirectory, boolean skipsDotAndIgnored) {
		PathDecision decision = folderDecision(folder, workingDirectory);
		if (decision == null || !decision.isAllowed()) {
			return Optional.empty(); // no folder, or one that the checks of hidden and outside paths judge whole
		}
		Path top = decision.path();
		String subject = "'" + folder + "'";
		Deque<Path> starts = new ArrayDeque<>();
		starts.add(top);
		List<Path> walked = new ArrayList<>();
		int[] count = { 0 };
		String[] found = { null };
		while (!starts.isEmpty() && found[0] == null && count[0] < MAX_TREE_ENTRIES) {
			Path start = starts.poll();
			if (walked.stream().anyMatch(start::startsWith)) {
				continue; // walked already, as part of a tree that holds it
			}
			walked.add(start);
			boolean linked = !start.equals(top);
			// what a hidden entry of a folder a link leads to is called, and whether the program skips it there
			String linkedName = linked ? policy.decide(start).relativePath() : null;
			String linkedSubject = linked ? "'" + (linkedName.isEmpty() ? start.toString() : linkedName)
					+ "', which a link under " + subject + " leads to," : null;
			boolean skipsIgnored = linked && skipsDotAndIgnored
					&& new FileRepositoryBuilder().findGitDir(start.toFile()).getGitDir() != null;
			List<Path> deepest = new ArrayList<>();
			Walk walk = policy.walk(start.toString(), MAX_TREE_DEPTH, file -> {
				if (skipsDotAndIgnored && dotted(start, file.path())) {
					return true; // rg and its like skip dot files and folders, and what lies in them
				}
				if (file.directory() && Files.isSymbolicLink(file.path())) {
					PathDecision target = policy.decide(file.path().toString());
					if (target.isAllowed()) {
						starts.add(target.path()); // a folder of the workspace, whose own links lead on
					}
				} else if (file.directory() && start.relativize(file.path()).getNameCount() >= MAX_TREE_DEPTH) {
					deepest.add(file.path());
				}
				return ++count[0] < MAX_TREE_ENTRIES;
			}, entry -> {
				if (skipsDotAndIgnored && dotted(start, entry)) {
					return true;
				}
				found[0] = linkOutside(top, entry);
				if (found[0] != null) {
					return false;
				}
				if (linked) {
					// what the check of hidden files does not see: a hidden file in a folder a link leads to
					found[0] = hiddenEntry(linkedSubject, start, entry, skipsDotAndIgnored, skipsIgnored, "");
				}
				return found[0] == null;
			});
			if (found[0] == null && !walk.unreadable().isEmpty()) {
				found[0] = subject + " could not be read to check for links: " + walk.unreadable().get(0);
			}
			for (int i = 0; found[0] == null && i < deepest.size(); i++) {
				try (Stream<Path> entries = Files.list(deepest.get(i))) {
					if (entries.anyMatch(entry -> Files.isDirectory(entry) || Files.isSymbolicLink(entry))) {
						found[0] = subject + " holds folders nested more than " + MAX_TREE_DEPTH
								+ " deep, too deep to check for links that lead outside the workspace";
					}
				} catch (IOException | UncheckedIOException e) {
					found[0] = subject + " could not be read to check for links: " + e.getMessage();
				}
			}
		}
		if (found[0] == null && count[0] >= MAX_TREE_ENTRIES) {
			found[0] = subject + " holds more than " + MAX_TREE_ENTRIES + " files, too many to check for links"
					+ " that lead outside the workspace";
		}
		return Optional.ofNullable(found[0]);
	}

	/** Whether a name on the way from {@code start} to {@code path} starts with a dot. */
	private static boolean dotted(Path start, Path path) {
		for (Path name : start.relativize(path)) {
			if (name.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * {@inheritDoc} A word that names no folder ({@code HEAD}, {@code HEAD~3..HEAD}, {@code :/}, a file) stands for
	 * the whole repository of the working directory: its work tree where it lies in the workspace, else the working
	 * directory's tree.
	 */
	@Override
	public Optional<String> whyFolderHoldsHiddenGitTracks(String folder, Path workingDirectory) {
		PathDecision named = folderDecision(folder, workingDirectory);
		if (named != null && !named.isAllowed()) {
			return hiddenFolder(folder, named);
		}
		Path start = named != null ? named.path() : workingDirectory.toAbsolutePath().normalize();
		FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(start.toFile());
		if (builder.getGitDir() == null) {
			return named == null ? Optional.empty() // in no repository, Git reads nothing
					: repositoriesBelow(folder, named); // but a `cd` may lead into one below the folder
		}
		DirCache index;
		Path workTree;
		try (Repository repository = builder.setMustExist(true).build()) {
			if (repository.isBare()) {
				return Optional.empty();
			}
			workTree = repository.getWorkTree().toPath().toRealPath();
			index = repository.readDirCache();
		} catch (IOException | RuntimeException e) {
			return Optional.of("'" + folder + "' lies in a Git repository whose index could not be read to check for"
					+ " hidden files Git tracks: " + e.getMessage());
		}
		PathDecision decision = named;
		String label = "'" + folder + "'";
		if (decision == null) {
			PathDecision top = policy.decide(workTree);
			decision = top.isAllowed() ? top : policy.decide(start);
			label = top.isAllowed() ? "the repository" : "the working directory";
			if (!decision.isAllowed()) {
				return Optional.empty(); // a working directory outside the roots: its reads are judged elsewhere
			}
		}
		PathDecision walked = decision;
		String which = label;
		Optional<PathPolicy.FolderRules> top = policy.folder(walked.path());
		if (top.isEmpty() || !walked.path().startsWith(workTree)) {
			// below a link: the tree is walked, and a hidden entry counts when the index holds it or anything below it
			return hiddenInTree(label, walked, entry -> {
				String why = hiddenEntry(which, walked.path(), entry, false, false, " that Git tracks");
				if (why == null || !entry.startsWith(workTree)) {
					return null;
				}
				String relative = workTree.relativize(entry).toString().replace(java.io.File.separatorChar, '/');
				return index.findEntry(relative) >= 0 || index.getEntriesWithin(relative).length > 0 ? why : null;
			});
		}
		List<String> submodules = new ArrayList<>();
		String below = workTree.relativize(walked.path()).toString().replace(java.io.File.separatorChar, '/');
		Optional<String> why = hiddenInIndex(label, index, below, top.get(), submodules);
		if (why.isPresent()) {
			return why;
		}
		// a submodule's files, which `git grep --recurse-submodules` and `git diff --submodule=diff` print
		for (String path : submodules) {
			Path submodule = workTree.resolve(path);
			if (Files.isDirectory(submodule) && !submodule.equals(workTree)) {
				Optional<String> inside = whyFolderHoldsHiddenGitTracks(submodule.toString(), submodule);
				if (inside.isPresent()) {
					return inside;
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * For a folder that lies in no repository: outside one, Git reads a folder it is given as files ({@code git diff
	 * a b} compares two folders as {@code --no-index} does), so every hidden file of the folder counts; the
	 * repositories below it, which a {@code cd} on the line may enter (a workspace of several repositories), are
	 * found by their {@code .git} while it is walked, and judged by the files they track.
	 */
	private Optional<String> repositoriesBelow(String folder, PathDecision named) {
		List<Path> repositories = new ArrayList<>();
		String subject = "'" + folder + "'";
		Optional<String> walk = hiddenInTree(subject, named, entry -> {
			if (entry.getFileName() != null && entry.getFileName().toString().equals(".git")) {
				repositories.add(entry.getParent());
				return null;
			}
			return hiddenEntry(subject, named.path(), entry, false, false, "");
		});
		if (walk.isPresent()) {
			return walk; // a hidden file; or too many files, too deep, unreadable: not known to hold none
		}
		for (Path repository : repositories) {
			Optional<String> why = whyFolderHoldsHiddenGitTracks(repository.toString(), repository);
			if (why.isPresent()) {
				return why;
			}
		}
		return Optional.empty();
	}

	/**
	 * The first file Git's index holds below {@code prefix} (relative to the work tree, with {@code /}) that the agent
	 * may not see, each decided by the rules of its folders, read once per folder: no file of the tree is opened, and
	 * a file Git tracks counts whether it is still on disk or not. The submodules on the way are added to
	 * {@code submodules}, by their paths in the work tree.
	 */
	private static Optional<String> hiddenInIndex(String subject, DirCache index, String prefix,
			PathPolicy.FolderRules top, List<String> submodules) {
		Map<String, PathPolicy.FolderRules> folders = new HashMap<>();
		folders.put("", top);
		DirCacheEntry[] entries = prefix.isEmpty() ? null : index.getEntriesWithin(prefix);
		int count = entries != null ? entries.length : index.getEntryCount();
		for (int i = 0; i < count; i++) {
			DirCacheEntry entry = entries != null ? entries[i] : index.getEntry(i);
			String path = entry.getPathString();
			if (entry.getFileMode() == FileMode.GITLINK) {
				submodules.add(path);
			}
			String relative = prefix.isEmpty() ? path : path.substring(prefix.length() + 1);
			int slash = relative.lastIndexOf('/');
			String folder = slash < 0 ? "" : relative.substring(0, slash);
			PathPolicy.FolderRules rules = folders.get(folder);
			if (rules == null) {
				// the folders on the way, from the nearest one known
				int known = folder.lastIndexOf('/');
				while (known >= 0 && !folders.containsKey(folder.substring(0, known))) {
					known = folder.lastIndexOf('/', known - 1);
				}
				String at = known < 0 ? "" : folder.substring(0, known);
				rules = folders.get(at);
				for (String name : (known < 0 ? folder : folder.substring(known + 1)).split("/")) {
					String reason = rules.hiddenReason(name, true);
					at = at.isEmpty() ? name : at + "/" + name;
					if (reason != null) {
						return Optional.of(subject + " holds files hidden from the agent that Git tracks, such as '"
								+ at + "' (" + reason + ")");
					}
					rules = rules.child(name);
					folders.put(at, rules);
				}
			}
			String reason = rules.hiddenReason(relative.substring(slash + 1), false);
			if (reason != null) {
				return Optional.of(subject + " holds files hidden from the agent that Git tracks, such as '"
						+ relative + "' (" + reason + ")");
			}
		}
		return Optional.empty();
	}

	/**
	 * Walks the tree of an allowed folder once and returns the first reason {@code hidden} gives for an entry the
	 * agent's listing does not show, or why the tree cannot be checked; {@code subject} names the folder in them.
	 */
	private Optional<String> hiddenInTree(String subject, PathDecision decision, Function<Path, String> hidden) {
		// one walk: the visible entries are counted and the others decided as they are listed; the folders the walk
		// does not enter are looked into one level after it: those links lead to (which a program that follows
		// links reads), and those at its depth limit, which must hold no folder
		List<Path> linked = new ArrayList<>();
		List<Path> deepest = new ArrayList<>();
		int startDepth = decision.relativePath().isEmpty() ? 0 : decision.relativePath().split("/").length;
		int[] count = { 0 };
		String[] found = { null };
		Walk walk = policy.walk(decision.path().toString(), MAX_TREE_DEPTH, file -> {
			if (file.directory()) {
				if (Files.isSymbolicLink(file.path())) {
					linked.add(file.path());
				} else if (file.relativePath().split("/").length - startDepth >= MAX_TREE_DEPTH) {
					deepest.add(file.path());
				}
			}
			return ++count[0] < MAX_TREE_ENTRIES;
		}, entry -> {
			found[0] = hidden.apply(entry);
			return found[0] == null;
		});
		if (found[0] != null) {
			return Optional.of(found[0]);
		}
		if (count[0] >= MAX_TREE_ENTRIES) {
			return Optional.of(subject + " holds more than " + MAX_TREE_ENTRIES + " files, too many to check for"
					+ " files hidden from the agent");
		}
		if (!walk.unreadable().isEmpty()) {
			return Optional.of(subject + " could not be read to check for hidden files: "
					+ walk.unreadable().get(0));
		}
		List<Path> notEntered = new ArrayList<>(linked);
		notEntered.addAll(deepest);
		for (Path directory : notEntered) {
			try (Stream<Path> entries = Files.list(directory)) {
				Iterator<Path> it = entries.iterator();
				while (it.hasNext()) {
					Path entry = it.next();
					if (deepest.contains(directory) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
						return Optional.of(subject + " holds folders nested more than " + MAX_TREE_DEPTH
								+ " deep, too deep to check for files hidden from the agent");
					}
					String why = hidden.apply(entry);
					if (why != null) {
						return Optional.of(why);
					}
				}
			} catch (IOException | UncheckedIOException e) {
				return Optional.of(subject + " could not be read to check for hidden files: " + e.getMessage());
			}
		}
		return Optional.empty();
	}

	/**
	 * Why an entry of the tree that {@code subject} names (at {@code top}) that the agent's listing does not show
	 * makes the tree hold hidden files, or {@code null}: it is hidden, and the program reads it (with
	 * {@code skipsDot} it skips dot files, with {@code skipsIgnored} the files Git's ignore files name, as {@code rg}
	 * does in a repository; it does not read {@value Visibility#WARDEN_IGNORE}, so a file only that hides counts). A
	 * link that leads outside is not entered and not hidden.
	 */
	private String hiddenEntry(String subject, Path top, Path entry, boolean skipsDot, boolean skipsIgnored,
			String which) {
		PathDecision hidden = policy.decide(entry);
		if (hidden.verdict() != PathVerdict.HIDDEN) {
			return null;
		}
		String name = entry.getFileName().toString();
		if ((skipsDot && name.startsWith(".")) || (skipsIgnored && hiddenOnlyByGit(hidden.reason(), true))) {
			return null;
		}
		return subject + " holds files hidden from the agent" + which + ", such as '" + top.relativize(entry)
				+ "' (" + hidden.reason() + ")";
	}

	@Override
	public Optional<String> whyMatchedFoldersHoldHidden(String glob, String folder, Path workingDirectory,
			boolean shellGlobs, boolean skipsDotAndIgnored) {
		List<String> matches = shellGlobs ? shellExpansion(glob, workingDirectory) : null;
		if (matches == null) {
			return whyFolderHoldsHidden(folder, workingDirectory, skipsDotAndIgnored);
		}
		// none: the shell passes the glob as written, which names no folder; else each match the program gets
		for (String match : matches) {
			Optional<String> why = whyFolderHoldsHidden(match.isEmpty() ? "." : match, workingDirectory,
					skipsDotAndIgnored);
			if (why.isPresent()) {
				return why;
			}
		}
		return Optional.empty();
	}

	/** The word with a leading {@code ~}, {@code $HOME} and {@code $PWD} expanded. */
	private String expanded(String word, Path workingDirectory) {
		String text = word;
		if (text.equals("~") || text.startsWith("~/")) {
			text = home + text.substring(1);
		}
		return expandKnownVariables(text, workingDirectory);
	}

	/** Expands {@code $HOME} and {@code $PWD} (also in braces), the variables whose value is known here. */
	private String expandKnownVariables(String text, Path workingDirectory) {
		if (text.indexOf('$') < 0) {
			return text;
		}
		return text.replace("${HOME}", home.toString()).replace("$HOME", home.toString())
				.replace("${PWD}", workingDirectory.toString()).replace("$PWD", workingDirectory.toString());
	}

	private static boolean hasGlob(String text) {
		return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0 || text.indexOf('{') >= 0;
	}
}
