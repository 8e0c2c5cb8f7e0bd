package dev.warden.core.agent;

import java.io.IOException;
import java.nio.file.Path;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.changes.ChangeStore;

/**
 * What Warden keeps in the workspace's metadata ({@code .metadata/.plugins/dev.warden.core}): the saved
 * conversations, the change journal, the audit trail. An OSGi service; everything is opened on first use.
 */
public interface WorkspaceState {

	/** The saved conversations of the workspace. */
	ConversationStore conversations();

	/**
	 * The change journal of the workspace, opened (a file lock, the journal read back) on the first call.
	 *
	 * @throws IOException when the journal cannot be opened; the message says why
	 */
	ChangeStore changeStore() throws IOException;

	/** The audit trail of a chat session ({@code null} for events of no session); failures are logged, not thrown. */
	AuditLog auditLog(String sessionId);

	/** The folder of the audit trail, for reading it back. */
	Path auditDirectory();
}
