package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.AgentSession;
import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.ConversationStore;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.SessionSummary;
import dev.warden.core.agent.TurnResult;
import dev.warden.core.agent.WorkspaceContext;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.Usage;
import dev.warden.core.tests.provider.LoopbackModelServer;
import dev.warden.core.tools.BuiltinTools;
import dev.warden.core.tools.ToolOutput;

class AgentLoopEndToEndTest {

	private static final String KEY = "sk-ant-api03-E2E-SECRET-abcdefghijklmnop";

	@TempDir
	Path temp;

	private LoopbackModelServer server;

	private TestWorkspace workspace;

	private ConversationStore store;

	@BeforeEach
	void setUp() throws Exception {
		server = new LoopbackModelServer();
		Files.createDirectories(temp.resolve("ws"));
		workspace = new TestWorkspace(temp.resolve("ws"));
		workspace.write("src/hello.txt", "Hello, world\n");
		workspace.write("README.md", "A test project\n");
		workspace.write(".git/config", "[core]\n");
		store = new ConversationStore(temp.resolve("state/sessions"));
	}

	/** A recorded stream next to this class, or next to the provider tests for the OpenAI ones. */
	private static LoopbackModelServer.Reply sse(String name) {
		return name.startsWith("openai-") ? LoopbackModelServer.sse(name)
				: LoopbackModelServer.sse(AgentLoopEndToEndTest.class, name);
	}

	@AfterEach
	void tearDown() {
		server.close();
	}

	private ModelProvider provider(ProviderKind kind, String base) throws Exception {
		return Providers.create(new ProviderConfig(kind, base, "claude-sonnet-4-5", 1024, null, Duration.ofSeconds(20),
				ApiKey.ofString(KEY), new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1))));
	}

	private AgentSetup setup(ModelProvider provider, Mode mode) {
		return new AgentSetup(provider, BuiltinTools.all(), workspace.gateway(), workspace.approvals(),
				workspace.capabilities, workspace.auditLog, () -> mode,
				WorkspaceContext.describe("ws", workspace.files, 50, "Keep answers short."), 10);
	}

	/** Collects what the chat view would show. */
	static class Events implements AgentListener {
		final StringBuilder text = new StringBuilder();
		final List<String> log = new CopyOnWriteArrayList<>();
		final StringBuilder commandOutput = new StringBuilder();

		@Override
		public synchronized void textDelta(String delta) {
			text.append(delta);
		}

		@Override
		public void toolStarted(ToolCall call) {
			log.add("started " + call.name());
		}

		@Override
		public synchronized void toolOutput(String callId, String chunk) {
			commandOutput.append(chunk);
		}

		@Override
		public void toolFinished(ToolCall call, ToolOutput output) {
			log.add("finished " + call.name() + (output.error() ? " with error" : ""));
		}

		@Override
		public void interrupted(String reason) {
			log.add("interrupted " + reason);
		}

		@Override
		public void error(String message) {
			log.add("error " + message);
		}

		@Override
		public void turnFinished(TurnResult result) {
			log.add("turn " + result.outcome());
		}
	}

	/** @return the tool_result blocks of the last user message of request {@code index} */
	private List<JsonObject> toolResultsSentIn(int index) {
		JsonArray messages = server.received().get(index).json().getAsJsonArray("messages");
		JsonObject last = messages.get(messages.size() - 1).getAsJsonObject();
		List<JsonObject> results = new ArrayList<>();
		for (JsonElement block : last.getAsJsonArray("content")) {
			if (block.getAsJsonObject().get("type").getAsString().equals("tool_result")) {
				results.add(block.getAsJsonObject());
			}
		}
		return results;
	}

	@Test
	void promptListsReadsEditsRunsAndAnswersWithEverythingAudited() throws Exception {
		server.then(sse("e2e-1-list.sse")).then(sse("e2e-2-read.sse")).then(sse("e2e-3-edit.sse"))
				.then(sse("e2e-4-run.sse")).then(sse("e2e-5-final.sse"));
		Events events = new Events();
		Conversation conversation;
		try (ModelProvider provider = provider(ProviderKind.ANTHROPIC, server.baseUrl())) {
			AgentSession session = new AgentSession(setup(provider, Mode.AUTOPILOT), Conversation.start(), store);
			TurnResult result = session.prompt("Change the greeting to goodbye and build.", events, new Cancellation());

			assertEquals(TurnResult.Outcome.COMPLETED, result.outcome(), events.log.toString());
			assertEquals(5, result.steps());
			assertEquals("Done: the greeting now says goodbye and the build ran.", result.text());
			assertEquals(new Usage(500 + 4 * 40, 5 * 30, 500 + 540 + 580 + 620, 0), result.usage());
			conversation = session.conversation();
		}

		// the files
		assertEquals("Goodbye, world\n", workspace.read("src/hello.txt"));
		assertEquals("built\n", workspace.read("out.txt"));

		// what the model got back
		assertEquals(5, server.received().size());
		String listing = toolResultsSentIn(1).get(0).get("content").getAsString();
		assertTrue(listing.contains("src/hello.txt (13 B)"), listing);
		assertTrue(listing.contains("README.md"), listing);
		assertFalse(listing.contains(".git"), "hidden paths are not listed: " + listing);
		JsonObject read = toolResultsSentIn(2).get(0);
		assertEquals("toolu_e2e_read", read.get("tool_use_id").getAsString());
		assertEquals("src/hello.txt, lines 1-1 of 1:\n1\tHello, world\n", read.get("content").getAsString());
		assertEquals("Updated src/hello.txt.", toolResultsSentIn(3).get(0).get("content").getAsString());
		JsonObject run = toolResultsSentIn(4).get(0);
		assertEquals("Exit code: 0\nOutput:\nGoodbye, world\n", run.get("content").getAsString());
		assertFalse(run.has("is_error"));
		assertEquals("Goodbye, world\n", events.commandOutput.toString(), "command output streamed to the view");
		String system = server.received().get(0).json().getAsJsonArray("system").get(0).getAsJsonObject().get("text")
				.getAsString();
		String mode = server.received().get(0).json().getAsJsonArray("system").get(1).getAsJsonObject().get("text")
				.getAsString();
		assertTrue(mode.contains("Mode: Autopilot"), mode);
		assertFalse(system.contains("Mode:"), "the mode is not in the cached instructions");
		assertTrue(system.contains("src/hello.txt"), system);
		assertFalse(system.contains(".git"), system);

		// the audit trail
		assertEquals(List.of("file.read ALLOWED .", "file.read DONE .", //
				"file.read ALLOWED src/hello.txt", "file.read DONE src/hello.txt", //
				"file.write ALLOWED src/hello.txt", "file.write DONE src/hello.txt", //
				"command ASK cat src/hello.txt && echo built > out.txt",
				"approval APPROVED cat src/hello.txt && echo built > out.txt",
				"command DONE cat src/hello.txt && echo built > out.txt"), workspace.trail());
		assertTrue(workspace.audit.stream().allMatch(e -> e.sessionId().equals(conversation.id())));
		assertEquals("exit code 0", workspace.audit.get(8).detail());
		assertEquals(List.of("command: cat src/hello.txt && echo built > out.txt (not in the trusted commands)"),
				workspace.approvalRequests);

		// the listener events
		assertEquals(List.of("started list_files", "finished list_files", "started read_file", "finished read_file",
				"started edit_file", "finished edit_file", "started run_command", "finished run_command",
				"turn COMPLETED"), events.log);
		assertTrue(events.text.toString().startsWith("I'll look around first.Changing the greeting."));

		// persisted and reloaded as after a restart
		Conversation reloaded = new ConversationStore(temp.resolve("state/sessions")).load(conversation.id())
				.orElseThrow();
		assertEquals(conversation.messages(), reloaded.messages());
		assertEquals(conversation.usage(), reloaded.usage());
		assertEquals(10, reloaded.messages().size());
		List<SessionSummary> sessions = store.list();
		assertEquals(1, sessions.size());
		assertEquals("Change the greeting to goodbye and build.", sessions.get(0).title());
		assertNoFileContains(temp.resolve("state"), KEY);
	}

	@Test
	void reloadedConversationContinuesWithItsHistory() throws Exception {
		server.then(sse("e2e-5-final.sse")).then(sse("e2e-5-final.sse"));
		String id;
		try (ModelProvider provider = provider(ProviderKind.ANTHROPIC, server.baseUrl())) {
			AgentSession first = new AgentSession(setup(provider, Mode.AUTOPILOT), Conversation.start(), store);
			first.prompt("First question", AgentListener.NONE, new Cancellation());
			id = first.conversation().id();
		}
		try (ModelProvider provider = provider(ProviderKind.ANTHROPIC, server.baseUrl())) {
			Conversation loaded = store.load(id).orElseThrow();
			AgentSession second = new AgentSession(setup(provider, Mode.AUTOPILOT), loaded, store);
			assertEquals(TurnResult.Outcome.COMPLETED,
					second.prompt("Second question", AgentListener.NONE, new Cancellation()).outcome());
		}
		JsonArray messages = server.received().get(1).json().getAsJsonArray("messages");
		assertEquals(3, messages.size());
		assertEquals("First question",
				messages.get(0).getAsJsonObject().getAsJsonArray("content").get(0).getAsJsonObject().get("text")
						.getAsString());
		assertEquals(4, store.load(id).orElseThrow().messages().size());
	}

	@Test
	void malformedToolCallsAreAnsweredAsErrorsAndNothingRuns() throws Exception {
		server.then(sse("openai-bad-arguments.sse")).then(sse("openai-final.sse"));
		TurnResult result;
		try (ModelProvider provider = provider(ProviderKind.OPENAI_COMPATIBLE, server.baseUrl() + "/v1")) {
			AgentSession session = new AgentSession(setup(provider, Mode.AUTOPILOT), Conversation.start(), null);
			result = session.prompt("Read the readme", AgentListener.NONE, new Cancellation());
		}
		assertEquals(TurnResult.Outcome.COMPLETED, result.outcome());
		assertEquals("I could not read the file.", result.text());

		JsonArray messages = server.received().get(1).json().getAsJsonArray("messages");
		List<String> toolMessages = new ArrayList<>();
		for (JsonElement message : messages) {
			if (message.getAsJsonObject().get("role").getAsString().equals("tool")) {
				toolMessages.add(message.getAsJsonObject().get("tool_call_id").getAsString() + ": "
						+ message.getAsJsonObject().get("content").getAsString());
			}
		}
		assertEquals(3, toolMessages.size(), toolMessages.toString());
		assertTrue(toolMessages.get(0).startsWith("call_bad: Error: The arguments for read_file are not valid JSON"),
				toolMessages.get(0));
		assertTrue(toolMessages.get(1).startsWith("call_unknown: Error: There is no tool named 'format_disk'."),
				toolMessages.get(1));
		assertTrue(toolMessages.get(2).contains("missing required argument 'path'"), toolMessages.get(2));
		assertTrue(toolMessages.get(2).contains("'old_string' must be a string"), toolMessages.get(2));
		assertEquals(List.of("tool.call REFUSED read_file", "tool.call REFUSED format_disk",
				"tool.call REFUSED edit_file"), workspace.trail());
		assertEquals("Hello, world\n", workspace.read("src/hello.txt"));
	}

	@Test
	void cancellingDuringACommandKillsItAndEndsTheTurn() throws Exception {
		workspace.trusted.add("echo started; sleep 30");
		server.then(sse("loop-run-sleep.sse"));
		Cancellation cancellation = new Cancellation();
		Events events = new Events() {
			@Override
			public synchronized void toolOutput(String callId, String chunk) {
				super.toolOutput(callId, chunk);
				Thread.ofPlatform().start(cancellation::cancel);
			}
		};
		TurnResult result;
		try (ModelProvider provider = provider(ProviderKind.ANTHROPIC, server.baseUrl())) {
			AgentSession session = new AgentSession(setup(provider, Mode.AUTOPILOT), Conversation.start(), store);
			result = session.prompt("Run the slow thing", events, cancellation);
			assertEquals(TurnResult.Outcome.CANCELLED, result.outcome());
			List<ContentPart> last = session.conversation().messages().get(2).parts();
			ContentPart.ToolResult toolResult = (ContentPart.ToolResult) last.get(0);
			assertTrue(toolResult.error());
			assertTrue(toolResult.content().startsWith("Cancelled by the user; the command and all its processes were killed."),
					toolResult.content());
		}
		assertEquals(1, server.received().size(), "no further model request after the cancellation");
		assertEquals(List.of("command ALLOWED echo started; sleep 30", "command CANCELLED echo started; sleep 30"),
				workspace.trail());
	}

	@Test
	void supervisedModeRejectedReviewLeavesTheFileAndTellsTheModel() throws Exception {
		workspace.reviewAnswer = dev.warden.core.agent.Approval.reject("keep hello");
		server.then(sse("e2e-3-edit.sse")).then(sse("e2e-5-final.sse"));
		try (ModelProvider provider = provider(ProviderKind.ANTHROPIC, server.baseUrl())) {
			AgentSession session = new AgentSession(setup(provider, Mode.SUPERVISED), Conversation.start(), null);
			session.prompt("Change the greeting", AgentListener.NONE, new Cancellation());
		}
		assertEquals("Hello, world\n", workspace.read("src/hello.txt"));
		JsonObject result = toolResultsSentIn(1).get(0);
		assertTrue(result.get("is_error").getAsBoolean());
		assertEquals("The change was not applied: the user rejected it in review: keep hello",
				result.get("content").getAsString());
		assertEquals(List.of("file.write ASK src/hello.txt", "approval REJECTED src/hello.txt",
				"file.write FAILED src/hello.txt"), workspace.trail());
		assertEquals(List.of("review: Edit src/hello.txt"), workspace.approvalRequests);
		String mode = server.received().get(0).json().getAsJsonArray("system").get(1).getAsJsonObject().get("text")
				.getAsString();
		assertTrue(mode.contains("Mode: Supervised"), mode);
	}

	@Test
	void providerFailureEndsTheTurnWithItsMessageAndKeepsThePrompt() throws Exception {
		server.then(LoopbackModelServer.status(401, "{}"));
		Events events = new Events();
		Conversation conversation;
		TurnResult result;
		try (ModelProvider provider = provider(ProviderKind.ANTHROPIC, server.baseUrl())) {
			AgentSession session = new AgentSession(setup(provider, Mode.AUTOPILOT), Conversation.start(), store);
			result = session.prompt("Hello?", events, new Cancellation());
			conversation = session.conversation();
		}
		assertEquals(TurnResult.Outcome.FAILED, result.outcome());
		assertTrue(result.message().contains("Preferences > Warden > Model"));
		assertEquals(List.of("error " + result.message(), "turn FAILED"), events.log);
		assertEquals("Hello?", store.load(conversation.id()).orElseThrow().messages().get(0).text());
	}

	private static void assertNoFileContains(Path dir, String secret) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertFalse(Files.readString(file).contains(secret), file + " contains the key");
			}
		}
	}
}
