package dev.warden.core.changes;

/** The user's decision for a file in conflict (changed on disk since the session last wrote it). */
public enum ConflictDecision {
	/** Overwrite the file with the restore's target; its current content is kept in the journal for undo. */
	TAKE_RESTORE,
	/** Keep the file as it is on disk, and take that content as the session's latest for this file. */
	KEEP_MINE,
	/** Leave the file alone and record nothing; the conflict will show again next time. */
	SKIP
}
