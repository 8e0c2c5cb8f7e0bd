package dev.warden.core.tests.provider;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.warden.core.internal.provider.AnthropicDecoder;
import dev.warden.core.internal.provider.EventDecoder;
import dev.warden.core.internal.provider.OpenAiDecoder;
import dev.warden.core.internal.provider.ResponseAssembler;
import dev.warden.core.internal.provider.SseParser;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.provider.StreamListener;

/**
 * Measures the CPU cost per streamed token of parsing server-sent events and dispatching the deltas: in memory
 * (parser + protocol decoder + assembler + listener on one thread) and end to end over loopback HTTP (whole process,
 * including the server writing the stream, so an upper bound). Prints ns/token and the share of one core that a
 * 1,000 token/s stream costs.
 * <p>
 * Run: {@code java -cp <gson>:<core classes>:<test classes> dev.warden.core.tests.provider.StreamBenchmark [tokens]}
 */
public final class StreamBenchmark {

	private StreamBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		byte[] anthropic = anthropicStream(tokens);
		byte[] openai = openAiStream(tokens);
		System.out.printf(Locale.ROOT, "Stream of %,d text deltas: Anthropic %,d bytes, OpenAI %,d bytes%n", tokens,
				anthropic.length, openai.length);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int round = 1; round <= 5; round++) {
			long a = inMemory(anthropic, AnthropicDecoder::new, tokens, threads);
			long o = inMemory(openai, OpenAiDecoder::new, tokens, threads);
			if (round >= 3) {
				report("in memory, Anthropic, round " + round, a, tokens);
				report("in memory, OpenAI,    round " + round, o, tokens);
			}
		}
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
				.getOperatingSystemMXBean();
		try (LoopbackModelServer server = new LoopbackModelServer()) {
			for (int round = 1; round <= 4; round++) {
				server.then(LoopbackModelServer.sse(anthropic, 64 * 1024));
				ProviderConfig config = new ProviderConfig(ProviderKind.ANTHROPIC, server.baseUrl(), "bench", 1024, null,
						Duration.ofSeconds(60), ApiKey.NONE, RetryPolicy.NONE);
				long[] count = { 0 };
				StreamListener listener = new StreamListener() {
					@Override
					public void textDelta(String text) {
						count[0]++;
					}
				};
				try (ModelProvider provider = Providers.create(config)) {
					long cpu = os.getProcessCpuTime();
					long wall = System.nanoTime();
					ModelResponse response = provider.stream(
							new ModelRequest("", List.of(), List.of(Message.user("go"))), listener, new Cancellation());
					long cpuUsed = os.getProcessCpuTime() - cpu;
					wall = System.nanoTime() - wall;
					if (count[0] != tokens || response.interrupted()) {
						throw new IllegalStateException("stream incomplete: " + count[0]);
					}
					if (round >= 2) {
						report("loopback HTTP, Anthropic, process CPU, round " + round, cpuUsed, tokens);
						System.out.printf(Locale.ROOT, "    (wall time %.0f ms)%n", wall / 1e6);
					}
				}
			}
		}
	}

	private static long inMemory(byte[] stream, Function<ResponseAssembler, EventDecoder> decoders, int tokens,
			ThreadMXBean threads) {
		long[] count = { 0 };
		StreamListener listener = new StreamListener() {
			@Override
			public void textDelta(String text) {
				count[0]++;
			}
		};
		long start = threads.getCurrentThreadCpuTime();
		ResponseAssembler assembler = new ResponseAssembler(listener);
		EventDecoder decoder = decoders.apply(assembler);
		SseParser parser = new SseParser(decoder::event);
		for (int i = 0; i < stream.length && !decoder.ended(); i += 8192) {
			parser.feed(stream, i, Math.min(8192, stream.length - i));
		}
		assembler.complete();
		long used = threads.getCurrentThreadCpuTime() - start;
		if (count[0] != tokens) {
			throw new IllegalStateException("expected " + tokens + " deltas, got " + count[0]);
		}
		return used;
	}

	private static void report(String label, long cpuNanos, int tokens) {
		double perToken = (double) cpuNanos / tokens;
		double share = perToken * 1000 / 1e9 * 100;
		System.out.printf(Locale.ROOT, "%-50s %8.0f ns/token  = %.3f%% of one core at 1,000 tokens/s%n", label,
				perToken, share);
	}

	private static byte[] anthropicStream(int tokens) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_b\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"bench\",\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n");
		write(out, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
		for (int i = 0; i < tokens; i++) {
			write(out, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" tok"
					+ (i % 100) + "\"}}\n\n");
		}
		write(out, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
		write(out, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":" + tokens + "}}\n\n");
		write(out, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
		return out.toByteArray();
	}

	private static byte[] openAiStream(int tokens) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < tokens; i++) {
			write(out, "data: {\"id\":\"chatcmpl-b\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok"
					+ (i % 100) + "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
		}
		write(out, "data: {\"id\":\"chatcmpl-b\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
		write(out, "data: [DONE]\n\n");
		return out.toByteArray();
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}
}
