package dev.warden.core.agent;

import java.util.Objects;

/**
 * The user's answer to "may the agent run this command?".
 *
 * @param choice what the user chose
 * @param reason the user's reason for a rejection, passed to the model; may be empty
 */
public record CommandApproval(Choice choice, String reason) {

	/** The three answers. */
	public enum Choice {
		/** Run it this time. */
		RUN_ONCE,
		/** Run it and trust the same command from now on. */
		ALWAYS_TRUST,
		/** Do not run it. */
		REJECT
	}

	public CommandApproval {
		Objects.requireNonNull(choice, "choice"); //$NON-NLS-1$
		reason = reason == null ? "" : reason; //$NON-NLS-1$
	}

	public static CommandApproval runOnce() {
		return new CommandApproval(Choice.RUN_ONCE, ""); //$NON-NLS-1$
	}

	public static CommandApproval alwaysTrust() {
		return new CommandApproval(Choice.ALWAYS_TRUST, ""); //$NON-NLS-1$
	}

	public static CommandApproval reject(String reason) {
		return new CommandApproval(Choice.REJECT, reason);
	}
}
