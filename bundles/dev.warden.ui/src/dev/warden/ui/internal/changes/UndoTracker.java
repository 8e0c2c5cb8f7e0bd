package dev.warden.ui.internal.changes;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.commands.operations.IOperationHistoryListener;
import org.eclipse.core.commands.operations.IUndoableOperation;
import org.eclipse.core.commands.operations.OperationHistoryEvent;
import org.eclipse.core.runtime.ILog;

import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.WriteMark;

/**
 * Keeps the change journal in step with Edit &gt; Undo and Redo: the agent's changes are performed into the
 * refactoring undo history, and when the user undoes (or redoes) one of them, its writes are marked undone (or applied
 * again) in the session's journal.
 * <p>
 * The operation an agent step became is recognised as the one the history added on the applying thread while the step
 * was being performed.
 */
final class UndoTracker implements IOperationHistoryListener {

	private record Writes(ChangeSession session, List<Long> ids) {
	}

	private final IOperationHistory history;
	private final Map<IUndoableOperation, Writes> tracked = Collections.synchronizedMap(new WeakHashMap<>());
	/**
	 * The operation added on this thread since {@link #beginCapture()}: set only while a capture is open, so that an
	 * operation added on a thread that performs no agent step (a restore on the UI thread, a command's change on a
	 * worker) is never held by that thread, nor the chat it belongs to.
	 */
	private final ThreadLocal<IUndoableOperation[]> capture = new ThreadLocal<>();

	UndoTracker(IOperationHistory history) {
		this.history = history;
		history.addOperationHistoryListener(this);
	}

	void dispose() {
		history.removeOperationHistoryListener(this);
		tracked.clear();
	}

	/** Forgets what this thread saw added, before it performs a change. */
	void beginCapture() {
		capture.set(new IUndoableOperation[1]);
	}

	/** Ties the operation this thread saw added since {@link #beginCapture()} to {@code writeIds} of {@code session}. */
	void endCapture(ChangeSession session, List<Long> writeIds) {
		IUndoableOperation[] captured = capture.get();
		capture.remove();
		IUndoableOperation operation = captured == null ? null : captured[0];
		if (operation != null && !writeIds.isEmpty()) {
			tracked.put(operation, new Writes(session, writeIds));
		}
	}

	/** For tests: whether the history's operation is known as an agent step. */
	boolean tracks(IUndoableOperation operation) {
		return tracked.containsKey(operation);
	}

	@Override
	public void historyNotification(OperationHistoryEvent event) {
		switch (event.getEventType()) {
		case OperationHistoryEvent.OPERATION_ADDED -> {
			IUndoableOperation[] captured = capture.get();
			if (captured != null) {
				captured[0] = event.getOperation();
			}
		}
		case OperationHistoryEvent.UNDONE -> mark(event.getOperation(), WriteMark.UNDONE);
		case OperationHistoryEvent.REDONE -> mark(event.getOperation(), WriteMark.APPLIED);
		case OperationHistoryEvent.OPERATION_REMOVED -> tracked.remove(event.getOperation());
		default -> {
			// nothing to record
		}
		}
	}

	private void mark(IUndoableOperation operation, WriteMark mark) {
		Writes writes = tracked.get(operation);
		if (writes == null) {
			return;
		}
		try {
			for (long id : writes.ids()) {
				writes.session().mark(id, mark);
			}
		} catch (IOException | IllegalArgumentException e) {
			ILog.of(getClass()).error("The change journal could not record that '" + operation.getLabel() //$NON-NLS-1$
					+ "' was " + mark.name().toLowerCase(java.util.Locale.ROOT), e); //$NON-NLS-1$
		}
	}
}
