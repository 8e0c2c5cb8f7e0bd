package dev.warden.core.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.warden.core.internal.mcp.StdioMcpConnection;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.EnvironmentPolicy;

/**
 * The MCP servers the tests run: the pinned reference servers that the test build installs from npm into
 * {@code target/mcp-servers} (system property {@code warden.mcp.servers}), and the scripted server of the tests.
 */
final class McpTestServers {

	private McpTestServers() {
	}

	static Path installed() {
		Path dir = Path.of(System.getProperty("warden.mcp.servers", "target/mcp-servers"));
		assertTrue(Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/server-everything")),
				"the reference MCP servers are not installed in " + dir.toAbsolutePath()
						+ " (the test build runs npm install there; Node 20 and npm are needed)");
		return dir;
	}

	static McpServerConfig everything() {
		Path script = installed().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
		return new McpServerConfig("everything", "node", List.of(script.toString(), "stdio"), Map.of());
	}

	static McpServerConfig filesystem(Path root) {
		Path script = installed().resolve("node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
		return new McpServerConfig("files", "node", List.of(script.toString(), root.toString()), Map.of());
	}

	/** The scripted server in {@code mode} (see scripted-server.js), copied into {@code folder}. */
	static McpServerConfig scripted(Path folder, String mode) throws IOException {
		Path script = folder.resolve("scripted-server.js");
		if (!Files.exists(script)) {
			try (InputStream in = McpTestServers.class.getResourceAsStream("scripted-server.js")) {
				Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		return new McpServerConfig("scripted", "node", List.of(script.toString(), mode), Map.of());
	}

	static StdioMcpConnection start(McpServerConfig config) throws McpException {
		return StdioMcpConnection.start(config, EnvironmentPolicy.defaults(), Duration.ofSeconds(30), new Cancellation());
	}
}
