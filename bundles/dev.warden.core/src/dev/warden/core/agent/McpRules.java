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
	 */
	record Verdict(Level level, String reason) {
		public Verdict {
			Objects.requireNonNull(level, "level"); //$NON-NLS-1$
			reason = reason == null ? "" : reason; //$NON-NLS-1$
		}
	}

	/** No MCP servers: every MCP call is refused. */
	McpRules NONE = subject -> new Verdict(Level.REFUSED, "No MCP server is connected."); //$NON-NLS-1$

	/** @return the verdict for a call of {@code subject} ({@code server/tool}); must not throw */
	Verdict check(String subject);
}
