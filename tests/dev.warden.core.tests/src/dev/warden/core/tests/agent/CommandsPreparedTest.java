package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.AgentSession;
import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.TurnResult;
import dev.warden.core.agent.WorkspaceContext;
import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.internal.tools.UnreviewedNioChangeSink;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.tests.provider.LoopbackModelServer;
import dev.warden.core.tools.BuiltinTools;
import dev.warden.core.tools.Capability;
import dev.warden.core.tools.CommandRequest;
import dev.warden.core.tools.CommandResult;
import dev.warden.core.tools.CommandRunner;
import dev.warden.core.tools.Tool;
import dev.warden.core.tools.ToolCapabilities;
import dev.warden.core.tools.ToolException;

/**
 * A prompt tells the command runner to get ready before the model is asked, when the model is offered a tool that runs
 * commands, and only then.
 */
class CommandsPreparedTest {

	@TempDir
	Path temp;

	private LoopbackModelServer server;

	private TestWorkspace workspace;

	/** What happened, in order: "prepare" from the runner, "request" from the model server. */
	private final List<String> events = new CopyOnWriteArrayList<>();

	@BeforeEach
	void setUp() throws Exception {
		server = new LoopbackModelServer();
		server.onRequest(request -> events.add("request"));
		Files.createDirectories(temp.resolve("ws"));
		workspace = new TestWorkspace(temp.resolve("ws"));
	}

	@AfterEach
	void tearDown() {
		server.close();
	}

	@Test
	void eachPromptPreparesTheCommandRunnerBeforeTheModelIsAsked() throws Exception {
		server.then(LoopbackModelServer.sse(CommandsPreparedTest.class, "e2e-5-final.sse"))
				.then(LoopbackModelServer.sse(CommandsPreparedTest.class, "e2e-5-final.sse"));
		AgentSession session = session(BuiltinTools.all());
		prompt(session);
		prompt(session);
		assertEquals(List.of("prepare", "request", "prepare", "request"), events);
	}

	@Test
	void noPromptPreparesWhenNoToolRunsCommands() throws Exception {
		server.then(LoopbackModelServer.sse(CommandsPreparedTest.class, "e2e-5-final.sse"));
		List<Tool> withoutCommands = BuiltinTools.all().stream()
				.filter(tool -> !tool.capabilities().contains(Capability.RUN_COMMANDS)).toList();
		prompt(session(withoutCommands));
		assertEquals(List.of("request"), events);
	}

	private AgentSession session(List<Tool> tools) throws Exception {
		CommandRunner plain = new ProcessCommandRunner();
		CommandRunner runner = new CommandRunner() {
			@Override
			public CommandResult run(CommandRequest request, Consumer<String> output, Cancellation cancellation)
					throws ToolException {
				return plain.run(request, output, cancellation);
			}

			@Override
			public void prepare() {
				events.add("prepare");
			}
		};
		ModelProvider provider = Providers.create(new ProviderConfig(ProviderKind.ANTHROPIC, server.baseUrl(),
				"claude-sonnet-4-5", 1024, null, Duration.ofSeconds(20), ApiKey.ofString("sk-ant-api03-PREP-abcdefghij"),
				new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1))));
		ToolCapabilities capabilities = new ToolCapabilities(workspace.files,
				new UnreviewedNioChangeSink(workspace.files), runner, null);
		AgentSetup setup = new AgentSetup(provider, tools, workspace.gateway(), workspace.approvals(), capabilities,
				workspace.auditLog, () -> Mode.AUTOPILOT, new WorkspaceContext("ws", "", ""), 5);
		return new AgentSession(setup, Conversation.start(), null);
	}

	private static void prompt(AgentSession session) {
		TurnResult result = session.prompt("Hello.", new AgentListener() {
		}, new Cancellation());
		assertEquals(TurnResult.Outcome.COMPLETED, result.outcome(), result.message());
	}
}
