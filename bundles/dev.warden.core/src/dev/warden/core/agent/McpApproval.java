package dev.warden.core.agent;

import java.util.Objects;

/**
 * The user's answer to a call of an MCP tool: run it once, run it and trust the tool (or all of its server's tools)
 * from now on, or reject it with a reason.
 *
 * @param choice     what the user chose
 * @param trustEntry for {@link Choice#ALWAYS_TRUST}, the entry the user saved ({@code server/tool} or
 *                   {@code server/*}); empty otherwise
 * @param reason     the user's reason for a rejection, passed to the model; may be empty
 */
public record McpApproval(Choice choice, String trustEntry, String reason) {

	/** What the user chose. */
	public enum Choice {
		RUN_ONCE, ALWAYS_TRUST, REJECT
	}

	public McpApproval {
		Objects.requireNonNull(choice, "choice"); //$NON-NLS-1$
		trustEntry = trustEntry == null ? "" : trustEntry; //$NON-NLS-1$
		reason = reason == null ? "" : reason; //$NON-NLS-1$
	}

	public static McpApproval runOnce() {
		return new McpApproval(Choice.RUN_ONCE, "", ""); //$NON-NLS-1$ //$NON-NLS-2$
	}

	public static McpApproval alwaysTrust(String entry) {
		return new McpApproval(Choice.ALWAYS_TRUST, entry, ""); //$NON-NLS-1$
	}

	public static McpApproval reject(String reason) {
		return new McpApproval(Choice.REJECT, "", reason); //$NON-NLS-1$
	}

	public boolean approved() {
		return choice != Choice.REJECT;
	}
}
