package dev.warden.core.tests.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;

import dev.warden.core.tests.provider.LoopbackModelServer;

/**
 * An OpenAI-compatible model with a small context window, as a reply of the {@link LoopbackModelServer}: it counts
 * the tokens of each request with its own tokenizer (words and punctuation, not Warden's estimate), refuses a request
 * whose prompt and longest answer do not fit with OpenAI's documented {@code context_length_exceeded} error, answers
 * a summary request with a summary, any other with a short text, and reports its count in the usage chunk.
 */
final class WindowedModel implements LoopbackModelServer.Reply {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_]+|[^A-Za-z0-9_\\s]");

	final int window;
	final AtomicInteger refused = new AtomicInteger();
	final AtomicInteger summaries = new AtomicInteger();
	final AtomicInteger answers = new AtomicInteger();
	volatile int largestPrompt;
	private final LoopbackModelServer server;

	/** Answers every request {@code server} receives from now on. */
	WindowedModel(LoopbackModelServer server, int window) {
		this.server = server;
		this.window = window;
		for (int i = 0; i < 2_000; i++) {
			server.then(this);
		}
	}

	/** @return the tokens of the request as this model counts them */
	static int count(JsonObject request) {
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

	@Override
	public void send(HttpExchange exchange) throws IOException {
		// the server recorded the body before this reply runs; read it from the recording
		var received = server.received();
		replyTo(received.get(received.size() - 1).body()).send(exchange);
	}

	/** The reply for {@code body}. */
	LoopbackModelServer.Reply replyTo(String body) {
		JsonObject request = JsonParser.parseString(body).getAsJsonObject();
		int prompt = count(request);
		int maxTokens = request.has("max_tokens") ? request.get("max_tokens").getAsInt()
				: request.has("max_completion_tokens") ? request.get("max_completion_tokens").getAsInt() : 0;
		if (prompt + maxTokens > window) {
			refused.incrementAndGet();
			return LoopbackModelServer.status(400, "{\"error\":{\"message\":\"This model's maximum context length is "
					+ window + " tokens. However, you requested " + (prompt + maxTokens) + " tokens (" + prompt
					+ " in the messages, " + maxTokens + " in the completion). Please reduce the length of the "
					+ "messages or completion.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
					+ "\"code\":\"context_length_exceeded\"}}");
		}
		largestPrompt = Math.max(largestPrompt, prompt);
		JsonArray messages = request.getAsJsonArray("messages");
		String system = messages.get(0).getAsJsonObject().get("content").toString();
		String text;
		if (system.contains("You summarize the earlier part")) {
			text = "## Goal\nSummary " + summaries.incrementAndGet() + " of the work.\n## Decisions\nNone.\n"
					+ "## Files touched\nNone.\n## Open tasks\nGo on with the prompts.";
		} else {
			text = "Answer " + answers.incrementAndGet() + '.';
		}
		return stream(text, prompt);
	}

	static LoopbackModelServer.Reply stream(String text, int promptTokens) {
		return exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			JsonObject delta = new JsonObject();
			delta.addProperty("content", text);
			out.write(event(delta, null, null));
			out.write(event(new JsonObject(), "stop", null));
			JsonObject usage = new JsonObject();
			usage.addProperty("prompt_tokens", promptTokens);
			usage.addProperty("completion_tokens", text.length() / 4 + 1);
			out.write(event(null, null, usage));
			out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
		};
	}

	private static byte[] event(JsonObject delta, String finish, JsonObject usage) {
		JsonObject chunk = new JsonObject();
		chunk.addProperty("id", "chatcmpl-windowed");
		chunk.addProperty("object", "chat.completion.chunk");
		JsonArray choices = new JsonArray();
		if (delta != null) {
			JsonObject choice = new JsonObject();
			choice.addProperty("index", 0);
			choice.add("delta", delta);
			if (finish != null) {
				choice.addProperty("finish_reason", finish);
			}
			choices.add(choice);
		}
		chunk.add("choices", choices);
		if (usage != null) {
			chunk.add("usage", usage);
		}
		return ("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8);
	}
}
