package dev.warden.core.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.mcp.StdioMcpConnection;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpResource;
import dev.warden.core.operations.Cancellation;

/**
 * A server is used for what it declares: one of resources only is started and read (and never asked for tools it does
 * not offer); one that declares nothing Warden can use is refused with the reason.
 */
class McpCapabilitiesTest {

	@TempDir
	Path folder;

	@Test
	void aServerOfResourcesOnlyIsStartedOffersNoToolsAndIsRead() throws Exception {
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.scripted(folder, "resourcesonly"))) {
			assertEquals(List.of(), server.tools(), "no tools/list is sent: the server would answer it with an error");
			assertTrue(server.offersResources());
			assertFalse(server.offersPrompts());
			List<McpResource> resources = server.resources();
			assertEquals(List.of("notes://today"), resources.stream().map(McpResource::uri).toList());
			assertEquals("Ship on Friday.",
					server.readResource("notes://today", new Cancellation(), Duration.ofSeconds(30)).text());
		}
	}

	@Test
	void aServerThatOffersNothingIsRefusedWithTheReason() throws Exception {
		McpException refused = assertThrows(McpException.class,
				() -> McpTestServers.start(McpTestServers.scripted(folder, "nothing")).close());
		assertEquals("The MCP server 'scripted' offers no tools, resources or prompts.", refused.getMessage());
	}
}
