package dev.warden.core.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.google.gson.JsonObject;

import dev.warden.core.internal.mcp.StdioMcpConnection;
import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.mcp.McpCallResult;
import dev.warden.core.mcp.McpProgress;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxSpec;

/**
 * A stdio MCP server started in the command sandbox: the real reference servers run and answer over the connected
 * standard input and output, but cannot read a masked {@code .env}, write into the project (read-only for servers)
 * or write outside it.
 */
@EnabledOnOs(OS.LINUX)
class SandboxedMcpServerTest {

	private static final String SECRET = "WSECRETmcp5f0c2a9e71d4";

	/** Under the build's own folder, not /tmp: the sandbox has a /tmp of its own, so 'outside' must be visible. */
	Path base;

	Path project;
	Path outside;
	StdioMcpConnection.Launcher sandboxed;

	@AfterEach
	void tearDown() throws Exception {
		try (var walk = Files.walk(base)) {
			walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}

	@BeforeEach
	void setUp() throws Exception {
		base = Files.createTempDirectory(Files.createDirectories(Path.of("target/sandboxed-mcp").toAbsolutePath()),
				"case-");
		Sandbox sandbox = BubblewrapSandbox.oneShot(UrlPolicy.defaults());
		if (!sandbox.availability().available()) {
			fail("NO SANDBOX ON THIS MACHINE: " + sandbox.availability().reason());
		}
		project = base.resolve("proj");
		outside = base.resolve("outside");
		Files.createDirectories(project.resolve("src"));
		Files.createDirectories(outside);
		Files.writeString(project.resolve(".env"), "TOKEN=" + SECRET + "\n");
		Files.writeString(project.resolve("src/App.java"), "class App {}\n");
		Files.writeString(outside.resolve("marker.txt"), "marker\n");
		List<ProtectedRoot> roots = List.of(ProtectedRoot.of(project));
		SandboxSpec spec = new SandboxSpec(roots, SensitivePatterns.defaults(), List.of(), Set.of(), Set.of(), false);
		sandboxed = (command, environment) -> sandbox.start(spec, command, project, environment);
	}

	private static JsonObject json(String text) {
		return com.google.gson.JsonParser.parseString(text).getAsJsonObject();
	}

	private static McpServerConfig absolute(McpServerConfig config) {
		List<String> arguments = config.arguments().stream()
				.map(a -> a.startsWith("target/") ? Path.of(a).toAbsolutePath().toString() : a).toList();
		return new McpServerConfig(config.name(), config.command(), arguments, Map.of());
	}

	private StdioMcpConnection start(McpServerConfig config) throws Exception {
		return StdioMcpConnection.start(absolute(config), EnvironmentPolicy.defaults(), sandboxed,
				Duration.ofSeconds(60), new Cancellation());
	}

	private static McpCallResult call(StdioMcpConnection server, String tool, String arguments) throws Exception {
		return server.call(tool, json(arguments), McpProgress.NONE, new Cancellation(), Duration.ofSeconds(60));
	}

	@Test
	void everythingServerRunsAndAnswersInTheSandbox() throws Exception {
		try (StdioMcpConnection server = start(McpTestServers.everything())) {
			assertEquals("Echo: hello sandbox", call(server, "echo", "{\"message\":\"hello sandbox\"}").text());
			assertTrue(call(server, "get-sum", "{\"a\":2,\"b\":40}").text().contains("42"));
			assertTrue(server.isAlive(), "the server runs on between calls");
		}
	}

	@Test
	void filesystemServerReadsTheProjectButNotItsMaskedEnv() throws Exception {
		try (StdioMcpConnection server = start(McpTestServers.filesystem(base))) {
			McpCallResult app = call(server, "read_text_file", "{\"path\":\"" + project.resolve("src/App.java") + "\"}");
			assertEquals("class App {}\n", app.text());
			McpCallResult env = call(server, "read_text_file", "{\"path\":\"" + project.resolve(".env") + "\"}");
			assertTrue(env.isError(), env.text());
			assertFalse(env.text().contains(SECRET), env.text());
			McpCallResult search = call(server, "search_files",
					"{\"path\":\"" + project + "\",\"pattern\":\"**/*\"}");
			assertFalse(search.text().contains(SECRET), search.text());
			McpCallResult many = call(server, "read_multiple_files",
					"{\"paths\":[\"" + project.resolve(".env") + "\",\"" + project.resolve("src/App.java") + "\"]}");
			assertFalse(many.text().contains(SECRET), many.text());
		}
	}

	@Test
	void filesystemServerCannotWriteOutsideNorIntoTheProject() throws Exception {
		try (StdioMcpConnection server = start(McpTestServers.filesystem(base))) {
			McpCallResult out = call(server, "write_file",
					"{\"path\":\"" + outside.resolve("planted.txt") + "\",\"content\":\"planted\"}");
			assertTrue(out.isError(), out.text());
			McpCallResult marker = call(server, "write_file",
					"{\"path\":\"" + outside.resolve("marker.txt") + "\",\"content\":\"changed\"}");
			assertTrue(marker.isError(), marker.text());
			McpCallResult in = call(server, "write_file",
					"{\"path\":\"" + project.resolve("src/New.java") + "\",\"content\":\"class New {}\"}");
			assertTrue(in.isError(), in.text());
			McpCallResult edit = call(server, "edit_file", "{\"path\":\"" + project.resolve("src/App.java")
					+ "\",\"edits\":[{\"oldText\":\"App\",\"newText\":\"Changed\"}]}");
			assertTrue(edit.isError(), edit.text());
		}
		assertFalse(Files.exists(outside.resolve("planted.txt")));
		assertEquals("marker\n", Files.readString(outside.resolve("marker.txt")));
		assertFalse(Files.exists(project.resolve("src/New.java")));
		assertEquals("class App {}\n", Files.readString(project.resolve("src/App.java")));
	}

	/** The checks can fail: the same server started as a plain process reads the secret and writes outside. */
	@Test
	void withoutTheSandboxTheSameCallsSucceed() throws Exception {
		try (StdioMcpConnection server = StdioMcpConnection.start(absolute(McpTestServers.filesystem(base)),
				EnvironmentPolicy.defaults(), StdioMcpConnection.PLAIN, Duration.ofSeconds(60), new Cancellation())) {
			assertTrue(call(server, "read_text_file", "{\"path\":\"" + project.resolve(".env") + "\"}").text()
					.contains(SECRET));
			assertFalse(call(server, "write_file",
					"{\"path\":\"" + outside.resolve("planted.txt") + "\",\"content\":\"planted\"}").isError());
		}
		assertTrue(Files.exists(outside.resolve("planted.txt")));
	}
}
