package dev.warden.core.tests.provider;

import static dev.warden.core.tests.provider.LoopbackModelServer.sse;
import static dev.warden.core.tests.provider.LoopbackModelServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.provider.ApiKey;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.StreamListener;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.ToolSpec;
import dev.warden.core.provider.Usage;

class OpenAiCompatibleProviderTest {

	static final String KEY = "sk-proj-SECRET-openai-test-key-9876543210";

	private static final List<ToolSpec> TOOLS = List.of(new ToolSpec("read_file", "Read a file",
			"{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}"));

	private LoopbackModelServer server;

	@BeforeEach
	void start() throws Exception {
		server = new LoopbackModelServer();
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private ProviderConfig config(ApiKey key) {
		return new ProviderConfig(ProviderKind.OPENAI_COMPATIBLE, server.baseUrl() + "/v1", "gpt-4.1", 2048, 0.2,
				Duration.ofSeconds(10), key, new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(5)));
	}

	private ModelResponse stream(ProviderConfig config, ModelRequest request, StreamListener listener)
			throws ProviderException {
		try (ModelProvider provider = Providers.create(config)) {
			return provider.stream(request, listener, new Cancellation());
		}
	}

	private static ModelRequest hello() {
		return new ModelRequest("You are a test.", TOOLS, List.of(Message.user("Say hello")));
	}

	@Test
	void streamsTextWithUsageIncludingCachedPromptTokens() throws Exception {
		server.then(sse("openai-text.sse"));
		RecordingListener listener = new RecordingListener();
		ModelResponse response = stream(config(ApiKey.ofString(KEY)), hello(), listener);

		assertEquals("Hello, wörld! ✓ 𝄞", listener.text());
		assertEquals("Hello, wörld! ✓ 𝄞", response.message().text());
		assertEquals(StopReason.END_TURN, response.stopReason());
		assertEquals(new Usage(86, 9, 1920, 0), response.usage());
		assertEquals(2006, response.usage().promptTokens());
	}

	@Test
	void sendsBearerKeyStreamOptionsAndFunctionTools() throws Exception {
		server.then(sse("openai-text.sse"));
		stream(config(ApiKey.ofString(KEY)), hello(), StreamListener.NONE);

		LoopbackModelServer.Received request = server.received().get(0);
		assertEquals("/v1/chat/completions", request.path());
		assertEquals("Bearer " + KEY, request.header("authorization"));
		JsonObject body = request.json();
		assertTrue(body.get("stream").getAsBoolean());
		assertTrue(body.getAsJsonObject("stream_options").get("include_usage").getAsBoolean());
		assertEquals(2048, body.get("max_tokens").getAsInt());
		assertEquals(0.2, body.get("temperature").getAsDouble());
		JsonArray messages = body.getAsJsonArray("messages");
		assertEquals("system", messages.get(0).getAsJsonObject().get("role").getAsString());
		assertEquals("Say hello", messages.get(1).getAsJsonObject().get("content").getAsString());
		JsonObject function = body.getAsJsonArray("tools").get(0).getAsJsonObject().getAsJsonObject("function");
		assertEquals("read_file", function.get("name").getAsString());
		assertEquals("path", function.getAsJsonObject("parameters").getAsJsonArray("required").get(0).getAsString());
	}

	@Test
	void localServerWithoutKeyGetsNoAuthorizationHeader() throws Exception {
		server.then(sse("openai-text.sse"));
		ProviderConfig ollama = ProviderPreset.OLLAMA.toConfig("qwen2.5-coder:7b", ApiKey.NONE)
				.withBaseUrl(server.baseUrl() + "/v1");
		stream(ollama, hello(), StreamListener.NONE);
		assertNull(server.received().get(0).header("authorization"));
		assertEquals("qwen2.5-coder:7b", server.received().get(0).json().get("model").getAsString());
	}

	@Test
	void assemblesInterleavedParallelToolCallsByIndex() throws Exception {
		server.then(sse("openai-parallel-tools.sse"));
		RecordingListener listener = new RecordingListener();
		ModelResponse response = stream(config(ApiKey.ofString(KEY)), hello(), listener);

		List<ToolCall> expected = List.of(new ToolCall("call_read", "read_file", "{\"path\": \"README.md\"}"),
				new ToolCall("call_list", "list_files", "{\"glob\":\"*.java\"}"));
		assertEquals(expected, listener.calls);
		assertEquals(expected, response.message().toolCalls());
		assertEquals(StopReason.TOOL_USE, response.stopReason());
		assertEquals(new Usage(350, 40, 0, 0), response.usage());
	}

	@Test
	void sendsToolCallsAndToolMessagesBack() throws Exception {
		server.then(sse("openai-text.sse"));
		List<Message> history = List.of(Message.user("Read it"),
				Message.assistant(List.of(new ContentPart.ToolUse("call_1", "read_file", "{\"path\":\"a.txt\"}"))),
				new Message(Role.USER, List.of(new ContentPart.ToolResult("call_1", "no such file", true)), false));
		stream(config(ApiKey.ofString(KEY)), new ModelRequest("", TOOLS, history), StreamListener.NONE);

		JsonArray messages = server.received().get(0).json().getAsJsonArray("messages");
		assertEquals(3, messages.size(), "no system message when the system prompt is empty");
		JsonObject assistant = messages.get(1).getAsJsonObject();
		assertFalse(assistant.has("content"), "an assistant turn of only tool calls has no content");
		JsonObject call = assistant.getAsJsonArray("tool_calls").get(0).getAsJsonObject();
		assertEquals("call_1", call.get("id").getAsString());
		assertEquals("{\"path\":\"a.txt\"}", call.getAsJsonObject("function").get("arguments").getAsString());
		JsonObject tool = messages.get(2).getAsJsonObject();
		assertEquals("tool", tool.get("role").getAsString());
		assertEquals("call_1", tool.get("tool_call_id").getAsString());
		assertEquals("Error: no such file", tool.get("content").getAsString());
	}

	@Test
	void malformedToolArgumentsArePassedOnVerbatim() throws Exception {
		server.then(sse("openai-bad-arguments.sse"));
		ModelResponse response = stream(config(ApiKey.ofString(KEY)), hello(), StreamListener.NONE);
		assertEquals(new ToolCall("call_bad", "read_file", "{\"path\": \"README.md\""),
				response.message().toolCalls().get(0));
	}

	@Test
	void streamWithoutDoneOrFinishReasonIsInterruptedWithPartialText() throws Exception {
		server.then(sse("openai-truncated.sse"));
		ModelResponse response = stream(config(ApiKey.ofString(KEY)), hello(), StreamListener.NONE);
		assertTrue(response.interrupted());
		assertEquals("Partial answer", response.message().text());
	}

	@Test
	void retryAfterAsHttpDateIsHonoured() throws Exception {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(2));
		server.then(status(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", "Retry-After", date))
				.then(sse("openai-text.sse"));
		RecordingListener listener = new RecordingListener();
		ModelResponse response = stream(config(ApiKey.ofString(KEY)), hello(), listener);
		assertEquals(StopReason.END_TURN, response.stopReason());
		Duration delay = listener.retryDelays.get(0);
		assertTrue(delay.compareTo(Duration.ofMillis(100)) > 0 && delay.compareTo(Duration.ofSeconds(2)) <= 0,
				delay.toString());
	}

	@Test
	void persistent429SaysRateLimited() {
		for (int i = 0; i < 3; i++) {
			server.then(status(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", "Retry-After", "0"));
		}
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(config(ApiKey.ofString(KEY)), hello(), StreamListener.NONE));
		assertEquals(ProviderException.Kind.RATE_LIMITED, e.kind());
		assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
	}

	@Test
	void unknownOllamaModelNamesTheModel() {
		server.then(status(404, "{\"error\":{\"message\":\"model \\\"gpt-4.1\\\" not found, try pulling it first\",\"type\":\"api_error\"}}"));
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(config(ApiKey.NONE), hello(), StreamListener.NONE));
		assertEquals(ProviderException.Kind.UNKNOWN_MODEL, e.kind());
		assertTrue(e.getMessage().contains("'gpt-4.1'"), e.getMessage());
	}

	@Test
	void wrongBaseUrlSaysNothingAnswered() {
		server.then(status(404, "404 page not found"));
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(config(ApiKey.NONE), hello(), StreamListener.NONE));
		assertEquals(ProviderException.Kind.NOT_FOUND, e.kind());
		assertTrue(e.getMessage().contains("check the base URL"), e.getMessage());
	}

	@Test
	void forbiddenKeyIsRedactedEvenWhenTheServerEchoesIt() {
		server.then(status(403, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(config(ApiKey.ofString(KEY)), hello(), StreamListener.NONE));
		assertEquals(ProviderException.Kind.AUTHENTICATION, e.kind());
		assertFalse(e.getMessage().contains(KEY));
		assertTrue(e.getMessage().contains("Preferences > Warden > Model"));
	}

	@Test
	void badRequestQuotesTheServerWithoutTheKey() {
		server.then(status(400, "{\"error\":{\"message\":\"context too long for key " + KEY + "\"}}"));
		ProviderException e = assertThrows(ProviderException.class,
				() -> stream(config(ApiKey.ofString(KEY)), hello(), StreamListener.NONE));
		assertEquals(ProviderException.Kind.BAD_REQUEST, e.kind());
		assertTrue(e.getMessage().contains("context too long for key [API key]"), e.getMessage());
	}

	@Test
	void presetsPointAtTheUsualLocalPorts() {
		assertEquals("http://localhost:11434/v1", ProviderPreset.OLLAMA.baseUrl());
		assertEquals("http://localhost:1234/v1", ProviderPreset.LM_STUDIO.baseUrl());
		assertEquals("http://localhost:8000/v1", ProviderPreset.VLLM.baseUrl());
		assertEquals("http://localhost:8080/v1", ProviderPreset.LLAMA_CPP.baseUrl());
		assertEquals(ProviderKind.ANTHROPIC, ProviderPreset.ANTHROPIC.kind());
		assertFalse(ProviderPreset.OLLAMA.keyRequired());
		assertTrue(ProviderPreset.OPENROUTER.keyRequired());
	}
}
