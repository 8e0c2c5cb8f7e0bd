package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.agent.AgentSession;
import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.TurnResult;
import dev.warden.core.agent.WorkspaceContext;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.tests.provider.LoopbackModelServer;
import dev.warden.core.tools.BuiltinTools;

/**
 * The decoded stop reason reaches the agent: an answer cut off at the output limit is not taken for a complete one, a
 * tool call cut off mid-JSON is not run nor regenerated until the step limit, a paused turn goes on, a refusal is
 * shown as one.
 */
class StopReasonsInTheLoopTest {

	@TempDir
	Path temp;

	private LoopbackModelServer server;

	private TestWorkspace workspace;

	@BeforeEach
	void setUp() throws Exception {
		server = new LoopbackModelServer();
		Files.createDirectories(temp.resolve("ws"));
		workspace = new TestWorkspace(temp.resolve("ws"));
		workspace.write("README.md", "A test project\n");
	}

	@AfterEach
	void tearDown() {
		server.close();
	}

	/** The chat view's events, with notices. */
	static final class Events extends AgentLoopEndToEndTest.Events {
		@Override
		public void notice(String message) {
			log.add("notice " + message);
		}
	}

	private TurnResult prompt(ProviderKind kind, String text, Events events, List<Conversation> end) throws Exception {
		String base = kind == ProviderKind.ANTHROPIC ? server.baseUrl() : server.baseUrl() + "/v1";
		try (ModelProvider provider = Providers.create(new ProviderConfig(kind, base, "claude-sonnet-4-5", 1024, null,
				Duration.ofSeconds(20), ApiKey.NONE, new RetryPolicy(1, Duration.ZERO, Duration.ZERO)))) {
			AgentSetup setup = new AgentSetup(provider, BuiltinTools.all(), workspace.gateway(), workspace.approvals(),
					workspace.capabilities, workspace.auditLog, () -> Mode.AUTOPILOT,
					WorkspaceContext.describe("ws", workspace.files, 50, ""), 10);
			AgentSession session = new AgentSession(setup, Conversation.start(), null);
			TurnResult result = session.prompt(text, events, new Cancellation());
			end.add(session.conversation());
			return result;
		}
	}

	private static LoopbackModelServer.Reply sse(String name) {
		return LoopbackModelServer.sse(name);
	}

	private JsonArray lastContentSentIn(int request) {
		JsonArray messages = server.received().get(request).json().getAsJsonArray("messages");
		return messages.get(messages.size() - 1).getAsJsonObject().getAsJsonArray("content");
	}

	@Test
	void toolCallCutOffMidJsonIsNotRunAndTheModelIsAskedToSplitIt() throws Exception {
		server.then(sse("anthropic-max-tokens-mid-tool.sse")).then(sse("anthropic-text.sse"));
		Events events = new Events();
		TurnResult result = prompt(ProviderKind.ANTHROPIC, "Write big.txt", events, new java.util.ArrayList<>());

		assertEquals(TurnResult.Outcome.COMPLETED, result.outcome(), events.log.toString());
		assertFalse(Files.exists(workspace.root.resolve("big.txt")), "the cut-off call was not run");
		JsonObject answer = lastContentSentIn(1).get(0).getAsJsonObject();
		assertEquals("toolu_01Cut", answer.get("tool_use_id").getAsString());
		assertTrue(answer.get("is_error").getAsBoolean());
		String content = answer.get("content").getAsString();
		assertTrue(content.contains("cut off") && content.contains("NOT run") && content.contains("split"), content);
		assertTrue(events.log.contains("finished write_file with error"), events.log.toString());
	}

	@Test
	void secondCutOffCallInARowEndsTheTurnAndEveryCallHasAResult() throws Exception {
		server.then(sse("anthropic-max-tokens-mid-tool.sse")).then(sse("anthropic-max-tokens-mid-tool.sse"));
		Events events = new Events();
		List<Conversation> end = new java.util.ArrayList<>();
		TurnResult result = prompt(ProviderKind.ANTHROPIC, "Write big.txt", events, end);

		assertEquals(TurnResult.Outcome.CUT_OFF, result.outcome());
		assertEquals(2, server.received().size(), "not regenerated until the step limit");
		assertTrue(result.message().contains("raise the maximum output tokens"), result.message());
		assertTrue(events.log.stream().anyMatch(l -> l.startsWith("interrupted") && l.contains("cut off")),
				events.log.toString());
		List<Message> messages = end.get(0).messages();
		Message last = messages.get(messages.size() - 1);
		assertTrue(last.parts().get(0) instanceof ContentPart.ToolResult r && r.toolUseId().equals("toolu_01Cut"),
				"the conversation stays valid for the next prompt: " + last);
	}

	@Test
	void textCutOffAtTheOutputLimitIsMarkedAndNotTakenForAnAnswer() throws Exception {
		server.then(sse("openai-length-text.sse"));
		Events events = new Events();
		List<Conversation> end = new java.util.ArrayList<>();
		TurnResult result = prompt(ProviderKind.OPENAI_COMPATIBLE, "Explain", events, end);

		assertEquals(TurnResult.Outcome.CUT_OFF, result.outcome());
		assertTrue(result.message().contains("output limit of 1024 tokens"), result.message());
		assertTrue(result.message().contains("continue"), result.message());
		List<Message> messages = end.get(0).messages();
		Message answer = messages.get(messages.size() - 1);
		assertEquals("The first half of a long answer", answer.text());
		assertTrue(answer.interrupted(), "kept, and marked as not complete");
	}

	@Test
	void pausedTurnContinuesWithTheAnswerSentBack() throws Exception {
		server.then(sse("anthropic-pause-turn.sse")).then(sse("anthropic-text.sse"));
		Events events = new Events();
		TurnResult result = prompt(ProviderKind.ANTHROPIC, "Look it up", events, new java.util.ArrayList<>());

		assertEquals(TurnResult.Outcome.COMPLETED, result.outcome(), events.log.toString());
		assertEquals(2, result.steps());
		JsonArray messages = server.received().get(1).json().getAsJsonArray("messages");
		JsonObject last = messages.get(messages.size() - 1).getAsJsonObject();
		assertEquals("assistant", last.get("role").getAsString(), "the paused answer is sent back as it is");
		assertEquals("Searching the documentation first.",
				last.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString());
	}

	@Test
	void localServerThatDroppedTheStartOfThePromptIsToldToTheUser() throws Exception {
		server.then(sse("ollama-whole-tool-call-then-stop.sse")).then(sse("openai-text.sse"));
		Events events = new Events();
		TurnResult result = prompt(ProviderKind.OPENAI_COMPATIBLE, "Read README.md. " + "Context. ".repeat(3_000),
				events, new java.util.ArrayList<>());

		assertEquals(TurnResult.Outcome.COMPLETED, result.outcome(), events.log.toString());
		assertTrue(events.log.contains("finished read_file"), "the call from the whole-call chunk ran: " + events.log);
		assertTrue(events.log.stream().anyMatch(l -> l.startsWith("notice ") && l.contains("read only 310 tokens")
				&& l.contains("OLLAMA_CONTEXT_LENGTH")), events.log.toString());
	}

	@Test
	void refusalEndsTheTurnAsARefusal() throws Exception {
		server.then(sse("anthropic-refusal.sse"));
		Events events = new Events();
		TurnResult result = prompt(ProviderKind.ANTHROPIC, "Do something bad", events, new java.util.ArrayList<>());

		assertEquals(TurnResult.Outcome.REFUSED, result.outcome());
		assertEquals("I can't", result.text());
		assertTrue(events.log.contains("notice The model declined to answer this request."), events.log.toString());
		assertEquals(1, server.received().size());
	}
}
