package dev.warden.core.changes;

/**
 * What became of a recorded write. A write is recorded before it is performed; until it is marked it counts as
 * possibly performed (after a crash the file may hold either the content before or after it).
 */
public enum WriteMark {
	/** The write is on disk (also: redone after an undo). */
	APPLIED,
	/** The write was not performed (rejected in review, or it failed). */
	REJECTED,
	/** The write was undone (Edit &gt; Undo): the file holds what it held before it. */
	UNDONE
}
