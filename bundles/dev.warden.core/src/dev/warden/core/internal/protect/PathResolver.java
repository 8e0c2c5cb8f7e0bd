package dev.warden.core.internal.protect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Follows a path on disk segment by segment the way the operating system would, so the location it really names is
 * known before anything is opened: {@code ..} is applied to the real parent (after symbolic links, as the kernel
 * does), every symbolic link is followed — also a dangling one, whose target a write would create — and the part
 * that does not exist yet is appended to the real path of the part that does. A name that does not exist exactly but
 * matches an existing entry in another Unicode normalisation (or another case, on a case-insensitive file system) is
 * replaced by the on-disk name and reported, so the caller can refuse the look-alike.
 */
public final class PathResolver {

	private static final int MAX_LINKS = 40;

	private final boolean caseInsensitive;

	/**
	 * @param caseInsensitive whether existing names must be looked up ignoring case (the roots are on a
	 *                        case-insensitive file system)
	 */
	public PathResolver(boolean caseInsensitive) {
		this.caseInsensitive = caseInsensitive;
	}

	/** Resolves {@code segments} from the real, existing folder {@code start}. */
	public Resolution resolve(Path start, List<String> segments) {
		Deque<String> pending = new ArrayDeque<>(segments);
		Path prefix = start;
		List<String> tail = new ArrayList<>();
		List<Path> respelled = new ArrayList<>();
		boolean prefixIsDirectory = true;
		int links = 0;
		while (!pending.isEmpty()) {
			String segment = pending.removeFirst();
			if (segment.isEmpty() || segment.equals(".")) {
				continue;
			}
			if (segment.equals("..")) {
				if (tail.isEmpty() && !prefixIsDirectory) {
					// as the kernel: FILE/.. is an error (ENOTDIR), not the folder holding FILE
					return Resolution.refused("'" + prefix + "' is a file, not a folder");
				}
				if (!tail.isEmpty()) {
					tail.remove(tail.size() - 1);
				} else if (prefix.getParent() != null) {
					prefix = prefix.getParent();
					prefixIsDirectory = true;
				}
				continue;
			}
			if (!tail.isEmpty()) {
				tail.add(segment);
				continue;
			}
			if (!prefixIsDirectory) {
				return Resolution.refused("'" + prefix + "' is a file, not a folder");
			}
			Path candidate = prefix.resolve(segment);
			BasicFileAttributes attributes;
			try {
				attributes = Files.readAttributes(candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			} catch (NoSuchFileException e) {
				String onDisk = lookAlike(prefix, segment);
				if (onDisk == null) {
					tail.add(segment);
				} else {
					pending.addFirst(onDisk);
					respelled.add(prefix.resolve(onDisk));
				}
				continue;
			} catch (IOException e) {
				return Resolution.refused("cannot resolve '" + candidate + "': " + describe(e));
			}
			if (caseInsensitive) {
				String onDisk = onDiskName(prefix, segment);
				if (onDisk != null && !onDisk.equals(segment)) {
					respelled.add(prefix.resolve(onDisk));
					segment = onDisk;
					candidate = prefix.resolve(onDisk);
				}
			}
			if (attributes.isSymbolicLink()) {
				if (++links > MAX_LINKS) {
					return Resolution.refused("too many symbolic links");
				}
				Path target;
				try {
					target = Files.readSymbolicLink(candidate);
				} catch (IOException e) {
					return Resolution.refused("cannot read symbolic link '" + candidate + "': " + describe(e));
				}
				List<String> targetSegments = new ArrayList<>();
				target.forEach(p -> targetSegments.add(p.toString()));
				for (int i = targetSegments.size() - 1; i >= 0; i--) {
					pending.addFirst(targetSegments.get(i));
				}
				if (target.isAbsolute()) {
					prefix = target.getRoot();
				}
				continue;
			}
			prefix = prefix.resolve(segment);
			prefixIsDirectory = attributes.isDirectory();
		}
		Path real = prefix;
		for (String name : tail) {
			real = real.resolve(name);
		}
		return new Resolution(real, tail.isEmpty(), respelled, null);
	}

	/** An existing entry of {@code directory} that {@code name} is another spelling of, or {@code null}. */
	private String lookAlike(Path directory, String name) {
		String key = key(name);
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				String other = entry.getFileName().toString();
				if (!other.equals(name) && key(other).equals(key)) {
					return other;
				}
			}
		} catch (IOException e) {
			// an unlistable folder: nothing to compare with, the name is taken as new
			return null;
		}
		return null;
	}

	/** The spelling on disk of the existing entry {@code name}: exact if present, else its look-alike. */
	private String onDiskName(Path directory, String name) {
		String key = key(name);
		String found = null;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				String other = entry.getFileName().toString();
				if (other.equals(name)) {
					return name;
				}
				if (found == null && key(other).equals(key)) {
					found = other;
				}
			}
		} catch (IOException e) {
			return name;
		}
		return found;
	}

	private String key(String name) {
		String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
		return caseInsensitive ? nfc.toLowerCase(Locale.ROOT) : nfc;
	}

	private static String describe(IOException e) {
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}
}
