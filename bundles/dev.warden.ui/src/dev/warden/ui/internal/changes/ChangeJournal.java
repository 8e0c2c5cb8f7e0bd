package dev.warden.ui.internal.changes;

import dev.warden.ui.internal.WardenServices;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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

	private final Map<String, ChatChanges> sessions = new HashMap<>();
	private ChangeStore store;
	private WorkspaceState state;
	private UndoTracker undo;
	private ChatChanges active;

	/** The changes of chat session {@code chatSessionId}, read back from its journal if it has one. */
	public synchronized ChatChanges session(String chatSessionId, String title) throws IOException {
		ChatChanges changes = sessions.get(chatSessionId);
		if (changes == null) {
			changes = new ChatChanges(store().openSession(chatSessionId, title), this);
			sessions.put(chatSessionId, changes);
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
			prune(store);
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
	private static void prune(ChangeStore opened) {
		WardenJobs.scheduleSystem(ChangesMessages.Prune_job, monitor -> {
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
