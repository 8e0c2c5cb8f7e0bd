package dev.warden.core.agent;

import java.util.Objects;

/**
 * The policy gateway's answer for one tool call.
 *
 * @param verdict what happens
 * @param reason  why, for the audit trail and (for ASK and REFUSE) for the user and the model
 */
public record GatewayDecision(Verdict verdict, String reason) {

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
