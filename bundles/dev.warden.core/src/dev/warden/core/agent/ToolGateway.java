package dev.warden.core.agent;

/**
 * The one place where Warden's policy decides about a tool call: mode, command trust, path confinement and ignore
 * rules, URL rules. The agent's dispatcher consults it before every tool call, records the decision in the audit
 * trail, asks the user through {@link Approvals} when told to, and only then lends the tool its capabilities.
 */
public interface ToolGateway {

	/** @return whether {@code invocation} may run in {@code mode}; must not throw and must not block on the user */
	GatewayDecision decide(ToolInvocation invocation, Mode mode);

	/** The user chose "always trust" for {@code commandLine}; remember it for later decisions. */
	default void trustAlways(String commandLine) {
		// a gateway without a trust store forgets
	}

	/**
	 * The user reviewed how the MCP tool {@code subject} ({@code server/tool}) changed since its pin and accepts the
	 * change: pin it again.
	 */
	default void acceptToolChange(String subject) {
		// a gateway without MCP tools has nothing to pin
	}
}
