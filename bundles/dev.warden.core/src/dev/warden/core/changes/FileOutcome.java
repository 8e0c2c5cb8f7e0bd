package dev.warden.core.changes;

import java.util.Objects;

/**
 * What a restore did with one file.
 *
 * @param path    the file
 * @param outcome what happened
 * @param message for display: details, e.g. the I/O error
 */
public record FileOutcome(String path, Outcome outcome, String message) {

	/** What happened to a file. */
	public enum Outcome {
		/** The target content was written. */
		WRITTEN,
		/** The file was deleted. */
		DELETED,
		/** It was at its target already. */
		UNCHANGED,
		/** A conflict kept as it is on disk, now the session's latest. */
		KEPT_MINE,
		/** A conflict left undecided. */
		SKIPPED,
		/** The file changed on disk after the plan was made; nothing was written. */
		CHANGED_SINCE_PLAN,
		/** Its target is unknown or damaged. */
		UNRECOVERABLE,
		/** Writing it failed. */
		FAILED
	}

	public FileOutcome {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(outcome, "outcome");
		message = message == null ? "" : message;
	}

	/** Whether the file on disk was changed. */
	public boolean changedDisk() {
		return outcome == Outcome.WRITTEN || outcome == Outcome.DELETED;
	}
}
