package dev.warden.core.tests.provider;

import static dev.warden.core.tests.provider.LoopbackModelServer.resource;
import static dev.warden.core.tests.provider.LoopbackModelServer.sse;
import static dev.warden.core.tests.provider.LoopbackModelServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.provider.ApiKey;
import dev.warden.core.operations.Cancellation;
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
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.ToolSpec;
import dev.warden.core.provider.Usage;

class AnthropicProviderTest {

	static final String KEY = "sk-ant-api03-SECRET-test-key-0123456789";

	private static final List<ToolSpec> TOOLS = List.of(
			new ToolSpec("read_file", "Read a file", "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}"),
			new ToolSpec("list_files", "List files", "{\"type\":\"object\",\"properties\":{}}"));

	private LoopbackModelServer server;

	@BeforeEach
	void start() throws Exception {
		server = new LoopbackModelServer();
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private ProviderConfig config(Duration timeout) {
		return new ProviderConfig(ProviderKind.ANTHROPIC, server.baseUrl(), "claude-sonnet-4-5", 1024, null, timeout,
				ApiKey.ofString(KEY), new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(5)));
	}

	private ModelResponse stream(ModelRequest request, StreamListener listener) throws ProviderException {
		try (ModelProvider provider = Providers.create(config(Duration.ofSeconds(10)))) {
			return provider.stream(request, listener, new Cancellation());
		}
	}

	private static ModelRequest hello() {
		return new ModelRequest("You are a test.", TOOLS, List.of(Message.user("Say hello")));
	}

	@Test
	void streamsTextAndReportsUsageWithCacheReadsAndWrites() throws Exception {
		server.then(sse("anthropic-text.sse"));
		RecordingListener listener = new RecordingListener();
		ModelResponse response = stream(hello(), listener);

		assertEquals("Hello, wörld! ✓ 𝄞", listener.text());
		assertEquals("Hello, wörld! ✓ 𝄞", response.message().text());
		assertEquals(StopReason.END_TURN, response.stopReason());
		assertFalse(response.message().interrupted());
		assertEquals(new Usage(12, 9, 5120, 1840), response.usage());
		assertEquals(new Usage(12, 9, 5120, 1840), listener.usage);
	}

	@Test
	void sendsKeyVersionAndCacheMarkersOnTheStablePrefix() throws Exception {
		server.then(sse("anthropic-text.sse"));
		stream(hello(), StreamListener.NONE);

		LoopbackModelServer.Received request = server.received().get(0);
		assertEquals("POST", request.method());
		assertEquals("/v1/messages", request.path());
		assertEquals(KEY, request.header("x-api-key"));
		assertEquals("2023-06-01", request.header("anthropic-version"));
		assertEquals("text/event-stream", request.header("accept"));
		JsonObject body = request.json();
		assertTrue(body.get("stream").getAsBoolean());
		assertEquals("claude-sonnet-4-5", body.get("model").getAsString());
		assertEquals(1024, body.get("max_tokens").getAsInt());
		JsonObject system = body.getAsJsonArray("system").get(0).getAsJsonObject();
		assertEquals("You are a test.", system.get("text").getAsString());
		assertEquals("ephemeral", system.getAsJsonObject("cache_control").get("type").getAsString());
		JsonArray tools = body.getAsJsonArray("tools");
		assertFalse(tools.get(0).getAsJsonObject().has("cache_control"), "only the last tool is a breakpoint");
		assertEquals("ephemeral",
				tools.get(1).getAsJsonObject().getAsJsonObject("cache_control").get("type").getAsString());
		assertEquals("object", tools.get(0).getAsJsonObject().getAsJsonObject("input_schema").get("type").getAsString());
	}

	@Test
	void assemblesToolCallsFromInputJsonFragments() throws Exception {
		server.then(sse("anthropic-tool-use.sse"));
		RecordingListener listener = new RecordingListener();
		ModelResponse response = stream(hello(), listener);

		assertEquals(StopReason.TOOL_USE, response.stopReason());
		List<ToolCall> expected = List.of(
				new ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "read_file",
						"{\"path\": \"src/Main.java\", \"start_line\": 10}"),
				new ToolCall("toolu_01Ux7KVDsKQuH8UFN9b2iJ3c", "list_files", "{\"glob\":\"*.java\"}"));
		assertEquals(expected, listener.calls);
		assertEquals(expected, response.message().toolCalls());
		assertEquals("Let me look at both files.", response.message().text());
		assertEquals(new Usage(472, 89, 0, 0), response.usage());
	}

	@Test
	void sendsToolUseAndToolResultBlocksBack() throws Exception {
		server.then(sse("anthropic-text.sse"));
		List<Message> history = List.of(Message.user("Read it"),
				Message.assistant(List.of(new ContentPart.Text("Reading."),
						new ContentPart.ToolUse("toolu_1", "read_file", "{\"path\":\"a.txt\"}"),
						new ContentPart.ToolUse("toolu_2", "read_file", "{\"path\": broken"))),
				new Message(Role.USER, List.of(new ContentPart.ToolResult("toolu_1", "1\tcontent", false),
						new ContentPart.ToolResult("toolu_2", "The arguments are not valid JSON", true)), false));
		stream(new ModelRequest("sys", TOOLS, history), StreamListener.NONE);

		JsonArray messages = server.received().get(0).json().getAsJsonArray("messages");
		assertEquals(3, messages.size());
		JsonArray assistant = messages.get(1).getAsJsonObject().getAsJsonArray("content");
		JsonObject use = assistant.get(1).getAsJsonObject();
		assertEquals("tool_use", use.get("type").getAsString());
		assertEquals("toolu_1", use.get("id").getAsString());
		assertEquals("a.txt", use.getAsJsonObject("input").get("path").getAsString());
		assertEquals(0, assistant.get(2).getAsJsonObject().getAsJsonObject("input").size(),
				"malformed arguments are sent back as an empty object");
		JsonObject user = messages.get(2).getAsJsonObject();
		assertEquals("user", user.get("role").getAsString());
		JsonObject ok = user.getAsJsonArray("content").get(0).getAsJsonObject();
		assertEquals("tool_result", ok.get("type").getAsString());
		assertEquals("toolu_1", ok.get("tool_use_id").getAsString());
		assertEquals("1\tcontent", ok.get("content").getAsString());
		assertFalse(ok.has("is_error"));
		JsonObject failed = user.getAsJsonArray("content").get(1).getAsJsonObject();
		assertTrue(failed.get("is_error").getAsBoolean());
		assertEquals("ephemeral", failed.getAsJsonObject("cache_control").get("type").getAsString(),
				"the end of the conversation is a cache breakpoint for the next turn");
	}

	@Test
	void streamSplitIntoTinyCrlfChunksGivesTheSameAnswer() throws Exception {
		server.then(LoopbackModelServer.sse(LoopbackModelServer.crlf(resource("anthropic-text.sse")), 3));
		ModelResponse response = stream(hello(), StreamListener.NONE);
		assertEquals("Hello, wörld! ✓ 𝄞", response.message().text());
		assertEquals(StopReason.END_TURN, response.stopReason());
	}

	@Test
	void truncatedStreamKeepsThePartialTextMarkedInterrupted() throws Exception {
		server.then(sse("anthropic-truncated.sse"));
		RecordingListener listener = new RecordingListener();
		ModelResponse response = stream(hello(), listener);

		assertTrue(response.interrupted());
		assertTrue(response.message().interrupted());
		assertEquals("Hello, wörld", response.message().text());
		assertEquals("Hello, wörld", listener.text());
		assertTrue(response.interruption().contains("ended before the answer was complete"),
				response.interruption());
		assertEquals(1, server.received().size(), "a stream with output is not repeated");
	}

	@Test
	void connectionDroppedMidBodyKeepsThePartialText() throws Exception {
		byte[] stream = resource("anthropic-text.sse");
		int cut = LoopbackModelServer.indexOf(stream, "! ✓");
		server.then(LoopbackModelServer.cutOff(stream, cut));
		ModelResponse response = stream(hello(), StreamListener.NONE);
		assertTrue(response.interrupted());
		assertEquals("Hello, wörld", response.message().text());
	}

	@Test
	void retriesAfter429HonouringRetryAfterSeconds() throws Exception {
		server.then(status(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}",
				"Retry-After", "1")).then(sse("anthropic-text.sse"));
		RecordingListener listener = new RecordingListener();
		ModelResponse response = stream(hello(), listener);

		assertEquals("Hello, wörld! ✓ 𝄞", response.message().text());
		assertEquals(2, server.received().size());
		assertEquals(List.of(Duration.ofSeconds(1)), listener.retryDelays);
		assertTrue(listener.retryReasons.get(0).contains("429"), listener.retryReasons.get(0));
	}

	@Test
	void retriesAfter500WithBackoff() throws Exception {
		server.then(status(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal\"}}"))
				.then(sse("anthropic-text.sse"));
		RecordingListener listener = new RecordingListener();
		ModelResponse response = stream(hello(), listener);
		assertEquals(StopReason.END_TURN, response.stopReason());
		assertEquals(List.of(Duration.ofMillis(20)), listener.retryDelays);
	}

	@Test
	void overloadedErrorEventBeforeAnyOutputIsRetried() throws Exception {
		server.then(sse("anthropic-overloaded.sse")).then(sse("anthropic-text.sse"));
		ModelResponse response = stream(hello(), StreamListener.NONE);
		assertEquals("Hello, wörld! ✓ 𝄞", response.message().text());
		assertEquals(2, server.received().size());
	}

	@Test
	void persistent503EndsWithAClearErrorAfterBoundedAttempts() {
		for (int i = 0; i < 5; i++) {
			server.then(status(503, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"unavailable\"}}"));
		}
		ProviderException e = assertThrows(ProviderException.class, () -> stream(hello(), StreamListener.NONE));
		assertEquals(ProviderException.Kind.SERVER_ERROR, e.kind());
		assertEquals(3, server.received().size());
		assertTrue(e.getMessage().contains("failed 3 times in a row"), e.getMessage());
		assertTrue(e.getMessage().contains("503"), e.getMessage());
	}

	@Test
	void slowServerTimesOutWithClearWords() throws Exception {
		server.then(LoopbackModelServer.delayed(Duration.ofSeconds(3), sse("anthropic-text.sse")));
		try (ModelProvider provider = Providers.create(config(Duration.ofMillis(300)))) {
			ProviderException e = assertThrows(ProviderException.class,
					() -> provider.stream(hello(), StreamListener.NONE, new Cancellation()));
			assertEquals(ProviderException.Kind.TIMEOUT, e.kind());
			assertTrue(e.getMessage().contains("did not answer within 0.3 s"), e.getMessage());
		}
	}

	@Test
	void serverThatStallsMidStreamKeepsThePartialAnswer() throws Exception {
		byte[] stream = resource("anthropic-text.sse");
		int cut = LoopbackModelServer.indexOf(stream, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"! ");
		CountDownLatch never = new CountDownLatch(1);
		server.then(LoopbackModelServer.stall(java.util.Arrays.copyOf(stream, cut), never, new byte[0]));
		// long enough for the answer's start to arrive on a busy machine; the stall after it is endless
		try (ModelProvider provider = Providers.create(config(Duration.ofSeconds(3)))) {
			ModelResponse response = provider.stream(hello(), StreamListener.NONE, new Cancellation());
			assertTrue(response.interrupted());
			assertEquals("Hello, wörld", response.message().text());
			assertTrue(response.interruption().contains("stopped sending"), response.interruption());
		} finally {
			never.countDown();
		}
	}

	@Test
	void rejectedKeyPointsToPreferencesAndNeverShowsTheKey() throws Exception {
		server.then(status(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key "
				+ KEY + "\"}}"));
		ProviderException e = assertThrows(ProviderException.class, () -> stream(hello(), StreamListener.NONE));
		assertEquals(ProviderException.Kind.AUTHENTICATION, e.kind());
		assertTrue(e.getMessage().contains("check it in Preferences > Warden > Model"), e.getMessage());
		assertFalse(e.getMessage().contains(KEY));
		assertFalse(String.valueOf(e).contains(KEY));
		assertFalse(config(Duration.ofSeconds(1)).toString().contains(KEY));
		assertEquals(1, server.received().size(), "a rejected key is not retried");
	}

	@Test
	void unknownModelNamesTheModel() {
		server.then(status(404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-sonnet-4-5\"}}"));
		ProviderException e = assertThrows(ProviderException.class, () -> stream(hello(), StreamListener.NONE));
		assertEquals(ProviderException.Kind.UNKNOWN_MODEL, e.kind());
		assertTrue(e.getMessage().contains("The model 'claude-sonnet-4-5' is not known"), e.getMessage());
	}

	@Test
	void cancellationMidStreamStopsTheRequestAndKeepsWhatArrived() throws Exception {
		byte[] stream = resource("anthropic-text.sse");
		int cut = LoopbackModelServer.indexOf(stream, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\", w");
		CountDownLatch release = new CountDownLatch(1);
		server.then(LoopbackModelServer.stall(java.util.Arrays.copyOf(stream, cut), release,
				java.util.Arrays.copyOfRange(stream, cut, stream.length)));
		Cancellation cancellation = new Cancellation();
		StreamListener cancelOnFirstText = new StreamListener() {
			@Override
			public void textDelta(String delta) {
				Thread.ofPlatform().start(cancellation::cancel);
			}
		};
		try (ModelProvider provider = Providers.create(config(Duration.ofSeconds(30)))) {
			ModelResponse response = provider.stream(hello(), cancelOnFirstText, cancellation);
			assertTrue(response.interrupted());
			assertEquals("Hello", response.message().text(), "nothing sent after the cancellation arrives");
			assertEquals("Cancelled by the user.", response.interruption());
		} finally {
			release.countDown();
		}
	}

	@Test
	void cancellationBeforeAnswerThrowsCancelled() throws Exception {
		server.then(LoopbackModelServer.delayed(Duration.ofSeconds(5), sse("anthropic-text.sse")));
		Cancellation cancellation = new Cancellation();
		try (ModelProvider provider = Providers.create(config(Duration.ofSeconds(30)))) {
			Thread.ofPlatform().start(() -> {
				while (server.received().isEmpty()) {
					Thread.onSpinWait();
				}
				cancellation.cancel();
			});
			ProviderException e = assertThrows(ProviderException.class,
					() -> provider.stream(hello(), StreamListener.NONE, cancellation));
			assertEquals(ProviderException.Kind.CANCELLED, e.kind());
		}
	}

	@Test
	void unreachableServerSaysSo() throws Exception {
		String base = server.baseUrl();
		server.close();
		ProviderConfig config = config(Duration.ofSeconds(5)).withBaseUrl(base);
		try (ModelProvider provider = Providers.create(config)) {
			ProviderException e = assertThrows(ProviderException.class,
					() -> provider.stream(hello(), StreamListener.NONE, new Cancellation()));
			assertEquals(ProviderException.Kind.UNREACHABLE, e.kind());
			assertTrue(e.getMessage().contains("is the server running"), e.getMessage());
		}
	}

	@Test
	void testConnectionReportsSuccessAndFailureInWords() {
		server.then(sse("anthropic-text.sse"));
		ConnectionTestResult ok = Providers.testConnection(config(Duration.ofSeconds(5)));
		assertTrue(ok.ok(), ok.message());
		assertTrue(ok.message().startsWith("Connected: claude-sonnet-4-5 at 127.0.0.1:"), ok.message());
		assertEquals(16, server.received().get(0).json().get("max_tokens").getAsInt());

		server.then(status(401, "{}"));
		ConnectionTestResult bad = Providers.testConnection(config(Duration.ofSeconds(5)));
		assertFalse(bad.ok());
		assertEquals(ProviderException.Kind.AUTHENTICATION, bad.failure().orElseThrow());
		assertFalse(bad.message().contains(KEY));

		ConnectionTestResult blank = Providers.testConnection(config(Duration.ofSeconds(5)).withModel(" "));
		assertFalse(blank.ok());
		assertEquals("Enter the name of the model to use.", blank.message());
	}
}
