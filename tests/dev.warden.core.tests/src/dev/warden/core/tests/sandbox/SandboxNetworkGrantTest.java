package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandApproval;
import dev.warden.core.agent.CommandRules;
import dev.warden.core.agent.GatewayDecision;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.PathRules;
import dev.warden.core.agent.StandardToolGateway;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.agent.UrlRules;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.internal.agent.ToolDispatcher;
import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.internal.tools.NioWorkspaceFiles;
import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.internal.tools.SandboxCommandRunner;
import dev.warden.core.internal.tools.UnreviewedNioChangeSink;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.tools.BuiltinTools;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.tools.ToolCapabilities;
import dev.warden.core.tools.ToolOutput;

/**
 * Run once with network, from the user's answer to the command: the dispatcher hands the grant to the sandboxed
 * runner for that one run (a host the URL policy allows is reached through the proxy), audits it, and the next
 * command, answered with a plain Run once, has no network again.
 */
@EnabledOnOs(OS.LINUX)
class SandboxNetworkGrantTest {

	@TempDir
	java.nio.file.Path base;

	SandboxFixture fixture;
	HttpServer server;
	final AtomicInteger requests = new AtomicInteger();
	final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
	volatile CommandApproval answer;
	ToolDispatcher dispatcher;

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
		// the URL policy lets registry.test (the test's server on loopback) through, as a user's internal host;
		// no host is listed for commands, so only a grant gives a command a proxy at all
		UrlPolicy policy = UrlPolicy.of(Set.of("registry.test"), host -> List.of(InetAddress.getLoopbackAddress()));
		SandboxCommandRunner runner = new SandboxCommandRunner(new BubblewrapSandbox(policy), fixture::spec,
				environment -> {
					Map<String, String> scrubbed = fixture.environment();
					environment.clear();
					environment.putAll(scrubbed);
				}, SandboxCommandRunner.APPLY_ALL, new ProcessCommandRunner(), () -> true);
		NioWorkspaceFiles files = new NioWorkspaceFiles(fixture.root);
		ToolCapabilities capabilities = new ToolCapabilities(files, new UnreviewedNioChangeSink(files), runner, null);
		CommandRules askAlways = new CommandRules() {
			@Override
			public Verdict check(String commandLine) {
				return new Verdict(Level.ASK, "not in the trusted commands");
			}

			@Override
			public void trust(String commandLine) {
				throw new AssertionError("not trusted in this test");
			}
		};
		dispatcher = new ToolDispatcher("s", BuiltinTools.all(),
				new StandardToolGateway(askAlways, PathRules.ALLOW_ALL, UrlRules.DENY_ALL), approvals(),
				capabilities, audit::add);
	}

	@AfterEach
	void tearDown() {
		server.stop(0);
	}

	private Approvals approvals() {
		return new Approvals() {
			@Override
			public CompletableFuture<CommandApproval> approveCommand(ToolInvocation invocation,
					GatewayDecision decision) {
				return CompletableFuture.completedFuture(answer);
			}

			@Override
			public CompletableFuture<Approval> reviewChanges(ToolInvocation invocation, List<ProposedChange> changes) {
				throw new AssertionError("no review here");
			}

			@Override
			public CompletableFuture<Approval> approveAction(ToolInvocation invocation, String reason) {
				throw new AssertionError("no other action here");
			}

			@Override
			public CompletableFuture<String> answerQuestion(String question, List<String> choices) {
				throw new AssertionError("no question here");
			}
		};
	}

	/** A GET of registry.test through the proxy named by {@code $HTTP_PROXY}, or a note that there is none. */
	private static final String FETCH = "if [ -z \"$HTTP_PROXY\" ]; then echo 'no proxy: could not resolve host'; "
			+ "exit 6; fi; bash -c 'p=${HTTP_PROXY#http://}; exec 3<>/dev/tcp/${p%:*}/${p##*:}; "
			+ "printf \"GET http://registry.test:PORT/hello HTTP/1.0\\r\\nHost: registry.test\\r\\n\\r\\n\" >&3; cat <&3'";

	private ToolOutput run(CommandApproval approval, String id) {
		answer = approval;
		JsonObject arguments = new JsonObject();
		arguments.addProperty("command", FETCH.replace("PORT", Integer.toString(server.getAddress().getPort())));
		return dispatcher.dispatch(new ToolCall(id, "run_command", arguments.toString()), Mode.AUTOPILOT,
				AgentListener.NONE, new Cancellation());
	}

	@Test
	void runOnceWithNetworkReachesAnAllowedHostForThatRunOnly() {
		ToolOutput granted = run(CommandApproval.runOnceWithNetwork(), "c1");
		assertTrue(granted.content().contains("hello from the registry"), granted.content());
		assertTrue(granted.content().contains("granted this run network"), granted.content());
		assertEquals(1, requests.get());
		assertTrue(audit.stream().anyMatch(e -> e.kind().equals("approval") && e.verdict().equals("APPROVED")
				&& e.detail().equals("run once with network")), audit.toString());
		assertTrue(audit.stream().anyMatch(e -> e.kind().equals("command") && e.verdict().equals("DONE")
				&& e.detail().endsWith("run with network")), audit.toString());

		ToolOutput plain = run(CommandApproval.runOnce(), "c2");
		assertTrue(plain.content().contains("no proxy"), plain.content());
		assertFalse(plain.content().contains("hello from the registry"), plain.content());
		assertTrue(plain.content().contains("ran without network"), plain.content());
		assertEquals(1, requests.get(), "the next command reached nothing");
	}
}
