package dev.warden.core.internal.provider;


import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.Usage;

/**
 * Decodes the events of Bedrock's {@code ConverseStream}: {@code messageStart}, {@code contentBlockStart} (a tool
 * call's ID and name), {@code contentBlockDelta} ({@code text}, a tool call's {@code input} in fragments; reasoning is
 * skipped), {@code contentBlockStop}, {@code messageStop} (the stop reason) and {@code metadata} (token counts), each
 * the JSON payload of an event-stream message whose {@code :event-type} names it. The {@code metadata} event comes last,
 * so the stream ends with it (or with the end of the body).
 * <p>
 * An {@code exception} message ({@code :exception-type} such as {@code throttlingException},
 * {@code modelStreamErrorException}, {@code internalServerException}, {@code serviceUnavailableException},
 * {@code validationException}) becomes a {@link StreamFailure}; the first four may succeed when repeated.
 */
public final class BedrockDecoder implements EventDecoder {

	private final ResponseAssembler assembler;

	private final ToolUseBlocks toolBlocks = new ToolUseBlocks();

	private boolean ended;

	public BedrockDecoder(ResponseAssembler assembler) {
		this.assembler = assembler;
	}

	@Override
	public boolean ended() {
		return ended;
	}

	@Override
	public void event(String type, String data) {
		JsonObject event = parse(type, data);
		switch (type) {
		case "contentBlockDelta" -> delta(event); //$NON-NLS-1$
		case "contentBlockStart" -> start(event); //$NON-NLS-1$
		case "contentBlockStop" -> stop(event); //$NON-NLS-1$
		case "messageStop" -> { //$NON-NLS-1$
			String reason = Json.string(event, "stopReason"); //$NON-NLS-1$
			assembler.stop(stopReason(reason == null ? "" : reason)); //$NON-NLS-1$
		}
		case "metadata" -> { //$NON-NLS-1$
			JsonObject usage = Json.object(event, "usage"); //$NON-NLS-1$
			if (usage != null) {
				assembler.usage(new Usage(Json.number(usage, "inputTokens", 0), Json.number(usage, "outputTokens", 0), //$NON-NLS-1$ //$NON-NLS-2$
						Json.number(usage, "cacheReadInputTokens", 0), Json.number(usage, "cacheWriteInputTokens", 0))); //$NON-NLS-1$ //$NON-NLS-2$
			}
			ended = assembler.hasStopReason();
		}
		default -> {
			// messageStart and event types added to the API later
		}
		}
	}

	/**
	 * An {@code exception} message of the stream.
	 *
	 * @throws StreamFailure always
	 */
	public void exception(String type, String data) {
		String message;
		try {
			message = Json.string(JsonParser.parseString(data).getAsJsonObject(), "message"); //$NON-NLS-1$
		} catch (JsonParseException | IllegalStateException e) {
			message = null;
		}
		String shown = message == null || message.isBlank() ? type : type + ": " + message; //$NON-NLS-1$
		boolean retryable = switch (type) {
		case "throttlingException", "modelStreamErrorException", "internalServerException", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				"serviceUnavailableException", "modelNotReadyException" -> true; //$NON-NLS-1$ //$NON-NLS-2$
		default -> false;
		};
		throw new StreamFailure("Bedrock reported an error during the answer: " + shown, retryable); //$NON-NLS-1$
	}

	private static JsonObject parse(String type, String data) {
		try {
			return JsonParser.parseString(data).getAsJsonObject();
		} catch (JsonParseException | IllegalStateException e) {
			throw new StreamFailure("Bedrock sent an unreadable event (" + type + ").", false); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private void start(JsonObject event) {
		JsonObject start = Json.object(event, "start"); //$NON-NLS-1$
		JsonObject toolUse = start == null ? null : Json.object(start, "toolUse"); //$NON-NLS-1$
		if (toolUse != null) {
			toolBlocks.start(Json.integer(event, "contentBlockIndex", -1), //$NON-NLS-1$
					String.valueOf(Json.string(toolUse, "toolUseId")), Json.string(toolUse, "name")); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private void delta(JsonObject event) {
		JsonObject delta = Json.object(event, "delta"); //$NON-NLS-1$
		if (delta == null) {
			return;
		}
		String text = Json.string(delta, "text"); //$NON-NLS-1$
		if (text != null) {
			assembler.text(text);
			return;
		}
		JsonObject toolUse = Json.object(delta, "toolUse"); //$NON-NLS-1$
		if (toolUse != null) {
			toolBlocks.append(Json.integer(event, "contentBlockIndex", -1), Json.string(toolUse, "input")); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private void stop(JsonObject event) {
		ToolCall call = toolBlocks.stop(Json.integer(event, "contentBlockIndex", -1)); //$NON-NLS-1$
		if (call != null) {
			assembler.toolCall(call);
		}
	}

	private static StopReason stopReason(String reason) {
		return switch (reason) {
		case "end_turn" -> StopReason.END_TURN; //$NON-NLS-1$
		case "tool_use" -> StopReason.TOOL_USE; //$NON-NLS-1$
		case "max_tokens" -> StopReason.MAX_TOKENS; //$NON-NLS-1$
		case "model_context_window_exceeded" -> StopReason.CONTEXT_WINDOW_EXCEEDED; //$NON-NLS-1$
		case "guardrail_intervened", "content_filtered" -> StopReason.REFUSAL; //$NON-NLS-1$ //$NON-NLS-2$
		default -> StopReason.STOPPED; // stop_sequence
		};
	}
}
