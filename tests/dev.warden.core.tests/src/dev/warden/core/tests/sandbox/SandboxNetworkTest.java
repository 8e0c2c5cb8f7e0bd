package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.sandbox.SandboxSpec;
import dev.warden.core.tools.CommandRequest;

/**
 * The sandbox's only way out: the proxy, reached through {@code HTTP_PROXY} inside the sandbox. A loopback HTTP server
 * of the test stands in for a registry: the URL policy allow-lists its name (resolved to the loopback address by the
 * test's resolver), so the proxy may connect to it; names not on the sandbox's list, and loopback addresses the URL
 * policy refuses, are not reached. The requests are written by hand over bash's {@code /dev/tcp}, so no client tool
 * is needed.
 */
@EnabledOnOs(OS.LINUX)
class SandboxNetworkTest {

	@TempDir
	Path base;

	SandboxFixture fixture;
	HttpServer server;
	final AtomicInteger requests = new AtomicInteger();

	@BeforeEach
	void setUp() throws IOException {
		SandboxFixture.requireSandbox();
		fixture = SandboxFixture.create(base);
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/hello", exchange -> {
			requests.incrementAndGet();
			byte[] body = "hello from the registry\n".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void tearDown() {
		server.stop(0);
	}

	private SandboxResult run(SandboxSpec spec, String command) throws Exception {
		UrlPolicy policy = UrlPolicy.of(Set.of("registry.test", "other.test"),
				host -> List.of(InetAddress.getLoopbackAddress()));
		Sandbox sandbox = new BubblewrapSandbox(policy);
		return sandbox.run(spec, new CommandRequest(command, fixture.root, Duration.ofSeconds(30), 100_000),
				fixture.environment(), chunk -> {
				}, new Cancellation());
	}

	/** A shell line that sends {@code request} to the proxy named by {@code $HTTP_PROXY} and prints the answer. */
	private static String viaProxy(String request) {
		return "bash -c 'p=${HTTP_PROXY#http://}; exec 3<>/dev/tcp/${p%:*}/${p##*:}; printf \"" + request
				+ "\" >&3; cat <&3'";
	}

	@Test
	void allowedHostIsReachedThroughConnect() throws Exception {
		int port = server.getAddress().getPort();
		try (SandboxResult result = run(fixture.spec().withAllowedHosts(Set.of("registry.test")),
				viaProxy("CONNECT registry.test:" + port + " HTTP/1.1\\r\\nHost: registry.test\\r\\n\\r\\n"
						+ "GET /hello HTTP/1.0\\r\\nHost: registry.test\\r\\n\\r\\n"))) {
			String output = result.command().output();
			assertTrue(output.contains("200 Connection established"), output);
			assertTrue(output.contains("hello from the registry"), output);
			assertEquals(List.of("ALLOWED registry.test:" + port), result.network());
		}
		assertEquals(1, requests.get());
	}

	@Test
	void allowedHostIsReachedWithAPlainHttpRequest() throws Exception {
		int port = server.getAddress().getPort();
		try (SandboxResult result = run(fixture.spec().withAllowedHosts(Set.of("*.test")),
				viaProxy("GET http://registry.test:" + port + "/hello HTTP/1.1\\r\\nHost: registry.test\\r\\n\\r\\n"))) {
			assertTrue(result.command().output().contains("hello from the registry"), result.command().output());
		}
		assertEquals(1, requests.get());
	}

	@Test
	void hostNotOnTheListIsRefused() throws Exception {
		int port = server.getAddress().getPort();
		try (SandboxResult result = run(fixture.spec().withAllowedHosts(Set.of("registry.test")),
				viaProxy("CONNECT other.test:" + port + " HTTP/1.1\\r\\n\\r\\n"))) {
			assertTrue(result.command().output().contains("403"), result.command().output());
			assertTrue(result.network().get(0).startsWith("REFUSED other.test:" + port), result.network().toString());
		}
		assertEquals(0, requests.get());
	}

	@Test
	void loopbackAddressIsRefusedEvenWithNetworkGranted() throws Exception {
		int port = server.getAddress().getPort();
		try (SandboxResult result = run(fixture.spec().withNetwork(true),
				viaProxy("CONNECT 127.0.0.1:" + port + " HTTP/1.1\\r\\n\\r\\n") + "; "
						+ viaProxy("GET http://localhost:" + port + "/hello HTTP/1.1\\r\\n\\r\\n"))) {
			assertFalse(result.command().output().contains("hello from the registry"), result.command().output());
			assertEquals(2, result.network().size(), result.network().toString());
			assertTrue(result.network().stream().allMatch(line -> line.startsWith("REFUSED")));
		}
		assertEquals(0, requests.get());
	}

	@Test
	void withoutNetworkThereIsNoProxyAndNoRoute() throws Exception {
		int port = server.getAddress().getPort();
		try (SandboxResult result = run(fixture.spec(),
				"echo proxy=${HTTP_PROXY:-none}; bash -c 'echo x > /dev/tcp/127.0.0.1/" + port + "' && echo reached")) {
			assertTrue(result.command().output().contains("proxy=none"), result.command().output());
			assertFalse(result.command().output().contains("reached"), result.command().output());
			assertEquals(List.of(), result.network());
		}
		assertEquals(0, requests.get());
	}
}
