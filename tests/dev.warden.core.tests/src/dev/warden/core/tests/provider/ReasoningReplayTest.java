package dev.warden.core.tests.provider;

import static dev.warden.core.tests.provider.LoopbackModelServer.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.agent.Conversation;
import dev.warden.core.internal.agent.ConversationJson;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.ReasoningEffort;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.StreamListener;
import dev.warden.core.provider.ToolSpec;
import dev.warden.core.provider.Usage;

/**
 * The model's reasoning, replayed from the documented stream shapes over a loopback server: Anthropic's extended
 * thinking ({@code thinking_delta}, {@code signature_delta}, {@code redacted_thinking}) and the
 * {@code reasoning_content} / {@code reasoning} fields of DeepSeek, llama.cpp and OpenRouter. Reasoning is kept apart
 * from the answer, sent back as each API requires in a tool-use turn, and survives saving the conversation.
 */
class ReasoningReplayTest {

	private static final List<ToolSpec> TOOLS = List.of(
			new ToolSpec("read_file", "Read a file", "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}"));

	private static final String SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/Bz+OCu1Fj2Kz6ub5Xv7Ah5ML3XsuqBxx0jaA5pYHf2Q==";

	private LoopbackModelServer server;

	@BeforeEach
	void start() throws Exception {
		server = new LoopbackModelServer();
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private ProviderConfig config(ProviderKind kind, ReasoningEffort effort) {
		return new ProviderConfig(kind, server.baseUrl() + (kind == ProviderKind.ANTHROPIC ? "" : "/v1"), "test-model",
				1024, 0.5, Duration.ofSeconds(10), ApiKey.NONE, RetryPolicy.NONE).withReasoning(effort);
	}

	private ModelResponse stream(ProviderConfig config, List<Message> messages, ReasoningListener listener)
			throws Exception {
		try (ModelProvider provider = Providers.create(config)) {
			return provider.stream(new ModelRequest("You are a test.", TOOLS, messages), listener, new Cancellation());
		}
	}

	/** Hears reasoning and text apart. */
	static final class ReasoningListener implements StreamListener {
		final StringBuilder reasoning = new StringBuilder();
		final StringBuilder text = new StringBuilder();

		@Override
		public synchronized void reasoningDelta(String delta) {
			reasoning.append(delta);
		}

		@Override
		public synchronized void textDelta(String delta) {
			text.append(delta);
		}

		synchronized String text() {
			return text.toString();
		}
	}

	@Test
	void anthropicThinkingIsShownApartFromTheAnswerAndKeepsItsSignature() throws Exception {
		server.then(sse("anthropic-thinking-tool-use.sse"));
		ReasoningListener listener = new ReasoningListener();
		ModelResponse response = stream(config(ProviderKind.ANTHROPIC, ReasoningEffort.MEDIUM),
				List.of(Message.user("Fix the build")), listener);

		assertEquals(StopReason.TOOL_USE, response.stopReason());
		assertEquals("Let me read the build file.", response.message().text(), "no thinking in the answer");
		assertEquals("Let me read the build file.", listener.text());
		assertEquals("The user wants the build fixed. I should read pom.xml first.", listener.reasoning.toString());
		List<ContentPart> parts = response.message().parts();
		assertEquals(new ContentPart.Reasoning("The user wants the build fixed. I should read pom.xml first.", SIGNATURE,
				""), parts.get(0));
		assertTrue(parts.get(1) instanceof ContentPart.Text);
		assertTrue(parts.get(2) instanceof ContentPart.ToolUse);
	}

	@Test
	void anthropicThinkingAndRedactedThinkingGoBackUnchangedInTheToolUseTurn() throws Exception {
		ProviderConfig config = config(ProviderKind.ANTHROPIC, ReasoningEffort.MEDIUM);
		server.then(sse("anthropic-thinking-tool-use.sse")).then(sse("anthropic-redacted-thinking.sse"))
				.then(sse("anthropic-text.sse"));
		List<Message> conversation = new ArrayList<>(List.of(Message.user("Fix the build")));
		ModelResponse first = stream(config, conversation, new ReasoningListener());
		conversation.add(first.message());
		conversation.add(new Message(Role.USER, List.of(new ContentPart.ToolResult("toolu_01Think", "<project/>", false)),
				false));
		ModelResponse second = stream(config, conversation, new ReasoningListener());
		assertEquals(List.of(new ContentPart.Reasoning("The file was read.", "SigOfTheSecondBlock==", ""),
				new ContentPart.Reasoning("", "",
						"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj")),
				second.message().parts().subList(0, 2));
		conversation.add(second.message());
		conversation.add(new Message(Role.USER, List.of(new ContentPart.ToolResult("toolu_01Second", "pom.xml", false)),
				false));
		stream(config, conversation, new ReasoningListener());

		JsonObject body = server.received().get(2).json();
		JsonObject thinking = body.getAsJsonObject("thinking");
		assertEquals("enabled", thinking.get("type").getAsString());
		assertEquals(8192, thinking.get("budget_tokens").getAsInt());
		assertEquals(1024 + 8192, body.get("max_tokens").getAsInt(), "the budget comes on top of the output limit");
		assertFalse(body.has("temperature"), "thinking accepts no temperature");
		JsonArray messages = body.getAsJsonArray("messages");
		JsonArray firstAnswer = messages.get(1).getAsJsonObject().getAsJsonArray("content");
		JsonObject block = firstAnswer.get(0).getAsJsonObject();
		assertEquals("thinking", block.get("type").getAsString());
		assertEquals("The user wants the build fixed. I should read pom.xml first.", block.get("thinking").getAsString());
		assertEquals(SIGNATURE, block.get("signature").getAsString());
		assertEquals(3, block.size(), "sent exactly as received: " + block);
		assertEquals("text", firstAnswer.get(1).getAsJsonObject().get("type").getAsString());
		JsonArray secondAnswer = messages.get(3).getAsJsonObject().getAsJsonArray("content");
		assertEquals("thinking", secondAnswer.get(0).getAsJsonObject().get("type").getAsString());
		JsonObject redacted = secondAnswer.get(1).getAsJsonObject();
		assertEquals("redacted_thinking", redacted.get("type").getAsString());
		assertEquals("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj",
				redacted.get("data").getAsString());
		assertEquals("tool_use", secondAnswer.get(2).getAsJsonObject().get("type").getAsString());
		for (int i = 0; i < messages.size(); i++) {
			for (var content : messages.get(i).getAsJsonObject().getAsJsonArray("content")) {
				String type = content.getAsJsonObject().get("type").getAsString();
				assertFalse(type.contains("thinking") && content.getAsJsonObject().has("cache_control"),
						"a thinking block carries no cache mark: " + content);
			}
		}
	}

	@Test
	void withoutThinkingNoThinkingIsAskedForOrSentBack() throws Exception {
		server.then(sse("anthropic-thinking-tool-use.sse")).then(sse("anthropic-text.sse"));
		List<Message> conversation = new ArrayList<>(List.of(Message.user("Fix the build")));
		ModelResponse first = stream(config(ProviderKind.ANTHROPIC, ReasoningEffort.MEDIUM), conversation,
				new ReasoningListener());
		conversation.add(first.message());
		conversation.add(new Message(Role.USER, List.of(new ContentPart.ToolResult("toolu_01Think", "<project/>", false)),
				false));
		stream(config(ProviderKind.ANTHROPIC, ReasoningEffort.OFF), conversation, new ReasoningListener());

		JsonObject body = server.received().get(1).json();
		assertFalse(body.has("thinking"));
		assertEquals(1024, body.get("max_tokens").getAsInt());
		assertEquals(0.5, body.get("temperature").getAsDouble());
		JsonArray answer = body.getAsJsonArray("messages").get(1).getAsJsonObject().getAsJsonArray("content");
		assertEquals("text", answer.get(0).getAsJsonObject().get("type").getAsString());
		assertFalse(answer.toString().contains("thinking"), answer.toString());
	}

	@Test
	void deepSeekReasoningContentIsKeptApartFromTheAnswer() throws Exception {
		server.then(sse("deepseek-reasoning-content.sse"));
		ReasoningListener listener = new ReasoningListener();
		ModelResponse response = stream(config(ProviderKind.OPENAI_COMPATIBLE, ReasoningEffort.OFF),
				List.of(Message.user("9.11 and 9.8, which is greater?")), listener);

		assertEquals(StopReason.END_TURN, response.stopReason());
		assertEquals("9.8 is greater.", response.message().text());
		assertEquals("9.8 is greater.", listener.text());
		assertEquals("9.11 has a smaller tenths digit than 9.8.", response.message().reasoning());
		assertEquals("9.11 has a smaller tenths digit than 9.8.", listener.reasoning.toString());
		assertEquals(new Usage(18, 120, 0, 0), response.usage());
		assertFalse(server.received().get(0).json().has("reasoning_effort"), "off sends no effort");
	}

	@Test
	void llamaCppReasoningContentIsKeptApartFromTheAnswer() throws Exception {
		server.then(sse("llamacpp-reasoning-content.sse"));
		ReasoningListener listener = new ReasoningListener();
		ModelResponse response = stream(config(ProviderKind.OPENAI_COMPATIBLE, ReasoningEffort.OFF),
				List.of(Message.user("Is it spelled right?")), listener);
		assertEquals("It is spelled correctly.", response.message().text());
		assertEquals("Check the spelling.", response.message().reasoning());
	}

	@Test
	void openRouterReasoningFieldIsKeptApartFromTheAnswer() throws Exception {
		server.then(sse("openrouter-reasoning.sse"));
		ReasoningListener listener = new ReasoningListener();
		ModelResponse response = stream(config(ProviderKind.OPENAI_COMPATIBLE, ReasoningEffort.HIGH),
				List.of(Message.user("2+2?")), listener);
		assertEquals("4", response.message().text());
		assertEquals("Two plus two is four.", response.message().reasoning(), "reasoning_details do not double it");
		assertEquals("high", server.received().get(0).json().get("reasoning_effort").getAsString());
	}

	@Test
	void deepSeekReasoningGoesBackWithTheToolCallsItLedTo() throws Exception {
		ProviderConfig config = config(ProviderKind.OPENAI_COMPATIBLE, ReasoningEffort.OFF);
		server.then(sse("deepseek-reasoning-tool-call.sse")).then(sse("openai-text.sse"));
		List<Message> conversation = new ArrayList<>(List.of(Message.user("What is the date?")));
		ModelResponse first = stream(config, conversation, new ReasoningListener());
		assertEquals(StopReason.TOOL_USE, first.stopReason());
		assertEquals("I need the date first.", first.message().reasoning());
		conversation.add(first.message());
		conversation.add(new Message(Role.USER, List.of(new ContentPart.ToolResult("call_00_date", "2026-12-02", false)),
				false));
		stream(config, conversation, new ReasoningListener());

		JsonArray messages = server.received().get(1).json().getAsJsonArray("messages");
		JsonObject assistant = messages.get(2).getAsJsonObject();
		assertEquals("assistant", assistant.get("role").getAsString());
		assertEquals("I need the date first.", assistant.get("reasoning_content").getAsString());
		assertTrue(assistant.has("tool_calls"));
		assertFalse(assistant.has("content") && assistant.get("content").getAsString().contains("date first"),
				"reasoning is not mixed into the content");
	}

	@Test
	void reasoningIsSavedWithTheConversationAndReadBackUnchanged() throws Exception {
		server.then(sse("anthropic-redacted-thinking.sse"));
		ModelResponse response = stream(config(ProviderKind.ANTHROPIC, ReasoningEffort.LOW),
				List.of(Message.user("Go on")), new ReasoningListener());
		Conversation conversation = Conversation.start().append(Message.user("Go on"))
				.append(response.message()).append(new Message(Role.USER,
						List.of(new ContentPart.ToolResult("toolu_01Second", "pom.xml", false)), false));

		String json = ConversationJson.write(conversation);
		Conversation read = ConversationJson.read(json);

		assertEquals(conversation.messages(), read.messages());
		assertTrue(json.contains("\"version\":2"), json);
		String plain = ConversationJson.write(Conversation.start().append(Message.user("hi")));
		assertTrue(plain.contains("\"version\":1"), "a chat without reasoning stays readable by older versions");
	}
}
