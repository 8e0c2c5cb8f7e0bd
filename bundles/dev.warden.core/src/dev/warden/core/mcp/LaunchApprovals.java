package dev.warden.core.mcp;

import java.util.concurrent.CompletableFuture;

import dev.warden.core.agent.Approval;

/** How the user is asked before an MCP server starts. Implemented by the UI; completes when the user answers. */
@FunctionalInterface
public interface LaunchApprovals {

	/** Nobody can answer: nothing starts that was not approved before. */
	LaunchApprovals NONE = launch -> CompletableFuture.completedFuture(Approval.reject("No one is available to approve this.")); //$NON-NLS-1$

	/** Asks whether {@code launch} may start (and may start again later with the same command line and names). */
	CompletableFuture<Approval> approveLaunch(McpLaunch launch);
}
