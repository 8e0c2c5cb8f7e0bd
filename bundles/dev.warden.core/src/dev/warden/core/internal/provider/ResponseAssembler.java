package dev.warden.core.internal.provider;

import java.util.ArrayList;
import java.util.List;

import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.StreamListener;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.Usage;

/**
 * Collects a streamed answer in the neutral model while passing each piece to the listener, so that whatever arrived
 * survives a broken stream. Protocol decoders feed it; one per attempt.
 */
public final class ResponseAssembler {

	private final StreamListener listener;

	private final List<ContentPart> parts = new ArrayList<>();

	private final StringBuilder text = new StringBuilder();

	private final StringBuilder reasoning = new StringBuilder();

	private Usage usage = Usage.ZERO;

	private StopReason stopReason;

	private boolean output;

	public ResponseAssembler(StreamListener listener) {
		this.listener = listener;
	}

	public void text(String delta) {
		if (delta.isEmpty()) {
			return;
		}
		output = true;
		flushReasoning(""); //$NON-NLS-1$
		text.append(delta);
		listener.textDelta(delta);
	}

	/** A piece of reasoning; it is kept as a part of its own, apart from the answer's text. */
	public void reasoning(String delta) {
		if (delta.isEmpty()) {
			return;
		}
		output = true;
		flushText();
		reasoning.append(delta);
		listener.reasoningDelta(delta);
	}

	/** Ends the reasoning that arrived since the last part, with the provider's signature of it (may be empty). */
	public void endReasoning(String signature) {
		flushReasoning(signature);
	}

	/** A reasoning block the provider encrypted: kept to be sent back, nothing to show. */
	public void redactedReasoning(String data) {
		output = true;
		flushText();
		flushReasoning(""); //$NON-NLS-1$
		parts.add(new ContentPart.Reasoning("", "", data)); //$NON-NLS-1$ //$NON-NLS-2$
	}

	public void toolCall(ToolCall call) {
		output = true;
		flushReasoning(""); //$NON-NLS-1$
		flushText();
		parts.add(new ContentPart.ToolUse(call.id(), call.name(), call.argumentsJson()));
		listener.toolCall(call);
	}

	public void usage(Usage newUsage) {
		usage = newUsage;
		listener.usage(newUsage);
	}

	public Usage currentUsage() {
		return usage;
	}

	public void stop(StopReason reason) {
		stopReason = reason;
	}

	/** @return whether the stop reason arrived, i.e. the answer is complete even if the stream's end marker is not */
	public boolean hasStopReason() {
		return stopReason != null;
	}

	/** @return whether any text or tool call reached the listener (then a retry would repeat it) */
	public boolean hasOutput() {
		return output;
	}

	/** @return the complete answer */
	public ModelResponse complete() {
		flushReasoning(""); //$NON-NLS-1$
		flushText();
		StopReason reason = stopReason;
		if (reason == null) {
			reason = parts.stream().anyMatch(ContentPart.ToolUse.class::isInstance) ? StopReason.TOOL_USE
					: StopReason.END_TURN;
		}
		return new ModelResponse(new Message(Role.ASSISTANT, parts, false), reason, usage, ""); //$NON-NLS-1$
	}

	/**
	 * @param why in words for the user
	 * @return what arrived, marked interrupted; tool calls are dropped because the model never saw their results and
	 *         they were not executed; reasoning is kept (unsigned when its block did not end)
	 */
	public ModelResponse interrupted(String why) {
		flushReasoning(""); //$NON-NLS-1$
		flushText();
		List<ContentPart> kept = parts.stream()
				.filter(p -> p instanceof ContentPart.Text || p instanceof ContentPart.Reasoning).toList();
		return new ModelResponse(new Message(Role.ASSISTANT, kept, true), StopReason.INTERRUPTED, usage, why);
	}

	private void flushReasoning(String signature) {
		if (!reasoning.isEmpty() || !signature.isEmpty()) {
			parts.add(new ContentPart.Reasoning(reasoning.toString(), signature, "")); //$NON-NLS-1$
			reasoning.setLength(0);
		}
	}

	private void flushText() {
		if (!text.isEmpty()) {
			parts.add(new ContentPart.Text(text.toString()));
			text.setLength(0);
		}
	}
}
