package dev.warden.core.changes;

import java.util.List;
import java.util.Objects;

/**
 * What executing a {@link RestorePlan} did. The restore is recorded in the journal under {@link #restoreId()}; pass
 * that id to {@link ChangeSession#planUndoRestore} to undo it.
 *
 * @param restoreId the restore's id in the journal
 * @param files     one outcome per file of the plan, in the plan's order
 */
public record RestoreResult(String restoreId, List<FileOutcome> files) {

	public RestoreResult {
		Objects.requireNonNull(restoreId, "restoreId");
		files = List.copyOf(files);
	}

	/** Whether every file reached its target or was decided by the user (kept or skipped). */
	public boolean complete() {
		return files.stream().noneMatch(f -> f.outcome() == FileOutcome.Outcome.FAILED
				|| f.outcome() == FileOutcome.Outcome.CHANGED_SINCE_PLAN
				|| f.outcome() == FileOutcome.Outcome.UNRECOVERABLE);
	}

	/** The outcomes that are {@code outcome}. */
	public List<FileOutcome> with(FileOutcome.Outcome outcome) {
		return files.stream().filter(f -> f.outcome() == outcome).toList();
	}
}
