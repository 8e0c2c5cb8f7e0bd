package dev.warden.ui.internal.changes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.undo.WorkspaceUndoUtil;

import dev.warden.core.agent.Approval;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.Checkpoint;
import dev.warden.core.changes.ConflictDecision;
import dev.warden.core.changes.FileOutcome;
import dev.warden.core.changes.FileRestore;
import dev.warden.core.changes.RestorePlan;
import dev.warden.core.changes.RestoreResult;
import dev.warden.core.changes.RestoreTarget;
import dev.warden.core.agent.SessionChanges;
import dev.warden.core.changes.WorkspaceFileContents;
import dev.warden.core.tools.ChangeSink;
import dev.warden.core.tools.ProposedChange;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.WardenServices;

/**
 * What the chat view uses for one chat session's file changes: checkpoints before prompts, the sink that applies the
 * agent's changes as undoable refactoring changes (recorded in the session's change journal first), the watch over
 * commands, the Supervised review, View all changes, Revert all changes and Restore to a checkpoint. The journal
 * survives restarts: {@link #forSession} with the same id finds the session's changes again.
 */
public final class ChatChanges implements SessionChanges {

	/** A planned restore, with the editors whose unsaved text it concerns (named to the user first). */
	public record RestoreRequest(String title, String when, RestorePlan plan, List<String> unsavedEditors) {

		public RestoreRequest {
			unsavedEditors = List.copyOf(unsavedEditors);
		}

		/** Whether the restore would change anything, or needs a decision. */
		public boolean hasWork() {
			return plan.files().stream().anyMatch(f -> f.action() != FileRestore.Action.NONE);
		}
	}

	private final ChangeSession session;
	private final ChangeJournal journal;
	private final WorkspaceFileAccess files = new WorkspaceFileAccess();

	private final SessionChanges plain;
	private volatile String title = ""; //$NON-NLS-1$

	ChatChanges(ChangeSession session, ChangeJournal journal) {
		this.session = session;
		this.journal = journal;
		// the journal's changes, each captured into the workbench's undo history as it is performed
		UndoTracker undo = journal.undoTracker();
		this.plain = WardenServices.agents().journalChanges(session, undo::beginCapture,
				writeIds -> undo.endCapture(session, writeIds));
	}

	/**
	 * The changes of chat session {@code chatSessionId} (letters, digits, {@code .}, {@code _}, {@code -}), read back
	 * from its journal when it has one, else started with {@code title}.
	 *
	 * @throws IllegalStateException if the change journal cannot be used (the message says why)
	 */
	public static ChatChanges forSession(String chatSessionId, String title) {
		try {
			return service().session(chatSessionId, title);
		} catch (IOException e) {
			throw new IllegalStateException(NLS.bind(ChangesMessages.Journal_unavailable, e.getMessage()), e);
		}
	}

	/** The session the chat view shows, if any: the one the Edit menu's change commands act on. */
	public static Optional<ChatChanges> active() {
		return service().active();
	}

	/** Makes this the session the Edit menu's change commands act on (the chat view calls it when it shows it). */
	public void activate() {
		service().setActive(this);
	}

	/** Clears the session the Edit menu's commands act on, if it is this one. */
	public void deactivate() {
		ChangeJournal service = service();
		synchronized (service) {
			if (service.active().orElse(null) == this) {
				service.setActive(null);
			}
		}
	}

	private static ChangeJournal service() {
		ChangeJournal service = PlatformUI.getWorkbench().getService(ChangeJournal.class);
		if (service == null) {
			throw new IllegalStateException("The Warden change journal service is not available"); //$NON-NLS-1$
		}
		return service;
	}

	/** Names the chat as the user knows it (its first prompt), for titles; a blank title is ignored. */
	public void setTitle(String chatTitle) {
		if (chatTitle != null && !chatTitle.isBlank()) {
			title = chatTitle;
		}
	}

	public String sessionId() {
		return session.id();
	}

	/** The session's change journal. */
	public ChangeSession journal() {
		return session;
	}

	/** Records the checkpoint before a user prompt; costs one journal record. */
	public Checkpoint checkpoint(String prompt) throws IOException {
		return session.createCheckpoint(prompt);
	}

	/** The session's checkpoints, oldest first. */
	public List<Checkpoint> checkpoints() {
		return session.checkpoints();
	}

	/**
	 * The sink the agent's file tools propose changes to: each change is recorded in the journal, then performed as a
	 * refactoring change into the workbench's undo history; undoing or redoing it there is recorded too.
	 *
	 * @param workspaceFiles finds the workspace file for a path as the agent gave it
	 */
	@Override
	public ChangeSink sink(Function<String, Optional<IFile>> workspaceFiles) {
		return plain.sink(workspaceFiles);
	}

	/**
	 * Watches {@code project} while a command the agent runs is going; closing the watch (when the command has ended)
	 * refreshes the project and records the files the command changed.
	 */
	@Override
	public AutoCloseable watchCommand(IProject project, String commandLine) {
		return plain.watchCommand(project, commandLine);
	}

	/**
	 * Shows the agent's proposed changes for review (Supervised mode), from any thread. The answer approves all,
	 * some ({@link Approval#onlyPaths()}) or none of the files; cancelling the future closes the review.
	 */
	public CompletableFuture<Approval> review(Shell shell, ToolInvocation invocation, List<ProposedChange> changes) {
		CompletableFuture<Approval> answer = new CompletableFuture<>();
		UI.runOnUIThread(() -> {
			ReviewDialog dialog = new ReviewDialog(shell, invocation, changes, answer);
			dialog.setBlockOnOpen(false);
			dialog.open();
			answer.whenComplete((approval, failure) -> UI.runOnUIThread(dialog::closeQuietly));
		});
		return answer;
	}

	/** Opens a compare editor over every file the session touched: original against current, file by file. */
	public void viewAll(IWorkbenchPage page) {
		ChangesCompareInput.open(page, session, files, title);
	}

	/** Plans a revert of everything the session changed, naming the editors with unsaved text it concerns. */
	public RestoreRequest planRevertAll() throws IOException {
		RestorePlan plan = session.planRestore(RestoreTarget.sessionStart(), files);
		return new RestoreRequest(ChangesMessages.Restore_revertTitle, ChangesMessages.Restore_beforeSession, plan,
				unsavedEditors(plan));
	}

	/** Plans a restore to the state just before the prompt of checkpoint {@code checkpointId}. */
	public RestoreRequest planRestoreTo(String checkpointId) throws IOException {
		Checkpoint checkpoint = session.checkpoints().stream().filter(c -> c.id().equals(checkpointId)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No checkpoint " + checkpointId)); //$NON-NLS-1$
		RestorePlan plan = session.planRestore(RestoreTarget.checkpoint(checkpoint), files);
		return new RestoreRequest(NLS.bind(ChangesMessages.Restore_checkpointTitle, checkpoint.number()),
				NLS.bind(ChangesMessages.Restore_beforePrompt, checkpoint.number(), checkpoint.promptSummary()), plan,
				unsavedEditors(plan));
	}

	/**
	 * Revert all changes: plans, shows the files, the unsaved editors and the conflicts for decision, and on the
	 * user's go executes the restore as one undoable operation. Completes with the result, or empty when the user
	 * cancelled or there was nothing to do.
	 */
	public CompletableFuture<Optional<RestoreResult>> revertAll(Shell shell) {
		return confirmAndRestore(shell, this::planRevertAll);
	}

	/** Restore to the state just before the prompt of checkpoint {@code checkpointId}; like {@link #revertAll}. */
	public CompletableFuture<Optional<RestoreResult>> restoreTo(Shell shell, String checkpointId) {
		return confirmAndRestore(shell, () -> planRestoreTo(checkpointId));
	}

	private interface Planner {
		RestoreRequest plan() throws IOException;
	}

	private CompletableFuture<Optional<RestoreResult>> confirmAndRestore(Shell shell, Planner planner) {
		CompletableFuture<Optional<RestoreResult>> done = new CompletableFuture<>();
		RestoreRequest[] request = new RestoreRequest[1];
		IOException[] failure = new IOException[1];
		BusyIndicator.showWhile(shell.getDisplay(), () -> {
			try {
				request[0] = planner.plan();
			} catch (IOException e) {
				failure[0] = e;
			}
		});
		if (failure[0] != null) {
			ILog.of(getClass()).error("Could not plan a restore", failure[0]); //$NON-NLS-1$
			MessageDialog.openError(shell, ChangesMessages.Command_title,
					NLS.bind(ChangesMessages.Restore_failed, failure[0].getMessage()));
			done.complete(Optional.empty());
			return done;
		}
		if (!request[0].hasWork()) {
			MessageDialog.openInformation(shell, request[0].title(),
					NLS.bind(ChangesMessages.Restore_nothing, request[0].when()));
			done.complete(Optional.empty());
			return done;
		}
		RestoreDialog dialog = new RestoreDialog(shell, session, request[0], decisions -> {
			try {
				RestoreResult result = restore(request[0], decisions, shell);
				reportIncomplete(shell, result);
				done.complete(Optional.of(result));
			} catch (ExecutionException e) {
				ILog.of(getClass()).error("The restore failed", e); //$NON-NLS-1$
				MessageDialog.openError(shell, request[0].title(), NLS.bind(ChangesMessages.Restore_failed,
						e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
				done.completeExceptionally(e);
			}
		}, () -> done.complete(Optional.empty()));
		dialog.setBlockOnOpen(false);
		dialog.open();
		return done;
	}

	/**
	 * Executes a planned restore with the user's decisions for the conflicts, as one operation in the workbench's
	 * undo history (Edit &gt; Undo takes it back as a whole).
	 *
	 * @param shell for the history's prompts; may be {@code null}
	 */
	public RestoreResult restore(RestoreRequest request, Map<String, ConflictDecision> decisions, Shell shell)
			throws ExecutionException {
		RestoreOperation operation = new RestoreOperation(request.plan().target() != null
				&& request.plan().target().isSessionStart() ? ChangesMessages.Restore_operationRevert
						: NLS.bind(ChangesMessages.Restore_operationCheckpoint, request.title()),
				session, request.plan(), decisions, files);
		IOperationHistory history = PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
		history.execute(operation, new NullProgressMonitor(),
				shell == null ? null : WorkspaceUndoUtil.getUIInfoAdapter(shell));
		return operation.result();
	}

	private static void reportIncomplete(Shell shell, RestoreResult result) {
		List<String> problems = new ArrayList<>();
		for (FileOutcome outcome : result.files()) {
			switch (outcome.outcome()) {
			case FAILED, CHANGED_SINCE_PLAN, UNRECOVERABLE -> problems.add(outcome.path() + ": " + outcome.message()); //$NON-NLS-1$
			default -> {
				// done or decided
			}
			}
		}
		if (!problems.isEmpty() && !shell.isDisposed()) {
			MessageDialog.openWarning(shell, ChangesMessages.Restore_incompleteTitle,
					NLS.bind(ChangesMessages.Restore_incomplete, String.join("\n", problems))); //$NON-NLS-1$
		}
	}

	/** The editors with unsaved text on files the plan concerns, by name. */
	private List<String> unsavedEditors(RestorePlan plan) {
		Set<String> paths = new LinkedHashSet<>();
		plan.files().forEach(f -> paths.add(f.path()));
		Set<String> names = new LinkedHashSet<>();
		for (IWorkbenchWindow window : PlatformUI.getWorkbench().getWorkbenchWindows()) {
			for (IWorkbenchPage page : window.getPages()) {
				for (IEditorPart editor : page.getDirtyEditors()) {
					IFile file = editor.getEditorInput().getAdapter(IFile.class);
					if (file != null && paths.contains(WorkspaceFileContents.journalPath(file))) {
						names.add(WorkspaceFileContents.journalPath(file));
					}
				}
			}
		}
		return List.copyOf(names);
	}
}
