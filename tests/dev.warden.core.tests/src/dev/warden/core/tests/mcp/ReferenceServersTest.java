package dev.warden.core.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.warden.core.internal.mcp.StdioMcpConnection;
import dev.warden.core.mcp.McpCallResult;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpProgress;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.mcp.McpToolInfo;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.EnvironmentPolicy;

/** The MCP client against the real reference servers from npm, and against the scripted server where they are silent. */
class ReferenceServersTest {

	@TempDir
	Path folder;

	private static JsonObject json(String text) {
		return JsonParser.parseString(text).getAsJsonObject();
	}

	@Test
	void initialisesWithTheCurrentRevisionAndListsTheTools() throws Exception {
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.everything())) {
			assertEquals(StdioMcpConnection.PROTOCOL_VERSION, server.protocolVersion());
			Set<String> names = server.tools().stream().map(McpToolInfo::name).collect(Collectors.toSet());
			assertTrue(names.containsAll(Set.of("echo", "get-sum", "trigger-long-running-operation")), names::toString);
			McpToolInfo echo = server.tools().stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
			assertTrue(echo.readOnlyHint());
			assertTrue(echo.inputSchema().contains("\"message\""));
		}
	}

	@Test
	void callsAToolAndGetsItsText() throws Exception {
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.everything())) {
			McpCallResult echo = server.call("echo", json("{\"message\":\"hello warden\"}"), McpProgress.NONE,
					new Cancellation(), Duration.ofSeconds(30));
			assertFalse(echo.isError());
			assertEquals("Echo: hello warden", echo.text());
			McpCallResult sum = server.call("get-sum", json("{\"a\":2,\"b\":40}"), McpProgress.NONE, new Cancellation(),
					Duration.ofSeconds(30));
			assertTrue(sum.text().contains("42"), sum.text());
		}
	}

	@Test
	void longRunningToolReportsProgress() throws Exception {
		List<String> steps = new CopyOnWriteArrayList<>();
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.everything())) {
			McpCallResult result = server.call("trigger-long-running-operation", json("{\"duration\":1,\"steps\":4}"),
					(progress, total, message) -> steps.add((int) progress + "/" + (int) total), new Cancellation(),
					Duration.ofSeconds(30));
			assertFalse(result.isError(), result.text());
			assertEquals(List.of("1/4", "2/4", "3/4", "4/4"), steps);
		}
	}

	@Test
	void stopCancelsALongCallAndTheServerCarriesOn() throws Exception {
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.everything())) {
			Cancellation stop = new Cancellation();
			McpProgress cancelAtFirstStep = (progress, total, message) -> stop.cancel();
			long started = System.nanoTime();
			assertThrows(CancellationException.class, () -> server.call("trigger-long-running-operation",
					json("{\"duration\":60,\"steps\":60}"), cancelAtFirstStep, stop, Duration.ofSeconds(90)));
			assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 30,
					"the wait ended at the cancellation, not at the end of the operation");
			assertTrue(server.isAlive());
			assertEquals("Echo: still here", server.call("echo", json("{\"message\":\"still here\"}"), McpProgress.NONE,
					new Cancellation(), Duration.ofSeconds(30)).text());
		}
	}

	@Test
	void cancellationReachesTheServerAsANotification() throws Exception {
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.scripted(folder, "silent"))) {
			Cancellation stop = new Cancellation();
			var timer = Executors.newSingleThreadScheduledExecutor();
			try {
				timer.schedule(stop::cancel, 300, TimeUnit.MILLISECONDS);
				assertThrows(CancellationException.class, () -> server.call("add", json("{\"a\":1,\"b\":2}"),
						McpProgress.NONE, stop, Duration.ofSeconds(30)));
			} finally {
				timer.shutdownNow();
			}
			long deadline = System.currentTimeMillis() + 10_000;
			while (!server.errorOutput().contains("cancelled ") && System.currentTimeMillis() < deadline) {
				Thread.sleep(20);
			}
			assertTrue(server.errorOutput().matches("(?s).*cancelled \\d+\\n.*"), server.errorOutput());
		}
	}

	@Test
	void aCallWithoutAnswerTimesOutWithAClearMessage() throws Exception {
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.scripted(folder, "silent"))) {
			McpException e = assertThrows(McpException.class, () -> server.call("add", json("{\"a\":1,\"b\":2}"),
					McpProgress.NONE, new Cancellation(), Duration.ofMillis(500)));
			assertEquals("The MCP server 'scripted' did not answer tools/call within 500 ms; the request was cancelled.",
					e.getMessage());
		}
	}

	@Test
	void aServerThatDiesMidCallGivesItsExitCodeAndErrorOutput() throws Exception {
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.scripted(folder, "die"))) {
			McpException e = assertThrows(McpException.class, () -> server.call("add", json("{\"a\":1,\"b\":2}"),
					McpProgress.NONE, new Cancellation(), Duration.ofSeconds(30)));
			assertTrue(e.getMessage().startsWith("The MCP server 'scripted' stopped: exit code 3"), e.getMessage());
			assertTrue(e.getMessage().contains("crashed on purpose"), e.getMessage());
			assertFalse(server.isAlive());
		}
	}

	@Test
	void aSlowStartWaitsAsLongAsAllowedAndNoLonger() throws Exception {
		McpServerConfig slow = McpTestServers.scripted(folder, "slowstart");
		McpException e = assertThrows(McpException.class, () -> StdioMcpConnection.start(slow,
				EnvironmentPolicy.defaults(), Duration.ofSeconds(1), new Cancellation()));
		assertEquals("The MCP server 'scripted' did not answer initialize within 1 s; the request was cancelled.",
				e.getMessage());
		try (StdioMcpConnection server = StdioMcpConnection.start(slow, EnvironmentPolicy.defaults(),
				Duration.ofSeconds(20), new Cancellation())) {
			assertEquals(1, server.tools().size());
		}
	}

	@Test
	void aProgramThatDoesNotExistIsNamedInTheError() {
		McpServerConfig missing = new McpServerConfig("gone", "/nonexistent/mcp-server", List.of("--stdio"), Map.of());
		McpException e = assertThrows(McpException.class, () -> McpTestServers.start(missing));
		assertTrue(e.getMessage().startsWith("The MCP server 'gone' could not be started (/nonexistent/mcp-server --stdio)"),
				e.getMessage());
	}

	@Test
	void theServerGetsTheScrubbedEnvironmentPlusItsOwnVariables() throws Exception {
		McpServerConfig config = McpTestServers.everything();
		McpServerConfig withVariable = new McpServerConfig(config.name(), config.command(), config.arguments(),
				Map.of("WARDEN_MCP_TEST", "visible"));
		EnvironmentPolicy minimal = new EnvironmentPolicy(true, Set.of());
		String outside = System.getenv().keySet().stream()
				.filter(name -> !EnvironmentPolicy.MINIMAL_NAMES.contains(name.toUpperCase()) && !name.startsWith("LC_"))
				.findFirst().orElseThrow();
		try (StdioMcpConnection server = StdioMcpConnection.start(withVariable, minimal, Duration.ofSeconds(30),
				new Cancellation())) {
			String env = server.call("get-env", new JsonObject(), McpProgress.NONE, new Cancellation(),
					Duration.ofSeconds(30)).text();
			assertTrue(env.contains("\"WARDEN_MCP_TEST\": \"visible\""), env);
			assertFalse(env.contains('"' + outside + "\":"), outside + " was passed on: " + env);
		}
	}

	@Test
	void filesystemServerListsAndReadsInsideItsRoot() throws Exception {
		Path root = Files.createDirectories(folder.resolve("root"));
		Files.writeString(root.resolve("notes.txt"), "first line\n");
		try (StdioMcpConnection server = McpTestServers.start(McpTestServers.filesystem(root))) {
			Set<String> names = server.tools().stream().map(McpToolInfo::name).collect(Collectors.toSet());
			assertTrue(names.contains("read_text_file") && names.contains("list_directory"), names::toString);
			String listing = server.call("list_directory", json("{\"path\":\"" + root + "\"}"), McpProgress.NONE,
					new Cancellation(), Duration.ofSeconds(30)).text();
			assertTrue(listing.contains("[FILE] notes.txt"), listing);
			String text = server.call("read_text_file", json("{\"path\":\"" + root.resolve("notes.txt") + "\"}"),
					McpProgress.NONE, new Cancellation(), Duration.ofSeconds(30)).text();
			assertEquals("first line\n", text);
			McpCallResult outside = server.call("read_text_file", json("{\"path\":\"/etc/hostname\"}"),
					McpProgress.NONE, new Cancellation(), Duration.ofSeconds(30));
			assertTrue(outside.isError(), outside.text());
		}
	}
}
