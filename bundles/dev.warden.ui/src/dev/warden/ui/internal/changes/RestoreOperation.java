package dev.warden.ui.internal.changes;

import java.io.IOException;
import java.util.Map;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.operations.AbstractOperation;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.ide.undo.WorkspaceUndoUtil;

import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.ConflictDecision;
import dev.warden.core.changes.RestorePlan;
import dev.warden.core.changes.RestoreResult;

/**
 * A revert or restore as one step of the workbench's undo history, in the workspace undo context that Edit &gt; Undo
 * uses outside editors (the context the refactoring undo context, and so the agent's changes, also belong to): undoing it
 * gives every file it wrote the content it had just before (with the journal's conflict checks: a file changed since is
 * left alone), and redoing it undoes that undo.
 */
final class RestoreOperation extends AbstractOperation {

	private final ChangeSession session;
	private final RestorePlan plan;
	private final Map<String, ConflictDecision> decisions;
	private final WorkspaceFileAccess files;
	private RestoreResult result;

	RestoreOperation(String label, ChangeSession session, RestorePlan plan, Map<String, ConflictDecision> decisions,
			WorkspaceFileAccess files) {
		super(label);
		this.session = session;
		this.plan = plan;
		this.decisions = Map.copyOf(decisions);
		this.files = files;
		addContext(WorkspaceUndoUtil.getWorkspaceUndoContext());
	}

	/** What the last execution, undo or redo did. */
	RestoreResult result() {
		return result;
	}

	@Override
	public IStatus execute(IProgressMonitor monitor, IAdaptable info) throws ExecutionException {
		result = run(() -> session.execute(plan, decisions, files), monitor);
		return Status.OK_STATUS;
	}

	@Override
	public IStatus undo(IProgressMonitor monitor, IAdaptable info) throws ExecutionException {
		String restoreId = result.restoreId();
		result = run(() -> session.execute(session.planUndoRestore(restoreId, files), Map.of(), files), monitor);
		return Status.OK_STATUS;
	}

	@Override
	public IStatus redo(IProgressMonitor monitor, IAdaptable info) throws ExecutionException {
		return undo(monitor, info);
	}

	@Override
	public boolean canUndo() {
		return result != null;
	}

	@Override
	public boolean canRedo() {
		return result != null;
	}

	private interface Restore {
		RestoreResult run() throws IOException;
	}

	/** Runs {@code restore} as one workspace operation, so that builds and listeners see one change. */
	private static RestoreResult run(Restore restore, IProgressMonitor monitor) throws ExecutionException {
		IWorkspace workspace = ResourcesPlugin.getWorkspace();
		RestoreResult[] outcome = new RestoreResult[1];
		try {
			workspace.run(m -> {
				try {
					outcome[0] = restore.run();
				} catch (IOException e) {
					throw new CoreException(Status.error(e.getMessage(), e));
				}
			}, workspace.getRoot(), IWorkspace.AVOID_UPDATE, monitor);
		} catch (CoreException e) {
			throw new ExecutionException(e.getMessage(), e.getCause() == null ? e : e.getCause());
		}
		return outcome[0];
	}
}
