package dev.warden.core.changes;

/** How a file differs between the start of a session and now, as far as the session knows. */
public enum ChangeKind {
	CREATED, MODIFIED, DELETED,
	/** Touched, but back to its original content (e.g. rejected, undone or reverted). */
	UNCHANGED;

	/** The kind of change from {@code original} to {@code latest}. */
	public static ChangeKind between(FileState original, FileState latest) {
		if (original.equals(latest)) {
			return UNCHANGED;
		}
		if (original.isAbsent()) {
			return CREATED;
		}
		return latest.isAbsent() ? DELETED : MODIFIED;
	}
}
