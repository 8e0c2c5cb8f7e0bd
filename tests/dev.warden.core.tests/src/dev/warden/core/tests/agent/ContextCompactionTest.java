package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.AgentSession;
import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.Compaction;
import dev.warden.core.agent.ContextBudget;
import dev.warden.core.agent.ContextUse;
import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.TurnResult;
import dev.warden.core.agent.WorkspaceContext;
import dev.warden.core.internal.agent.ConversationJson;
import dev.warden.core.internal.agent.PromptWindow;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.ContextWindow;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.provider.Role;
import dev.warden.core.tests.provider.LoopbackModelServer;
import dev.warden.core.tools.BuiltinTools;

/**
 * Long conversations against a real loopback model with a small context window: compacted before a request would pass
 * the budget, or after the service refused one as too long, with every message kept in the conversation.
 */
class ContextCompactionTest {

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

	static final class Events implements AgentListener {
		final List<Compaction> compactions = new CopyOnWriteArrayList<>();
		final List<ContextUse> uses = new CopyOnWriteArrayList<>();
		final List<String> errors = new CopyOnWriteArrayList<>();

		@Override
		public void compacted(Compaction compaction) {
			compactions.add(compaction);
		}

		@Override
		public void context(ContextUse use) {
			uses.add(use);
		}

		@Override
		public void error(String message) {
			errors.add(message);
		}
	}

	private ProviderConfig config(String model) {
		return new ProviderConfig(ProviderKind.OPENAI_COMPATIBLE, server.baseUrl() + "/v1", model, 256, null,
				Duration.ofSeconds(20), ApiKey.NONE, new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
	}

	private Conversation converse(ContextBudget budget, int prompts, Events events) throws Exception {
		Conversation conversation = Conversation.start();
		try (ModelProvider provider = Providers.create(config("windowed"))) {
			AgentSetup setup = new AgentSetup(provider, BuiltinTools.all(), workspace.gateway(), workspace.approvals(),
					workspace.capabilities, workspace.auditLog, () -> Mode.AUTOPILOT,
					WorkspaceContext.describe("ws", workspace.files, 50, ""), 10, budget);
			for (int i = 1; i <= prompts; i++) {
				AgentSession session = new AgentSession(setup, conversation, null);
				TurnResult result = session.prompt(prompt(i), events, new Cancellation());
				assertEquals(TurnResult.Outcome.COMPLETED, result.outcome(),
						"prompt " + i + ": " + result.message() + ' ' + events.errors);
				conversation = session.conversation();
			}
		}
		return conversation;
	}

	private static String prompt(int i) {
		return "Prompt " + i + ": please look at the following notes and keep them in mind. "
				+ "The quick brown fox jumps over the lazy dog, again and again, ".repeat(8);
	}

	private static List<String> sentTexts(LoopbackModelServer.Received request) {
		List<String> texts = new ArrayList<>();
		JsonArray messages = request.json().getAsJsonArray("messages");
		for (var m : messages) {
			JsonObject message = m.getAsJsonObject();
			if (message.has("content") && message.get("content").isJsonPrimitive()) {
				texts.add(message.get("content").getAsString());
			}
		}
		return texts;
	}

	@Test
	void aConversationLongerThanTheWindowIsCompactedBeforeItIsRefusedAndKeepsEveryMessage() throws Exception {
		WindowedModel model = new WindowedModel(server, 4096);
		Events events = new Events();
		Conversation end = converse(new ContextBudget(4096, "test", 80), 40, events);

		assertEquals(0, model.refused.get(), "no request passed the window");
		assertTrue(events.compactions.size() >= 2, "compacted more than once: " + events.compactions.size());
		assertEquals(model.summaries.get(), events.compactions.size(), "one summary request per compaction");
		assertEquals(80, end.messages().size(), "every prompt and answer is kept");
		assertEquals(events.compactions, end.compactions());
		assertTrue(model.largestPrompt <= 4096 - 256, "largest prompt " + model.largestPrompt);

		var last = server.received().get(server.received().size() - 1);
		List<String> sent = sentTexts(last);
		assertTrue(sent.stream().anyMatch(t -> t.startsWith(PromptWindow.SUMMARY_INTRO)), "the summary is sent");
		assertTrue(sent.stream().anyMatch(t -> t.contains("Summary " + model.summaries.get() + " of the work")),
				"the newest summary is sent");
		assertEquals(prompt(40), sent.get(sent.size() - 1), "the newest prompt is sent verbatim");
		assertTrue(sent.stream().noneMatch(t -> t.startsWith("Prompt 1:")), "the first prompt is summarized");

		ContextUse counted = events.uses.get(events.uses.size() - 1);
		assertEquals(false, counted.estimated(), "the meter ends with the service's count");
		assertTrue(counted.percent() > 0 && counted.percent() <= 100, "share " + counted.percent());

		// the summary request holds the earlier prompts as a transcript, and its previous summary
		var summaryRequests = server.received().stream()
				.filter(r -> r.body().contains("You summarize the earlier part")).toList();
		String second = String.join("\n", sentTexts(summaryRequests.get(1)));
		assertTrue(second.contains("Summary 1 of the work"), "the previous summary is carried on");
	}

	@Test
	void aRefusalForLengthLeadsToACompactionAndOneRetry() throws Exception {
		WindowedModel model = new WindowedModel(server, 4096);
		Events events = new Events();
		Conversation end = converse(ContextBudget.UNKNOWN, 30, events);

		assertTrue(model.refused.get() >= 1, "the unknown window was found by a refusal");
		assertTrue(events.compactions.size() >= 1, "and led to a compaction");
		assertEquals(60, end.messages().size(), "every prompt and answer is kept");
		assertTrue(events.errors.isEmpty(), events.errors.toString());
	}

	@Test
	void theWindowComesFromTheModelListOrTheTableOfKnownModels() throws Exception {
		server.then(LoopbackModelServer.status(200,
				"{\"object\":\"list\",\"data\":[{\"id\":\"other\",\"context_length\":1000},"
						+ "{\"id\":\"listed-model\",\"object\":\"model\",\"context_length\":32768}]}"));
		ContextWindow listed = Providers.contextWindow(config("listed-model"), new Cancellation());
		assertEquals(new ContextWindow(32768, ContextWindow.FROM_PROVIDER), listed);
		assertEquals(1, server.received().size());
		assertEquals("/v1/models", server.received().get(0).path());

		server.then(LoopbackModelServer.status(200, "{\"data\":[{\"id\":\"anthropic/claude-sonnet-4.5\"}]}"));
		assertEquals(new ContextWindow(200_000, ContextWindow.KNOWN_MODEL),
				Providers.contextWindow(config("anthropic/claude-sonnet-4.5"), new Cancellation()));
		server.then(LoopbackModelServer.status(404, "{\"error\":{\"message\":\"not found\"}}"));
		assertEquals(ContextWindow.UNKNOWN, Providers.contextWindow(config("my-own-model"), new Cancellation()));
		Providers.contextWindow(config("my-own-model"), new Cancellation());
		assertEquals(3, server.received().size(), "each server and model is asked once");
	}

	@Test
	void aCutNeverSeparatesAToolCallFromItsResultAndTheNewestExchangeStaysWhole() {
		List<Message> messages = new ArrayList<>();
		messages.add(Message.user("first"));
		for (int i = 0; i < 6; i++) {
			messages.add(Message.assistant(List.of(new ContentPart.ToolUse("c" + i, "read_file", "{\"path\":\"a\"}"))));
			messages.add(new Message(Role.USER, List.of(new ContentPart.ToolResult("c" + i, "x".repeat(4000), false)),
					false));
		}
		for (long keep : new long[] { 0, 100, 1_500, 3_000, 100_000 }) {
			int cut = PromptWindow.cutPoint(messages, 0, keep);
			assertTrue(cut > 0, "something is summarized with keep " + keep);
			assertEquals(Role.ASSISTANT, messages.get(cut).role(), "kept messages start with the model's call");
		}
		assertEquals(messages.size() - 2, PromptWindow.cutPoint(messages, 0, 0), "the newest call and result stay");

		List<Message> trimmed = PromptWindow.trimmed(messages, 2_000);
		assertTrue(PromptWindow.estimate(trimmed) < PromptWindow.estimate(messages));
		assertEquals(messages.get(messages.size() - 1), trimmed.get(trimmed.size() - 1), "the newest result is whole");
		String old = ((ContentPart.ToolResult) trimmed.get(2).parts().get(0)).content();
		assertTrue(old.length() < 600 && old.contains("left out to save context"), old);
	}

	@Test
	void compactionsAreSavedAndARestoreDropsThoseOfDroppedMessages() {
		Conversation c = Conversation.start().append(Message.user("one"))
				.append(Message.assistant(List.of(new ContentPart.Text("1")))).append(Message.user("two"))
				.append(Message.assistant(List.of(new ContentPart.Text("2"))));
		c = c.compacted(new Compaction(2, "## Goal\nsummary", Instant.now(), 900, 300));
		Conversation read = ConversationJson.read(ConversationJson.write(c));
		assertEquals(c.compactions(), read.compactions());
		assertEquals(c.messages(), read.messages());
		assertNotNull(c.truncated(2).lastCompaction(), "the summary of the kept messages stays");
		assertNull(c.truncated(1).lastCompaction(), "the summary of a dropped message goes");
		assertEquals("## Goal\nsummary", c.withTitle("x").lastCompaction().summary());
	}
}
