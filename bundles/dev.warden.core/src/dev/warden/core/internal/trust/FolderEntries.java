package dev.warden.core.internal.trust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * of a folder is used only while its ctime and identity (device and inode) are those it was kept with, looked at
 * through the path being checked; a folder mounted over, replaced by another, or reached through a link that now
 * leads elsewhere has another identity. A folder below the root is looked at without following links, and kept only
 * on the root's device.</li>
 * <li>What is kept is what the folder held: it is listed through an open handle whose identity is the one looked at,
 * the kind of every entry is read through that handle, and it is kept only when the folder's ctime and identity are
 * the same after the listing as before it. A folder swapped for another during the look (renaming a parent changes
 * neither's own ctime) is not kept.</li>
 * <li>File systems keep ctime in ticks (of a few milliseconds, or a second), so that a change in the tick of a look
 * would leave it unchanged. Data is kept only for a folder whose ctime was {@link #SETTLED_MILLIS} older than the
 * clock before the look: any later change then has another ctime.</li>
 * <li>A name not in the folder's listing has no entry, not even a link that leads nowhere (whose target may appear
 * later, elsewhere). A name in it is kept as a folder, a file or a link; where a link leads is not in the folder, so
 * a link is followed afresh every time by the caller.</li>
 * <li>On a file system that compares names without case, {@code SRC} finds {@code src}: names are compared exactly
 * and, when the folder's names and the name looked for are all ASCII, also without ASCII case (a name that matches
 * only so is looked at afresh). A name or a folder with other characters is never answered from the listing as
 * missing, and a folder with a name whose bytes are no text in the file names' encoding (two such names may read as
 * one) is not answered from at all.</li>
 * <li>Only local file systems whose ctime is known to behave so are trusted, by their type ({@link #KEEPING}); on
 * others nothing is kept (ZFS is not trusted: its {@code .zfs} folder can be opened but is not listed). A folder of
 * more than {@link #MAX_NAMES} entries is not listed; its names are looked at afresh for every line. What one
 * workspace keeps is bounded by {@link #MAX_KEPT_NAMES} names, so that many spellings or many folders cannot fill
 * the memory.</li>
 * </ul>
 */
final class FolderEntries {

	/** How much older than the clock a folder's change time must be for its data to be kept. */
	static final long SETTLED_MILLIS = 2_000;

	/** The most entries of a folder that are listed and kept. */
	static final int MAX_NAMES = 1_024;

	/** The most names kept per workspace; all its folders are dropped when more would be. */
	static final int MAX_KEPT_NAMES = 16_384;

	/** The most folders kept per workspace; all are dropped when more would be. */
	private static final int MAX_FOLDERS_PER_ROOT = 2_048;

	/** The most workspaces kept; all are dropped when more would be. */
	private static final int MAX_ROOTS = 8;

	/** The file system types whose change times move on every change of a folder's entries. */
	private static final Set<String> KEEPING = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay",
			"f2fs", "bcachefs", "apfs");

	/** What is kept, by the real root of a workspace; {@link #NONE} for a root whose file system is not trusted. */
	private static final Map<Path, FolderEntries> ROOTS = new ConcurrentHashMap<>();

	private static final FolderEntries NONE = new FolderEntries(() -> 0);

	/** Where a folder's data is not kept, for this line. */
	static final Folder UNKEPT = new Folder(null, null, null);

	private final LongSupplier clock;
	private final Map<String, Folder> folders = new ConcurrentHashMap<>();
	private final AtomicInteger keptNames = new AtomicInteger();

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

	/** A folder's change time and identity as one look found them. */
	private record Stamp(FileTime ctime, Object device, Object identity) {
	}

	/**
	 * The change time and identity of a folder, or null when they cannot be read, or its ctime is not
	 * {@link #SETTLED_MILLIS} older than {@code now}. The root is looked at through links (it may be reached
	 * through one that comes to lead elsewhere), a folder below it not.
	 */
	private static Stamp stamp(Path folder, boolean root, long now) {
		Map<String, Object> attributes;
		try {
			attributes = root ? Files.readAttributes(folder, "unix:ctime,dev,fileKey")
					: Files.readAttributes(folder, "unix:ctime,dev,fileKey", LinkOption.NOFOLLOW_LINKS);
		} catch (IOException | RuntimeException e) {
			return null;
		}
		Object ctime = attributes.get("ctime");
		Object device = attributes.get("dev");
		Object identity = attributes.get("fileKey");
		if (!(ctime instanceof FileTime time) || time.toMillis() > now - SETTLED_MILLIS || device == null
				|| identity == null) {
			return null;
		}
		return new Stamp(time, device, identity);
	}

	/**
	 * What the folder {@code key} (its path below the root, in normal form; {@code ""} for the root) holds, as kept
	 * when it has not changed since, else listed now; {@link #UNKEPT} when nothing may be kept of it.
	 *
	 * @param rootDevice the device of the root, as found on this line; null when the root was not kept
	 */
	Folder folder(String key, Path folder, Object rootDevice) {
		boolean root = key.isEmpty();
		long now = clock.getAsLong(); // before the look: a change after it has a later change time
		Stamp before = stamp(folder, root, now);
		if (before == null || (!root && !before.device().equals(rootDevice))) {
			return UNKEPT;
		}
		Folder kept = folders.get(key);
		if (kept != null && before.equals(kept.stamp)) {
			return kept;
		}
		Folder listed = list(folder, before);
		if (listed == null || !before.equals(stamp(folder, root, now))) {
			return UNKEPT; // changed, or swapped for another, while it was listed
		}
		if (keptNames.addAndGet(listed.size()) > MAX_KEPT_NAMES || folders.size() >= MAX_FOLDERS_PER_ROOT) {
			folders.clear();
			keptNames.set(listed.size());
		}
		Folder replaced = folders.put(key, listed);
		if (replaced != null) {
			keptNames.addAndGet(-replaced.size());
		}
		return listed;
	}

	/**
	 * The entries of a folder and their kinds, read through one open handle whose identity is the one stamped; a
	 * folder that holds nothing to answer from (too large) when it has more than {@link #MAX_NAMES} entries; null
	 * when it cannot be read so.
	 */
	private static Folder list(Path folder, Stamp stamp) {
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
			if (!(stream instanceof SecureDirectoryStream<Path> handle) || !Objects.equals(stamp.identity(),
					handle.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey())) {
				return null;
			}
			Map<String, Part> kinds = new HashMap<>();
			boolean ascii = true;
			for (Path entry : handle) {
				if (kinds.size() == MAX_NAMES) {
					return new Folder(stamp, null, null);
				}
				Path name = entry.getFileName();
				BasicFileAttributes attributes = handle
						.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
						.readAttributes();
				String text = name.toString();
				if (text.indexOf('\uFFFD') >= 0 || kinds.put(text, Part.of(attributes)) != null) {
					// bytes that are no text in the file names' encoding: two names may read as one
					return new Folder(stamp, null, null);
				}
				ascii = ascii && isAscii(text);
			}
			Set<String> folded = null;
			if (ascii) {
				folded = new HashSet<>();
				for (String text : kinds.keySet()) {
					folded.add(text.toLowerCase(Locale.ROOT));
				}
			}
			return new Folder(stamp, Map.copyOf(kinds), folded);
		} catch (IOException | RuntimeException e) {
			return null;
		}
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
	 * A folder as it was listed: the kind of each of its entries, and their names without ASCII case when they are
	 * all ASCII ({@code folded}, else null). {@code kinds} is null when it was not listed (too large); then it
	 * answers nothing, but is not listed again until it changes.
	 */
	static final class Folder {
		private final Stamp stamp;
		private final Map<String, Part> kinds;
		private final Set<String> folded;

		private Folder(Stamp stamp, Map<String, Part> kinds, Set<String> folded) {
			this.stamp = stamp;
			this.kinds = kinds;
			this.folded = folded;
		}

		/** How many names it counts for in {@link FolderEntries#MAX_KEPT_NAMES}: its entries, and itself. */
		int size() {
			return kinds == null ? 1 : kinds.size() + 1;
		}

		/** The device of the folder, when it is kept. */
		Object device() {
			return stamp == null ? null : stamp.device();
		}

		/**
		 * What the entry {@code name} of this folder is; null when the listing cannot tell, so that the caller looks
		 * at it afresh: a name that differs from an entry's only in ASCII case (which a file system that compares
		 * names without case finds), or any name not listed in a folder with names that are not all ASCII.
		 */
		Part part(String name) {
			if (kinds == null) {
				return null;
			}
			Part part = kinds.get(name);
			if (part != null) {
				return part;
			}
			boolean missing = folded != null && isAscii(name) && !folded.contains(name.toLowerCase(Locale.ROOT));
			return missing ? Part.MISSING : null;
		}
	}
}
