package dev.warden.core.changes;

/** Where the original content of a file (its content before the session changed it) came from. */
public enum OriginalSource {
	/** Read from the file itself just before it was changed. */
	DISK,
	/** What the change journal already held for the file. */
	JOURNAL,
	/** The IDE's local history. */
	LOCAL_HISTORY,
	/** The Git index or {@code HEAD}. */
	GIT,
	/** Not found anywhere: the original is unrecoverable. */
	UNKNOWN
}
