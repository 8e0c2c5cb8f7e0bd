package dev.warden.core.mcp;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.resources.IProject;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.operations.Cancellation;

/**
 * The running MCP servers of the workspace, as a service. A server starts only after the user approved its exact
 * command line and variable names (remembered per {@link McpServerConfig#launchKey()}), with the scrubbed
 * environment; a project's {@code .mcp.json} is offered only in the form the user accepted. Every start and stop is
 * audited; all servers stop with the IDE.
 */
public interface McpServers {

	/** @return the servers running now */
	List<McpConnection> running();

	/** @return the running server named {@code name} */
	Optional<McpConnection> find(String name);

	/**
	 * Starts {@code launch}'s server unless it runs already, asking {@code approvals} first unless this exact launch
	 * was approved before.
	 *
	 * @throws McpException when the user rejects the start (saying so) or the server fails to start
	 */
	McpConnection start(McpLaunch launch, LaunchApprovals approvals, AuditLog audit, Cancellation cancellation)
			throws McpException;

	/** Stops the server named {@code name}, if it runs. */
	void stop(String name, AuditLog audit);

	/**
	 * Stops {@code launch}'s server if it runs and starts it again, asking {@code approvals} unless this exact launch
	 * was approved before.
	 *
	 * @throws McpException as {@link #start}
	 */
	default McpConnection restart(McpLaunch launch, LaunchApprovals approvals, AuditLog audit,
			Cancellation cancellation) throws McpException {
		stop(launch.config().name(), audit);
		return start(launch, approvals, audit, cancellation);
	}

	/**
	 * @return what the server named {@code name} is doing: running with its tools, failed with the reason and its
	 *         error output, or not started
	 */
	McpServerState state(String name);

	/**
	 * @return the servers of {@code project}'s {@code .mcp.json} when the user accepted exactly its current content;
	 *         empty when there is none, it is not accepted or it changed since
	 */
	List<McpServerConfig> acceptedProjectServers(IProject project);
}
