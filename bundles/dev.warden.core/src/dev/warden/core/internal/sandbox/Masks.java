package dev.warden.core.internal.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.warden.core.internal.protect.GlobalExcludes;
import dev.warden.core.internal.protect.IgnoreChain;
import dev.warden.core.internal.protect.IgnoreFileCache;
import dev.warden.core.internal.protect.IgnoreRules;
import dev.warden.core.internal.protect.RootContext;
import dev.warden.core.internal.protect.Visibility;
import dev.warden.core.protect.SensitivePatterns;

/**
 * Which files of a root a sandboxed command must not see: those the path policy hides for being sensitive or
 * {@code .wardenignore}d — decided by the policy's own {@link Visibility}, given an ignore chain without Git rules,
 * because Git-ignored build output stays readable and writable for commands (builds need it). A hidden folder is
 * masked whole; Git-ignored folders are searched too, so a secret copied into {@code target/} is masked as well.
 */
public final class Masks {

	/**
	 * One path to mask.
	 *
	 * @param path      where it is on disk (a link is followed to what it names)
	 * @param directory whether a folder is bound over it (else a file)
	 * @param reason    the policy's reason
	 */
	public record Mask(Path path, boolean directory, String reason) {
	}

	private final Visibility visibility;
	private final IgnoreChain noGitRules;
	private final String sensitiveText;

	/** @param emptyDirectory an empty folder, outside every root */
	public Masks(SensitivePatterns sensitive, Path emptyDirectory) {
		IgnoreFileCache cache = new IgnoreFileCache();
		this.visibility = new Visibility(sensitive, cache, GlobalExcludes.ofSystem());
		// no Git rules at all, not even the user's global excludes: Git-ignored output is not masked
		this.noGitRules = IgnoreChain.forDirectory(emptyDirectory, null, cache, null, false);
		this.sensitiveText = sensitive.text();
	}

	/**
	 * Why the path {@code relative} (to {@code root}, {@code /}-separated) is masked — itself or a folder above it is
	 * sensitive or {@code .wardenignore}d — or {@code null}.
	 */
	public String reason(RootContext root, String relative, boolean directory) {
		if (relative.isEmpty()) {
			return null;
		}
		IgnoreRules warden = visibility.wardenRules(root);
		String[] segments = relative.split("/");
		StringBuilder prefix = new StringBuilder();
		for (int i = 0; i < segments.length; i++) {
			if (i > 0) {
				prefix.append('/');
			}
			prefix.append(segments[i]);
			boolean isDirectory = i < segments.length - 1 || directory;
			String reason = visibility.entryReason(root, noGitRules, warden, prefix.toString(), segments[i],
					isDirectory);
			if (reason != null) {
				return reason;
			}
		}
		return null;
	}

	/**
	 * The masks of {@code root}: every sensitive or {@code .wardenignore}d entry, not entered further; {@code readable}
	 * files (absolute) are left unmasked.
	 * <p>
	 * A folder's listing is remembered with its identity and modification time, which changes whenever an entry is
	 * added, removed or renamed in it; an unchanged folder is not listed again, so a repeated walk costs one
	 * {@code stat} per folder rather than one per file. A folder modified within the last two seconds is always
	 * listed again: the file system's clock is coarse, and a second change in the same tick would not move its time.
	 */
	public List<Mask> find(RootContext root, Set<Path> readable) {
		List<Mask> masks = new ArrayList<>();
		IgnoreRules warden = visibility.wardenRules(root);
		Map<Path, Listing> listings = LISTINGS.computeIfAbsent(
				new Key(root.real(), sensitiveText, warden == null ? "" : warden.rules().toString() + warden.failure(),
						Set.copyOf(readable)),
				k -> {
					if (LISTINGS.size() > 32) {
						LISTINGS.clear();
					}
					return new ConcurrentHashMap<>();
				});
		visit(root, warden, root.real(), "", readable, masks, listings);
		return masks;
	}

	/** What is remembered of a folder: its identity and time, its masked entries, the folders to enter. */
	private record Listing(Object identity, FileTime modified, boolean racy, List<Mask> masks, List<String> folders) {
	}

	private record Key(Path root, String sensitive, String warden, Set<Path> readable) {
	}

	private static final Map<Key, Map<Path, Listing>> LISTINGS = new ConcurrentHashMap<>();

	private void visit(RootContext root, IgnoreRules warden, Path directory, String relative, Set<Path> readable,
			List<Mask> masks, Map<Path, Listing> listings) {
		BasicFileAttributes self;
		try {
			self = Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		} catch (IOException e) {
			return;
		}
		Listing listing = listings.get(directory);
		if (listing == null || listing.racy() || !Objects.equals(listing.identity(), self.fileKey())
				|| !listing.modified().equals(self.lastModifiedTime())) {
			listing = list(root, warden, directory, relative, readable, self);
			if (listing == null) {
				listings.remove(directory);
				return;
			}
			listings.put(directory, listing);
		}
		masks.addAll(listing.masks());
		for (String name : listing.folders()) {
			visit(root, warden, directory.resolve(name), relative.isEmpty() ? name : relative + "/" + name, readable,
					masks, listings);
		}
	}

	private Listing list(RootContext root, IgnoreRules warden, Path directory, String relative, Set<Path> readable,
			BasicFileAttributes self) {
		List<Path> entries = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
			stream.forEach(entries::add);
		} catch (IOException | RuntimeException e) {
			// a folder the host cannot list cannot be listed inside the sandbox either
			return null;
		}
		List<Mask> masks = new ArrayList<>();
		List<String> folders = new ArrayList<>();
		for (Path entry : entries) {
			String name = entry.getFileName().toString();
			String entryRelative = relative.isEmpty() ? name : relative + "/" + name;
			BasicFileAttributes attributes;
			try {
				attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			} catch (IOException e) {
				continue;
			}
			boolean link = attributes.isSymbolicLink();
			boolean isDirectory = link ? Files.isDirectory(entry) : attributes.isDirectory();
			String reason = visibility.entryReason(root, noGitRules, warden, entryRelative, name, isDirectory);
			if (reason != null) {
				if (!readable.contains(entry) && (!link || Files.exists(entry))) {
					// a dangling link reveals nothing, and there is nothing to bind over
					masks.add(new Mask(entry, isDirectory, reason));
				}
			} else if (isDirectory && !link) {
				folders.add(name);
			}
		}
		if (folders.isEmpty() && masks.size() > 1 && masks.size() == entries.size() && !relative.isEmpty()) {
			// everything in the folder is masked: one mask over the folder does (bubblewrap takes only so many)
			masks = List.of(new Mask(directory, true, "every entry is masked (" + masks.get(0).reason() + ", ...)"));
		}
		boolean racy = self.lastModifiedTime().toMillis() > System.currentTimeMillis() - RACY_MILLIS;
		return new Listing(self.fileKey(), self.lastModifiedTime(), racy, List.copyOf(masks), List.copyOf(folders));
	}

	/** How recent a folder's change may be for its listing still to be listed again next time. */
	private static final long RACY_MILLIS = 2000;
}
