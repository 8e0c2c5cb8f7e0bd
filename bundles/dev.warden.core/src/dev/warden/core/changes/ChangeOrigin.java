package dev.warden.core.changes;

/** Who or what changed a file, as recorded in the change journal. */
public enum ChangeOrigin {
	/** One of the agent's file tools. */
	AGENT_TOOL,
	/** A command the agent ran (a formatter, {@code sed -i}, a generator); found on disk after the command. */
	COMMAND,
	/** A revert or restore, or the undoing of one. */
	RESTORE,
	/** The user kept their own version of a file in a restore conflict; Warden now takes it as the latest. */
	USER_ACCEPTED
}
