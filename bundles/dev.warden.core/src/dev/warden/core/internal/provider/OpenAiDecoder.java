package dev.warden.core.internal.provider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.Usage;

/**
 * Decodes a Chat Completions stream: {@code choices[0].delta.content} (and {@code delta.refusal}),
 * {@code delta.tool_calls} fragments keyed by {@code index} (parallel calls may interleave), {@code finish_reason},
 * the final usage chunk and {@code [DONE]}. Tool calls are complete, and passed on in the order they began, when the
 * finish reason or {@code [DONE]} arrives.
 * <p>
 * What servers other than OpenAI's do is handled too: a whole tool call in one chunk, calls without {@code index}
 * or without {@code id} (Ollama, llama.cpp, some vLLM versions), several calls sent with the same index, arguments
 * sent as a JSON object, {@code finish_reason: "stop"} on an answer that carries tool calls, an {@code error} object
 * in a chunk (OpenRouter's upstream failures) and llama.cpp's {@code error:} SSE field followed by {@code [DONE]}.
 * <p>
 * The reasoning that servers stream beside the answer is kept apart from it: {@code delta.reasoning_content}
 * (DeepSeek, llama.cpp, vLLM before 0.10) or, where a chunk has none, {@code delta.reasoning} (OpenRouter, newer vLLM,
 * Ollama).
 */
public final class OpenAiDecoder implements EventDecoder {

	/** A tool call whose name and arguments arrive in fragments. */
	private static final class PendingCall {
		String id;
		final StringBuilder name = new StringBuilder();
		final StringBuilder arguments = new StringBuilder();
	}

	private final ResponseAssembler assembler;

	/** The calls in the order they began. */
	private final List<PendingCall> pending = new ArrayList<>();

	/** The server's index of a call to the call currently receiving fragments for it. */
	private final Map<Integer, PendingCall> byIndex = new HashMap<>();

	private PendingCall last;

	private boolean refused;

	private boolean ended;

	public OpenAiDecoder(ResponseAssembler assembler) {
		this.assembler = assembler;
	}

	@Override
	public boolean ended() {
		return ended;
	}

	@Override
	public void event(String type, String data) {
		String trimmed = data.strip();
		if ("error".equals(type)) { //$NON-NLS-1$
			throw failure(trimmed); // llama.cpp: "error: {...}" then "data: [DONE]"
		}
		if (trimmed.equals("[DONE]")) { //$NON-NLS-1$
			if (!pending.isEmpty() && !assembler.hasStopReason()) {
				assembler.stop(StopReason.TOOL_USE);
			}
			flushCalls();
			ended = true;
			return;
		}
		JsonObject chunk;
		try {
			chunk = JsonParser.parseString(trimmed).getAsJsonObject();
		} catch (JsonParseException | IllegalStateException e) {
			throw new StreamFailure("The server sent an unreadable chunk.", false); //$NON-NLS-1$
		}
		JsonElement error = chunk.get("error"); //$NON-NLS-1$
		if (error != null && !error.isJsonNull()) {
			throw failure(trimmed);
		}
		JsonElement choices = chunk.get("choices"); //$NON-NLS-1$
		if (choices != null && choices.isJsonArray() && !choices.getAsJsonArray().isEmpty()) {
			choice(choices.getAsJsonArray());
		}
		JsonObject usage = Json.object(chunk, "usage"); //$NON-NLS-1$
		if (usage != null) {
			long prompt = Json.number(usage, "prompt_tokens", 0); //$NON-NLS-1$
			JsonObject details = Json.object(usage, "prompt_tokens_details"); //$NON-NLS-1$
			long cached = Json.number(details, "cached_tokens", 0); //$NON-NLS-1$
			assembler.usage(new Usage(Math.max(0, prompt - cached), Json.number(usage, "completion_tokens", 0), //$NON-NLS-1$
					cached, 0));
		}
	}

	/**
	 * @return the failure for an error reported inside the stream; repeated (before any output) unless the error
	 *         names a client error (4xx) or a request the server can never serve
	 */
	private static StreamFailure failure(String json) {
		String message = HttpFailures.serverMessage(json);
		String code = HttpFailures.errorField(json, "code"); //$NON-NLS-1$
		String errorType = HttpFailures.errorField(json, "type"); //$NON-NLS-1$
		boolean clientError = code.matches("4\\d\\d") && !code.equals("429") && !code.equals("408") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				|| errorType.contains("invalid_request") || HttpFailures.quotaExhausted(json); //$NON-NLS-1$
		int status = code.matches("\\d{3}") ? Integer.parseInt(code) : 500; //$NON-NLS-1$
		boolean retryable = !clientError && HttpFailures.retryable(status >= 500 || status == 429 ? status : 500, json);
		return new StreamFailure("The server reported an error during the answer: " //$NON-NLS-1$
				+ (message.isEmpty() ? json : message), retryable);
	}

	private void choice(JsonArray choices) {
		if (!choices.get(0).isJsonObject()) {
			throw new StreamFailure("The server sent an unreadable chunk (a choice that is not an object).", false); //$NON-NLS-1$
		}
		JsonObject choice = choices.get(0).getAsJsonObject();
		JsonObject delta = Json.object(choice, "delta"); //$NON-NLS-1$
		if (delta != null) {
			String reasoning = Json.string(delta, "reasoning_content"); //$NON-NLS-1$
			if (reasoning == null) {
				reasoning = Json.string(delta, "reasoning"); //$NON-NLS-1$
			}
			if (reasoning != null) {
				assembler.reasoning(reasoning);
			}
			String content = Json.string(delta, "content"); //$NON-NLS-1$
			if (content != null) {
				assembler.text(content);
			}
			String refusal = Json.string(delta, "refusal"); //$NON-NLS-1$
			if (refusal != null && !refusal.isEmpty()) {
				refused = true;
				assembler.text(refusal);
			}
			JsonElement calls = delta.get("tool_calls"); //$NON-NLS-1$
			if (calls != null && calls.isJsonArray()) {
				for (JsonElement call : calls.getAsJsonArray()) {
					if (call.isJsonObject()) {
						callDelta(call.getAsJsonObject());
					}
				}
			}
		}
		String finish = Json.string(choice, "finish_reason"); //$NON-NLS-1$
		if (finish != null && !finish.isEmpty()) {
			boolean carriesCalls = !pending.isEmpty();
			flushCalls();
			assembler.stop(switch (finish) {
			// Ollama, llama.cpp and some vLLM versions end an answer with tool calls with "stop"
			case "stop", "eos", "end_turn" -> carriesCalls ? StopReason.TOOL_USE //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					: refused ? StopReason.REFUSAL : StopReason.END_TURN;
			case "tool_calls", "function_call", "tool_use" -> StopReason.TOOL_USE; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			case "length", "max_tokens" -> StopReason.MAX_TOKENS; //$NON-NLS-1$ //$NON-NLS-2$
			case "content_filter" -> StopReason.REFUSAL; //$NON-NLS-1$
			default -> carriesCalls ? StopReason.TOOL_USE : StopReason.STOPPED;
			});
		}
	}

	private void callDelta(JsonObject call) {
		String id = Json.string(call, "id"); //$NON-NLS-1$
		if (id != null && id.isEmpty()) {
			id = null;
		}
		JsonObject function = Json.object(call, "function"); //$NON-NLS-1$
		String name = function == null ? null : Json.string(function, "name"); //$NON-NLS-1$
		PendingCall target;
		if (call.has("index")) { //$NON-NLS-1$
			int index = Json.integer(call, "index", 0); //$NON-NLS-1$
			target = byIndex.get(index);
			// a server that numbers every whole call 0 starts a new call with a new id, or a new name once the last
			// one is complete
			if (target == null || id != null && target.id != null && !id.equals(target.id)
					|| id == null && name != null && !name.isEmpty() && !target.name.isEmpty() && complete(target)) {
				target = begin();
				byIndex.put(index, target);
			}
		} else if (last == null || id != null && last.id != null && !id.equals(last.id)
				|| name != null && !name.isEmpty() && !last.name.isEmpty()) {
			target = begin(); // servers that omit the index send each call whole or continue the last one
		} else {
			target = last;
		}
		last = target;
		if (id != null && target.id == null) {
			target.id = id;
		}
		if (name != null) {
			target.name.append(name);
		}
		if (function != null) {
			JsonElement arguments = function.get("arguments"); //$NON-NLS-1$
			if (arguments != null && arguments.isJsonPrimitive()) {
				target.arguments.append(arguments.getAsString());
			} else if (arguments != null && arguments.isJsonObject()) {
				target.arguments.append(arguments.toString()); // some local servers send an object
			}
		}
	}

	private PendingCall begin() {
		PendingCall call = new PendingCall();
		pending.add(call);
		return call;
	}

	/** @return whether the call's arguments so far form a whole JSON value */
	private static boolean complete(PendingCall call) {
		String arguments = call.arguments.toString().strip();
		if (arguments.isEmpty()) {
			return false;
		}
		try {
			JsonParser.parseString(arguments);
			return arguments.endsWith("}"); //$NON-NLS-1$
		} catch (JsonParseException e) {
			return false;
		}
	}

	private void flushCalls() {
		for (PendingCall call : pending) {
			// servers that send no id still need one the tool result can name; unique across the conversation
			String id = call.id != null ? call.id : "call_" + UUID.randomUUID().toString().replace("-", "") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					.substring(0, 24);
			String arguments = call.arguments.toString();
			assembler.toolCall(new ToolCall(id, call.name.toString(), arguments.isBlank() ? "{}" : arguments)); //$NON-NLS-1$
		}
		pending.clear();
		byIndex.clear();
		last = null;
	}
}
