package dev.warden.core.tests.provider;

import static dev.warden.core.tests.provider.LoopbackModelServer.sse;
import static dev.warden.core.tests.provider.LoopbackModelServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.internal.provider.OpenAiCompatibleProvider;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.ConnectionTestResult;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.StreamListener;
import dev.warden.core.provider.ToolSpec;

/**
 * The parts of the providers' protocols beyond the happy path: how the output limit is spelled, the errors the
 * documented error bodies and open-source servers produce, retries that wait as the server asks, local servers'
 * context windows, Anthropic's temperature range and cache marks, and the models endpoints.
 */
class ProtocolCompletenessTest {

	private static final String KEY = "sk-test-SECRET-protocol-0123456789";

	private static final List<ToolSpec> TOOLS = List.of(new ToolSpec("read_file", "Read a file",
			"{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}"));

	private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(5));

	private LoopbackModelServer server;

	@BeforeEach
	void start() throws Exception {
		server = new LoopbackModelServer();
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private ProviderConfig openAi(String model) {
		return new ProviderConfig(ProviderKind.OPENAI_COMPATIBLE, server.baseUrl() + "/v1", model, 2048, null,
				Duration.ofSeconds(10), ApiKey.ofString(KEY), FAST);
	}

	private ProviderConfig anthropic(Double temperature) {
		return new ProviderConfig(ProviderKind.ANTHROPIC, server.baseUrl(), "claude-sonnet-4-5", 1024, temperature,
				Duration.ofSeconds(10), ApiKey.ofString(KEY), FAST);
	}

	private static ModelRequest hello() {
		return new ModelRequest("You are a test.", TOOLS, List.of(Message.user("Say hello")));
	}

	private static ModelResponse stream(ModelProvider provider, ModelRequest request, StreamListener listener)
			throws ProviderException {
		return provider.stream(request, listener, new Cancellation());
	}

	private ModelResponse stream(ProviderConfig config, StreamListener listener) throws ProviderException {
		try (ModelProvider provider = Providers.create(config)) {
			return stream(provider, hello(), listener);
		}
	}

	// --- the output limit's two spellings

	@Test
	void openAiEndpointAndReasoningModelsGetMaxCompletionTokensOtherServersMaxTokens() throws Exception {
		assertEquals("max_completion_tokens", OpenAiCompatibleProvider.limitParameterFor(ProviderConfig
				.defaults(ProviderKind.OPENAI_COMPATIBLE, "https://api.openai.com/v1", "gpt-4.1", ApiKey.NONE)));
		assertEquals("max_tokens", OpenAiCompatibleProvider.limitParameterFor(openAi("qwen2.5-coder:7b")));
		assertEquals("max_tokens", OpenAiCompatibleProvider.limitParameterFor(openAi("anthropic/claude-sonnet-4.5")));
		assertEquals("max_tokens", OpenAiCompatibleProvider.limitParameterFor(openAi("gpt-4o-mini")));
		for (String model : List.of("o3-mini", "o1", "o4-mini", "gpt-5", "gpt-5-mini", "openai/gpt-5")) {
			assertEquals("max_completion_tokens", OpenAiCompatibleProvider.limitParameterFor(openAi(model)), model);
		}

		server.then(sse("openai-text.sse"));
		stream(openAi("o3-mini"), StreamListener.NONE);
		JsonObject body = server.received().get(0).json();
		assertEquals(2048, body.get("max_completion_tokens").getAsInt());
		assertFalse(body.has("max_tokens"));
	}

	@Test
	void rejectedMaxTokensIsSentOnceMoreAsMaxCompletionTokensAndRemembered() throws Exception {
		server.then(status(400, "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with "
				+ "this model. Use 'max_completion_tokens' instead.\",\"type\":\"invalid_request_error\","
				+ "\"param\":\"max_tokens\",\"code\":\"unsupported_parameter\"}}")).then(sse("openai-text.sse"))
				.then(sse("openai-text.sse"));
		RecordingListener listener = new RecordingListener();
		try (ModelProvider provider = Providers.create(openAi("my-reasoner"))) {
			ModelResponse response = stream(provider, hello(), listener);
			assertEquals(StopReason.END_TURN, response.stopReason());
			stream(provider, hello(), StreamListener.NONE);
		}
		List<LoopbackModelServer.Received> received = server.received();
		assertEquals(3, received.size());
		assertTrue(received.get(0).json().has("max_tokens"));
		assertTrue(received.get(1).json().has("max_completion_tokens"));
		assertFalse(received.get(1).json().has("max_tokens"));
		assertTrue(received.get(2).json().has("max_completion_tokens"), "the provider keeps the spelling that worked");
		assertTrue(listener.retryDelays.isEmpty(), "a changed spelling is no retry after a failure");
	}

	@Test
	void serverThatKnowsOnlyMaxTokensGetsItBackAfterRejectingTheNewName() throws Exception {
		server.then(status(400, "{\"object\":\"error\",\"message\":\"Unrecognized request argument supplied: "
				+ "max_completion_tokens\",\"type\":\"BadRequestError\",\"code\":400}")).then(sse("openai-text.sse"));
		stream(openAi("gpt-5"), StreamListener.NONE);
		assertTrue(server.received().get(0).json().has("max_completion_tokens"));
		assertTrue(server.received().get(1).json().has("max_tokens"));
	}

	@Test
	void serverRejectingBothSpellingsEndsWithItsOwnWordsAfterTwoRequests() {
		String body = "{\"error\":{\"message\":\"max_tokens and max_completion_tokens are not allowed\",\"type\":"
				+ "\"invalid_request_error\"}}";
		server.then(status(400, body)).then(status(400, body)).then(status(400, body));
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(openAi("gpt-4.1"), StreamListener.NONE));
		assertEquals(ProviderException.Kind.BAD_REQUEST, e.kind());
		assertTrue(e.getMessage().contains("are not allowed"), e.getMessage());
		assertEquals(2, server.received().size());
	}

	// --- errors

	@Test
	void llamaCppToolsWithoutJinjaIsAPermanent500AndNotRetried() {
		server.then(status(500, "{\"error\":{\"code\":500,\"message\":\"tools param requires --jinja flag\","
				+ "\"type\":\"server_error\"}}"));
		RecordingListener listener = new RecordingListener();
		ProviderException e = assertThrows(ProviderException.class, () -> stream(openAi("local"), listener));
		assertEquals(1, server.received().size(), "repeating it cannot help");
		assertTrue(listener.retryDelays.isEmpty());
		assertEquals(ProviderException.Kind.BAD_REQUEST, e.kind());
		assertTrue(e.getMessage().contains("tools param requires --jinja flag"), e.getMessage());
	}

	@Test
	void transient500IsStillRetried() throws Exception {
		server.then(status(500, "{\"error\":{\"message\":\"The server had an error while processing your request.\","
				+ "\"type\":\"server_error\"}}")).then(sse("openai-text.sse"));
		assertEquals(StopReason.END_TURN, stream(openAi("gpt-4.1"), StreamListener.NONE).stopReason());
		assertEquals(2, server.received().size());
	}

	@Test
	void rateLimitWithoutRetryAfterWaitsForTheResetHeaders() throws Exception {
		server.then(status(429, "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
				+ "\"code\":\"rate_limit_exceeded\"}}", "x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens",
				"250ms")).then(sse("openai-text.sse"));
		RecordingListener listener = new RecordingListener();
		stream(openAi("gpt-4.1"), listener);
		assertEquals(List.of(Duration.ofSeconds(1)), listener.retryDelays, "the later of the two resets");
	}

	@Test
	void rateLimitWithoutAnyHintWaitsLongerThanOrdinaryBackoff() throws Exception {
		server.then(status(429, "{\"error\":{\"message\":\"Too many requests\"}}"))
				.then(status(500, "{\"error\":{\"message\":\"oops\"}}")).then(sse("openai-text.sse"));
		RecordingListener listener = new RecordingListener();
		stream(openAi("gpt-4.1"), listener);
		assertEquals(List.of(Duration.ofMillis(80), Duration.ofMillis(40)), listener.retryDelays,
				"429: four times the backoff; 500: the backoff");
	}

	@Test
	void insufficientQuotaIsNotRetriedAndSaysSo() {
		server.then(status(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan "
				+ "and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}"));
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(openAi("gpt-4.1"), StreamListener.NONE));
		assertEquals(ProviderException.Kind.QUOTA, e.kind());
		assertEquals(1, server.received().size());
		assertTrue(e.getMessage().contains("billing"), e.getMessage());
	}

	@Test
	void contextLengthErrorBodiesOfBothProvidersSayTheConversationIsTooLong() {
		server.then(status(400, "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. "
				+ "However, your messages resulted in 130000 tokens.\",\"type\":\"invalid_request_error\","
				+ "\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"));
		ProviderException openAiError = assertThrows(ProviderException.class,
				() -> stream(openAi("gpt-4.1"), StreamListener.NONE));
		assertEquals(ProviderException.Kind.CONTEXT_WINDOW, openAiError.kind());

		server.then(status(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
				+ "\"prompt is too long: 210000 tokens > 200000 maximum\"}}"));
		ProviderException anthropicError = assertThrows(ProviderException.class,
				() -> stream(anthropic(null), StreamListener.NONE));
		assertEquals(ProviderException.Kind.CONTEXT_WINDOW, anthropicError.kind());
		assertTrue(anthropicError.getMessage().contains("prompt is too long: 210000 tokens > 200000 maximum"),
				anthropicError.getMessage());
	}

	@Test
	void anthropicDocumentedErrorBodyBecomesItsPlainMessage() {
		server.then(status(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
				+ "\"messages.1.content.0.tool_use.input: Input should be a valid dictionary\"}}"));
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(anthropic(null), StreamListener.NONE));
		assertEquals(ProviderException.Kind.BAD_REQUEST, e.kind());
		assertTrue(e.getMessage().endsWith("The server said: messages.1.content.0.tool_use.input: Input should be a "
				+ "valid dictionary"), e.getMessage());
		assertFalse(e.getMessage().contains("{"), "no JSON in the message: " + e.getMessage());
	}

	@Test
	void llamaCppErrorFieldBeforeAnyOutputIsRetriedNotASilentEmptyAnswer() throws Exception {
		server.then(sse("llamacpp-error-field-then-done.sse")).then(sse("openai-text.sse"));
		RecordingListener listener = new RecordingListener();
		ModelResponse response = stream(openAi("local"), listener);
		assertEquals("Hello, wörld! ✓ 𝄞", response.message().text());
		assertEquals(1, listener.retryReasons.size());
		assertTrue(listener.retryReasons.get(0).contains("Failed to parse input into a tool call"),
				listener.retryReasons.toString());
	}

	@Test
	void llamaCppErrorFieldEveryTimeEndsInAnErrorWithTheServersWords() {
		for (int i = 0; i < 3; i++) {
			server.then(sse("llamacpp-error-field-then-done.sse"));
		}
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(openAi("local"), StreamListener.NONE));
		assertTrue(e.getMessage().contains("Failed to parse input into a tool call"), e.getMessage());
		assertEquals(3, server.received().size());
	}

	@Test
	void llamaCppErrorFieldAfterTextKeepsTheTextMarkedInterrupted() throws Exception {
		byte[] text = LoopbackModelServer.resource("openai-text.sse");
		byte[] head = java.util.Arrays.copyOf(text, LoopbackModelServer.indexOf(text, "data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"gpt-4.1-2025-04-14\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_a1102cf978\",\"choices\":[{\"index\":0,\"delta\":{},"));
		server.then(LoopbackModelServer.sse(
				LoopbackModelServer.concat(head, LoopbackModelServer.resource("llamacpp-error-field-then-done.sse")),
				64));
		ModelResponse response = stream(openAi("local"), StreamListener.NONE);
		assertTrue(response.interrupted());
		assertEquals("Hello, wörld! ✓ 𝄞", response.message().text());
		assertTrue(response.interruption().contains("Failed to parse input"), response.interruption());
	}

	@Test
	void openRouterUpstreamErrorChunkBeforeOutputIsRetried() throws Exception {
		server.then(sse("openrouter-upstream-error-chunk.sse")).then(sse("openai-text.sse"));
		RecordingListener listener = new RecordingListener();
		ModelResponse response = stream(openAi("anthropic/claude-sonnet-4.5"), listener);
		assertEquals(StopReason.END_TURN, response.stopReason());
		assertTrue(listener.retryReasons.get(0).contains("Upstream provider overloaded"),
				listener.retryReasons.toString());
	}

	@Test
	void invalidRequestErrorChunkIsNotRetried() {
		server.then(LoopbackModelServer.sse(("data: {\"error\":{\"message\":\"Invalid tool schema\",\"type\":"
				+ "\"invalid_request_error\",\"code\":400}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8), 1024));
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(openAi("gpt-4.1"), StreamListener.NONE));
		assertEquals(1, server.received().size());
		assertTrue(e.getMessage().contains("Invalid tool schema"), e.getMessage());
	}

	@Test
	void errorChunkWhoseMessageIsNoStringStillEndsInAWordedError() {
		for (int i = 0; i < 3; i++) {
			server.then(LoopbackModelServer.sse(("data: {\"message\":[1],\"error\":{\"type\":{\"a\":1},"
					+ "\"code\":503}}\n\n").getBytes(StandardCharsets.UTF_8), 1024));
		}
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(openAi("gpt-4.1"), StreamListener.NONE));
		assertTrue(e.getMessage().startsWith("The server reported an error during the answer: "), e.getMessage());
		assertEquals(3, server.received().size(), "a 503 inside the stream is retried");
	}

	// --- local servers' context windows

	@Test
	void ollamaEmptyLengthAnswerSaysHowToRaiseTheWindow() {
		server.then(sse("ollama-empty-length-answer.sse"));
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(openAi("qwen2.5-coder:7b"), StreamListener.NONE));
		assertEquals(ProviderException.Kind.CONTEXT_WINDOW, e.kind());
		assertTrue(e.getMessage().contains("4096 tokens") && e.getMessage().contains("OLLAMA_CONTEXT_LENGTH")
				&& e.getMessage().contains("num_ctx"), e.getMessage());
	}

	@Test
	void promptMuchLargerThanWhatTheLocalServerReadGivesANotice() throws Exception {
		server.then(sse("ollama-whole-tool-call-then-stop.sse")).then(sse("ollama-whole-tool-call-then-stop.sse"));
		String big = "x ".repeat(12_000); // about 6,000 tokens; the server says it read 310
		try (ModelProvider provider = Providers.create(openAi("qwen2.5-coder:7b"))) {
			ModelResponse truncated = stream(provider,
					new ModelRequest("You are a test.", TOOLS, List.of(Message.user(big))), StreamListener.NONE);
			assertTrue(truncated.notice().contains("read only 310 tokens") && truncated.notice().contains("num_ctx"),
					truncated.notice());
			ModelResponse whole = stream(provider, hello(), StreamListener.NONE);
			assertEquals("", whole.notice(), "a prompt that fits says nothing");
		}
	}

	// --- Anthropic

	@Test
	void anthropicTemperatureAboveOneIsSentAsOneAndSaid() throws Exception {
		server.then(sse("anthropic-text.sse")).then(sse("anthropic-text.sse"));
		stream(anthropic(1.6), StreamListener.NONE);
		assertEquals(1.0, server.received().get(0).json().get("temperature").getAsDouble());
		assertTrue(anthropic(1.6).adjustment().orElseThrow().contains("1.6 is sent as 1.0"));
		assertTrue(anthropic(0.7).adjustment().isEmpty());
		ConnectionTestResult result = Providers.testConnection(anthropic(1.6));
		assertTrue(result.ok() && result.message().contains("sent as 1.0"), result.message());
		assertTrue(openAi("gpt-4.1").withLimits(100, 1.6).adjustment().isEmpty(), "OpenAI accepts up to 2");
	}

	@Test
	void modeFollowsTheCacheMarkSoSwitchingItKeepsTheCachedPrefix() throws Exception {
		server.then(sse("anthropic-text.sse"));
		try (ModelProvider provider = Providers.create(anthropic(null))) {
			stream(provider, new ModelRequest("Stable instructions.", "Mode: Supervised.", TOOLS,
					List.of(Message.user("hi"))), StreamListener.NONE);
		}
		JsonArray system = server.received().get(0).json().getAsJsonArray("system");
		assertEquals(2, system.size());
		assertEquals("Stable instructions.", system.get(0).getAsJsonObject().get("text").getAsString());
		assertTrue(system.get(0).getAsJsonObject().has("cache_control"));
		assertEquals("Mode: Supervised.", system.get(1).getAsJsonObject().get("text").getAsString());
		assertFalse(system.get(1).getAsJsonObject().has("cache_control"), "the mode is after the cache mark");

		server.then(sse("openai-text.sse"));
		try (ModelProvider provider = Providers.create(openAi("gpt-4.1"))) {
			stream(provider, new ModelRequest("Stable instructions.", "Mode: Supervised.", TOOLS,
					List.of(Message.user("hi"))), StreamListener.NONE);
		}
		assertEquals("Stable instructions.\nMode: Supervised.", server.received().get(1).json()
				.getAsJsonArray("messages").get(0).getAsJsonObject().get("content").getAsString());
	}

	@Test
	void longParallelStepKeepsACacheMarkWhereThePreviousRequestEnded() throws Exception {
		List<ContentPart> uses = new ArrayList<>();
		List<ContentPart> results = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			uses.add(new ContentPart.ToolUse("toolu_" + i, "read_file", "{\"path\":\"f" + i + "\"}"));
			results.add(new ContentPart.ToolResult("toolu_" + i, "content " + i, false));
		}
		List<Message> history = List.of(Message.user("Read all thirty files"), Message.assistant(uses),
				new Message(Role.USER, results, false));
		server.then(sse("anthropic-text.sse"));
		try (ModelProvider provider = Providers.create(anthropic(null))) {
			stream(provider, new ModelRequest("sys", TOOLS, history), StreamListener.NONE);
		}
		JsonObject body = server.received().get(0).json();
		JsonArray messages = body.getAsJsonArray("messages");
		JsonArray first = messages.get(0).getAsJsonObject().getAsJsonArray("content");
		assertTrue(first.get(first.size() - 1).getAsJsonObject().has("cache_control"),
				"the end of the previous request, 60 blocks back, is marked");
		JsonArray last = messages.get(2).getAsJsonObject().getAsJsonArray("content");
		assertTrue(last.get(29).getAsJsonObject().has("cache_control"), "the last tool result is marked");
		int marks = body.toString().split("cache_control", -1).length - 1;
		assertEquals(4, marks, "system, tools and the two ends: the API allows four");
	}

	@Test
	void pausedTurnIsSentBackSoTheModelContinuesIt() throws Exception {
		server.then(sse("anthropic-text.sse"));
		List<Message> history = List.of(Message.user("Look it up"),
				Message.assistant(List.of(new ContentPart.Text("Searching the documentation first. "))));
		try (ModelProvider provider = Providers.create(anthropic(null))) {
			stream(provider, new ModelRequest("sys", TOOLS, history), StreamListener.NONE);
		}
		JsonArray messages = server.received().get(0).json().getAsJsonArray("messages");
		JsonObject last = messages.get(messages.size() - 1).getAsJsonObject();
		assertEquals("assistant", last.get("role").getAsString());
		assertEquals("Searching the documentation first.",
				last.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString(),
				"the API refuses a final assistant text with trailing white space");
	}

	// --- models endpoints

	@Test
	void openAiCompatibleModelsAreListedSorted() throws Exception {
		server.then(status(200, "{\"object\":\"list\",\"data\":[{\"id\":\"qwen2.5-coder:7b\",\"object\":\"model\","
				+ "\"created\":1760000000,\"owned_by\":\"library\"},{\"id\":\"llama3.2:3b\",\"object\":\"model\"}]}"));
		List<String> models = Providers.listModels(openAi(""));
		assertEquals(List.of("llama3.2:3b", "qwen2.5-coder:7b"), models);
		LoopbackModelServer.Received request = server.received().get(0);
		assertEquals("GET", request.method());
		assertEquals("/v1/models", request.path());
		assertEquals("Bearer " + KEY, request.header("authorization"));
	}

	@Test
	void anthropicModelsArePagedThroughWithTheirHeaders() throws Exception {
		server.then(status(200, "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\",\"display_name\":"
				+ "\"Claude Sonnet 4.5\"}],\"has_more\":true,\"first_id\":\"claude-sonnet-4-5\",\"last_id\":"
				+ "\"claude-sonnet-4-5\"}"))
				.then(status(200, "{\"data\":[{\"type\":\"model\",\"id\":\"claude-haiku-4-5\"}],\"has_more\":false,"
						+ "\"first_id\":\"claude-haiku-4-5\",\"last_id\":\"claude-haiku-4-5\"}"));
		List<String> models = Providers.listModels(anthropic(null));
		assertEquals(List.of("claude-haiku-4-5", "claude-sonnet-4-5"), models);
		List<LoopbackModelServer.Received> received = server.received();
		assertEquals("/v1/models", received.get(0).path());
		assertEquals(KEY, received.get(0).header("x-api-key"));
		assertEquals("2023-06-01", received.get(0).header("anthropic-version"));
		assertEquals(2, received.size());
	}

	@Test
	void modelsEndpointFailuresAreWordedAndNeverShowTheKey() {
		server.then(status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
		ProviderException e = assertThrows(ProviderException.class, () -> Providers.listModels(openAi("")));
		assertEquals(ProviderException.Kind.AUTHENTICATION, e.kind());
		assertFalse(e.getMessage().contains(KEY));

		server.then(status(200, "<html>not an API</html>"));
		ProviderException html = assertThrows(ProviderException.class, () -> Providers.listModels(openAi("")));
		assertTrue(html.getMessage().contains("check the base URL"), html.getMessage());

		ProviderException blank = assertThrows(ProviderException.class,
				() -> Providers.listModels(openAi("").withBaseUrl("")));
		assertEquals(ProviderException.Kind.CONFIGURATION, blank.kind());
	}
}
