package dev.warden.core.internal.edits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ltk.core.refactoring.Change;
import org.eclipse.ltk.core.refactoring.CompositeChange;
import org.eclipse.ltk.core.refactoring.PerformChangeOperation;
import org.eclipse.ltk.core.refactoring.RefactoringCore;
import org.eclipse.ltk.core.refactoring.RefactoringStatus;
import org.eclipse.ltk.core.refactoring.TextFileChange;
import org.eclipse.ltk.core.refactoring.resource.DeleteResourceChange;

import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.ChangeSink;
import dev.warden.core.tools.ProposedChange;

/**
 * Applies the agent's proposed changes to the workspace as refactoring changes: edits as {@link TextFileChange}s with
 * minimal line edits (through the file buffer, so a file open in an editor is changed in its document and an unsaved
 * editor stays unsaved), new files as {@link CreateFileChange}s, deletions as {@link DeleteResourceChange}s. Each is
 * validated first and performed with {@link PerformChangeOperation} into the refactoring undo history, so Edit &gt;
 * Undo takes it back.
 * <p>
 * A change is refused, with a message for the model, when the file is not what the agent read: the user edited it (in
 * the editor, even unsaved) or something else changed it since.
 */
public final class WorkspaceChangeSink implements ChangeSink {

	/** What was applied, for the session's record of changes. */
	public record Applied(IFile file, ProposedChange change, Change undo) {
	}

	private final Function<String, Optional<IFile>> files;
	private final Consumer<Applied> applied;

	/**
	 * @param files   finds the workspace file for a path as the agent gave it (already checked by the path policy)
	 * @param applied told of every change performed
	 */
	public WorkspaceChangeSink(Function<String, Optional<IFile>> files, Consumer<Applied> applied) {
		this.files = files;
		this.applied = applied;
	}

	@Override
	public ChangeOutcome apply(ProposedChange proposed) {
		Optional<IFile> target = files.apply(proposed.path());
		if (target.isEmpty()) {
			return ChangeOutcome.rejected("The path " + proposed.path() + " is not in a workspace project."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		IFile file = target.get();
		try {
			Optional<String> current = currentText(file);
			if (proposed.isCreation() ? current.isPresent() : !current.map(proposed.oldContent()::equals).orElse(false)) {
				return ChangeOutcome.rejected("Not applied: " + proposed.path() //$NON-NLS-1$
						+ (current.isEmpty() ? " no longer exists." //$NON-NLS-1$
								: " changed since you read it (the user may be editing it). Read it again and retry.")); //$NON-NLS-1$
			}
			Change change = toChange(file, proposed);
			CompositeChange step = new CompositeChange(proposed.description().isBlank() ? change.getName()
					: "Warden: " + proposed.description()); //$NON-NLS-1$
			step.add(change);
			step.initializeValidationData(new NullProgressMonitor());
			PerformChangeOperation operation = new PerformChangeOperation(step);
			operation.setUndoManager(RefactoringCore.getUndoManager(), step.getName());
			ResourcesPlugin.getWorkspace().run(operation, new NullProgressMonitor());
			RefactoringStatus status = operation.getValidationStatus();
			if (status != null && status.hasFatalError()) {
				return ChangeOutcome.rejected("Not applied: " + status.getMessageMatchingSeverity(RefactoringStatus.FATAL)); //$NON-NLS-1$
			}
			if (!operation.changeExecuted()) {
				return ChangeOutcome.rejected("Not applied: the workspace refused the change to " + proposed.path() + '.'); //$NON-NLS-1$
			}
			applied.accept(new Applied(file, proposed, operation.getUndoChange()));
			return ChangeOutcome.applied((proposed.isCreation() ? "Created " : proposed.isDeletion() ? "Deleted " //$NON-NLS-1$ //$NON-NLS-2$
					: "Changed ") + proposed.path() + '.'); //$NON-NLS-1$
		} catch (CoreException | IOException e) {
			ILog.of(getClass()).warn("An agent change to " + file.getFullPath() + " failed.", e); //$NON-NLS-1$ //$NON-NLS-2$
			return ChangeOutcome.rejected("Not applied: " + e.getMessage()); //$NON-NLS-1$
		}
	}

	private static Change toChange(IFile file, ProposedChange proposed) throws CoreException {
		if (proposed.isCreation()) {
			return new CreateFileChange(file.getFullPath(), proposed.newContent(),
					Charset.forName(file.getParent().getDefaultCharset()));
		}
		if (proposed.isDeletion()) {
			return new DeleteResourceChange(file.getFullPath(), true);
		}
		TextFileChange change = new TextFileChange("Edit " + file.getFullPath().makeRelative(), file); //$NON-NLS-1$
		change.setEdit(LineDiff.edits(proposed.oldContent(), proposed.newContent()));
		change.setSaveMode(TextFileChange.KEEP_SAVE_STATE);
		return change;
	}

	/**
	 * The file's text as the user sees it: the editor's document when it is open (saved or not), else the file's
	 * contents; empty when the file does not exist.
	 */
	public static Optional<String> currentText(IFile file) throws CoreException, IOException {
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(file.getFullPath(),
				LocationKind.IFILE);
		if (buffer != null) {
			return Optional.of(buffer.getDocument().get());
		}
		if (!file.exists()) {
			return Optional.empty();
		}
		try (InputStream in = file.getContents(true)) {
			return Optional.of(new String(in.readAllBytes(), Charset.forName(file.getCharset())));
		}
	}
}
