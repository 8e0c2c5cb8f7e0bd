package dev.warden.core.changes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.warden.core.audit.AuditLog;

/**
 * The change journals of all chat sessions, in one state directory (the plugin's state location): a journal file
 * per session and a content-addressed store of file contents shared by all of them. Only one process can use a state
 * directory at a time.
 */
public interface ChangeStore extends AutoCloseable {


	/** Starts a new session with a generated id. */
	ChangeSession createSession(String title) throws IOException;

	/**
	 * The session {@code sessionId}, started now with {@code title} if it has no journal yet, otherwise read back from
	 * its journal (see {@link ChangeSession#recoveryNotes()}). A session already open is returned as it is.
	 *
	 * @throws IllegalArgumentException if the id is not made of letters, digits, {@code .}, {@code _} and {@code -}
	 */
	ChangeSession openSession(String sessionId, String title) throws IOException;

	/** The sessions with a journal, most recently active first. */
	List<SessionInfo> sessions() throws IOException;

	/**
	 * Deletes the journals of the sessions {@code policy} does not keep (never an open session), then every stored
	 * content no remaining journal refers to. A crash in the middle leaves nothing a remaining session needs deleted;
	 * what it left over goes at the next pruning.
	 */
	PruneReport prune(RetentionPolicy policy) throws IOException;

	/** The contents store shared by the sessions. */
	BlobStore blobs();

	/** Closes the open sessions' journals and releases the state directory. */
	@Override
	void close() throws IOException;
}
