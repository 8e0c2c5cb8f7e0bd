package dev.warden.core.internal.edits;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.filebuffers.FileBuffers;
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

import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.WorkspaceFileContents;
import dev.warden.core.changes.WriteMark;
import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.ChangeSink;
import dev.warden.core.tools.ProposedChange;

/**
 * Applies the agent's proposed changes to the workspace as refactoring changes: edits of a file open in an editor as
 * {@link TextFileChange}s with minimal line edits (through the file buffer, so the editor's document is changed and an
 * unsaved editor stays unsaved), edits of any other file as {@link ReplaceFileChange}s and new files as
 * {@link CreateFileChange}s (both written atomically, so that an IDE killed in the middle leaves no torn file),
 * deletions as {@link DeleteResourceChange}s. Each is
 * validated first and performed with {@link PerformChangeOperation} into the refactoring undo history, so Edit &gt;
 * Undo takes it back.
 * <p>
 * A change is refused, with a message for the model, when the file is not what the agent read: the user edited it (in
 * the editor, even unsaved) or something else changed it since.
 * <p>
 * With a {@link ChangeSession change journal}, each change is recorded in it before it is performed (the file's bytes
 * before and after, as the user sees them: the editor's document when it has unsaved edits) and marked applied or
 * rejected afterwards, so that the session's changes can be viewed and reverted even after a crash.
 */
public final class WorkspaceChangeSink implements ChangeSink {

	/**
	 * What was applied, for the session's record of changes.
	 *
	 * @param writeIds the journal's ids of the write (usually one), empty without a journal
	 */
	public record Applied(List<IFile> files, List<ProposedChange> changes, Change undo, List<Long> writeIds) {

		public Applied {
			files = List.copyOf(files);
			changes = List.copyOf(changes);
			writeIds = List.copyOf(writeIds);
		}
	}

	private final Function<String, Optional<IFile>> files;
	private final ChangeSession journal;
	private final Consumer<Applied> applied;

	/**
	 * @param files   finds the workspace file for a path as the agent gave it (already checked by the path policy)
	 * @param applied told of every change performed
	 */
	public WorkspaceChangeSink(Function<String, Optional<IFile>> files, Consumer<Applied> applied) {
		this(files, null, applied);
	}

	/**
	 * @param files   finds the workspace file for a path as the agent gave it (already checked by the path policy)
	 * @param journal where every change is recorded before it is performed; {@code null} for none
	 * @param applied told of every change performed, on the thread that applied it, right after it was performed
	 */
	public WorkspaceChangeSink(Function<String, Optional<IFile>> files, ChangeSession journal,
			Consumer<Applied> applied) {
		this.files = files;
		this.journal = journal;
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
			Optional<String> current = WorkspaceFileContents.currentText(file);
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
			Recording recording = record(file, proposed);
			PerformChangeOperation operation = new PerformChangeOperation(step);
			operation.setUndoManager(RefactoringCore.getUndoManager(), step.getName());
			try {
				ResourcesPlugin.getWorkspace().run(operation, new NullProgressMonitor());
			} catch (CoreException | RuntimeException e) {
				recording.failed();
				throw e;
			}
			RefactoringStatus status = operation.getValidationStatus();
			if (status != null && status.hasFatalError()) {
				recording.mark(WriteMark.REJECTED);
				return ChangeOutcome.rejected("Not applied: " + status.getMessageMatchingSeverity(RefactoringStatus.FATAL)); //$NON-NLS-1$
			}
			if (!operation.changeExecuted()) {
				recording.failed();
				return ChangeOutcome.rejected("Not applied: the workspace refused the change to " + proposed.path() + '.'); //$NON-NLS-1$
			}
			List<Long> writeIds = recording.applied();
			applied.accept(new Applied(List.of(file), List.of(proposed), operation.getUndoChange(), writeIds));
			return ChangeOutcome.applied((proposed.isCreation() ? "Created " : proposed.isDeletion() ? "Deleted " //$NON-NLS-1$ //$NON-NLS-2$
					: "Changed ") + proposed.path() + '.'); //$NON-NLS-1$
		} catch (CoreException | IOException e) {
			ILog.of(getClass()).warn("An agent change to " + file.getFullPath() + " failed.", e); //$NON-NLS-1$ //$NON-NLS-2$
			return ChangeOutcome.rejected("Not applied: " + e.getMessage()); //$NON-NLS-1$
		}
	}

	/**
	 * Applies the changes as one refactoring change named {@code name}, so that one Edit &gt; Undo takes them all
	 * back: each is checked as {@link #apply} checks it (one that fails is rejected on its own), recorded in the
	 * journal, and then all are performed together.
	 */
	@Override
	public List<ChangeOutcome> applyAll(String name, List<ProposedChange> changes) {
		ChangeOutcome[] outcomes = new ChangeOutcome[changes.size()];
		List<Integer> members = new ArrayList<>();
		List<IFile> targets = new ArrayList<>();
		List<Change> parts = new ArrayList<>();
		for (int i = 0; i < changes.size(); i++) {
			ProposedChange proposed = changes.get(i);
			Optional<IFile> target = files.apply(proposed.path());
			if (target.isEmpty()) {
				outcomes[i] = ChangeOutcome.rejected("The path " + proposed.path() + " is not in a workspace project."); //$NON-NLS-1$ //$NON-NLS-2$
				continue;
			}
			IFile file = target.get();
			try {
				Optional<String> current = WorkspaceFileContents.currentText(file);
				if (proposed.isCreation() ? current.isPresent()
						: !current.map(proposed.oldContent()::equals).orElse(false)) {
					outcomes[i] = ChangeOutcome.rejected("Not applied: " + proposed.path() //$NON-NLS-1$
							+ (current.isEmpty() ? " no longer exists." //$NON-NLS-1$
									: " changed since the change was computed (the user may be editing it); it was left as it is.")); //$NON-NLS-1$
					continue;
				}
				parts.add(toChange(file, proposed));
				members.add(i);
				targets.add(file);
			} catch (CoreException | IOException e) {
				outcomes[i] = ChangeOutcome.rejected("Not applied: " + e.getMessage()); //$NON-NLS-1$
			}
		}
		if (!members.isEmpty()) {
			performTogether(name, changes, outcomes, members, targets, parts);
		}
		return Arrays.asList(outcomes);
	}

	private void performTogether(String name, List<ProposedChange> changes, ChangeOutcome[] outcomes,
			List<Integer> members, List<IFile> targets, List<Change> parts) {
		CompositeChange step = new CompositeChange(name);
		parts.forEach(step::add);
		List<Recording> recordings = new ArrayList<>();
		try {
			step.initializeValidationData(new NullProgressMonitor());
			for (int k = 0; k < members.size(); k++) {
				recordings.add(record(targets.get(k), changes.get(members.get(k))));
			}
			PerformChangeOperation operation = new PerformChangeOperation(step);
			operation.setUndoManager(RefactoringCore.getUndoManager(), step.getName());
			try {
				ResourcesPlugin.getWorkspace().run(operation, new NullProgressMonitor());
			} catch (CoreException | RuntimeException e) {
				recordings.forEach(Recording::failed);
				throw e;
			}
			RefactoringStatus status = operation.getValidationStatus();
			String refusal = status != null && status.hasFatalError()
					? "Not applied: " + status.getMessageMatchingSeverity(RefactoringStatus.FATAL) //$NON-NLS-1$
					: !operation.changeExecuted() ? "Not applied: the workspace refused the change." : null; //$NON-NLS-1$
			if (refusal != null) {
				for (Recording recording : recordings) {
					if (status != null && status.hasFatalError()) {
						recording.mark(WriteMark.REJECTED);
					} else {
						recording.failed();
					}
				}
				members.forEach(i -> outcomes[i] = ChangeOutcome.rejected(refusal));
				return;
			}
			List<Long> writeIds = new ArrayList<>();
			List<ProposedChange> done = new ArrayList<>();
			for (int k = 0; k < members.size(); k++) {
				writeIds.addAll(recordings.get(k).applied());
				ProposedChange proposed = changes.get(members.get(k));
				done.add(proposed);
				outcomes[members.get(k)] = ChangeOutcome.applied((proposed.isCreation() ? "Created " //$NON-NLS-1$
						: proposed.isDeletion() ? "Deleted " : "Changed ") + proposed.path() + '.'); //$NON-NLS-1$ //$NON-NLS-2$
			}
			applied.accept(new Applied(targets, done, operation.getUndoChange(), writeIds));
		} catch (CoreException | IOException e) {
			ILog.of(getClass()).warn("The changes of '" + name + "' failed.", e); //$NON-NLS-1$ //$NON-NLS-2$
			for (int i : members) {
				if (outcomes[i] == null) {
					outcomes[i] = ChangeOutcome.rejected("Not applied: " + e.getMessage()); //$NON-NLS-1$
				}
			}
		}
	}

	private Recording record(IFile file, ProposedChange proposed) throws CoreException, IOException {
		if (journal == null) {
			return new Recording(file, null, -1, null);
		}
		byte[] before = WorkspaceFileContents.currentBytes(file).orElse(null);
		byte[] after = proposed.isDeletion() ? null : WorkspaceFileContents.encode(file, proposed.newContent(), before);
		long writeId = journal.recordAgentWrite(WorkspaceFileContents.journalPath(file), before, after, proposed.description());
		return new Recording(file, before, writeId, after);
	}

	/**
	 * A change recorded in the journal before it is performed, to be marked afterwards. When the bytes on disk after
	 * the change differ from those foreseen (an encoding the text cannot express exactly), the real bytes are recorded
	 * as a second write, so that the journal holds what the file holds.
	 */
	private final class Recording {

		private final IFile file;
		private final byte[] before;
		private final long writeId;
		private final byte[] after;

		Recording(IFile file, byte[] before, long writeId, byte[] after) {
			this.file = file;
			this.before = before;
			this.writeId = writeId;
			this.after = after;
		}

		void mark(WriteMark mark) throws IOException {
			if (writeId >= 0) {
				journal.mark(writeId, mark);
			}
		}

		/** After a failure: rejected when the file is untouched, otherwise left unmarked (possibly performed). */
		void failed() {
			if (writeId < 0) {
				return;
			}
			try {
				if (Arrays.equals(WorkspaceFileContents.currentBytes(file).orElse(null), before)) {
					journal.mark(writeId, WriteMark.REJECTED);
				}
			} catch (CoreException | IOException e) {
				ILog.of(WorkspaceChangeSink.class).warn("The change journal could not record a failed change to " //$NON-NLS-1$
						+ file.getFullPath(), e);
			}
		}

		List<Long> applied() throws CoreException, IOException {
			if (writeId < 0) {
				return List.of();
			}
			journal.mark(writeId, WriteMark.APPLIED);
			byte[] actual = WorkspaceFileContents.currentBytes(file).orElse(null);
			if (Arrays.equals(actual, after)) {
				return List.of(writeId);
			}
			long correction = journal.recordAgentWrite(WorkspaceFileContents.journalPath(file), after, actual, "");
			journal.mark(correction, WriteMark.APPLIED);
			return List.of(writeId, correction);
		}
	}

	private static Change toChange(IFile file, ProposedChange proposed) throws CoreException, IOException {
		if (proposed.isCreation()) {
			return new CreateFileChange(file.getFullPath(), proposed.newContent(),
					Charset.forName(file.getParent().getDefaultCharset()));
		}
		if (proposed.isDeletion()) {
			return new DeleteResourceChange(file.getFullPath(), true);
		}
		String name = "Edit " + file.getFullPath().makeRelative(); //$NON-NLS-1$
		if (FileBuffers.getTextFileBufferManager().getTextFileBuffer(file.getFullPath(), LocationKind.IFILE) == null) {
			// no editor has it open: the bytes are replaced whole and atomically
			byte[] before = WorkspaceFileContents.currentBytes(file).orElseThrow();
			return new ReplaceFileChange(name, file.getFullPath(), before,
					WorkspaceFileContents.encode(file, proposed.newContent(), before));
		}
		TextFileChange change = new TextFileChange(name, file);
		change.setEdit(LineDiff.edits(proposed.oldContent(), proposed.newContent()));
		change.setSaveMode(TextFileChange.KEEP_SAVE_STATE);
		return change;
	}
}
