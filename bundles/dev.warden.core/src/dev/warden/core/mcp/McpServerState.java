package dev.warden.core.mcp;

import java.util.List;
import java.util.Objects;

/**
 * What a configured MCP server is doing now, as the MCP Servers page shows it.
 *
 * @param name   the server's name
 * @param status running, failed or not started
 * @param detail for a failure, what went wrong and the last lines of the server's error output; for a running server
 *               its protocol revision; otherwise empty
 * @param tools  the tools a running server offers; empty otherwise
 */
public record McpServerState(String name, Status status, String detail, List<McpToolInfo> tools) {

	/** Whether a server runs. */
	public enum Status {
		/** Started and initialised. */
		RUNNING,
		/** Its last start failed, or it stopped on its own. */
		FAILED,
		/** Not started (yet): never asked for, waiting for approval, rejected or stopped by the user. */
		STOPPED
	}

	public McpServerState {
		Objects.requireNonNull(name, "name"); //$NON-NLS-1$
		Objects.requireNonNull(status, "status"); //$NON-NLS-1$
		detail = detail == null ? "" : detail; //$NON-NLS-1$
		tools = List.copyOf(tools == null ? List.of() : tools);
	}
}
