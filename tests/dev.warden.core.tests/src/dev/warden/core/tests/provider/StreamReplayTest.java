package dev.warden.core.tests.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.ToolCall;

/**
 * Replays recorded and documented streams of the providers and of the open-source servers (Ollama, llama.cpp, vLLM)
 * over the loopback server, one case a line of {@code stream-replays.tsv}: the decoded stop reason, text, tool calls
 * and whether the answer is marked cut off.
 */
class StreamReplayTest {

	private LoopbackModelServer server;

	@BeforeEach
	void start() throws Exception {
		server = new LoopbackModelServer();
	}

	@AfterEach
	void stop() {
		server.close();
	}

	static Stream<Arguments> replays() throws Exception {
		List<Arguments> cases = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(
				StreamReplayTest.class.getResourceAsStream("stream-replays.tsv"), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] c = line.split("\t", -1);
				if (c.length != 8) {
					throw new IllegalArgumentException("stream-replays.tsv: 8 columns expected in: " + line);
				}
				cases.add(Arguments.of(c[0], c[1], c[2], StopReason.valueOf(c[3]), c[4], c[5], c[6],
						c[7].equals("yes")));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("replays")
	void replayDecodesAsTheServerMeantIt(String name, String file, String protocol, StopReason stop, String text,
			String calls, String ids, boolean cutOff) throws Exception {
		server.then(LoopbackModelServer.sse(file));
		boolean anthropic = protocol.equals("anthropic");
		ProviderConfig config = new ProviderConfig(anthropic ? ProviderKind.ANTHROPIC : ProviderKind.OPENAI_COMPATIBLE,
				server.baseUrl() + (anthropic ? "" : "/v1"), "test-model", 1024, null, Duration.ofSeconds(10),
				ApiKey.NONE, RetryPolicy.NONE);
		RecordingListener listener = new RecordingListener();
		ModelResponse response;
		try (ModelProvider provider = Providers.create(config)) {
			response = provider.stream(new ModelRequest("", List.of(), List.of(Message.user("go"))), listener,
					new Cancellation());
		}

		assertEquals(stop, response.stopReason());
		assertEquals(text.equals("-") ? "" : text, response.message().text().strip());
		List<ToolCall> received = response.message().toolCalls();
		List<String> expectedCalls = calls.equals("-") ? List.of() : Arrays.asList(calls.split(" ;; "));
		assertEquals(expectedCalls, received.stream().map(c -> c.name() + ' ' + c.argumentsJson()).toList());
		assertEquals(received, listener.calls, "the listener heard the same calls");
		List<String> expectedIds = ids.equals("-") ? List.of() : Arrays.asList(ids.split(","));
		for (int i = 0; i < expectedIds.size(); i++) {
			String id = received.get(i).id();
			if (expectedIds.get(i).equals("*")) {
				assertTrue(id.startsWith("call_") && id.length() > 10, "a generated id: " + id);
			} else {
				assertEquals(expectedIds.get(i), id);
			}
		}
		assertEquals(received.size(), received.stream().map(ToolCall::id).distinct().count(), "ids are unique");
		assertEquals(cutOff, response.message().interrupted(), "marked cut off");
		if (cutOff || stop == StopReason.REFUSAL) {
			assertFalse(response.interruption().isEmpty(), "says why the answer is not complete");
		}
	}
}
