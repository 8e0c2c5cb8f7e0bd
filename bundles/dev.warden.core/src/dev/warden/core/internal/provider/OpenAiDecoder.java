package dev.warden.core.internal.provider;

import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.Usage;

/**
 * Decodes a Chat Completions stream: {@code choices[0].delta.content}, {@code delta.tool_calls} fragments keyed by
 * {@code index} (parallel calls may interleave), {@code finish_reason}, the final usage chunk and {@code [DONE]}.
 * Tool calls are complete, and passed on in index order, when the finish reason arrives.
 */
public final class OpenAiDecoder implements EventDecoder {

	/** A tool call whose name and arguments arrive in fragments. */
	private static final class PendingCall {
		String id;
		final StringBuilder name = new StringBuilder();
		final StringBuilder arguments = new StringBuilder();
	}

	private final ResponseAssembler assembler;

	private final Map<Integer, PendingCall> pending = new TreeMap<>();

	private int lastIndex = -1;

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
		if (trimmed.equals("[DONE]")) { //$NON-NLS-1$
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
			String message = error.isJsonObject() ? String.valueOf(Json.string(error.getAsJsonObject(), "message")) //$NON-NLS-1$
					: error.toString();
			throw new StreamFailure("The server reported an error during the answer: " + message, false); //$NON-NLS-1$
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

	private void choice(JsonArray choices) {
		if (!choices.get(0).isJsonObject()) {
			throw new StreamFailure("The server sent an unreadable chunk (a choice that is not an object).", false); //$NON-NLS-1$
		}
		JsonObject choice = choices.get(0).getAsJsonObject();
		JsonObject delta = Json.object(choice, "delta"); //$NON-NLS-1$
		if (delta != null) {
			String content = Json.string(delta, "content"); //$NON-NLS-1$
			if (content != null) {
				assembler.text(content);
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
		if (finish != null) {
			flushCalls();
			assembler.stop(switch (finish) {
			case "stop" -> StopReason.END_TURN; //$NON-NLS-1$
			case "tool_calls", "function_call" -> StopReason.TOOL_USE; //$NON-NLS-1$ //$NON-NLS-2$
			case "length" -> StopReason.MAX_TOKENS; //$NON-NLS-1$
			default -> StopReason.STOPPED;
			});
		}
	}

	private void callDelta(JsonObject call) {
		String id = Json.string(call, "id"); //$NON-NLS-1$
		int index;
		if (call.has("index")) { //$NON-NLS-1$
			index = Json.integer(call, "index", 0); //$NON-NLS-1$
		} else {
			// servers that omit the index send each call whole or continue the last one
			index = id != null || lastIndex < 0 ? lastIndex + 1 : lastIndex;
		}
		lastIndex = Math.max(lastIndex, index);
		PendingCall pendingCall = pending.computeIfAbsent(index, i -> new PendingCall());
		if (id != null && !id.isEmpty() && pendingCall.id == null) {
			pendingCall.id = id;
		}
		JsonObject function = Json.object(call, "function"); //$NON-NLS-1$
		if (function != null) {
			String name = Json.string(function, "name"); //$NON-NLS-1$
			if (name != null) {
				pendingCall.name.append(name);
			}
			JsonElement arguments = function.get("arguments"); //$NON-NLS-1$
			if (arguments != null && arguments.isJsonPrimitive()) {
				pendingCall.arguments.append(arguments.getAsString());
			} else if (arguments != null && arguments.isJsonObject()) {
				pendingCall.arguments.append(arguments.toString()); // some local servers send an object
			}
		}
	}

	private void flushCalls() {
		for (Map.Entry<Integer, PendingCall> entry : pending.entrySet()) {
			PendingCall call = entry.getValue();
			String id = call.id != null ? call.id : "call_" + entry.getKey(); //$NON-NLS-1$
			String arguments = call.arguments.toString();
			assembler.toolCall(new ToolCall(id, call.name.toString(), arguments.isBlank() ? "{}" : arguments)); //$NON-NLS-1$
		}
		pending.clear();
	}
}
