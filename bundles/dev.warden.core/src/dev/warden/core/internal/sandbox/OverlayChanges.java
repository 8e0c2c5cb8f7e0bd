package dev.warden.core.internal.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warden.core.internal.protect.RootContext;
import dev.warden.core.protect.PathDecision;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;
import dev.warden.core.sandbox.SandboxChange;
import dev.warden.core.sandbox.SandboxChangeKind;

/**
 * Reads what a command wrote from the upper folder of its overlay: a file there is created or modified, a character
 * device 0/0 is a whiteout (the path was deleted), a folder marked opaque replaced the folder below it. Only the
 * upper folder is walked (and, for a deleted folder, what it held), so the time taken follows what the command wrote,
 * not the size of the root.
 * <p>
 * Each change is then judged: the path policy refuses writes to {@code .gitignore} and {@code .wardenignore} and
 * outside the roots; a sensitive or {@code .wardenignore}d path is refused; Git-ignored output is written through; a
 * file that changed on disk after the command started (the user edited it meanwhile) is a conflict and refused. The
 * start is a time stamp of the file system's own clock, so its coarse ticks cannot hide an edit.
 */
public final class OverlayChanges {

	private static final int TYPE_MASK = 0170000;
	private static final int CHARACTER_DEVICE = 0020000;

	private final RootContext root;
	private final PathPolicy policy;
	private final Masks masks;
	private final long start;
	private final List<SandboxChange> changes = new ArrayList<>();

	/**
	 * @param start the file-system time stamp (nanoseconds) taken just before the command started
	 */
	public OverlayChanges(RootContext root, PathPolicy policy, Masks masks, long start) {
		this.root = root;
		this.policy = policy;
		this.masks = masks;
		this.start = start;
	}

	/** The changes in the overlay's upper folder {@code upper}, in path order. */
	public List<SandboxChange> collect(Path upper) throws IOException {
		walk(upper, "", root.real());
		return changes;
	}

	private void walk(Path upperDir, String relative, Path lowerDir) throws IOException {
		List<Path> entries = list(upperDir);
		Set<String> names = new HashSet<>();
		for (Path entry : entries) {
			names.add(entry.getFileName().toString());
		}
		if (lowerDir != null && isOpaque(upperDir) && !relative.isEmpty()) {
			// the folder was deleted and made again: what it held below and is not in the upper folder is gone
			for (Path lowerEntry : list(lowerDir)) {
				if (!names.contains(lowerEntry.getFileName().toString())) {
					deleted(lowerEntry, join(relative, lowerEntry.getFileName().toString()));
				}
			}
		}
		for (Path entry : entries) {
			String name = entry.getFileName().toString();
			String entryRelative = join(relative, name);
			Path lower = lowerDir == null ? null : lowerDir.resolve(name);
			PosixFileAttributes lowerAttributes = lower == null ? null : attributes(lower);
			Map<String, Object> unix = Files.readAttributes(entry, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
			int mode = (Integer) unix.get("mode");
			PosixFileAttributes attributes = Files.readAttributes(entry, PosixFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if ((mode & TYPE_MASK) == CHARACTER_DEVICE && ((Long) unix.get("rdev")) == 0) {
				if (lowerAttributes != null) {
					deleted(lower, entryRelative);
				}
			} else if (attributes.isDirectory()) {
				boolean lowerIsDirectory = lowerAttributes != null && lowerAttributes.isDirectory();
				if (lowerAttributes != null && !lowerIsDirectory) {
					add(SandboxChangeKind.DELETED, entryRelative, null);
				}
				if (!lowerIsDirectory && list(entry).isEmpty()) {
					add(SandboxChangeKind.CREATED, entryRelative + "/", null);
				}
				walk(entry, entryRelative, lowerIsDirectory ? lower : null);
			} else if (attributes.isRegularFile() || attributes.isSymbolicLink()) {
				if (lowerAttributes == null) {
					add(SandboxChangeKind.CREATED, entryRelative, entry);
				} else if (lowerAttributes.isDirectory()) {
					deleted(lower, entryRelative);
					add(SandboxChangeKind.CREATED, entryRelative, entry);
				} else if (!same(lower, lowerAttributes, entry, attributes)) {
					add(SandboxChangeKind.MODIFIED, entryRelative, entry);
				}
			} else {
				changes.add(new SandboxChange(SandboxChangeKind.REFUSED, root.root(), entryRelative,
						root.real().resolve(entryRelative), null,
						"not a regular file, folder or link (a pipe, socket or device); not carried over", false,
						baseline(root.real().resolve(entryRelative))));
			}
		}
	}

	/** Reports {@code lower} deleted: a file, or a folder after everything it holds. */
	private void deleted(Path lower, String relative) throws IOException {
		PosixFileAttributes attributes = attributes(lower);
		if (attributes == null) {
			return;
		}
		if (attributes.isDirectory()) {
			for (Path entry : list(lower)) {
				deleted(entry, join(relative, entry.getFileName().toString()));
			}
			add(SandboxChangeKind.DELETED, relative + "/", null);
		} else {
			add(SandboxChangeKind.DELETED, relative, null);
		}
	}

	private void add(SandboxChangeKind kind, String relative, Path staged) {
		Path location = root.real().resolve(relative.endsWith("/") ? relative.substring(0, relative.length() - 1)
				: relative);
		String baseline = baseline(location);
		String refusal = refusal(kind, relative, location);
		boolean ignored = false;
		if (refusal == null) {
			PathDecision decision = policy.decideWrite(location.toString());
			ignored = decision.verdict() == PathVerdict.HIDDEN;
			if (!ignored && stamp(location) >= start) {
				// modified, deleted, or (for a creation) made: the file on disk is younger than the command
				refusal = kind == SandboxChangeKind.CREATED && !relative.endsWith("/")
						? "conflict: it was created outside the command while the command ran; not overwritten"
						: "conflict: it changed outside the command while the command ran; the command's version is "
								+ "not applied, so nothing is overwritten";
			}
		}
		if (refusal != null) {
			changes.add(new SandboxChange(SandboxChangeKind.REFUSED, root.root(), relative, location, staged, refusal,
					false, baseline));
		} else {
			changes.add(new SandboxChange(kind, root.root(), relative, location, staged, "", ignored, baseline));
		}
	}

	/** Why the command may not make this change at all, or {@code null}. */
	private String refusal(SandboxChangeKind kind, String relative, Path location) {
		boolean directory = relative.endsWith("/");
		String plain = directory ? relative.substring(0, relative.length() - 1) : relative;
		PathDecision decision = policy.decideWrite(location.toString());
		if (decision.verdict() == PathVerdict.REFUSED) {
			return decision.reason();
		}
		String masked = masks.reason(root, plain, directory);
		if (masked != null) {
			return masked + "; commands may not " + (kind == SandboxChangeKind.DELETED ? "delete" : "write") + " it";
		}
		return null;
	}

	private static boolean same(Path lower, PosixFileAttributes lowerAttributes, Path upper,
			PosixFileAttributes upperAttributes) throws IOException {
		if (lowerAttributes.isSymbolicLink() || upperAttributes.isSymbolicLink()) {
			return lowerAttributes.isSymbolicLink() && upperAttributes.isSymbolicLink()
					&& Files.readSymbolicLink(lower).equals(Files.readSymbolicLink(upper));
		}
		return lowerAttributes.size() == upperAttributes.size()
				&& lowerAttributes.permissions().equals(upperAttributes.permissions())
				&& Files.mismatch(lower, upper) == -1;
	}

	private static boolean isOpaque(Path directory) {
		try {
			UserDefinedFileAttributeView view = Files.getFileAttributeView(directory,
					UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
			if (view == null || !view.list().contains("overlay.opaque")) {
				return false;
			}
			ByteBuffer value = ByteBuffer.allocate(view.size("overlay.opaque"));
			view.read("overlay.opaque", value);
			value.flip();
			return StandardCharsets.US_ASCII.decode(value).toString().startsWith("y");
		} catch (IOException | UnsupportedOperationException e) {
			return false;
		}
	}

	private static PosixFileAttributes attributes(Path path) {
		try {
			return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		} catch (IOException e) {
			return null;
		}
	}

	private static List<Path> list(Path directory) throws IOException {
		List<Path> entries = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
			stream.forEach(entries::add);
		} catch (NoSuchFileException e) {
			return entries;
		}
		entries.sort(null);
		return entries;
	}

	private static String join(String relative, String name) {
		return relative.isEmpty() ? name : relative + "/" + name;
	}

	/** The later of a path's modification and status-change times in nanoseconds, or {@code Long.MIN_VALUE}. */
	public static long stamp(Path path) {
		try {
			Map<String, Object> times = Files.readAttributes(path, "unix:lastModifiedTime,ctime",
					LinkOption.NOFOLLOW_LINKS);
			return Math.max(nanos((FileTime) times.get("lastModifiedTime")), nanos((FileTime) times.get("ctime")));
		} catch (IOException | UnsupportedOperationException e) {
			return Long.MIN_VALUE;
		}
	}

	/** The state of {@code path} a later write must still find: absent, or size and times. */
	public static String baseline(Path path) {
		try {
			Map<String, Object> a = Files.readAttributes(path, "unix:size,lastModifiedTime,ctime,ino",
					LinkOption.NOFOLLOW_LINKS);
			return a.get("ino") + ":" + a.get("size") + ":" + nanos((FileTime) a.get("lastModifiedTime")) + ":"
					+ nanos((FileTime) a.get("ctime"));
		} catch (NoSuchFileException e) {
			return "absent";
		} catch (IOException | UnsupportedOperationException e) {
			return "unknown";
		}
	}

	private static long nanos(FileTime time) {
		return time.to(java.util.concurrent.TimeUnit.NANOSECONDS);
	}
}
