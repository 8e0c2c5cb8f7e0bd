package dev.warden.core.internal.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

	/** @param emptyDirectory an empty folder, outside every root */
	public Masks(SensitivePatterns sensitive, Path emptyDirectory) {
		IgnoreFileCache cache = new IgnoreFileCache();
		this.visibility = new Visibility(sensitive, cache);
		this.noGitRules = IgnoreChain.forDirectory(emptyDirectory, null, cache, false);
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
	 */
	public List<Mask> find(RootContext root, Set<Path> readable) {
		List<Mask> masks = new ArrayList<>();
		visit(root, visibility.wardenRules(root), root.real(), "", readable, masks);
		return masks;
	}

	private void visit(RootContext root, IgnoreRules warden, Path directory, String relative, Set<Path> readable,
			List<Mask> masks) {
		List<Path> entries = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
			stream.forEach(entries::add);
		} catch (IOException | RuntimeException e) {
			// a folder the host cannot list cannot be listed inside the sandbox either
			return;
		}
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
				visit(root, warden, entry, entryRelative, readable, masks);
			}
		}
	}
}
