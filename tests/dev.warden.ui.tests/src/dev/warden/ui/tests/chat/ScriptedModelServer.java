package dev.warden.ui.tests.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real OpenAI-compatible Chat Completions server on loopback that plays a scripted agent: each request gets the
 * next scripted answer, streamed as server-sent events exactly as the protocol sends them.
 */
public final class ScriptedModelServer implements AutoCloseable {

	/**
	 * One streamed answer: bursts of server-sent events, each burst written and flushed at once, the bursts
	 * {@code burstNanos} apart on a fixed clock (so a slow reader does not slow the pace down).
	 */
	public record Answer(List<List<String>> bursts, long burstNanos) {

		/** Every chunk a burst of its own, {@code delayMillis} apart. */
		static Answer oneByOne(List<String> chunks, long delayMillis) {
			return new Answer(chunks.stream().map(List::of).toList(), TimeUnit.MILLISECONDS.toNanos(delayMillis));
		}
	}

	private final HttpServer server;
	private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
	private final List<String> requests = new CopyOnWriteArrayList<>();
	private volatile int window;
	private final AtomicInteger refused = new AtomicInteger();
	private final AtomicInteger summaries = new AtomicInteger();
	private volatile int largestPrompt;

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_]+|[^A-Za-z0-9_\\s]");
	private final AtomicInteger received = new AtomicInteger();
	private volatile boolean keepRequests = true;

	public ScriptedModelServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/chat/completions", this::answer);
		server.createContext("/v1/models", this::models);
		server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
	}

	/** The request bodies received, in order. */
	public List<String> requests() {
		return requests;
	}

	/**
	 * Gives the model a context window of {@code tokens}, stated in its model list: a request whose prompt (counted
	 * with this server's own tokenizer, words and punctuation) and longest answer do not fit is refused with OpenAI's
	 * {@code context_length_exceeded} error; every answer reports the prompt's count in a usage chunk; and requests for
	 * a summary of the conversation are answered with one, outside the script.
	 */
	public ScriptedModelServer window(int tokens) {
		window = tokens;
		return this;
	}

	/** Requests refused as longer than the window. */
	public int refused() {
		return refused.get();
	}

	/** Summaries written. */
	public int summaries() {
		return summaries.get();
	}

	/** The largest prompt answered, in this server's tokens. */
	public int largestPrompt() {
		return largestPrompt;
	}

	/** How many requests were received. */
	public int requestCount() {
		return received.get();
	}

	/**
	 * Keeps no request body from now on, only their count: each request carries the whole conversation, so a long
	 * session's bodies would fill the heap of the process measured.
	 */
	public ScriptedModelServer forgetRequests() {
		keepRequests = false;
		requests.clear();
		return this;
	}

	public ScriptedModelServer text(String text) {
		return text(0, splitIntoTokens(text));
	}

	/** An answer streamed token by token with {@code delayMillis} between tokens. */
	public ScriptedModelServer text(long delayMillis, List<String> tokens) {
		List<String> chunks = new ArrayList<>();
		for (String token : tokens) {
			JsonObject delta = new JsonObject();
			delta.addProperty("content", token);
			chunks.add(chunk(delta, null));
		}
		chunks.add(chunk(new JsonObject(), "stop"));
		script.add(Answer.oneByOne(chunks, delayMillis));
		return this;
	}

	/**
	 * An answer of {@code tokens} at a steady {@code perSecond}, sent in bursts every {@code burstMillis} ms on a fixed
	 * clock, one server-sent event per token: the pace of a fast model, for measuring the chat under load.
	 */
	public ScriptedModelServer paced(List<String> tokens, int perSecond, int burstMillis) {
		int perBurst = Math.max(1, perSecond * burstMillis / 1000);
		List<List<String>> bursts = new ArrayList<>();
		for (int i = 0; i < tokens.size(); i += perBurst) {
			List<String> burst = new ArrayList<>();
			for (String token : tokens.subList(i, Math.min(tokens.size(), i + perBurst))) {
				JsonObject delta = new JsonObject();
				delta.addProperty("content", token);
				burst.add(chunk(delta, null));
			}
			bursts.add(burst);
		}
		bursts.add(List.of(chunk(new JsonObject(), "stop")));
		script.add(new Answer(bursts, TimeUnit.SECONDS.toNanos(perBurst) / perSecond));
		return this;
	}

	/**
	 * An answer whose reasoning streams first in {@code reasoning_content} (as DeepSeek, llama.cpp and vLLM send it),
	 * then its text in {@code content}.
	 */
	public ScriptedModelServer reasoningThenText(String reasoning, String text) {
		List<String> chunks = new ArrayList<>();
		for (String token : splitIntoTokens(reasoning)) {
			JsonObject delta = new JsonObject();
			delta.add("content", com.google.gson.JsonNull.INSTANCE);
			delta.addProperty("reasoning_content", token);
			chunks.add(chunk(delta, null));
		}
		for (String token : splitIntoTokens(text)) {
			JsonObject delta = new JsonObject();
			delta.addProperty("content", token);
			chunks.add(chunk(delta, null));
		}
		chunks.add(chunk(new JsonObject(), "stop"));
		script.add(Answer.oneByOne(chunks, 0));
		return this;
	}

	/** An answer that calls one tool; the arguments arrive in two fragments, as real servers send them. */
	public ScriptedModelServer toolCall(String id, String name, JsonObject arguments) {
		String json = arguments.toString();
		int half = json.length() / 2;
		List<String> chunks = new ArrayList<>();
		chunks.add(chunk(toolDelta(id, name, json.substring(0, half)), null));
		chunks.add(chunk(toolDelta(null, null, json.substring(half)), null));
		chunks.add(chunk(new JsonObject(), "tool_calls"));
		script.add(Answer.oneByOne(chunks, 0));
		return this;
	}

	/** An answer that says something, then calls one tool, as models do when they explain their next step. */
	public ScriptedModelServer textThenToolCall(String text, String id, String name, JsonObject arguments) {
		List<String> chunks = new ArrayList<>();
		for (String token : splitIntoTokens(text)) {
			JsonObject delta = new JsonObject();
			delta.addProperty("content", token);
			chunks.add(chunk(delta, null));
		}
		String json = arguments.toString();
		chunks.add(chunk(toolDelta(id, name, json), null));
		chunks.add(chunk(new JsonObject(), "tool_calls"));
		script.add(Answer.oneByOne(chunks, 0));
		return this;
	}

	private static JsonObject toolDelta(String id, String name, String argumentsFragment) {
		JsonObject function = new JsonObject();
		if (name != null) {
			function.addProperty("name", name);
		}
		function.addProperty("arguments", argumentsFragment);
		JsonObject call = new JsonObject();
		call.addProperty("index", 0);
		if (id != null) {
			call.addProperty("id", id);
			call.addProperty("type", "function");
		}
		call.add("function", function);
		com.google.gson.JsonArray calls = new com.google.gson.JsonArray();
		calls.add(call);
		JsonObject delta = new JsonObject();
		delta.add("tool_calls", calls);
		return delta;
	}

	private static String chunk(JsonObject delta, String finishReason) {
		JsonObject choice = new JsonObject();
		choice.addProperty("index", 0);
		choice.add("delta", delta);
		if (finishReason != null) {
			choice.addProperty("finish_reason", finishReason);
		}
		com.google.gson.JsonArray choices = new com.google.gson.JsonArray();
		choices.add(choice);
		JsonObject chunk = new JsonObject();
		chunk.addProperty("id", "chatcmpl-test");
		chunk.addProperty("object", "chat.completion.chunk");
		chunk.addProperty("model", "scripted");
		chunk.add("choices", choices);
		return chunk.toString();
	}

	public static List<String> splitIntoTokens(String text) {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < text.length(); i += 4) {
			tokens.add(text.substring(i, Math.min(text.length(), i + 4)));
		}
		return tokens;
	}

	private void models(HttpExchange exchange) throws IOException {
		String model = "{\"id\":\"scripted\",\"object\":\"model\"" + (window > 0 ? ",\"context_length\":" + window : "")
				+ '}';
		byte[] body = ("{\"object\":\"list\",\"data\":[" + model + "]}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private static int count(JsonObject request) {
		StringBuilder text = new StringBuilder();
		for (JsonElement message : request.getAsJsonArray("messages")) {
			text.append(message.toString()).append(' ');
		}
		if (request.has("tools")) {
			text.append(request.get("tools").toString());
		}
		Matcher matcher = TOKEN.matcher(text);
		int tokens = 0;
		while (matcher.find()) {
			tokens++;
		}
		return tokens;
	}

	private void answer(HttpExchange exchange) throws IOException {
		String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		if (keepRequests) {
			requests.add(requestBody);
		}
		received.incrementAndGet();
		int prompt = 0;
		if (window > 0) {
			JsonObject request = JsonParser.parseString(requestBody).getAsJsonObject();
			prompt = count(request);
			int limit = request.has("max_tokens") ? request.get("max_tokens").getAsInt()
					: request.has("max_completion_tokens") ? request.get("max_completion_tokens").getAsInt() : 0;
			if (prompt + limit > window) {
				refused.incrementAndGet();
				byte[] body = ("{\"error\":{\"message\":\"This model's maximum context length is " + window
						+ " tokens. However, you requested " + (prompt + limit) + " tokens. Please reduce the length of "
						+ "the messages or completion.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
						+ "\"code\":\"context_length_exceeded\"}}").getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(400, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
				return;
			}
			largestPrompt = Math.max(largestPrompt, prompt);
		}
		Answer answer;
		if (window > 0 && requestBody.contains("You summarize the earlier part")) {
			int n = summaries.incrementAndGet();
			List<String> chunks = new ArrayList<>();
			for (String token : splitIntoTokens("## Goal\nSummary " + n + ": answer the numbered prompts.\n## Decisions\n"
					+ "Files are written when asked.\n## Files touched\nearly.txt, second.txt\n## Open tasks\nNone.")) {
				JsonObject delta = new JsonObject();
				delta.addProperty("content", token);
				chunks.add(chunk(delta, null));
			}
			chunks.add(chunk(new JsonObject(), "stop"));
			answer = Answer.oneByOne(chunks, 0);
		} else {
			answer = script.poll();
		}
		if (answer == null) {
			byte[] body = "{\"error\":{\"message\":\"the test script has no more answers\"}}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(500, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
			return;
		}
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			long next = System.nanoTime();
			for (List<String> burst : answer.bursts()) {
				long wait = next - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				for (String chunk : burst) {
					out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
				}
				out.flush();
				next += answer.burstNanos();
			}
			if (window > 0) {
				out.write(("data: {\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
						+ "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":20}}\n\n")
						.getBytes(StandardCharsets.UTF_8));
			}
			out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		} catch (IOException e) {
			// the client went away (Stop): that is what some tests do
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
