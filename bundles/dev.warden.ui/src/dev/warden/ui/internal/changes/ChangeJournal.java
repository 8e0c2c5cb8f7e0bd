package dev.warden.ui.internal.changes;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.commands.operations.OperationHistoryFactory;
import org.eclipse.core.runtime.ILog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.warden.core.audit.JsonLinesAuditLog;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.internal.settings.StateLocations;

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
	private UndoTracker undo;
	private ChatChanges active;

	/** The changes of chat session {@code chatSessionId}, read back from its journal if it has one. */
	public synchronized ChatChanges session(String chatSessionId, String title) throws IOException {
		ChatChanges changes = sessions.get(chatSessionId);
		if (changes == null) {
			changes = new ChatChanges(store().openSession(chatSessionId, title), this);
			sessions.put(chatSessionId, changes);
		}
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
			JsonLinesAuditLog audit = new JsonLinesAuditLog(StateLocations.audit(), null,
					e -> ILog.of(ChangeJournal.class).warn("Could not write the audit trail", e)); //$NON-NLS-1$
			store = ChangeStore.open(StateLocations.changes(), audit);
			prune(store);
		}
		return store;
	}

	/**
	 * Keeps the journal's growth bounded: removes, in the background, the change history of chats older than the
	 * preference allows (never of a chat that is open).
	 */
	private static void prune(ChangeStore opened) {
		org.eclipse.core.runtime.jobs.Job job = org.eclipse.core.runtime.jobs.Job.create(ChangesMessages.Prune_job, monitor -> {
			try {
				opened.prune(dev.warden.ui.internal.chat.ChatPreferences.retention());
			} catch (IOException | RuntimeException e) {
				ILog.of(ChangeJournal.class).warn("Old change history could not be pruned.", e); //$NON-NLS-1$
			}
		});
		job.setSystem(true);
		job.schedule();
	}

	@Deactivate
	synchronized void deactivate() {
		if (undo != null) {
			undo.dispose();
			undo = null;
		}
		sessions.clear();
		active = null;
		if (store != null) {
			try {
				store.close();
			} catch (IOException e) {
				ILog.of(getClass()).error("Could not close the change journal", e); //$NON-NLS-1$
			}
			store = null;
		}
	}
}
