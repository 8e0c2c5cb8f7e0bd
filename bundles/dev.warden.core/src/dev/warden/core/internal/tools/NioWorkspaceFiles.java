package dev.warden.core.internal.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;
import dev.warden.core.tools.FileEntry;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.WorkspaceFiles;

/**
 * {@link WorkspaceFiles} on {@code java.nio}, confined to given root directories; for tests, the command line and
 * any host without Eclipse resources. With one root, paths are relative to it; with several, a path starts with the
 * name of its root. Paths are normalized lexically ({@code ..} may not climb above a root) and then checked on disk
 * (a symbolic link may not lead out of its root). Hidden paths, by default every {@code .git} directory, are neither
 * listed nor readable.
 */
public final class NioWorkspaceFiles implements WorkspaceFiles {

	/** Hides version-control metadata. */
	public static final Predicate<String> HIDE_GIT = path -> path.equals(".git") || path.startsWith(".git/") //$NON-NLS-1$ //$NON-NLS-2$
			|| path.contains("/.git/") || path.endsWith("/.git"); //$NON-NLS-1$ //$NON-NLS-2$

	/** The largest file {@link #readText(String)} reads. */
	public static final long MAX_READ_BYTES = 8L * 1024 * 1024;

	private final Map<String, Path> roots = new LinkedHashMap<>();

	private final Predicate<String> hidden;

	/** The rules for a folder's entries, read once per folder; {@code null} to judge each path with {@link #hidden}. */
	private final Function<Path, FolderHiding> folders;

	/**
	 * The entry the walk on this thread is visiting now (see {@link #readBytes}), in a slot the walk sets once: a walk
	 * inside a visitor puts the outer walk's slot back when it ends.
	 */
	private final ThreadLocal<Item[]> visiting = new ThreadLocal<>();

	/** Which entries of one folder are hidden, decided with the folder's rules read once. */
	private interface FolderHiding {
		boolean hides(String name, boolean directory);

		FolderHiding child(String name);
	}

	/** One root, hiding {@code .git}. */
	public NioWorkspaceFiles(Path root) {
		this(Map.of(root.getFileName() == null ? "root" : root.getFileName().toString(), root), HIDE_GIT); //$NON-NLS-1$
	}

	/**
	 * The agent's view of {@code roots} under {@code policy}: what the policy hides is neither listed nor readable.
	 *
	 * @param roots root directories by the name paths use for them, as the policy's roots are named
	 */
	public static NioWorkspaceFiles governedBy(Map<String, Path> roots, PathPolicy policy) {
		return new NioWorkspaceFiles(roots, path -> policy.decide(path).verdict() == PathVerdict.HIDDEN,
				folder -> policy.folder(folder).map(NioWorkspaceFiles::hiding).orElse(null));
	}

	private static FolderHiding hiding(PathPolicy.FolderRules rules) {
		return new FolderHiding() {
			@Override
			public boolean hides(String name, boolean directory) {
				return rules.hiddenReason(name, directory) != null;
			}

			@Override
			public FolderHiding child(String name) {
				return hiding(rules.child(name));
			}
		};
	}

	/**
	 * @param roots  root directories by the name paths use for them (ignored with a single root)
	 * @param hidden which workspace-relative paths to hide
	 */
	public NioWorkspaceFiles(Map<String, Path> roots, Predicate<String> hidden) {
		this(roots, hidden, null);
	}

	private NioWorkspaceFiles(Map<String, Path> roots, Predicate<String> hidden, Function<Path, FolderHiding> folders) {
		if (roots.isEmpty()) {
			throw new IllegalArgumentException("At least one root is needed"); //$NON-NLS-1$
		}
		roots.forEach((name, root) -> {
			try {
				this.roots.put(name, root.toRealPath());
			} catch (IOException e) {
				throw new IllegalArgumentException("Not a directory: " + root, e); //$NON-NLS-1$
			}
		});
		this.hidden = hidden;
		this.folders = folders;
	}

	@Override
	public String canonicalSpelling(String path) {
		if (roots.size() != 1 || path == null) {
			return path;
		}
		Map.Entry<String, Path> root = roots.entrySet().iterator().next();
		String text = path.strip().replace('\\', '/');
		String[] segments = text.split("/", -1); //$NON-NLS-1$
		if (segments.length == 0 || !segments[0].equals(root.getKey()) || text.startsWith("/")) { //$NON-NLS-1$
			return path;
		}
		for (String segment : segments) {
			if (segment.equals("..")) { //$NON-NLS-1$
				return path; // only a plain path is respelled, never one that climbs
			}
		}
		if (Files.exists(root.getValue().resolve(segments[0]), LinkOption.NOFOLLOW_LINKS)) {
			return path; // the project holds an entry of its own name: the path means that entry
		}
		String rest = text.substring(segments[0].length());
		while (rest.startsWith("/")) { //$NON-NLS-1$
			rest = rest.substring(1);
		}
		return rest.isEmpty() ? "." : rest; //$NON-NLS-1$
	}

	@Override
	public String normalize(String path) throws ToolException {
		String text = path == null ? "" : path.strip().replace('\\', '/'); //$NON-NLS-1$
		if (text.startsWith("/") || text.matches("^[A-Za-z]:/.*")) { //$NON-NLS-1$ //$NON-NLS-2$
			text = relativize(text);
		}
		List<String> segments = new ArrayList<>();
		for (String segment : text.split("/")) { //$NON-NLS-1$
			if (segment.isEmpty() || segment.equals(".")) { //$NON-NLS-1$
				continue;
			}
			if (segment.equals("..")) { //$NON-NLS-1$
				if (segments.isEmpty()) {
					throw new ToolException("The path '" + path + "' lies outside the workspace."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				segments.remove(segments.size() - 1);
			} else {
				segments.add(segment);
			}
		}
		String normalized = segments.isEmpty() ? "." : String.join("/", segments); //$NON-NLS-1$ //$NON-NLS-2$
		if (!normalized.equals(".") && hidden.test(normalized)) { //$NON-NLS-1$
			throw new ToolException("The path '" + path + "' is hidden from the agent by the workspace's rules."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Path local = locate(normalized);
		if (local != null) {
			checkLinks(path, normalized, local);
		}
		return normalized;
	}

	private String relativize(String absolute) throws ToolException {
		Path target = Path.of(absolute).normalize();
		for (Map.Entry<String, Path> root : roots.entrySet()) {
			if (target.startsWith(root.getValue())) {
				String relative = root.getValue().relativize(target).toString().replace('\\', '/');
				return roots.size() == 1 ? relative : root.getKey() + '/' + relative;
			}
		}
		throw new ToolException("The path '" + absolute + "' lies outside the workspace; use a path relative to it."); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return the location on disk, or {@code null} for the virtual root above several roots */
	private Path locate(String normalized) throws ToolException {
		if (roots.size() == 1) {
			Path root = roots.values().iterator().next();
			return normalized.equals(".") ? root : root.resolve(normalized); //$NON-NLS-1$
		}
		if (normalized.equals(".")) { //$NON-NLS-1$
			return null;
		}
		int slash = normalized.indexOf('/');
		String name = slash < 0 ? normalized : normalized.substring(0, slash);
		Path root = roots.get(name);
		if (root == null) {
			throw new ToolException("There is no project '" + name + "' in the workspace; projects: " //$NON-NLS-1$ //$NON-NLS-2$
					+ String.join(", ", roots.keySet()) + '.'); //$NON-NLS-1$
		}
		return slash < 0 ? root : root.resolve(normalized.substring(slash + 1));
	}

	private Path rootOf(String normalized) {
		if (roots.size() == 1) {
			return roots.values().iterator().next();
		}
		int slash = normalized.indexOf('/');
		return roots.get(slash < 0 ? normalized : normalized.substring(0, slash));
	}

	private void checkLinks(String original, String normalized, Path local) throws ToolException {
		Path existing = local;
		while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return;
		}
		try {
			if (!existing.toRealPath().startsWith(rootOf(normalized))) {
				throw new ToolException("The path '" + original + "' leads out of the workspace through a link."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		} catch (IOException e) {
			throw new ToolException("The path '" + original + "' cannot be resolved: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	@Override
	public Optional<FileEntry> stat(String path) throws ToolException {
		String normalized = normalize(path);
		Path local = locate(normalized);
		if (local == null) {
			return Optional.of(new FileEntry(".", true, 0, 0)); //$NON-NLS-1$
		}
		if (!Files.exists(local)) {
			return Optional.empty();
		}
		boolean directory = Files.isDirectory(local);
		try {
			return Optional.of(new FileEntry(normalized, directory, directory ? 0 : Files.size(local), 0));
		} catch (IOException e) {
			throw new ToolException("Cannot read the attributes of '" + normalized + "': " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	@Override
	public void walk(String dir, int maxDepth, Predicate<FileEntry> visitor) throws ToolException {
		walk(dir, maxDepth, null, visitor);
	}

	/**
	 * Lists the files only (see {@link WorkspaceFiles#walkFiles}): in a folder the link count shows to have no
	 * sub-folder left to find, a file whose path {@code files} rejects is left out without reading its attributes or
	 * judging it.
	 */
	@Override
	public void walkFiles(String dir, int maxDepth, Predicate<String> files, Predicate<FileEntry> visitor)
			throws ToolException {
		walk(dir, maxDepth, files, visitor);
	}

	/** @param files which files the visitor wants, folders not visited; {@code null}: every entry visited */
	private void walk(String dir, int maxDepth, Predicate<String> files, Predicate<FileEntry> visitor)
			throws ToolException {
		String normalized = normalize(dir);
		Path local = locate(normalized);
		Item[] outer = visiting.get();
		Item[] slot = new Item[1];
		visiting.set(slot);
		try {
			if (local == null) {
				for (Map.Entry<String, Path> root : roots.entrySet()) {
					if (files == null && !visitor.test(new FileEntry(root.getKey(), true, 0, 1))) {
						return;
					}
					if (maxDepth > 1 && !new Walk(root.getValue(), maxDepth, files, visitor, slot)
							.run(root.getValue(), root.getKey(), hiding(root.getValue()), 2)) {
						return;
					}
				}
				return;
			}
			if (!Files.isDirectory(local)) {
				throw new ToolException("'" + normalized + "' is not a directory."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			new Walk(local, maxDepth, files, visitor, slot).run(local, normalized.equals(".") ? "" : normalized, //$NON-NLS-1$ //$NON-NLS-2$
					hiding(local), 1);
		} finally {
			visiting.set(outer);
		}
	}

	private FolderHiding hiding(Path folder) {
		return folders == null ? null : folders.apply(folder);
	}

	/** A visible entry of a folder, as a walk lists it. */
	private record Item(FileEntry entry, Path local, boolean plainFile, FolderHiding rules) {
	}

	/**
	 * The file systems whose folders have a link count of 2 and one more for each sub-folder (a sub-folder's
	 * {@code ..} links to it), which a walk uses to know when a folder has no sub-folder left among the names it has
	 * not examined.
	 */
	private static final Set<String> LINKS_COUNT_FOLDERS = Set.of("ext2", "ext3", "ext4", "xfs", "tmpfs"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$

	/**
	 * One walk below a folder. While the visitor sees a folder's entries, the sub-folders it will enter next are
	 * listed and judged ahead on a helper thread (the common pool), so that listing, reading attributes and deciding
	 * visibility use a second core; the visitor still sees every entry in name order, on the walking thread.
	 */
	private final class Walk {
		private final int maxDepth;
		private final Predicate<String> files;
		private final Predicate<FileEntry> visitor;
		/** Where the visitor's current entry is kept, for {@link #readBytes}. */
		private final Item[] slot;
		/** Set when the walk ends: listings still queued are not needed any more. */
		private final AtomicBoolean stopped = new AtomicBoolean();
		/**
		 * The device of the walk's top folder when its file system counts sub-folders in link counts (see
		 * {@link #LINKS_COUNT_FOLDERS}) and the visitor wants only some files; {@code null} otherwise.
		 */
		private final Object countingDevice;

		Walk(Path top, int maxDepth, Predicate<String> files, Predicate<FileEntry> visitor, Item[] slot) {
			this.maxDepth = maxDepth;
			this.files = files;
			this.visitor = visitor;
			this.slot = slot;
			this.countingDevice = files == null ? null : countingDevice(top);
		}

		private static Object countingDevice(Path top) {
			try {
				if (LINKS_COUNT_FOLDERS.contains(Files.getFileStore(top).type())) {
					return Files.getAttribute(top, "unix:dev"); //$NON-NLS-1$
				}
			} catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
				// no link counts to use: every entry is examined
			}
			return null;
		}

		/**
		 * Visits the entries of {@code directory}, whose workspace path is {@code prefix}; {@code rules} decides
		 * which are hidden, or, when {@code null}, {@link #hidden} decides each path. Symbolic links are always
		 * judged by their path (where they lead counts) and never entered.
		 */
		boolean run(Path directory, String prefix, FolderHiding rules, int depth) throws ToolException {
			try {
				return visit(list(directory, prefix, rules, depth));
			} finally {
				stopped.set(true);
			}
		}

		private boolean visit(List<Item> items) throws ToolException {
			Ahead[] ahead = new Ahead[items.size()];
			for (int i = 0; i < items.size(); i++) {
				Item item = items.get(i);
				if (item.entry().directory() && item.entry().depth() < maxDepth) {
					ahead[i] = new Ahead(item);
					ForkJoinPool.commonPool().execute(ahead[i]);
				}
			}
			for (int i = 0; i < items.size(); i++) {
				Item item = items.get(i);
				if (files == null || !item.entry().directory()) {
					slot[0] = item.plainFile() ? item : null;
					if (!visitor.test(item.entry())) {
						return false;
					}
				}
				if (ahead[i] != null && !visit(ahead[i].get())) {
					return false;
				}
			}
			return true;
		}

		/**
		 * The listing of one sub-folder the walk is going to enter: made by a helper thread while the walk visits
		 * the folders before it, or by the walk itself when it gets there first.
		 */
		private final class Ahead implements Runnable {
			private final Item folder;
			private final AtomicBoolean claimed = new AtomicBoolean();
			private final CompletableFuture<List<Item>> items = new CompletableFuture<>();

			Ahead(Item folder) {
				this.folder = folder;
			}

			@Override
			public void run() {
				if (stopped.get() || !claimed.compareAndSet(false, true)) {
					return;
				}
				try {
					items.complete(list(folder.local(), folder.entry().path(), folder.rules(),
							folder.entry().depth() + 1));
				} catch (ToolException | RuntimeException e) {
					items.completeExceptionally(e);
				}
			}

			List<Item> get() throws ToolException {
				run(); // here, unless a helper has begun
				try {
					return items.join();
				} catch (java.util.concurrent.CompletionException e) {
					if (e.getCause() instanceof ToolException cause) {
						throw cause;
					}
					throw e;
				}
			}
		}

		/**
		 * The visible entries of {@code directory} the visitor may want, in name order, with the rules of the
		 * sub-folders the walk enters. When the visitor wants only some files and the folder's link count tells how
		 * many sub-folders it has, the names it may want or that look like folders ({@link #mayBeFolder}) are
		 * examined first, and the others only while sub-folders remain to be found among them.
		 */
		private List<Item> list(Path directory, String prefix, FolderHiding rules, int depth) throws ToolException {
			String[] names = names(directory, prefix);
			Arrays.sort(names);
			int subfolders = subfolders(directory);
			String[] relatives = new String[names.length];
			Path[] locals = new Path[names.length];
			BasicFileAttributes[] attributes = new BasicFileAttributes[names.length];
			boolean[] examined = new boolean[names.length];
			int found = 0;
			boolean deferred = false;
			for (int i = 0; i < names.length; i++) {
				relatives[i] = prefix.isEmpty() ? names[i] : prefix + '/' + names[i];
				if (subfolders >= 0 && !files.test(relatives[i]) && !mayBeFolder(names[i])) {
					deferred = true;
					continue;
				}
				examined[i] = true;
				locals[i] = directory.resolve(names[i]);
				attributes[i] = attributes(locals[i]);
				if (attributes[i] != null && attributes[i].isDirectory()) {
					found++;
				}
			}
			if (deferred && found != subfolders) {
				for (int i = 0; i < names.length; i++) {
					if (!examined[i]) {
						examined[i] = true;
						locals[i] = directory.resolve(names[i]);
						attributes[i] = attributes(locals[i]);
					}
				}
			}
			List<Item> items = new ArrayList<>(names.length);
			for (int i = 0; i < names.length; i++) {
				if (!examined[i]) {
					continue; // a file the visitor does not want: no sub-folder was left among these names
				}
				String name = names[i];
				String relative = relatives[i];
				BasicFileAttributes attribute = attributes[i];
				boolean link = attribute != null && attribute.isSymbolicLink();
				boolean isDirectory = attribute != null && attribute.isDirectory();
				if (files != null && !isDirectory && !files.test(relative)) {
					continue;
				}
				if (rules == null || link ? hidden.test(relative) : rules.hides(name, isDirectory)) {
					continue;
				}
				long size = isDirectory || link ? 0 : attribute == null ? -1 : attribute.size();
				FolderHiding childRules = isDirectory && depth < maxDepth && rules != null ? rules.child(name) : null;
				items.add(new Item(new FileEntry(relative, isDirectory, size, depth), locals[i],
						!link && !isDirectory && attribute != null, childRules));
			}
			return items;
		}

		/**
		 * How many sub-folders {@code directory} has, by its link count, or -1 when that is not known or not
		 * needed (the visitor wants every entry).
		 */
		private int subfolders(Path directory) {
			if (countingDevice == null) {
				return -1;
			}
			try {
				Map<String, Object> unix = Files.readAttributes(directory, "unix:nlink,dev", LinkOption.NOFOLLOW_LINKS); //$NON-NLS-1$
				int links = ((Number) unix.get("nlink")).intValue(); //$NON-NLS-1$
				return links >= 2 && countingDevice.equals(unix.get("dev")) ? links - 2 : -1; //$NON-NLS-1$
			} catch (IOException | RuntimeException e) {
				return -1;
			}
		}
	}

	/** A name with no dot but a leading one: folders are mostly named so, files mostly not. A guess for speed only. */
	private static boolean mayBeFolder(String name) {
		return name.indexOf('.', 1) < 0;
	}

	private static String[] names(Path directory, String prefix) throws ToolException {
		String[] names = directory.toFile().list();
		if (names != null) {
			return names;
		}
		// java.io says nothing about why: the stream says
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
			List<String> listed = new ArrayList<>();
			for (Path child : stream) {
				listed.add(child.getFileName().toString());
			}
			return listed.toArray(String[]::new);
		} catch (IOException | java.io.UncheckedIOException e) {
			throw new ToolException("Cannot list '" + (prefix.isEmpty() ? "." : prefix) + "': " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	/** The attributes of {@code child} itself (not where a link leads), or {@code null} if it vanished or is unreadable. */
	private static BasicFileAttributes attributes(Path child) {
		try {
			return Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		} catch (IOException e) {
			return null; // shown as a file without a size
		}
	}

	@Override
	public byte[] readBytes(FileEntry entry, long maxBytes) throws ToolException {
		Item[] slot = visiting.get();
		Item current = slot == null ? null : slot[0];
		if (current == null || current.entry() != entry || entry.directory()) {
			return WorkspaceFiles.super.readBytes(entry, maxBytes);
		}
		// the walk has judged this path a moment ago; a file that has become a link since is not followed
		try (SeekableByteChannel channel = Files.newByteChannel(current.local(), StandardOpenOption.READ,
				LinkOption.NOFOLLOW_LINKS)) {
			long size = channel.size();
			if (size > maxBytes) {
				return null;
			}
			ByteBuffer buffer = ByteBuffer.allocate((int) size);
			while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
				// read on
			}
			return buffer.position() == buffer.capacity() ? buffer.array()
					: java.util.Arrays.copyOf(buffer.array(), buffer.position());
		} catch (IOException e) {
			throw new ToolException("Cannot read '" + entry.path() + "': " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	@Override
	public String readText(String path) throws ToolException {
		String normalized = normalize(path);
		Path local = locate(normalized);
		if (local == null || Files.isDirectory(local)) {
			throw new ToolException("'" + normalized + "' is a directory; use list_files to see its content."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (!Files.exists(local)) {
			throw new ToolException("There is no file '" + normalized + "'."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		byte[] bytes;
		try {
			if (Files.size(local) > MAX_READ_BYTES) {
				throw new ToolException("'" + normalized + "' is larger than " + MAX_READ_BYTES / (1024 * 1024) //$NON-NLS-1$ //$NON-NLS-2$
						+ " MB; search it with search_text instead."); //$NON-NLS-1$
			}
			bytes = Files.readAllBytes(local);
		} catch (IOException e) {
			throw new ToolException("Cannot read '" + normalized + "': " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return TextDecoding.decode(normalized, bytes);
	}

	@Override
	public Path localPath(String path) throws ToolException {
		String normalized = normalize(path);
		Path local = locate(normalized);
		// the root above several projects is no folder on disk: work there happens in the first project, as the
		// path policy reads "." too
		return local == null ? roots.values().iterator().next() : local;
	}
}
