package dev.warden.core.internal.tools;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.ChangeSink;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.WorkspaceFiles;

/**
 * Applies proposed changes straight to disk with {@code java.nio}, <b>without review and without undo</b>: for tests
 * and headless checks only. In the IDE, changes go to the change subsystem instead. It still refuses a change whose
 * file no longer has the content the change was computed from.
 */
public final class UnreviewedNioChangeSink implements ChangeSink {

	private final WorkspaceFiles files;

	public UnreviewedNioChangeSink(WorkspaceFiles files) {
		this.files = files;
	}

	@Override
	public ChangeOutcome apply(ProposedChange change) {
		try {
			Path target = files.localPath(change.path());
			String current = Files.isRegularFile(target) ? Files.readString(target, StandardCharsets.UTF_8) : null;
			if (current == null ? change.oldContent() != null : !current.equals(change.oldContent())) {
				return ChangeOutcome.rejected("'" + change.path() + "' changed since it was read; read it again."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (change.isDeletion()) {
				Files.delete(target);
				return ChangeOutcome.applied("Deleted " + change.path() + '.'); //$NON-NLS-1$
			}
			Files.createDirectories(target.getParent());
			Path temp = Files.createTempFile(target.getParent(), ".warden-", ".tmp"); //$NON-NLS-1$ //$NON-NLS-2$
			try {
				try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
					channel.write(StandardCharsets.UTF_8.encode(change.newContent()));
					channel.force(true);
				}
				try {
					Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				} catch (AtomicMoveNotSupportedException e) {
					Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
				}
			} finally {
				Files.deleteIfExists(temp);
			}
			return ChangeOutcome.applied((change.isCreation() ? "Created " : "Updated ") + change.path() + '.'); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (ToolException | IOException e) {
			return ChangeOutcome.rejected("Could not write '" + change.path() + "': " + e.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}
}
