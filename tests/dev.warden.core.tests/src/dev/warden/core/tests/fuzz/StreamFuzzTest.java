package dev.warden.core.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

import dev.warden.core.internal.provider.AnthropicDecoder;
import dev.warden.core.internal.provider.EventDecoder;
import dev.warden.core.internal.provider.OpenAiDecoder;
import dev.warden.core.internal.provider.ResponseAssembler;
import dev.warden.core.internal.provider.SseParser;
import dev.warden.core.internal.provider.StreamFailure;
import dev.warden.core.provider.StreamListener;

/**
 * The SSE reader and both providers' decoders under hostile streams: bytes cut anywhere, events whose JSON has the
 * protocol's keys with values of every type and size. The reader never throws; a decoder throws nothing but
 * {@link StreamFailure}; the assembled answer can always be completed; nothing takes long.
 */
class StreamFuzzTest {

	private static final List<String> KEYS = List.of("type", "index", "delta", "text", "partial_json", "content_block",
			"id", "name", "input", "message", "usage", "input_tokens", "output_tokens", "cache_read_input_tokens",
			"cache_creation_input_tokens", "stop_reason", "error", "choices", "content", "tool_calls", "function",
			"arguments", "finish_reason", "prompt_tokens", "completion_tokens", "role", "reasoning_content");

	private static final List<String> STRINGS = List.of("message_start", "content_block_start", "content_block_delta",
			"content_block_stop", "message_delta", "message_stop", "error", "ping", "text", "text_delta", "tool_use",
			"input_json_delta", "end_turn", "tool_use", "max_tokens", "stop_sequence", "overloaded_error", "tool_calls",
			"stop", "length", "function", "{\"path\":", "\"src\"}", "", "\u0000", "\ud800", "x".repeat(5000));

	private static final List<String> NUMBERS = List.of("0", "1", "-1", "2", "7", "2147483648", "-2147483649",
			"9223372036854775808", "1e308", "1e999", "-0", "1.5", "0.0000001", "1E-999999", "123456789012345678901234567890",
			"1e2147483648");

	private static final Gen<String> EVENT_DATA = in -> Fuzz.between(in, 0, 9) == 0
			? Fuzz.soup(List.of("{", "}", "[", "]", "\"", ":", ",", "data", "[DONE]", "null", "1e999", "\\u"), 30)
					.generate(in)
			: json(in, 0);

	@AfterAll
	static void report() {
		Fuzz.report("sse-reader");
		Fuzz.report("anthropic-decoder");
		Fuzz.report("openai-decoder");
	}

	@Test
	void sseReaderNeverFailsWhereverTheBytesAreCut() {
		Gen<byte[]> streams = Fuzz.mostly(in -> stream(in).getBytes(StandardCharsets.UTF_8), Fuzz.bytes(4_000));
		Fuzz.theory(8_000).forAll(streams, Fuzz.bytes(16)).checkAssert((bytes, cuts) -> Fuzz.timed("sse-reader",
				bytes, () -> {
					List<String> events = new ArrayList<>();
					SseParser parser = new SseParser((type, data) -> events.add(type + data));
					feed(parser, bytes, cuts);
					parser.finish();
				}));
	}

	@Test
	void anthropicDecoderThrowsOnlyStreamFailures() {
		decode("anthropic-decoder", AnthropicDecoder::new);
	}

	@Test
	void openAiDecoderThrowsOnlyStreamFailures() {
		decode("openai-decoder", OpenAiDecoder::new);
	}

	private static void decode(String fuzzer, Function<ResponseAssembler, EventDecoder> decoders) {
		Gen<String> streams = StreamFuzzTest::stream;
		Fuzz.theory(8_000).forAll(streams, Fuzz.bytes(16)).checkAssert((text, cuts) -> Fuzz.timed(fuzzer, text, () -> {
			ResponseAssembler assembler = new ResponseAssembler(StreamListener.NONE);
			EventDecoder decoder = decoders.apply(assembler);
			SseParser parser = new SseParser((type, data) -> {
				try {
					decoder.event(type, data);
				} catch (StreamFailure e) {
					assertNotNull(e.getMessage());
				}
			});
			feed(parser, text.getBytes(StandardCharsets.UTF_8), cuts);
			parser.finish();
			assertNotNull(assembler.complete());
			assertNotNull(assembler.interrupted("fuzz"));
		}));
	}

	/** Feeds {@code bytes} in chunks whose sizes come from {@code cuts}. */
	private static void feed(SseParser parser, byte[] bytes, byte[] cuts) {
		int at = 0;
		int i = 0;
		while (at < bytes.length) {
			int size = cuts.length == 0 ? bytes.length : 1 + (cuts[i++ % cuts.length] & 0xff);
			int n = Math.min(size, bytes.length - at);
			parser.feed(bytes, at, n);
			at += n;
		}
	}

	/** A stream of a few events, with comments, field variants and line endings of every kind. */
	private static String stream(RandomnessSource in) {
		StringBuilder b = new StringBuilder();
		if (Fuzz.between(in, 0, 5) == 0) {
			b.append('\ufeff');
		}
		int events = Fuzz.between(in, 0, 12);
		String[] endings = { "\n", "\r\n", "\r" };
		for (int e = 0; e < events; e++) {
			String eol = endings[Fuzz.between(in, 0, 2)];
			switch (Fuzz.between(in, 0, 5)) {
			case 0 -> b.append(": keep-alive").append(eol);
			case 1 -> b.append("event: ").append(STRINGS.get(Fuzz.between(in, 0, STRINGS.size() - 1))).append(eol);
			case 2 -> b.append("retry: 10").append(eol).append("id: 7").append(eol);
			default -> {
			}
			}
			String data = EVENT_DATA.generate(in);
			for (String line : data.split("\n", -1)) {
				b.append(Fuzz.between(in, 0, 3) == 0 ? "data:" : "data: ").append(line).append(eol);
			}
			if (Fuzz.between(in, 0, 7) != 0) {
				b.append(eol);
			}
		}
		if (Fuzz.between(in, 0, 3) == 0) {
			b.append("data: [DONE]\n\n");
		}
		return b.toString();
	}

	/** A JSON value, mostly objects with the protocol's keys. */
	private static String json(RandomnessSource in, int depth) {
		int kind = depth > 4 ? Fuzz.between(in, 2, 6) : Fuzz.between(in, 0, 6);
		switch (kind) {
		case 0, 1 -> {
			StringBuilder b = new StringBuilder("{");
			int fields = Fuzz.between(in, 0, 6);
			for (int i = 0; i < fields; i++) {
				if (i > 0) {
					b.append(',');
				}
				b.append('"').append(KEYS.get(Fuzz.between(in, 0, KEYS.size() - 1))).append("\":")
						.append(json(in, depth + 1));
			}
			return b.append('}').toString();
		}
		case 2 -> {
			StringBuilder b = new StringBuilder("[");
			int items = Fuzz.between(in, 0, 3);
			for (int i = 0; i < items; i++) {
				b.append(i > 0 ? "," : "").append(depth > 4 ? "1" : json(in, depth + 1));
			}
			return b.append(']').toString();
		}
		case 3 -> {
			return NUMBERS.get(Fuzz.between(in, 0, NUMBERS.size() - 1));
		}
		case 4 -> {
			return List.of("true", "false", "null").get(Fuzz.between(in, 0, 2));
		}
		default -> {
			String s = STRINGS.get(Fuzz.between(in, 0, STRINGS.size() - 1));
			return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000") + '"';
		}
		}
	}
}
