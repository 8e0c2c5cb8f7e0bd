package dev.warden.core.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.warden.core.internal.mcp.StdioMcpConnection;
import dev.warden.core.mcp.McpCallResult;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpProgress;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.HostResolver;
import dev.warden.core.protect.UrlPolicy;

/**
 * MCP over Streamable HTTP against the reference server server-everything started with {@code streamableHttp} on a
 * loopback port: the URL passes the URL policy only when the user allowed the host; initialise, list and call tools,
 * progress and cancellation over the same transport.
 */
class StreamableHttpTest {

	private Process server;
	private int port;

	@BeforeEach
	void startServer() throws Exception {
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		Path script = McpTestServers.installed()
				.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
		ProcessBuilder builder = new ProcessBuilder("node", script.toString(), "streamableHttp");
		builder.environment().put("PORT", Integer.toString(port));
		builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
		server = builder.start();
		long deadline = System.currentTimeMillis() + 60_000;
		while (!listening()) {
			if (!server.isAlive()) {
				throw new AssertionError("server-everything streamableHttp exited with " + server.exitValue());
			}
			assertTrue(System.currentTimeMillis() < deadline, "server-everything did not listen on port " + port);
			Thread.sleep(100);
		}
	}

	private boolean listening() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		} catch (IOException e) {
			return false;
		}
	}

	@AfterEach
	void stopServer() throws Exception {
		server.descendants().forEach(ProcessHandle::destroy);
		server.destroy();
		server.waitFor(5, TimeUnit.SECONDS);
	}

	private McpServerConfig config() {
		return McpServerConfig.http("remote", "http://127.0.0.1:" + port + "/mcp", Map.of("X-Warden-Test", "1"));
	}

	private static UrlPolicy allowingLoopback() {
		return UrlPolicy.of(Set.of("127.0.0.1"), HostResolver.SYSTEM);
	}

	private static JsonObject json(String text) {
		return JsonParser.parseString(text).getAsJsonObject();
	}

	@Test
	void aLoopbackServerIsRefusedUnlessTheUserAllowedItsHost() {
		McpException refused = assertThrows(McpException.class, () -> StdioMcpConnection.connect(config(),
				UrlPolicy.defaults(), Duration.ofSeconds(30), new Cancellation()));
		assertTrue(refused.getMessage().startsWith("The MCP server 'remote' at http://127.0.0.1:" + port
				+ "/mcp is refused by the URL policy: "), refused.getMessage());
		McpException metadata = assertThrows(McpException.class, () -> StdioMcpConnection.connect(
				McpServerConfig.http("meta", "http://169.254.169.254/latest/meta-data", Map.of()), allowingLoopback(),
				Duration.ofSeconds(30), new Cancellation()));
		assertTrue(metadata.getMessage().contains("refused by the URL policy"), metadata.getMessage());
	}

	@Test
	void theSessionConnectsToTheAddressThePolicyJudgedWithoutLookingTheNameUpAgain() throws Exception {
		// a name only the policy's resolver knows: a second lookup by the operating system would find nothing
		String host = "mcp.warden.test";
		UrlPolicy policy = UrlPolicy.of(Set.of(host),
				HostResolver.pinned(Map.of(host, java.net.InetAddress.getByName("127.0.0.1")), HostResolver.SYSTEM));
		McpServerConfig byName = McpServerConfig.http("named", "http://" + host + ':' + port + "/mcp", Map.of());
		try (StdioMcpConnection connection = StdioMcpConnection.connect(byName, policy, Duration.ofSeconds(30),
				new Cancellation())) {
			McpCallResult echo = connection.call("echo", json("{\"message\":\"pinned\"}"), McpProgress.NONE,
					new Cancellation(), Duration.ofSeconds(30));
			assertEquals("Echo: pinned", echo.text());
		}
	}

	@Test
	void toolsAreListedAndCalledOverStreamableHttp() throws Exception {
		try (StdioMcpConnection connection = StdioMcpConnection.connect(config(), allowingLoopback(),
				Duration.ofSeconds(30), new Cancellation())) {
			assertEquals(StdioMcpConnection.PROTOCOL_VERSION, connection.protocolVersion());
			List<String> names = connection.tools().stream().map(t -> t.name()).toList();
			assertTrue(names.containsAll(List.of("echo", "get-sum", "trigger-long-running-operation")), names::toString);
			McpCallResult echo = connection.call("echo", json("{\"message\":\"over http\"}"), McpProgress.NONE,
					new Cancellation(), Duration.ofSeconds(30));
			assertFalse(echo.isError(), echo.text());
			assertEquals("Echo: over http", echo.text());

			List<String> steps = new CopyOnWriteArrayList<>();
			McpCallResult longRun = connection.call("trigger-long-running-operation",
					json("{\"duration\":1,\"steps\":3}"), (progress, total, message) -> steps
							.add((int) progress + "/" + (int) total),
					new Cancellation(), Duration.ofSeconds(30));
			assertFalse(longRun.isError(), longRun.text());
			assertEquals(List.of("1/3", "2/3", "3/3"), steps, "progress arrives on the call's event stream");

			Cancellation stop = new Cancellation();
			assertThrows(CancellationException.class, () -> connection.call("trigger-long-running-operation",
					json("{\"duration\":60,\"steps\":60}"), (progress, total, message) -> stop.cancel(), stop,
					Duration.ofSeconds(90)));
			assertTrue(connection.isAlive());
			assertEquals("Echo: still here", connection.call("echo", json("{\"message\":\"still here\"}"),
					McpProgress.NONE, new Cancellation(), Duration.ofSeconds(30)).text());
		}
	}

	@Test
	void aWrongPathFailsWithTheHttpStatus() {
		McpServerConfig wrong = McpServerConfig.http("remote", "http://127.0.0.1:" + port + "/nothing-here", Map.of());
		McpException failed = assertThrows(McpException.class, () -> StdioMcpConnection.connect(wrong,
				allowingLoopback(), Duration.ofSeconds(30), new Cancellation()));
		assertTrue(failed.getMessage().contains("HTTP 404"), failed.getMessage());
	}
}
