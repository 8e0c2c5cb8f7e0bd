package dev.warden.core.agent;

import java.util.Objects;

/**
 * The seam to the rules for MCP tool calls: trust entries ({@code server/tool}, {@code server/*}), pins and flagged
 * descriptions. The MCP subsystem implements it; the gateway turns its verdict into a decision.
 */
public interface McpRules {

	/** What the rules say about a call. */
	enum Level {
		/** The user trusted the tool, its pin holds and its description is not flagged: it runs without asking. */
		TRUSTED,
		/** It waits for the user's approval (the reason says why: not trusted, first use, flagged description). */
		ASK,
		/** It does not run: the tool changed since it was pinned, vanished, or its server stopped. */
		REFUSED
	}

	/**
	 * @param level  the verdict
	 * @param reason why, for the audit trail and the approval card
	 * @param call   what the user is shown about the call (the server's hints, flags, a change since the pin);
	 *               {@code null} when the tool is not known
	 */
	record Verdict(Level level, String reason, McpCall call) {
		public Verdict {
			Objects.requireNonNull(level, "level"); //$NON-NLS-1$
			reason = reason == null ? "" : reason; //$NON-NLS-1$
		}

		public Verdict(Level level, String reason) {
			this(level, reason, null);
		}
	}

	/** No MCP servers: every MCP call is refused. */
	McpRules NONE = subject -> new Verdict(Level.REFUSED, "No MCP server is connected."); //$NON-NLS-1$

	/** @return the verdict for a call of {@code subject} ({@code server/tool}); must not throw */
	Verdict check(String subject);

	/**
	 * The user reviewed the change of {@code subject} since its pin and accepts it: it is pinned to what the server
	 * offers now.
	 *
	 * @return the new pin, or empty when there is no such tool
	 */
	default java.util.Optional<String> reviewed(String subject) {
		return java.util.Optional.empty();
	}
}
