package dev.warden.core.changes;

import java.util.Objects;

/**
 * What a restore plans to do with one file, and the three versions a conflict is decided on.
 *
 * @param path   the file, relative to the workspace root
 * @param action what the restore will do
 * @param target the state the restore brings the file to (the original at the target)
 * @param latest the state the session last left the file in (what the agent, a command or a restore wrote)
 * @param onDisk the state found on disk when the plan was made
 * @param reason for display: why this action (e.g. why it is a conflict, or why it is unrecoverable)
 */
public record FileRestore(String path, Action action, FileState target, FileState latest, FileState onDisk,
		String reason) {

	/** What a restore does with a file. */
	public enum Action {
		/** Write the target content (re-creating the file if it was deleted). */
		WRITE,
		/** Delete the file (the session created it). */
		DELETE,
		/** Nothing: the file is at its target already. */
		NONE,
		/**
		 * The file on disk is neither what the session left nor the target: someone else changed it. Nothing is
		 * written until the caller decides (see {@link ConflictDecision}).
		 */
		CONFLICT,
		/** The target content is not known or its stored copy is damaged: the file cannot be restored. */
		UNRECOVERABLE
	}

	public FileRestore {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(latest, "latest");
		Objects.requireNonNull(onDisk, "onDisk");
		reason = reason == null ? "" : reason;
	}

	public boolean isConflict() {
		return action == Action.CONFLICT;
	}
}
