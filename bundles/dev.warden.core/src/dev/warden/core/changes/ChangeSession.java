package dev.warden.core.changes;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The change journal of one chat session: what the agent (and the commands it ran) changed, the checkpoints before
 * each prompt, and the restores. Everything is appended to a journal file that survives a crash; file contents are
 * kept in a content-addressed {@link BlobStore}.
 * <p>
 * Originals are copied on first write: the content a file had is stored only the first time the file is changed
 * after a checkpoint, so a checkpoint itself costs one small record, whatever the size of the workspace.
 * <p>
 * Writes are recorded <em>before</em> they are performed and then {@linkplain #mark marked}; a write not yet marked
 * counts as possibly performed. Paths are relative to the workspace root with {@code /} separators (a leading
 * {@code /} is dropped); {@code ..} and empty segments are refused.
 * <p>
 * Instances are obtained from a {@link ChangeStore} and are safe for concurrent use.
 */
public interface ChangeSession {

	/** The session's id. */
	String id();

	/** The session's id, title, start and last activity. */
	SessionInfo info();

	/** What was found when the journal was read back on opening (empty for a new or intact journal). */
	List<RecoveryNote> recoveryNotes();

	/**
	 * Records a checkpoint just before the user's prompt. Costs one journal record, independent of the workspace.
	 *
	 * @param promptSummary a short summary of the prompt, for display
	 */
	Checkpoint createCheckpoint(String promptSummary) throws IOException;

	/** The checkpoints, oldest first. */
	List<Checkpoint> checkpoints();

	/**
	 * Records a change one of the agent's tools is about to make. Call it before the file is written; then
	 * {@linkplain #mark mark} the write applied or rejected.
	 *
	 * @param path        the file
	 * @param before      its content now, {@code null} if it does not exist (the file is to be created)
	 * @param after       its content afterwards, {@code null} if it is to be deleted
	 * @param description what the agent said it was doing, for display
	 * @return the write's id
	 */
	long recordAgentWrite(String path, byte[] before, byte[] after, String description) throws IOException;

	/**
	 * Records a change a command made, found on disk after the command ran. {@code original} is used only if the file
	 * has not been touched since the last checkpoint (otherwise the journal holds its original already); see
	 * {@link #journalOriginal} for what the journal knows.
	 *
	 * @param path     the file
	 * @param original its content before the command, from wherever it could be found, or unrecoverable
	 * @param after    its content now, {@code null} if the command deleted it
	 * @param command  the command, for display
	 * @return the write's id
	 */
	long recordCommandChange(String path, Original original, byte[] after, String command) throws IOException;

	/**
	 * The content the session last left {@code path} in, as an original from the {@linkplain OriginalSource#JOURNAL
	 * journal}; empty if the session never touched it or that content is unrecoverable.
	 */
	Optional<Original> journalOriginal(String path) throws IOException;

	/**
	 * Records what became of a write: applied, rejected, undone (Edit &gt; Undo) or applied again (redo).
	 *
	 * @throws IllegalArgumentException if there is no write with that id
	 */
	void mark(long writeId, WriteMark mark) throws IOException;

	/** Every file the session touched, in the order it first touched them ("View all changes"). */
	List<TouchedFile> touchedFiles();

	/**
	 * The state of {@code path} just before the prompt of checkpoint {@code checkpointId}: absent, present (read its
	 * bytes with {@link #content}) or unrecoverable; empty if the session has not changed the file since then (it is
	 * as it was).
	 *
	 * @throws IllegalArgumentException if there is no such checkpoint
	 */
	Optional<FileState> stateAt(String checkpointId, String path);

	/**
	 * The bytes of a present state recorded by this session.
	 *
	 * @throws BlobException if they are missing or damaged
	 * @throws IllegalArgumentException if {@code state} is not present
	 */
	byte[] content(FileState state) throws IOException;

	/**
	 * Plans a restore to {@code target}: for every file changed since the target, the bytes to write or whether to
	 * delete it, after comparing the file on disk with what the session left; nothing is written.
	 *
	 * @throws IllegalArgumentException if the target's checkpoint does not exist
	 */
	RestorePlan planRestore(RestoreTarget target, FileAccess files) throws IOException;

	/**
	 * Plans the undoing of restore {@code restoreId}: the files it wrote get back the content they had just before it
	 * (also a user's version it overwrote on their decision), with the same conflict checks.
	 *
	 * @throws IllegalArgumentException if there is no such restore
	 */
	RestorePlan planUndoRestore(String restoreId, FileAccess files) throws IOException;

	/** The restores executed in this session, oldest first. */
	List<RestoreInfo> restores();

	/**
	 * Executes a plan: writes and deletes what it says, and for each conflict does what {@code decisions} says
	 * (a conflict without a decision is {@linkplain ConflictDecision#SKIP skipped}). Each file is compared with the
	 * plan again just before it is written; one changed since is left alone. The restore is recorded in the journal
	 * (with the content each file had before it) before anything is written, so that it can be undone.
	 *
	 * @param decisions per path, for the files in conflict
	 * @throws IllegalArgumentException if the plan belongs to another session
	 */
	RestoreResult execute(RestorePlan plan, Map<String, ConflictDecision> decisions, FileAccess files)
			throws IOException;
}
