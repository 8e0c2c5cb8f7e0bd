package dev.warden.core.internal.trust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.warden.core.internal.trust.OutputTargets.Part;

/**
 * What the folders of one workspace hold, kept from one command line to the next while each folder's change time
 * says that it has not changed, so that the check of the files a line reads ({@link OutputTargets#leadsOutsideBelow})
 * asks the file system once per folder of their paths rather than once per name. Policies are made afresh for every
 * command, so what is kept is found by the workspace's real root, for all of them.
 * <p>
 * Why kept data can be trusted:
 * <ul>
 * <li>A folder's change time (ctime) moves whenever an entry is added to it, removed from it or renamed in it, also
 * when its modification time is set back afterwards ({@code touch -d}); no unprivileged process can set it. Kept data
 * of a folder is used only while its ctime, inode and device are those it was kept with, looked at through the
 * path being checked; a folder mounted over, replaced by another, or reached through a link that now leads elsewhere
 * has another inode or device.</li>
 * <li>File systems keep ctime in ticks (of a few milliseconds, or a second), so that a change in the tick of a look
 * would leave it unchanged. Data is kept only for a folder whose ctime was {@link #SETTLED_MILLIS} older than the
 * clock before the look: any later change then has another ctime.</li>
 * <li>A name not in the folder's listing has no entry, not even a link that leads nowhere (whose target may appear
 * later, elsewhere). A name in it is looked at once without following links, and kept as a folder, a file or a link;
 * where a link leads is not in the folder, so a link is followed afresh every time by the caller.</li>
 * <li>On a file system that compares names without case, {@code SRC} finds {@code src}: names are compared exactly
 * and, when the folder's names and the name looked for are all ASCII, also without ASCII case (a name that matches
 * only so is looked at afresh). A name or a folder with other characters is never answered from the listing.</li>
 * <li>Only local file systems whose ctime is known to behave so are trusted, by their type ({@link #KEEPING}); on
 * others nothing is kept. A folder of more than {@link #MAX_NAMES} entries is not listed; its names are looked at
 * afresh for every line.</li>
 * </ul>
 */
final class FolderEntries {

	/** How much older than the clock a folder's change time must be for its data to be kept. */
	static final long SETTLED_MILLIS = 2_000;

	/** The most entries of a folder that are listed and kept. */
	static final int MAX_NAMES = 4_096;

	/** The most folders kept per workspace; all are dropped when more would be. */
	private static final int MAX_FOLDERS = 2_048;

	/** The most workspaces kept; all are dropped when more would be. */
	private static final int MAX_ROOTS = 64;

	/** The file system types whose change times move on every change of a folder's entries. */
	private static final Set<String> KEEPING = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay",
			"zfs", "f2fs", "bcachefs", "apfs");

	/** What is kept, by the real root of a workspace; {@link #NONE} for a root whose file system is not trusted. */
	private static final Map<Path, FolderEntries> ROOTS = new ConcurrentHashMap<>();

	private static final FolderEntries NONE = new FolderEntries(() -> 0);

	/** Where a folder's data is not kept, for this line. */
	static final Folder UNKEPT = new Folder(null, null, null, null, null);

	private final LongSupplier clock;
	private final Map<String, Folder> folders = new ConcurrentHashMap<>();

	FolderEntries(LongSupplier clock) {
		this.clock = clock;
	}

	/** What is kept for the workspace at {@code realRoot}, or null when its file system is not one to keep data of. */
	static FolderEntries of(Path realRoot) {
		FolderEntries entries = ROOTS.get(realRoot);
		if (entries == null) {
			entries = keeps(realRoot) ? new FolderEntries(System::currentTimeMillis) : NONE;
			if (ROOTS.size() >= MAX_ROOTS) {
				ROOTS.clear();
			}
			ROOTS.put(realRoot, entries);
		}
		return entries == NONE ? null : entries;
	}

	private static boolean keeps(Path realRoot) {
		try {
			return KEEPING.contains(Files.getFileStore(realRoot).type().toLowerCase(Locale.ROOT))
					&& realRoot.getFileSystem().supportedFileAttributeViews().contains("unix");
		} catch (IOException | RuntimeException e) {
			return false;
		}
	}

	/**
	 * What the folder {@code key} (its path below the root, {@code ""} for the root) holds, as kept when it has not
	 * changed since, else listed now; {@link #UNKEPT} when its change time cannot be read or is too recent.
	 */
	Folder folder(String key, Path folder) {
		long now = clock.getAsLong(); // before the look: a change after it has a later change time
		Map<String, Object> attributes;
		try {
			// following links: the root itself may be reached through one, which may come to lead elsewhere; the
			// folders below it are no links, as what is kept of their parents says
			attributes = Files.readAttributes(folder, "unix:ctime,ino,dev");
		} catch (IOException | RuntimeException e) {
			return UNKEPT;
		}
		Object ctime = attributes.get("ctime");
		Object inode = attributes.get("ino");
		Object device = attributes.get("dev");
		if (!(ctime instanceof FileTime time) || time.toMillis() > now - SETTLED_MILLIS || inode == null
				|| device == null) {
			return UNKEPT;
		}
		Folder kept = folders.get(key);
		if (kept != null && kept.ctime.equals(ctime) && kept.inode.equals(inode) && kept.device.equals(device)) {
			return kept;
		}
		Folder listed = list(folder, time, inode, device);
		if (folders.size() >= MAX_FOLDERS) {
			folders.clear();
		}
		folders.put(key, listed);
		return listed;
	}

	/** The names of a folder, and without ASCII case when they are all ASCII; none for a folder too large to list. */
	private static Folder list(Path folder, FileTime ctime, Object inode, Object device) {
		Set<String> names = new HashSet<>();
		Set<String> folded = new HashSet<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path entry : entries) {
				if (names.size() == MAX_NAMES) {
					return new Folder(ctime, inode, device, null, null);
				}
				String name = entry.getFileName().toString();
				names.add(name);
				if (folded != null) {
					folded = isAscii(name) ? folded : null;
					if (folded != null) {
						folded.add(name.toLowerCase(Locale.ROOT));
					}
				}
			}
		} catch (IOException | RuntimeException e) {
			return new Folder(ctime, inode, device, null, null);
		}
		return new Folder(ctime, inode, device, names, folded);
	}

	private static boolean isAscii(String name) {
		for (int i = 0; i < name.length(); i++) {
			if (name.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	/** How many folders are kept: for tests. */
	int kept() {
		return folders.size();
	}

	/**
	 * A folder as it was listed: its names, and what the names looked at so far are. {@code names} is null when it
	 * was not listed (too large, or unreadable), {@code folded} when its names are not all ASCII.
	 */
	static final class Folder {
		private final FileTime ctime;
		private final Object inode;
		private final Object device;
		private final Set<String> names;
		private final Set<String> folded;
		private final Map<String, Part> parts;

		Folder(FileTime ctime, Object inode, Object device, Set<String> names, Set<String> folded) {
			this.ctime = ctime;
			this.inode = inode;
			this.device = device;
			this.names = names;
			this.folded = folded;
			this.parts = names == null ? null : new ConcurrentHashMap<>();
		}

		/**
		 * What the entry {@code name} of this folder is, at {@code path}; null when the listing cannot tell, so that
		 * the caller looks at it afresh.
		 */
		Part part(String name, Path path) {
			if (names == null) {
				return null;
			}
			if (!names.contains(name)) {
				boolean answered = folded != null && isAscii(name)
						&& !folded.contains(name.toLowerCase(Locale.ROOT));
				return answered ? Part.MISSING : null;
			}
			Part part = parts.get(name);
			if (part == null) {
				try {
					BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
							LinkOption.NOFOLLOW_LINKS);
					part = attributes.isSymbolicLink() ? Part.LINK
							: attributes.isDirectory() ? Part.FOLDER : Part.FILE;
				} catch (IOException | RuntimeException e) {
					return null; // gone meanwhile, or not to be looked at: the caller asks afresh
				}
				parts.put(name, part);
			}
			return part;
		}
	}
}
