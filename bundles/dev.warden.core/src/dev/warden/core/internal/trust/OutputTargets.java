package dev.warden.core.internal.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a file a command writes (by an output redirection or {@code find -fprint}) may be covered by a
 * pattern: only {@code /dev/null} (and the standard streams) or a file inside the workspace root, also after
 * following symbolic links, and not one of the ignore files that decide which files are hidden from the agent.
 */
public final class OutputTargets {

	private static final Set<String> HARMLESS = Names.setOf("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/fd/1",
			"/dev/fd/2");

	/** The files whose rules hide files from the agent: writing one may show what it hides. */
	private static final Set<String> IGNORE_FILES = Set.of(".gitignore", ".wardenignore");

	private final Path root;
	/**
	 * The real form of the root, found when first needed (most commands never ask: no redirection, no path), and
	 * whether the root existed then, so that it is its real form: a target whose first existing folder is the root
	 * then needs no resolving of its links (the root's folders lie outside the workspace, and no covered command
	 * may change them).
	 */
	private record Real(Path root, boolean resolved) {
	}

	private volatile Real real;
	/** What is kept of the folders below the root, given by a test; null to find it by the real root. */
	private final FolderEntries folderEntries;

	public OutputTargets(Path root) {
		this(root, null);
	}

	/** Targets of the workspace at {@code root}, whose folders are kept in {@code folderEntries} (for tests). */
	OutputTargets(Path root, FolderEntries folderEntries) {
		this.folderEntries = folderEntries;
		this.root = root.toAbsolutePath().normalize();
	}

	private Real real() {
		Real found = real;
		if (found == null) {
			try {
				found = new Real(root.toRealPath(), true);
			} catch (IOException e) {
				// A root that does not exist (yet) has no links to follow: its own form is its real form.
				found = new Real(root, false);
			}
			real = found; // two threads may each find it: the first look stands for the policy's life
		}
		return found;
	}

	public Path root() {
		return root;
	}

	/**
	 * Says why writing to the target is not covered, or empty when it is.
	 *
	 * @param directoryMayChange whether a {@code cd} elsewhere on the line may change the directory that
	 *                           relative targets are resolved against
	 */
	public Optional<String> whyNotCovered(Word target, Path workingDirectory, boolean directoryMayChange) {
		return whyNotCovered(target, workingDirectory, directoryMayChange, null);
	}

	/**
	 * Says why writing to the target is not covered, or empty when it is; {@code looks} (null: none) holds what the
	 * line's other checks found of the root's folders, whose kept listings say that a new file's name has no entry
	 * yet (see {@link #realLocation(Path, Looks)}).
	 */
	Optional<String> whyNotCovered(Word target, Path workingDirectory, boolean directoryMayChange, Looks looks) {
		if (target.processSubstitution()) {
			return Optional.empty();
		}
		String text = target.text();
		if (!target.literal()) {
			return Optional.of("writes to `" + Quoting.oneLine(text) + "`, which holds an expansion, so where it"
					+ " writes cannot be known");
		}
		if (HARMLESS.contains(text)) {
			return Optional.empty();
		}
		Path path;
		try {
			path = Path.of(text);
		} catch (InvalidPathException e) {
			return Optional.of("writes to `" + Quoting.oneLine(text) + "`, which is not a valid path: " + e.getReason());
		}
		if (text.isEmpty()) {
			return Optional.of("writes to an empty file name");
		}
		if (!path.isAbsolute() && directoryMayChange) {
			return Optional.of("writes to `" + Quoting.oneLine(text) + "`, relative to a working directory that a"
					+ " `cd` on the same line may change");
		}
		Path resolved = workingDirectory.toAbsolutePath().resolve(path).normalize();
		if (!resolved.startsWith(root)) {
			return Optional.of("writes to `" + Quoting.oneLine(resolved.toString()) + "`, outside the workspace");
		}
		Path name = resolved.getFileName();
		if (name != null && IGNORE_FILES.contains(name.toString().toLowerCase(java.util.Locale.ROOT))) {
			return Optional.of("writes to `" + Quoting.oneLine(text) + "`, whose rules decide which files are hidden"
					+ " from the agent");
		}
		Path real;
		try {
			real = realLocation(resolved, looks);
		} catch (IOException e) {
			return Optional.of("writes to `" + Quoting.oneLine(text) + "`, whose location cannot be resolved ("
					+ e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
		}
		if (real != null && !real.startsWith(real().root())) {
			return Optional.of("writes to `" + Quoting.oneLine(text) + "`, which a symbolic link leads outside"
					+ " the workspace (to " + real + ")");
		}
		return Optional.empty();
	}

	/** What a part of a path is, as {@link #leadsOutside} found it. */
	enum Part {
		MISSING, FOLDER, FILE, LINK;

		/** What attributes read without following links say an existing entry is. */
		static Part of(BasicFileAttributes attributes) {
			return attributes.isSymbolicLink() ? LINK : attributes.isDirectory() ? FOLDER : FILE;
		}
	}

	/**
	 * Where a path inside the workspace really leads, when a symbolic link on it leads outside the workspace
	 * ({@code docs -> /home/user/.ssh} makes {@code docs/id_rsa} a file outside); empty when it stays inside, or when
	 * it names nothing that exists (opening it fails). {@code path} is absolute; a {@code ..} in it is read as the
	 * system reads it, after the link before it. Its parts are looked at one by one from the root down, each once per
	 * {@code seen} (one command line's paths share their folders), and only a link is resolved.
	 */
	Optional<Path> leadsOutside(Path path, Map<Path, Part> seen) {
		if (!real().resolved() || !path.startsWith(root)) {
			return Files.exists(path) ? reallyOutside(path) : Optional.empty();
		}
		Path current = root;
		for (int i = root.getNameCount(); i < path.getNameCount(); i++) { // not relativize(), which drops `..`
			String name = path.getName(i).toString();
			if (name.isEmpty() || name.equals(".")) {
				continue;
			}
			if (name.equals("..")) {
				if (current.equals(root)) {
					return Files.exists(path) ? reallyOutside(path) : Optional.empty(); // above the root and back
				}
				current = current.getParent(); // a folder that is no link: `..` goes where its words say
				continue;
			}
			Path next = current.resolve(name);
			Part part = seen.get(next);
			if (part == null) {
				part = part(next);
				seen.put(next, part);
			}
			switch (part) {
			case FOLDER -> current = next;
			case LINK -> {
				return reallyOutside(path);
			}
			default -> {
				return Optional.empty(); // a file or nothing: nothing follows it
			}
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether the root's real form is known, so that {@link #leadsOutsideBelow} may look at a path by its text below
	 * the root.
	 */
	boolean rootResolved() {
		return real().resolved();
	}

	/**
	 * What one command line has looked at below the root: the parts of its paths, by their text below the root, and
	 * the folders they lie in, as {@link FolderEntries} gave them for this line.
	 */
	static final class Looks {
		private final Map<String, Part> parts = new HashMap<>(8);
		private Map<String, FolderEntries.Folder> folders;
		/** The device of the root, when its folder was kept on this line. */
		private Object rootDevice;
	}

	/**
	 * What {@link #leadsOutside} finds for a path given by its text below the root ({@code src/App.java}), when
	 * that text only goes down: it holds no {@code ..} and no NUL, and the root is resolved. The same parts are
	 * looked at in the same order, but each is known by its text below the root (the text up to one of its
	 * slashes), and the file system is asked through {@link FolderEntries}: once per folder of the line, and about
	 * a name only when the folder changed since it was last listed. This is the check of every file a command line
	 * reads, most of which share their folders with the files of earlier lines.
	 */
	Optional<Path> leadsOutsideBelow(String text, Looks looks) {
		String below = normal(text);
		int length = below.length();
		int start = 0;
		String folder = "";
		while (start < length) {
			int end = below.indexOf('/', start);
			if (end < 0) {
				end = length;
			}
			String key = end == length ? below : below.substring(0, end);
			Part part = looks.parts.get(key);
			if (part == null) {
				try {
					part = part(folder, below.substring(start, end), key, looks);
				} catch (InvalidPathException e) {
					return Optional.empty(); // no file can have such a name
				}
				looks.parts.put(key, part);
			}
			switch (part) {
			case FOLDER -> {
				folder = key;
				start = end + 1;
			}
			case LINK -> {
				try {
					return reallyOutside(root.resolve(below));
				} catch (InvalidPathException e) {
					// a name after the link that is no file name here: the link is judged as leading outside
					return Optional.of(root.resolve(key));
				}
			}
			default -> {
				return Optional.empty(); // a file or nothing: nothing follows it
			}
			}
		}
		return Optional.empty();
	}

	/**
	 * A path's text below the root without empty parts and {@code .} parts ({@code ./src//a/} is {@code src/a}), so
	 * that each folder has one key; most texts are so already and are returned as they are.
	 */
	private static String normal(String text) {
		if (text.equals(".")) {
			return ""; // the working folder, which find and the recursive readers are most often given
		}
		int length = text.length();
		boolean normal = length > 0 && text.charAt(0) != '/' && text.charAt(length - 1) != '/';
		for (int i = 0; normal && i < length; i++) {
			if (text.charAt(i) == '.' && (i == 0 || text.charAt(i - 1) == '/')
					&& (i + 1 == length || text.charAt(i + 1) == '/')) {
				normal = false;
			} else if (text.charAt(i) == '/' && i + 1 < length && text.charAt(i + 1) == '/') {
				normal = false;
			}
		}
		if (normal) {
			return text;
		}
		StringBuilder parts = new StringBuilder(length);
		for (String part : text.split("/")) {
			if (!part.isEmpty() && !part.equals(".")) {
				parts.append(parts.isEmpty() ? "" : "/").append(part);
			}
		}
		return parts.toString();
	}

	/** What the entry {@code name} of the folder {@code folder} is ({@code key} below the root), kept or looked at. */
	private Part part(String folder, String name, String key, Looks looks) {
		FolderEntries.Folder kept = keptFolder(folder, looks);
		Part part = kept == null ? null : kept.part(name);
		return part != null ? part : part(root.resolve(key));
	}

	/** What is kept of the root's folders; null when nothing is kept for its file system. */
	private FolderEntries entries() {
		return folderEntries != null ? folderEntries : FolderEntries.of(real().root());
	}

	/**
	 * What the file system holds at {@code path}, not following a link. Whether it exists is asked first, as that
	 * call throws nothing for a missing file (looking without following throws); a link that leads nowhere counts
	 * as missing: nothing can be read through it.
	 */
	private static Part part(Path path) {
		if (!Files.exists(path)) {
			return Part.MISSING;
		}
		try {
			return Part.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
		} catch (IOException e) {
			return Part.MISSING; // gone meanwhile
		}
	}

	private Optional<Path> reallyOutside(Path path) {
		try {
			Path real = realLocation(path, null);
			return real == null || real.startsWith(real().root()) ? Optional.empty() : Optional.of(real);
		} catch (IOException e) {
			return Optional.empty(); // a link that leads nowhere: opening it fails
		}
	}

	/**
	 * The real form of the longest part of {@code resolved} that exists, or null when that part is the root's own
	 * folder (whose real form is known) or nothing exists.
	 */
	private Path realLocation(Path resolved, Looks looks) throws IOException {
		Path existing = resolved;
		while (existing != null) {
			if (real().resolved() && existing.equals(root) && Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
				return null; // a new file of the root's own folder (the most common): its real form is known
			}
			Part kept = looks == null ? null : keptEntry(existing, looks);
			if (kept == Part.MISSING) {
				existing = existing.getParent(); // no entry at all, not even a link that leads nowhere
				continue;
			}
			// asked without following a link, which throws for a missing file: the kept listing spares that look
			if (kept != null || Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
				return existing.toRealPath();
			}
			existing = existing.getParent();
		}
		return null;
	}

	/**
	 * What the kept listing of its folder says the entry at {@code path} (below the root) is: missing, a folder, a
	 * file or a link (one that leads nowhere too); null when no listing is kept or it cannot tell. The listing of the
	 * root is looked at first, as a folder below it is kept only on the root's device.
	 */
	private Part keptEntry(Path path, Looks looks) {
		if (!real().resolved() || !path.startsWith(root) || path.equals(root)) {
			return null;
		}
		Path relative = root.relativize(path);
		StringBuilder folder = new StringBuilder(); // the folder's key: its names below the root, joined by `/`
		for (int i = 0; i < relative.getNameCount() - 1; i++) {
			folder.append(i == 0 ? "" : "/").append(relative.getName(i));
		}
		FolderEntries.Folder listing = keptFolder("", looks);
		if (listing != null && !folder.isEmpty()) {
			listing = keptFolder(folder.toString(), looks);
		}
		return listing == null ? null : listing.part(relative.getFileName().toString());
	}

	/** The kept listing of a folder of the root ({@code key} below it), once per line; null when none is kept. */
	private FolderEntries.Folder keptFolder(String key, Looks looks) {
		FolderEntries entries = entries();
		if (entries == null) {
			return null;
		}
		if (looks.folders == null) {
			looks.folders = new HashMap<>(4);
		}
		FolderEntries.Folder kept = looks.folders.get(key);
		if (kept == null) {
			kept = entries.folder(key, key.isEmpty() ? root : root.resolve(key), looks.rootDevice);
			looks.folders.put(key, kept);
			if (key.isEmpty()) {
				looks.rootDevice = kept.device();
			}
		}
		return kept;
	}
}
