package dev.warden.core.agent;

import java.util.Objects;

/**
 * The user's answer to "may the agent run this command?".
 *
 * @param choice what the user chose
 * @param reason the user's reason for a rejection, passed to the model; may be empty
 */
public record CommandApproval(Choice choice, String reason) {

	/** The answers. */
	public enum Choice {
		/** Run it this time. */
		RUN_ONCE,
		/**
		 * Run it this time with network to any host the URL policy allows (in the sandbox, commands have none unless
		 * granted); the next command has none again.
		 */
		RUN_ONCE_WITH_NETWORK,
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

	public static CommandApproval runOnceWithNetwork() {
		return new CommandApproval(Choice.RUN_ONCE_WITH_NETWORK, ""); //$NON-NLS-1$
	}

	/** Whether this answer grants the command network for its one run. */
	public boolean grantsNetwork() {
		return choice == Choice.RUN_ONCE_WITH_NETWORK;
	}

	public static CommandApproval alwaysTrust() {
		return new CommandApproval(Choice.ALWAYS_TRUST, ""); //$NON-NLS-1$
	}

	public static CommandApproval reject(String reason) {
		return new CommandApproval(Choice.REJECT, reason);
	}
}
