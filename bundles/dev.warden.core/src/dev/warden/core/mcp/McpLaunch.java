package dev.warden.core.mcp;

import java.util.Objects;

/**
 * A request to start an MCP server, as the user approves it: starting a stdio server is running a command.
 *
 * @param config the server: its {@link McpServerConfig#commandLine() exact command line} and the
 *               {@link McpServerConfig#environmentNames() names} of the variables it sets are shown
 * @param origin where the configuration comes from, e.g. "workspace settings" or "project demo, .mcp.json"
 */
public record McpLaunch(McpServerConfig config, String origin) {

	public McpLaunch {
		Objects.requireNonNull(config, "config"); //$NON-NLS-1$
		origin = origin == null ? "" : origin; //$NON-NLS-1$
	}
}
