package dev.warden.core.changes;

import java.util.List;
import java.util.Objects;

/**
 * What a restore would do, file by file, computed against the files on disk without writing anything. Execute it
 * with {@link ChangeSession#execute}.
 *
 * @param sessionId       the session it belongs to
 * @param kind            a restore to a target, or the undoing of an earlier restore
 * @param target          for {@link Kind#RESTORE}: the target; otherwise {@code null}
 * @param undoesRestoreId for {@link Kind#UNDO_RESTORE}: the restore it undoes; otherwise {@code null}
 * @param files           one entry per file the session changed since the target
 */
public record RestorePlan(String sessionId, Kind kind, RestoreTarget target, String undoesRestoreId,
		List<FileRestore> files) {

	/** Which kind of plan. */
	public enum Kind {
		RESTORE, UNDO_RESTORE
	}

	public RestorePlan {
		Objects.requireNonNull(sessionId, "sessionId");
		Objects.requireNonNull(kind, "kind");
		if ((kind == Kind.RESTORE) != (target != null) || (kind == Kind.UNDO_RESTORE) != (undoesRestoreId != null)) {
			throw new IllegalArgumentException("A restore has a target, the undoing of one names the restore");
		}
		files = List.copyOf(files);
	}

	/** The files in conflict, for which the caller must decide. */
	public List<FileRestore> conflicts() {
		return files.stream().filter(FileRestore::isConflict).toList();
	}

	/** The files that will be written or deleted without a decision. */
	public List<FileRestore> clearChanges() {
		return files.stream()
				.filter(f -> f.action() == FileRestore.Action.WRITE || f.action() == FileRestore.Action.DELETE)
				.toList();
	}
}
