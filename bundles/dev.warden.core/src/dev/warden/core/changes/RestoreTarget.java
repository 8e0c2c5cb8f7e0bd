package dev.warden.core.changes;

import java.util.Objects;

/**
 * What to restore to: the start of the session ("Revert all changes") or a checkpoint ("Restore to here").
 *
 * @param checkpointId the checkpoint's id, or {@code null} for the start of the session
 */
public record RestoreTarget(String checkpointId) {

	private static final RestoreTarget SESSION_START = new RestoreTarget(null);

	/** The state before the session changed anything. */
	public static RestoreTarget sessionStart() {
		return SESSION_START;
	}

	/** The state just before the prompt of {@code checkpoint}. */
	public static RestoreTarget checkpoint(Checkpoint checkpoint) {
		return new RestoreTarget(Objects.requireNonNull(checkpoint, "checkpoint").id());
	}

	public boolean isSessionStart() {
		return checkpointId == null;
	}
}
