package dev.warden.core.changes;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A restore recorded in a session's journal.
 *
 * @param id              its id (see {@link RestoreResult#restoreId()})
 * @param time            when it was executed
 * @param kind            a restore to a target, or the undoing of an earlier restore
 * @param target          for a restore, its target; otherwise {@code null}
 * @param undoesRestoreId for an undo, the restore it undid; otherwise {@code null}
 * @param paths           the files it wrote or deleted (or meant to)
 * @param complete        whether every one of those writes is known to have been performed or to have failed; false
 *                        after a crash in the middle of the restore
 */
public record RestoreInfo(String id, Instant time, RestorePlan.Kind kind, RestoreTarget target, String undoesRestoreId,
		List<String> paths, boolean complete) {

	public RestoreInfo {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(kind, "kind");
		paths = List.copyOf(paths);
	}
}
