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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

	/** The entry a walk on this thread is visiting now (see {@link #readBytes}). */
	private final ThreadLocal<Visiting> visiting = new ThreadLocal<>();

	/** Which entries of one folder are hidden, decided with the folder's rules read once. */
	private interface FolderHiding {
		boolean hides(String name, boolean directory);

		FolderHiding child(String name);
	}

	private record Visiting(FileEntry entry, Path local) {
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
		String normalized = normalize(dir);
		Path local = locate(normalized);
		Visiting outer = visiting.get();
		try {
			if (local == null) {
				for (Map.Entry<String, Path> root : roots.entrySet()) {
					if (!visitor.test(new FileEntry(root.getKey(), true, 0, 1))) {
						return;
					}
					if (maxDepth > 1 && !walk(root.getValue(), root.getKey(), hiding(root.getValue()), 2, maxDepth,
							visitor)) {
						return;
					}
				}
				return;
			}
			if (!Files.isDirectory(local)) {
				throw new ToolException("'" + normalized + "' is not a directory."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			walk(local, normalized.equals(".") ? "" : normalized, hiding(local), 1, maxDepth, visitor); //$NON-NLS-1$ //$NON-NLS-2$
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
	 * The listing of one sub-folder a walk is going to enter: made by a helper thread while the walk visits the
	 * folders before it, or by the walk itself when it gets there first.
	 */
	private final class Ahead implements Runnable {
		private final Item folder;
		private final int maxDepth;
		private final AtomicBoolean stopped;
		private final AtomicBoolean claimed = new AtomicBoolean();
		private final CompletableFuture<List<Item>> items = new CompletableFuture<>();

		Ahead(Item folder, int maxDepth, AtomicBoolean stopped) {
			this.folder = folder;
			this.maxDepth = maxDepth;
			this.stopped = stopped;
		}

		@Override
		public void run() {
			if (stopped.get() || !claimed.compareAndSet(false, true)) {
				return;
			}
			try {
				items.complete(list(folder.local(), folder.entry().path(), folder.rules(), folder.entry().depth() + 1,
						maxDepth));
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
	 * Visits the entries of {@code directory}, whose workspace path is {@code prefix}; {@code rules} decides which are
	 * hidden, or, when {@code null}, {@link #hidden} decides each path. Symbolic links are always judged by their
	 * path (where they lead counts) and never entered. While the visitor sees a folder's entries, the sub-folders it
	 * will enter next are listed and judged ahead on a helper thread (the common pool), so that listing, reading
	 * attributes and deciding visibility use a second core; the visitor still sees every entry in name order, on
	 * this thread.
	 */
	private boolean walk(Path directory, String prefix, FolderHiding rules, int depth, int maxDepth,
			Predicate<FileEntry> visitor) throws ToolException {
		AtomicBoolean stopped = new AtomicBoolean();
		try {
			return visit(list(directory, prefix, rules, depth, maxDepth), maxDepth, visitor, stopped);
		} finally {
			stopped.set(true); // listings still queued are not needed any more
		}
	}

	private boolean visit(List<Item> items, int maxDepth, Predicate<FileEntry> visitor, AtomicBoolean stopped)
			throws ToolException {
		Ahead[] ahead = new Ahead[items.size()];
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			if (item.entry().directory() && item.entry().depth() < maxDepth) {
				ahead[i] = new Ahead(item, maxDepth, stopped);
				ForkJoinPool.commonPool().execute(ahead[i]);
			}
		}
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			visiting.set(item.plainFile() ? new Visiting(item.entry(), item.local()) : null);
			if (!visitor.test(item.entry())) {
				return false;
			}
			if (ahead[i] != null && !visit(ahead[i].get(), maxDepth, visitor, stopped)) {
				return false;
			}
		}
		return true;
	}

	/** The visible entries of {@code directory}, in name order, with the rules of the sub-folders a walk enters. */
	private List<Item> list(Path directory, String prefix, FolderHiding rules, int depth, int maxDepth)
			throws ToolException {
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
			for (Path child : stream) {
				names.add(child.getFileName().toString());
			}
		} catch (IOException | java.io.UncheckedIOException e) {
			throw new ToolException("Cannot list '" + (prefix.isEmpty() ? "." : prefix) + "': " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		names.sort(null);
		List<Item> items = new ArrayList<>(names.size());
		for (String name : names) {
			String relative = prefix.isEmpty() ? name : prefix + '/' + name;
			Path child = directory.resolve(name);
			BasicFileAttributes attributes;
			try {
				attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			} catch (IOException e) {
				attributes = null; // vanished or unreadable while listing: shown as a file without a size
			}
			boolean link = attributes != null && attributes.isSymbolicLink();
			boolean isDirectory = attributes != null && attributes.isDirectory();
			if (rules == null || link ? hidden.test(relative) : rules.hides(name, isDirectory)) {
				continue;
			}
			long size = isDirectory || link ? 0 : attributes == null ? -1 : attributes.size();
			FolderHiding childRules = isDirectory && depth < maxDepth && rules != null ? rules.child(name) : null;
			items.add(new Item(new FileEntry(relative, isDirectory, size, depth), child,
					!link && !isDirectory && attributes != null, childRules));
		}
		return items;
	}

	@Override
	public byte[] readBytes(FileEntry entry, long maxBytes) throws ToolException {
		Visiting current = visiting.get();
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
