package dev.warden.core.internal.sandbox;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import dev.warden.core.sandbox.ChangeSet;
import dev.warden.core.sandbox.SandboxChange;
import dev.warden.core.sandbox.SandboxChangeKind;
import dev.warden.core.tools.ChangeOutcome;

/**
 * Writes a change set to disk with {@code java.nio}, the way the headless {@code sandbox-run --apply} does: each file
 * replaced atomically (a temporary file in its folder, then a move), permissions and link targets kept, folders made
 * and removed as the command did. A change is skipped when its file no longer is as it was when the change was
 * collected (the user changed it meanwhile). Refused changes are never written. Files first deleted, then folders
 * removed (deepest first), then files created and modified, so that a folder replaced by a file (or the reverse)
 * works.
 */
public final class ChangeSetWriter {

	private ChangeSetWriter() {
	}

	/**
	 * One outcome per change attempted, in the order written. Every chosen change is checked against the disk before
	 * anything is written (a later step, such as creating a file where a deleted folder was, must not mistake the
	 * earlier step for the user's edit).
	 */
	public static List<ChangeOutcome> apply(ChangeSet set, Predicate<SandboxChange> accepted) {
		List<SandboxChange> chosen = set.changes().stream()
				.filter(c -> c.kind() != SandboxChangeKind.REFUSED && accepted.test(c)).toList();
		List<ChangeOutcome> outcomes = new ArrayList<>();
		Set<SandboxChange> stale = new HashSet<>();
		for (SandboxChange change : chosen) {
			if (!change.writtenThrough() && !change.isDirectory()
					&& !OverlayChanges.baseline(change.location()).equals(change.baseline())) {
				stale.add(change);
				outcomes.add(ChangeOutcome.rejected(
						"'" + change.path() + "' changed since the command ended; not overwritten"));
			}
		}
		chosen = chosen.stream().filter(c -> !stale.contains(c)).toList();
		for (SandboxChange change : chosen) {
			if (change.kind() == SandboxChangeKind.DELETED && !change.isDirectory()) {
				outcomes.add(write(change));
			}
		}
		chosen.stream().filter(c -> c.kind() == SandboxChangeKind.DELETED && c.isDirectory())
				.sorted(Comparator.comparing((SandboxChange c) -> c.location().getNameCount()).reversed())
				.forEach(c -> outcomes.add(write(c)));
		for (SandboxChange change : chosen) {
			if (change.kind() != SandboxChangeKind.DELETED) {
				outcomes.add(write(change));
			}
		}
		return outcomes;
	}

	/** Writes one change, without checking that the disk is still as it was when the change was collected. */
	private static ChangeOutcome write(SandboxChange change) {
		Path target = change.location();
		try {
			switch (change.kind()) {
			case DELETED -> {
				if (change.isDirectory()) {
					try {
						Files.deleteIfExists(target);
					} catch (DirectoryNotEmptyException e) {
						return ChangeOutcome.rejected("'" + change.path() + "' is not empty; kept");
					}
				} else {
					Files.deleteIfExists(target);
				}
				return ChangeOutcome.applied("Deleted " + change.path() + '.');
			}
			case CREATED, MODIFIED -> {
				if (change.isDirectory()) {
					Files.createDirectories(target);
					return ChangeOutcome.applied("Created " + change.path() + '.');
				}
				Files.createDirectories(target.getParent());
				Path temp = target.resolveSibling(".warden-" + target.getFileName() + "-" + System.nanoTime() + ".tmp");
				try {
					if (Files.isSymbolicLink(change.staged())) {
						Files.createSymbolicLink(temp, Files.readSymbolicLink(change.staged()));
					} else {
						Files.copy(change.staged(), temp, StandardCopyOption.COPY_ATTRIBUTES);
						PosixFileAttributes attributes = Files.readAttributes(change.staged(),
								PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
						Files.setPosixFilePermissions(temp, attributes.permissions());
					}
					try {
						Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
					} catch (AtomicMoveNotSupportedException e) {
						Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
					}
				} finally {
					Files.deleteIfExists(temp);
				}
				return ChangeOutcome.applied((change.kind() == SandboxChangeKind.CREATED ? "Created " : "Updated ")
						+ change.path() + '.');
			}
			default -> {
				return ChangeOutcome.rejected("'" + change.path() + "' was refused: " + change.reason());
			}
			}
		} catch (IOException e) {
			return ChangeOutcome.rejected("Could not write '" + change.path() + "': " + e.getMessage());
		}
	}
}
