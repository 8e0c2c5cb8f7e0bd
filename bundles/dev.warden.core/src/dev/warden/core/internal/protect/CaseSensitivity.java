package dev.warden.core.internal.protect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether names that differ only in case name the same file in a folder, asked of the file system itself rather than
 * guessed. The file store's type answers first where the type decides it (FAT and exFAT everywhere; NTFS and ReFS on
 * Windows). Otherwise — APFS and HFS+ come in both kinds, ext4, F2FS and tmpfs fold case per folder — the store is
 * asked to look up an existing name of the folder with its case flipped: the lookup failing means case matters; the
 * lookup finding the very same directory entry (same file key, without following links) while the folder's listing
 * has no entry of that spelling means case is ignored. A sibling link or hard link with the flipped name is an entry
 * of its own in the listing, so it cannot pass for folding.
 */
public final class CaseSensitivity {

	private static final Set<String> FOLDING_EVERYWHERE = Set.of("vfat", "msdos", "fat", "fat12", "fat16", "fat32",
			"exfat", "umsdos");
	private static final Set<String> FOLDING_ON_WINDOWS = Set.of("ntfs", "refs", "cdfs", "udf");
	private static final int MAX_ENTRIES_ASKED = 64;

	private CaseSensitivity() {
	}

	/** Whether the file system ignores case in {@code directory} (an existing folder, real path). */
	public static boolean ignoresCase(Path directory) {
		String type = storeType(directory);
		if (type != null && (FOLDING_EVERYWHERE.contains(type) || (windows() && FOLDING_ON_WINDOWS.contains(type)))) {
			return true;
		}
		Boolean answer = askInside(directory);
		if (answer == null) {
			for (Path p = directory; answer == null && p != null && p.getFileName() != null; p = p.getParent()) {
				answer = ask(p);
			}
		}
		return answer != null ? answer : windows() || mac();
	}

	/** Asks with the entries of {@code directory}; {@code null} when none has a letter. */
	private static Boolean askInside(Path directory) {
		int asked = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				Boolean answer = ask(entry);
				if (answer != null) {
					return answer;
				}
				if (++asked >= MAX_ENTRIES_ASKED) {
					break;
				}
			}
		} catch (IOException | RuntimeException e) {
			return null;
		}
		return null;
	}

	/** Asks with the name of {@code entry}; {@code null} when it has no letter to flip or cannot be asked. */
	static Boolean ask(Path entry) {
		String name = entry.getFileName().toString();
		String flipped = flipCase(name);
		if (flipped.equals(name)) {
			return null;
		}
		Path other = entry.resolveSibling(flipped);
		BasicFileAttributes original;
		BasicFileAttributes looked;
		try {
			original = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		} catch (IOException | RuntimeException e) {
			return null;
		}
		try {
			looked = Files.readAttributes(other, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		} catch (NoSuchFileException e) {
			return Boolean.FALSE;
		} catch (IOException | RuntimeException e) {
			return null;
		}
		Object key = original.fileKey();
		if (key == null || !key.equals(looked.fileKey())) {
			return key == null ? null : Boolean.FALSE;
		}
		// the same entry, or a hard link of that spelling: only the listing tells them apart
		return listingHas(entry.getParent(), flipped) ? Boolean.FALSE : Boolean.TRUE;
	}

	private static boolean listingHas(Path directory, String name) {
		if (directory == null) {
			return false;
		}
		Set<String> names = new HashSet<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				names.add(entry.getFileName().toString());
				if (names.contains(name)) {
					return true;
				}
			}
		} catch (IOException | RuntimeException e) {
			return true; // cannot tell: do not claim folding
		}
		return false;
	}

	private static String storeType(Path directory) {
		try {
			FileStore store = Files.getFileStore(directory);
			return store.type().toLowerCase(Locale.ROOT);
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}

	private static String flipCase(String name) {
		StringBuilder b = new StringBuilder(name.length());
		for (char c : name.toCharArray()) {
			b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
		}
		return b.toString();
	}

	private static boolean windows() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
	}

	private static boolean mac() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
	}
}
