package dev.warden.core.agent;

import java.util.Objects;
import java.util.Optional;

import dev.warden.core.trust.CommandVerdict;

/**
 * The policy gateway's answer for one tool call.
 *
 * @param verdict what happens
 * @param reason  why, for the audit trail and (for ASK and REFUSE) for the user and the model
 * @param command for a command line, the trusted-command policy's verdict (its parts, their reasons and the
 *                patterns to offer), carried to whoever asks the user; {@code null} otherwise
 * @param mcp     for a call of an MCP tool, what the MCP rules found (hints, flags, a change since the pin), carried
 *                to whoever asks the user; {@code null} otherwise
 */
public record GatewayDecision(Verdict verdict, String reason, CommandVerdict command, McpCall mcp) {

	/** What happens to a tool call. */
	public enum Verdict {
		/** Run it. */
		ALLOW,
		/** Run it only if the user approves (for file changes: after the user reviewed the change). */
		ASK,
		/** Do not run it; the model is told why. */
		REFUSE
	}

	public GatewayDecision {
		Objects.requireNonNull(verdict, "verdict"); //$NON-NLS-1$
		reason = reason == null ? "" : reason; //$NON-NLS-1$
	}

	/** A decision about anything but a judged command line. */
	public GatewayDecision(Verdict verdict, String reason) {
		this(verdict, reason, null, null);
	}

	/** A decision, with the command verdict that led to it when there is one. */
	public GatewayDecision(Verdict verdict, String reason, CommandVerdict command) {
		this(verdict, reason, command, null);
	}

	/** What the MCP rules found, when the decision is about a call of an MCP tool. */
	public Optional<McpCall> mcpCall() {
		return Optional.ofNullable(mcp);
	}

	/** The same decision with what the MCP rules found. */
	public GatewayDecision withMcp(McpCall call) {
		return new GatewayDecision(this.verdict, reason, command, call);
	}

	/** The trusted-command policy's verdict, when the decision is about a command line it judged. */
	public Optional<CommandVerdict> commandVerdict() {
		return Optional.ofNullable(command);
	}

	/** The same decision with the command verdict that led to it. */
	public GatewayDecision withCommand(CommandVerdict verdict) {
		return new GatewayDecision(this.verdict, reason, verdict, mcp);
	}

	public static GatewayDecision allow(String reason) {
		return new GatewayDecision(Verdict.ALLOW, reason);
	}

	public static GatewayDecision ask(String reason) {
		return new GatewayDecision(Verdict.ASK, reason);
	}

	public static GatewayDecision refuse(String reason) {
		return new GatewayDecision(Verdict.REFUSE, reason);
	}
}
