package dev.warden.core.protect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.eclipse.jgit.ignore.FastIgnoreRule;

import dev.warden.core.internal.protect.GlobalExcludes;
import dev.warden.core.internal.protect.IgnoreChain;
import dev.warden.core.internal.protect.IgnoreFileCache;
import dev.warden.core.internal.protect.IgnoreRules;
import dev.warden.core.internal.protect.ParsedPath;
import dev.warden.core.internal.protect.PathResolver;
import dev.warden.core.internal.protect.PathSyntax;
import dev.warden.core.internal.protect.Resolution;
import dev.warden.core.internal.protect.RootContext;
import dev.warden.core.internal.protect.Visibility;

/**
 * Confinement and invisibility for the agent's file tools: which paths the agent may use, which it may not (outside
 * the session's roots, or malformed), and which it must not even see (ignored or sensitive).
 * <p>
 * {@link #decide} canonicalises a path before judging it: the spelling is checked first (control and invisible
 * characters, backslashes, drive and network forms, {@code ~}, over-long paths), then the path is followed on disk
 * segment by segment ({@code ..}, symbolic links — also for files not created yet — and on-disk spelling), and the
 * real location must lie inside a root. A location inside a root is hidden when the sensitive patterns, the root's
 * {@code .wardenignore} or Git's ignore rules ({@code .gitignore} at every level, {@code .git/info/exclude}, the user's
 * {@code core.excludesFile}) match it or a folder above it. The file tools must then use {@link PathDecision#path()}, not the string they were given.
 * <p>
 * {@link #walk} and {@link #list} are the only way the tools enumerate files, so hidden files never appear in a listing
 * or a search; hidden folders are not entered. Parsed ignore files are cached and re-read when they change.
 * <p>
 * Instances are immutable apart from that cache and safe for concurrent use.
 */
public final class PathPolicy {

	private final List<RootContext> roots;
	private final Visibility visibility;
	private final PathSyntax syntax;
	private final PathResolver resolver;

	private PathPolicy(List<RootContext> roots, SensitivePatterns sensitive, GlobalExcludes globals) {
		this.roots = roots;
		this.visibility = new Visibility(sensitive, new IgnoreFileCache(), globals);
		this.syntax = PathSyntax.forThisSystem();
		this.resolver = new PathResolver(roots.stream().anyMatch(RootContext::caseInsensitive));
	}

	/**
	 * A policy confining the agent to {@code roots}; relative paths are taken from the first root, or — when there
	 * are several — from the root whose {@linkplain ProtectedRoot#name() name} is the path's first segment.
	 *
	 * @throws IllegalArgumentException if there is no root, or one is not an existing folder
	 */
	public static PathPolicy of(List<ProtectedRoot> roots, SensitivePatterns sensitive) {
		return of(roots, sensitive, System.getenv());
	}

	/**
	 * As {@link #of(List, SensitivePatterns)}, with the user's Git ignore file ({@code core.excludesFile}) found from
	 * the variables in {@code gitEnvironment} ({@code HOME}, {@code XDG_CONFIG_HOME}, {@code GIT_CONFIG_GLOBAL} …) rather
	 * than from this process's environment.
	 *
	 * @throws IllegalArgumentException if there is no root, or one is not an existing folder
	 */
	public static PathPolicy of(List<ProtectedRoot> roots, SensitivePatterns sensitive,
			java.util.Map<String, String> gitEnvironment) {
		if (roots.isEmpty()) {
			throw new IllegalArgumentException("at least one root is needed");
		}
		List<RootContext> contexts = new ArrayList<>();
		for (ProtectedRoot root : roots) {
			try {
				contexts.add(RootContext.of(root));
			} catch (IOException e) {
				throw new IllegalArgumentException("root '" + root.name() + "' is not an existing folder: "
						+ root.path(), e);
			}
		}
		return new PathPolicy(List.copyOf(contexts), sensitive, new GlobalExcludes(gitEnvironment));
	}

	/** A policy with one root and the built-in sensitive patterns. */
	public static PathPolicy of(Path root) {
		return of(List.of(ProtectedRoot.of(root)), SensitivePatterns.defaults());
	}

	public List<ProtectedRoot> roots() {
		return roots.stream().map(RootContext::root).toList();
	}

	/** The verdict on a path as the agent gave it (relative or absolute), for reading or listing. */
	public PathDecision decide(String path) {
		try {
			return decideParsed(path);
		} catch (InvalidPathException e) {
			// e.g. a non-ASCII name under an ASCII locale: the JVM cannot name the file, so it cannot be judged
			return PathDecision.refused(path, "the name cannot be written in this system's file-name encoding ("
					+ System.getProperty("sun.jnu.encoding") + "); run with a UTF-8 locale"); //$NON-NLS-1$
		}
	}

	private PathDecision decideParsed(String path) {
		ParsedPath parsed;
		PathSyntax.Result syntaxResult = syntax.parse(path);
		if (!syntaxResult.ok()) {
			return PathDecision.refused(path, syntaxResult.refusal());
		}
		parsed = syntaxResult.path();
		Path base;
		List<String> segments = parsed.segments();
		if (parsed.absolute()) {
			base = Path.of(parsed.anchor());
		} else {
			RootContext named = roots.size() > 1 && !segments.isEmpty() ? byName(segments.get(0)) : null;
			base = named == null ? roots.get(0).real() : named.real();
			if (named != null) {
				segments = segments.subList(1, segments.size());
			}
		}
		Resolution resolution = resolver.resolve(base, segments);
		if (resolution.refusal() != null) {
			return PathDecision.refused(path, resolution.refusal());
		}
		Path real = resolution.real();
		RootContext root = containing(real);
		if (root == null) {
			return PathDecision.refused(path, "outside the project roots (leads to " + real + ")");
		}
		boolean directory = resolution.exists() ? Files.isDirectory(real) : parsed.directoryHint();
		List<String> relative = segmentsOf(root.real().relativize(real));
		String reason = visibility.hiddenReason(root, relative, directory);
		if (reason == null) {
			reason = lexicalHiddenReason(base, segments, directory, real);
		}
		String relativePath = String.join("/", relative);
		Path respelled = resolution.respelled().stream()
				.filter(p -> p.startsWith(root.real()) && !p.equals(root.real())).findFirst().orElse(null);
		if (reason != null) {
			return new PathDecision(PathVerdict.HIDDEN, reason, path, root.root(), real, relativePath);
		}
		if (respelled != null) {
			return PathDecision.refused(path, "another spelling of the existing '" + root.label(respelled)
					+ "' (case or Unicode normalisation); use the exact name");
		}
		String where = relativePath.isEmpty() ? "the root of '" + root.root().name() + "'"
				: "inside '" + root.root().name() + "'";
		return new PathDecision(PathVerdict.ALLOWED, (resolution.exists() ? "" : "new, ") + where, path, root.root(),
				real, relativePath);
	}

	/** The verdict on an absolute location, for example a workspace resource the UI decorates. */
	public PathDecision decide(Path location) {
		return decide(location.toAbsolutePath().toString());
	}

	/**
	 * The verdict on a path the agent wants to create, change or delete: as {@link #decide(String)}, and the agent
	 * may not change its own visibility rules ({@value Visibility#WARDEN_IGNORE}).
	 */
	public PathDecision decideWrite(String path) {
		PathDecision decision = decide(path);
		String name = decision.isAllowed() && decision.path().getFileName() != null
				? decision.path().getFileName().toString()
				: ""; //$NON-NLS-1$
		if (name.equals(Visibility.WARDEN_IGNORE) || name.equals(".gitignore")) { //$NON-NLS-1$
			// these files decide what the agent sees: changing them would let it widen its own view
			return new PathDecision(PathVerdict.REFUSED,
					"the agent may not change " + name + ", which decides what it sees; the user can edit it", //$NON-NLS-1$ //$NON-NLS-2$
					path, decision.root(), null, null);
		}
		return decision;
	}

	/**
	 * The sensitive pattern an absolute location matches anywhere on disk (its segments from the file-system root
	 * taken as a path), or empty; for telling whether a command names a sensitive file outside the roots, such as
	 * {@code ~/.ssh/id_rsa}.
	 */
	public Optional<String> sensitiveMatch(Path location) {
		List<String> segments = segmentsOf(location.toAbsolutePath().normalize());
		StringBuilder relative = new StringBuilder();
		for (int i = 0; i < segments.size(); i++) {
			if (i > 0) {
				relative.append('/');
			}
			relative.append(segments.get(i));
			boolean directory = i < segments.size() - 1 || Files.isDirectory(location);
			String reason = Visibility.sensitiveReason(visibility.sensitive(), relative.toString(), directory);
			if (reason != null) {
				return Optional.of(reason);
			}
		}
		return Optional.empty();
	}

	/**
	 * Visits the visible files and folders below {@code start} (a folder the agent named), depth first in name
	 * order, at most {@code maxDepth} levels deep (1: the folder's own entries). Hidden entries are skipped and hidden
	 * folders not entered; symbolic links are reported only when they lead to an allowed location, and never
	 * entered. The visitor returns {@code false} to stop.
	 *
	 * @return the verdict on {@code start} (nothing is visited unless it is an allowed folder) and the folders that
	 *         could not be read
	 */
	public Walk walk(String start, int maxDepth, Predicate<VisibleFile> visitor) {
		return walk(start, maxDepth, visitor, null);
	}

	/**
	 * The same walk, telling {@code skipped} of every entry of a folder it lists that it does not visit: hidden
	 * entries (a hidden folder is not entered), symbolic links that lead to no allowed location or whose name is
	 * hidden, and entries whose kind could not be read. Either returns {@code false} to stop. One listing of each
	 * folder serves both, where a walk followed by a second listing of each folder would read the tree twice.
	 *
	 * @param skipped told of each entry not visited, by its path as listed; {@code null} for none
	 */
	public Walk walk(String start, int maxDepth, Predicate<VisibleFile> visitor, Predicate<Path> skipped) {
		PathDecision decision = decide(start);
		List<String> unreadable = new ArrayList<>();
		if (!decision.isAllowed() || !Files.isDirectory(decision.path())) {
			return new Walk(decision, unreadable);
		}
		FolderRules rules = rulesOf(decision.path(), decision.relativePath());
		new Walker(rules, visitor, skipped, maxDepth, unreadable).visit(decision.path(), rules, 1);
		return new Walk(decision, unreadable);
	}

	/** The rules of the visible folder {@code real}, whose path relative to its root is {@code relative}. */
	private FolderRules rulesOf(Path real, String relative) {
		RootContext root = containing(real);
		IgnoreChain chain = visibility.rootChain(root);
		for (String name : segmentsOf(root.real().relativize(real))) {
			chain = chain.child(name);
		}
		return new FolderRules(root, visibility.wardenRules(root), chain, relative);
	}

	/**
	 * The rules that decide which entries of the folder at {@code location} (absolute) are hidden, read once for the
	 * folder: for a walk, which would otherwise decide each entry's path from its root, reading the rules of every
	 * folder above it again. Empty unless {@code location} is an allowed folder that is reached without a symbolic
	 * link (below a link, the path as named may be hidden where its real location is not: decide such paths one by
	 * one).
	 */
	public Optional<FolderRules> folder(Path location) {
		Path lexical = location.toAbsolutePath().normalize();
		PathDecision decision = decide(lexical);
		if (!decision.isAllowed() || !decision.path().equals(lexical) || !Files.isDirectory(lexical)) {
			return Optional.empty();
		}
		return Optional.of(rulesOf(lexical, decision.relativePath()));
	}

	/**
	 * Which entries of one visible folder are hidden, each decided as {@link #decide(String)} decides it, with the
	 * folder's rules read once (see {@link #folder(Path)}). Immutable.
	 */
	public final class FolderRules {
		private final RootContext root;
		private final IgnoreRules warden;
		private final IgnoreChain chain;
		private final String relative;
		/** The rules narrowed to this folder, made when first needed (threads racing make equal ones). */
		private Visibility.Folder entries;
		/** The parent folder's narrowed rules, if it had them when this was made, and this folder's name there. */
		private final Visibility.Folder parent;
		private final String name;

		private FolderRules(RootContext root, IgnoreRules warden, IgnoreChain chain, String relative) {
			this(root, warden, chain, relative, null, null);
		}

		private FolderRules(RootContext root, IgnoreRules warden, IgnoreChain chain, String relative,
				Visibility.Folder parent, String name) {
			this.root = root;
			this.warden = warden;
			this.chain = chain;
			this.relative = relative;
			this.parent = parent;
			this.name = name;
		}

		/**
		 * Why the entry {@code name} of this folder is hidden, or {@code null} when it is visible. A symbolic link
		 * is judged by its name here; where it leads is for {@link #decide(String)}.
		 *
		 * @param directory whether the entry is a folder
		 */
		public String hiddenReason(String name, boolean directory) {
			Visibility.Folder folder = entries;
			if (folder == null) {
				folder = parent != null ? parent.child(this.name, chain)
						: visibility.folder(root, chain, warden, relative);
				entries = folder;
			}
			return folder.reason(name, directory);
		}

		/**
		 * Whether Git's ignore files (the {@code .gitignore} files up to the work tree's top, its
		 * {@code info/exclude} and the user's excludes file) ignore the entry {@code name} of this folder, whatever
		 * else hides it: {@code git add .} skips such an entry, and adds one that is hidden only as sensitive.
		 */
		public boolean ignoredByGit(String name, boolean directory) {
			IgnoreChain.Match match = chain.match(name, directory);
			return match != null && match.ignored();
		}

		/** The rules of the sub-folder {@code name}, which must be visible. */
		public FolderRules child(String name) {
			return new FolderRules(root, warden, chain.child(name), relative.isEmpty() ? name : relative + "/" + name,
					entries, name);
		}
	}

	/** The visible entries of the folder {@code directory}, in name order; empty unless it is an allowed folder. */
	public List<VisibleFile> list(String directory) {
		List<VisibleFile> entries = new ArrayList<>();
		walk(directory, 1, entries::add);
		return entries;
	}

	private final class Walker {
		private final RootContext root;
		private final Predicate<VisibleFile> visitor;
		private final Predicate<Path> skipped;
		private final int maxDepth;
		private final List<String> unreadable;

		Walker(FolderRules start, Predicate<VisibleFile> visitor, Predicate<Path> skipped, int maxDepth,
				List<String> unreadable) {
			this.root = start.root;
			this.visitor = visitor;
			this.skipped = skipped;
			this.maxDepth = maxDepth;
			this.unreadable = unreadable;
		}

		/** Tells {@link #skipped} of an entry not visited; {@code false} when it asked to stop. */
		private boolean toldSkipped(Path entry) {
			return skipped == null || skipped.test(entry);
		}

		/** Visits the entries of {@code directory}; {@code false} when the visitor asked to stop. */
		boolean visit(Path directory, FolderRules rules, int depth) {
			List<Path> entries = new ArrayList<>();
			try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
				stream.forEach(entries::add);
			} catch (IOException | UncheckedIOException e) {
				unreadable.add(root.label(directory) + ": " + e.getMessage());
				return true;
			}
			entries.sort(null);
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				String entryRelative = rules.relative.isEmpty() ? name : rules.relative + "/" + name;
				BasicFileAttributes attributes;
				try {
					attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
				} catch (IOException e) {
					unreadable.add(root.label(entry) + ": " + e.getMessage());
					if (!toldSkipped(entry)) {
						return false;
					}
					continue;
				}
				if (attributes.isSymbolicLink()) {
					PathDecision target = decide(entry.toString());
					if (target.isAllowed() && rules.hiddenReason(name, false) == null) {
						if (!visitor.test(new VisibleFile(root.root(), entryRelative, entry,
								Files.isDirectory(target.path())))) {
							return false;
						}
					} else if (!toldSkipped(entry)) {
						return false;
					}
					continue;
				}
				boolean isDirectory = attributes.isDirectory();
				if (rules.hiddenReason(name, isDirectory) != null) {
					if (!toldSkipped(entry)) {
						return false;
					}
					continue;
				}
				if (!visitor.test(new VisibleFile(root.root(), entryRelative, entry, isDirectory))) {
					return false;
				}
				if (isDirectory && depth < maxDepth && !visit(entry, rules.child(name), depth + 1)) {
					return false;
				}
			}
			return true;
		}
	}

	/**
	 * Why the path, read lexically as written (without following links), would be hidden: a path that names a
	 * hidden location on the way to a visible one (a link inside a hidden folder) is hidden too.
	 */
	private String lexicalHiddenReason(Path base, List<String> segments, boolean directory, Path real) {
		Path lexical = base;
		for (String segment : segments) {
			lexical = lexical.resolve(segment);
		}
		lexical = lexical.normalize();
		if (lexical.equals(real)) {
			return null;
		}
		for (RootContext root : roots) {
			Path given = root.root().path().toAbsolutePath().normalize();
			for (Path top : given.equals(root.real()) ? List.of(given) : List.of(root.real(), given)) {
				if (lexical.startsWith(top) && !lexical.equals(top)) {
					String reason = visibility.hiddenReason(root, segmentsOf(top.relativize(lexical)), directory);
					if (reason != null) {
						return reason + " (as named)";
					}
				}
			}
		}
		return null;
	}

	private RootContext byName(String name) {
		return roots.stream().filter(r -> r.root().name().equals(name)).findFirst().orElse(null);
	}

	private RootContext containing(Path real) {
		RootContext best = null;
		for (RootContext root : roots) {
			if (real.startsWith(root.real())
					&& (best == null || root.real().getNameCount() > best.real().getNameCount())) {
				best = root;
			}
		}
		return best;
	}

	private static List<String> segmentsOf(Path relative) {
		List<String> segments = new ArrayList<>();
		for (Path p : relative) {
			String s = p.toString();
			if (!s.isEmpty()) {
				segments.add(s);
			}
		}
		return segments;
	}
}
