package dev.warden.ui.internal.changes;

import dev.warden.ui.internal.WardenServices;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.commands.operations.OperationHistoryFactory;
import org.eclipse.core.runtime.ILog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import dev.warden.core.agent.WorkspaceState;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.operations.WardenJobs;

/**
 * The workbench's change journal: opens the {@link ChangeStore} in Warden's state location when it is first needed,
 * hands out one {@link ChatChanges} per chat session, knows which session the chat view shows (for the Edit menu's
 * commands), and keeps the journal in step with Edit &gt; Undo. An OSGi service, created on first use and closed when
 * the bundle stops.
 */
@Component(service = ChangeJournal.class)
public final class ChangeJournal {

	/**
	 * The sessions handed out, held weakly: the one shown is held by {@link #active}, a running prompt holds its own,
	 * and those nobody holds any more are let go (with their journal session, which pruning may then remove).
	 */
	private final Map<String, WeakReference<ChatChanges>> sessions = new HashMap<>();
	private final AtomicBoolean pruneScheduled = new AtomicBoolean();
	private ChangeStore store;
	private WorkspaceState state;
	private UndoTracker undo;
	private ChatChanges active;

	/** The changes of chat session {@code chatSessionId}, read back from its journal if it has one. */
	public synchronized ChatChanges session(String chatSessionId, String title) throws IOException {
		sessions.values().removeIf(reference -> reference.get() == null);
		WeakReference<ChatChanges> reference = sessions.get(chatSessionId);
		ChatChanges changes = reference == null ? null : reference.get();
		if (changes == null) {
			boolean opened = store != null;
			changes = new ChatChanges(store().openSession(chatSessionId, title), this);
			sessions.put(chatSessionId, new WeakReference<>(changes));
			if (opened) {
				// a chat started or opened again: keep the journal within the retention during a long IDE run too
				prune(store, pruneScheduled);
			}
		}
		changes.setTitle(title);
		return changes;
	}

	/** The session the chat view shows, for the Edit menu's commands. */
	public synchronized Optional<ChatChanges> active() {
		return Optional.ofNullable(active);
	}

	/** Makes {@code changes} the session the Edit menu's commands act on ({@code null}: none). */
	public synchronized void setActive(ChatChanges changes) {
		active = changes;
	}

	synchronized UndoTracker undoTracker() {
		if (undo == null) {
			undo = new UndoTracker(OperationHistoryFactory.getOperationHistory());
		}
		return undo;
	}

	private ChangeStore store() throws IOException {
		if (store == null) {
			store = state.changeStore();
			prune(store, pruneScheduled);
		}
		return store;
	}

	@Reference
	void setState(WorkspaceState state) {
		this.state = state;
	}

	/**
	 * Keeps the journal's growth bounded: removes, in the background, the change history of chats older than the
	 * preference allows (never of a chat that is open).
	 */
	private static void prune(ChangeStore opened, AtomicBoolean scheduled) {
		if (!scheduled.compareAndSet(false, true)) {
			return; // one waiting prune does for every chat started meanwhile
		}
		WardenJobs.scheduleSystem(ChangesMessages.Prune_job, monitor -> {
			scheduled.set(false);
			try {
				opened.prune(WardenServices.chat().retention());
			} catch (IOException | RuntimeException e) {
				ILog.of(ChangeJournal.class).warn("Old change history could not be pruned.", e); //$NON-NLS-1$
			}
		});
	}

	@Deactivate
	synchronized void deactivate() {
		if (undo != null) {
			undo.dispose();
			undo = null;
		}
		sessions.clear();
		active = null;
		store = null; // the workspace state service closes the journal
	}
}
