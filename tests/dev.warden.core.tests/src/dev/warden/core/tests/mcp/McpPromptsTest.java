package dev.warden.core.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.warden.core.internal.mcp.StdioMcpConnection;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpPrompt;
import dev.warden.core.mcp.McpPromptMessage;
import dev.warden.core.operations.Cancellation;

/** The prompts of the real reference server server-everything: listed with their arguments, and got with them filled in. */
class McpPromptsTest {

	@Test
	void serverEverythingListsItsPromptsWithTheirArgumentsAndGivesTheirMessages() throws Exception {
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.everything())) {
			assertTrue(server.offersPrompts());
			Map<String, McpPrompt> prompts = server.prompts().stream()
					.collect(Collectors.toMap(McpPrompt::name, p -> p));
			assertTrue(prompts.keySet().containsAll(List.of("simple-prompt", "args-prompt", "resource-prompt")),
					prompts.keySet()::toString);
			McpPrompt simple = prompts.get("simple-prompt");
			assertEquals("Simple Prompt", simple.title());
			assertTrue(simple.arguments().isEmpty());
			McpPrompt args = prompts.get("args-prompt");
			assertEquals(List.of(new McpPrompt.Argument("city", "Name of the city", true),
					new McpPrompt.Argument("state", "", false)), args.arguments()); // the server drops this description
			assertEquals(List.of("city"), args.missing(Map.of("state", "Texas")));

			assertEquals(List.of(new McpPromptMessage(false, "This is a simple prompt without arguments.")),
					server.getPrompt("simple-prompt", Map.of(), new Cancellation(), Duration.ofSeconds(30)));
			assertEquals(List.of(new McpPromptMessage(false, "What's weather in Paris, Texas?")), server.getPrompt(
					"args-prompt", Map.of("city", "Paris", "state", "Texas"), new Cancellation(), Duration.ofSeconds(30)));

			List<McpPromptMessage> withResource = server.getPrompt("resource-prompt",
					Map.of("resourceType", "Text", "resourceId", "2"), new Cancellation(), Duration.ofSeconds(30));
			assertEquals(2, withResource.size(), withResource::toString);
			assertFalse(withResource.get(1).assistant());
			assertTrue(withResource.get(1).text().startsWith("Resource demo://resource/dynamic/text/2:\n"),
					withResource.get(1).text());
		}
	}

	@Test
	void aPromptWithoutItsRequiredArgumentIsRefusedByTheServerWithItsReason() throws Exception {
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.everything())) {
			McpException e = assertThrows(McpException.class, () -> server.getPrompt("args-prompt", Map.of(),
					new Cancellation(), Duration.ofSeconds(30)));
			assertTrue(e.getMessage().contains("city"), e.getMessage());
			// the session goes on
			assertEquals(1, server.getPrompt("simple-prompt", Map.of(), new Cancellation(), Duration.ofSeconds(30))
					.size());
		}
	}
}
