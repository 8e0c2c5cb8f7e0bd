package dev.warden.core.internal.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.warden.core.changes.NioFileAccess;
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
			// through a temporary sibling moved over it: a crash leaves no torn file, and the file keeps its
			// permissions (a new one gets those of any new file)
			NioFileAccess.replaceAtomically(target, change.newContent().getBytes(StandardCharsets.UTF_8),
					target.getParent());
			return ChangeOutcome.applied((change.isCreation() ? "Created " : "Updated ") + change.path() + '.'); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (ToolException | IOException e) {
			return ChangeOutcome.rejected("Could not write '" + change.path() + "': " + e.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}
}
