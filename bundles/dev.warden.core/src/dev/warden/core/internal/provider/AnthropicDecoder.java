package dev.warden.core.internal.provider;

import java.util.HashMap;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.Usage;

/**
 * Decodes the Messages API's stream: {@code message_start}, {@code content_block_start/delta/stop} with
 * {@code text_delta} and {@code input_json_delta}, {@code message_delta} (stop reason, usage), {@code message_stop},
 * {@code ping} and {@code error}. Extended thinking arrives as {@code thinking} blocks ({@code thinking_delta}, then
 * one {@code signature_delta} before the block stops) and {@code redacted_thinking} blocks (their {@code data} whole
 * in the start event); both are kept exactly as received, so that they can be sent back in a tool-use turn as the
 * API requires. Blocks of types added later are skipped. Every documented stop reason is
 * told apart: {@code end_turn}, {@code tool_use}, {@code max_tokens}, {@code stop_sequence}, {@code pause_turn},
 * {@code refusal} and {@code model_context_window_exceeded}.
 */
public final class AnthropicDecoder implements EventDecoder {

	private final ResponseAssembler assembler;

	private final ToolUseBlocks toolBlocks = new ToolUseBlocks();

	/** The signatures of the thinking blocks not yet stopped, by index. */
	private final Map<Integer, StringBuilder> thinkingBlocks = new HashMap<>();

	private long input;

	private long output;

	private long cacheRead;

	private long cacheWrite;

	private boolean ended;

	public AnthropicDecoder(ResponseAssembler assembler) {
		this.assembler = assembler;
	}

	@Override
	public boolean ended() {
		return ended;
	}

	@Override
	public void event(String type, String data) {
		JsonObject event;
		try {
			event = JsonParser.parseString(data).getAsJsonObject();
		} catch (JsonParseException | IllegalStateException e) {
			throw new StreamFailure("The server sent an unreadable event (" + type + ").", false); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String eventType = Json.string(event, "type"); //$NON-NLS-1$
		if (eventType == null) {
			eventType = type;
		}
		switch (eventType) {
		case "content_block_delta" -> delta(event); //$NON-NLS-1$
		case "content_block_start" -> start(event); //$NON-NLS-1$
		case "content_block_stop" -> stop(event); //$NON-NLS-1$
		case "message_start" -> { //$NON-NLS-1$
			JsonObject message = Json.object(event, "message"); //$NON-NLS-1$
			if (message != null) {
				usage(Json.object(message, "usage")); //$NON-NLS-1$
			}
		}
		case "message_delta" -> { //$NON-NLS-1$
			JsonObject delta = Json.object(event, "delta"); //$NON-NLS-1$
			String reason = delta == null ? null : Json.string(delta, "stop_reason"); //$NON-NLS-1$
			if (reason != null) {
				assembler.stop(stopReason(reason));
			}
			usage(Json.object(event, "usage")); //$NON-NLS-1$
		}
		case "message_stop" -> ended = true; //$NON-NLS-1$
		case "error" -> { //$NON-NLS-1$
			JsonObject error = Json.object(event, "error"); //$NON-NLS-1$
			String errorType = error == null ? "" : String.valueOf(Json.string(error, "type")); //$NON-NLS-1$ //$NON-NLS-2$
			String message = error == null ? data : String.valueOf(Json.string(error, "message")); //$NON-NLS-1$
			boolean retryable = errorType.equals("overloaded_error") || errorType.equals("api_error") //$NON-NLS-1$ //$NON-NLS-2$
					|| errorType.equals("rate_limit_error"); //$NON-NLS-1$
			throw new StreamFailure("The server reported an error during the answer: " + message, retryable); //$NON-NLS-1$
		}
		default -> {
			// ping and event types added to the protocol later
		}
		}
	}

	private void start(JsonObject event) {
		JsonObject block = Json.object(event, "content_block"); //$NON-NLS-1$
		if (block == null) {
			return;
		}
		String blockType = Json.string(block, "type"); //$NON-NLS-1$
		if ("tool_use".equals(blockType)) { //$NON-NLS-1$
			toolBlocks.start(Json.integer(event, "index", -1), //$NON-NLS-1$
					String.valueOf(Json.string(block, "id")), Json.string(block, "name")); //$NON-NLS-1$ //$NON-NLS-2$
		} else if ("thinking".equals(blockType)) { //$NON-NLS-1$
			StringBuilder signature = new StringBuilder();
			String given = Json.string(block, "signature"); //$NON-NLS-1$
			signature.append(given == null ? "" : given); //$NON-NLS-1$
			thinkingBlocks.put(Json.integer(event, "index", -1), signature); //$NON-NLS-1$
			String thinking = Json.string(block, "thinking"); //$NON-NLS-1$
			if (thinking != null) {
				assembler.reasoning(thinking);
			}
		} else if ("redacted_thinking".equals(blockType)) { //$NON-NLS-1$
			String data = Json.string(block, "data"); //$NON-NLS-1$
			if (data != null && !data.isEmpty()) {
				assembler.redactedReasoning(data);
			}
		} else if ("text".equals(blockType)) { //$NON-NLS-1$
			String text = Json.string(block, "text"); //$NON-NLS-1$
			if (text != null) {
				assembler.text(text);
			}
		}
	}

	private void delta(JsonObject event) {
		JsonObject delta = Json.object(event, "delta"); //$NON-NLS-1$
		if (delta == null) {
			return;
		}
		String deltaType = Json.string(delta, "type"); //$NON-NLS-1$
		if ("text_delta".equals(deltaType)) { //$NON-NLS-1$
			String text = Json.string(delta, "text"); //$NON-NLS-1$
			if (text != null) {
				assembler.text(text);
			}
		} else if ("thinking_delta".equals(deltaType)) { //$NON-NLS-1$
			String thinking = Json.string(delta, "thinking"); //$NON-NLS-1$
			if (thinking != null) {
				assembler.reasoning(thinking);
			}
		} else if ("signature_delta".equals(deltaType)) { //$NON-NLS-1$
			StringBuilder signature = thinkingBlocks.get(Json.integer(event, "index", -1)); //$NON-NLS-1$
			String fragment = Json.string(delta, "signature"); //$NON-NLS-1$
			if (signature != null && fragment != null) {
				signature.append(fragment);
			}
		} else if ("input_json_delta".equals(deltaType)) { //$NON-NLS-1$
			toolBlocks.append(Json.integer(event, "index", -1), Json.string(delta, "partial_json")); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private void stop(JsonObject event) {
		StringBuilder signature = thinkingBlocks.remove(Json.integer(event, "index", -1)); //$NON-NLS-1$
		if (signature != null) {
			assembler.endReasoning(signature.toString());
			return;
		}
		ToolCall call = toolBlocks.stop(Json.integer(event, "index", -1)); //$NON-NLS-1$
		if (call != null) {
			assembler.toolCall(call);
		}
	}

	private void usage(JsonObject usage) {
		if (usage == null) {
			return;
		}
		input = Json.number(usage, "input_tokens", input); //$NON-NLS-1$
		output = Json.number(usage, "output_tokens", output); //$NON-NLS-1$
		cacheRead = Json.number(usage, "cache_read_input_tokens", cacheRead); //$NON-NLS-1$
		cacheWrite = Json.number(usage, "cache_creation_input_tokens", cacheWrite); //$NON-NLS-1$
		assembler.usage(new Usage(input, output, cacheRead, cacheWrite));
	}

	private static StopReason stopReason(String reason) {
		return switch (reason) {
		case "end_turn" -> StopReason.END_TURN; //$NON-NLS-1$
		case "tool_use" -> StopReason.TOOL_USE; //$NON-NLS-1$
		case "max_tokens" -> StopReason.MAX_TOKENS; //$NON-NLS-1$
		case "model_context_window_exceeded" -> StopReason.CONTEXT_WINDOW_EXCEEDED; //$NON-NLS-1$
		case "refusal" -> StopReason.REFUSAL; //$NON-NLS-1$
		case "pause_turn" -> StopReason.PAUSE_TURN; //$NON-NLS-1$
		default -> StopReason.STOPPED; // stop_sequence
		};
	}
}
