package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.AgentSession;
import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandRules;
import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.StandardToolGateway;
import dev.warden.core.agent.TurnResult;
import dev.warden.core.agent.UrlRules;
import dev.warden.core.agent.WorkspaceContext;
import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.internal.tools.NioWorkspaceFiles;
import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.internal.tools.SandboxCommandRunner;
import dev.warden.core.internal.tools.UnreviewedNioChangeSink;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.tests.provider.LoopbackModelServer;
import dev.warden.core.tools.BuiltinTools;
import dev.warden.core.tools.CommandRequest;
import dev.warden.core.tools.CommandResult;
import dev.warden.core.tools.ToolCapabilities;

/**
 * The sandbox prepared when a prompt starts: the prompt's first command runs in it (not in one set up when it comes),
 * with the same output, masks and change set as any other.
 */
@EnabledOnOs(OS.LINUX)
class SandboxPrepareTest {

	@TempDir
	Path base;

	SandboxFixture fixture;
	BubblewrapSandbox sandbox;
	SandboxCommandRunner runner;
	LoopbackModelServer server;

	@BeforeEach
	void setUp() throws Exception {
		SandboxFixture.requireSandbox();
		fixture = SandboxFixture.create(base);
		sandbox = new BubblewrapSandbox(UrlPolicy.defaults());
		runner = new SandboxCommandRunner(sandbox, fixture::spec, environment -> {
			environment.put("HOME", fixture.home.toString());
			environment.put("GITHUB_TOKEN", fixture.secrets.get(0) + "env");
			Map<String, String> scrubbed = EnvironmentPolicy.defaults().scrub(environment).asMap();
			environment.clear();
			environment.putAll(scrubbed);
		}, SandboxCommandRunner.APPLY_ALL, new ProcessCommandRunner(), () -> true);
		server = new LoopbackModelServer();
	}

	@AfterEach
	void tearDown() {
		server.close();
		sandbox.awaitReady();
	}

	@Test
	void thePromptsFirstCommandRunsInTheSandboxPreparedWhenThePromptStarted() throws Exception {
		// the model answers once the sandbox prepared at the start of the prompt is ready (or known not to be made)
		List<Boolean> readyWhenAsked = new CopyOnWriteArrayList<>();
		server.onRequest(request -> {
			if (readyWhenAsked.isEmpty()) {
				sandbox.awaitReady();
				readyWhenAsked.add(sandbox.hasReadySandbox());
			}
		});
		server.then(LoopbackModelServer.sse(SandboxPrepareTest.class, "prepared-1-run.sse"))
				.then(LoopbackModelServer.sse(SandboxPrepareTest.class, "prepared-2-final.sse"));
		long servedBefore = BubblewrapSandbox.commandsServedReady();
		TurnResult result;
		try (ModelProvider provider = provider()) {
			AgentSession session = new AgentSession(setup(provider), Conversation.start(), null);
			result = session.prompt("Build it.", new AgentListener() {
			}, new Cancellation());
		}

		assertEquals(TurnResult.Outcome.COMPLETED, result.outcome(), result.message());
		assertEquals(List.of(true), readyWhenAsked, "a sandbox was ready when the model was first asked");
		assertEquals(servedBefore + 1, BubblewrapSandbox.commandsServedReady(),
				"the prompt's first command ran in the prepared sandbox");
		String toolResult = toolResultSentIn(1);
		assertTrue(toolResult.startsWith("Exit code: 0\nOutput:\n# project\n"), toolResult);
		fixture.assertNoSecret("the prepared sandbox", toolResult);
		assertTrue(toolResult.contains("The command's changes to the project:"), toolResult);
		assertEquals("built\n", Files.readString(fixture.root.resolve("out.txt")));
		assertEquals("# project\nmore\n", Files.readString(fixture.root.resolve("README.md")));
	}

	@Test
	void aSandboxPreparedForThePromptIsTheOneTheFirstCommandFindsReady() throws Exception {
		runner.prepare();
		sandbox.awaitReady();
		assertTrue(sandbox.hasReadySandbox(), "prepared in the background");
		long servedBefore = BubblewrapSandbox.commandsServedReady();
		CommandResult result = runner.run(new CommandRequest("pwd; cat .env; echo \"$GITHUB_TOKEN\"; echo new > made.txt",
				fixture.root.resolve("src"), Duration.ofSeconds(60), 100_000), chunk -> {
				}, new Cancellation());
		assertEquals(servedBefore + 1, BubblewrapSandbox.commandsServedReady(), "the command ran in it");
		assertTrue(result.output().startsWith(fixture.root.resolve("src") + "\n"), result.output());
		fixture.assertNoSecret("the prepared sandbox", result.output());
		assertEquals("new\n", Files.readString(fixture.root.resolve("src/made.txt")));
	}

	@Test
	void preparingAgainKeepsTheReadySandboxThatFitsAndReplacesOneThatDoesNot() throws Exception {
		runner.prepare();
		runner.prepare();
		sandbox.awaitReady();
		assertEquals(1, waitingSandboxes(), "one sandbox waits, however often it is prepared");
		long servedBefore = BubblewrapSandbox.commandsServedReady();
		runner.run(new CommandRequest("true", fixture.root, Duration.ofSeconds(60), 1_000), chunk -> {
		}, new Cancellation());
		assertEquals(servedBefore + 1, BubblewrapSandbox.commandsServedReady());

		sandbox.awaitReady();
		// a secret made since: the sandbox ready after the command no longer fits, the one prepared now masks it
		SandboxFixture.write(fixture.root.resolve("src/.env"), "key=WSECRETlate0123456789abcdef\n");
		runner.prepare();
		sandbox.awaitReady();
		assertTrue(sandbox.hasReadySandbox());
		CommandResult result = runner.run(new CommandRequest("cat src/.env", fixture.root, Duration.ofSeconds(60),
				1_000), chunk -> {
				}, new Cancellation());
		assertEquals(servedBefore + 2, BubblewrapSandbox.commandsServedReady());
		assertFalse(result.output().contains("0123456789abcdef"), result.output());
	}

	/** How many sandboxes this virtual machine has started that are still alive (unshare runs bubblewrap in each). */
	private static long waitingSandboxes() {
		return ProcessHandle.current().children()
				.filter(p -> p.info().command().orElse("").endsWith("bwrap")).count();
	}

	private ModelProvider provider() throws Exception {
		return Providers.create(new ProviderConfig(ProviderKind.ANTHROPIC, server.baseUrl(), "claude-sonnet-4-5", 1024,
				null, Duration.ofSeconds(20), ApiKey.ofString("sk-ant-api03-PREPARED-abcdefghijklmnop"),
				new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1))));
	}

	/** An agent whose commands are all trusted and run in the sandbox. */
	private AgentSetup setup(ModelProvider provider) {
		NioWorkspaceFiles files = new NioWorkspaceFiles(fixture.root);
		CommandRules trusted = new CommandRules() {
			@Override
			public Verdict check(String commandLine) {
				return new Verdict(Level.TRUSTED, "trusted by the test");
			}

			@Override
			public void trust(String commandLine) {
				// every command is trusted already
			}
		};
		StandardToolGateway gateway = new StandardToolGateway(trusted, (path, write) -> Optional.empty(),
				UrlRules.DENY_ALL);
		ToolCapabilities capabilities = new ToolCapabilities(files, new UnreviewedNioChangeSink(files), runner, null);
		return new AgentSetup(provider, BuiltinTools.all(), gateway, Approvals.NONE, capabilities, null,
				() -> Mode.AUTOPILOT, new WorkspaceContext("proj", "", ""), 5);
	}

	/** The content of the tool result sent with request {@code index}. */
	private String toolResultSentIn(int index) {
		JsonArray messages = server.received().get(index).json().getAsJsonArray("messages");
		JsonArray content = messages.get(messages.size() - 1).getAsJsonObject().getAsJsonArray("content");
		for (var block : content) {
			JsonObject object = block.getAsJsonObject();
			if (object.get("type").getAsString().equals("tool_result")) {
				return object.get("content").getAsString();
			}
		}
		throw new AssertionError("no tool result in request " + index + ": " + content);
	}
}
