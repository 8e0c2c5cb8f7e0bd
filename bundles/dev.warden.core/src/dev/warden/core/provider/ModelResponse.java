package dev.warden.core.provider;

import java.util.Objects;

/**
 * The model's complete (or, if interrupted, partial) answer to one request.
 *
 * @param message    the assistant message: text and complete tool calls; {@link Message#interrupted()} when cut off
 * @param stopReason why the model stopped
 * @param usage      tokens billed
 * @param interruption why the answer is partial or not an answer, in words for the user: set for
 *                     {@link StopReason#INTERRUPTED}, {@link StopReason#MAX_TOKENS} (cut off at the output limit),
 *                     {@link StopReason#REFUSAL} and {@link StopReason#CONTEXT_WINDOW_EXCEEDED}; empty otherwise
 * @param notice       something the user should know although the answer is usable (e.g. a local server that seems
 *                     to have dropped the front of a prompt larger than its window), or empty
 */
public record ModelResponse(Message message, StopReason stopReason, Usage usage, String interruption,
		String notice) {

	public ModelResponse {
		Objects.requireNonNull(message, "message"); //$NON-NLS-1$
		Objects.requireNonNull(stopReason, "stopReason"); //$NON-NLS-1$
		usage = usage == null ? Usage.ZERO : usage;
		interruption = interruption == null ? "" : interruption; //$NON-NLS-1$
		notice = notice == null ? "" : notice; //$NON-NLS-1$
	}

	/** A response without a notice. */
	public ModelResponse(Message message, StopReason stopReason, Usage usage, String interruption) {
		this(message, stopReason, usage, interruption, ""); //$NON-NLS-1$
	}

	/** @return this response with {@code newNotice} */
	public ModelResponse withNotice(String newNotice) {
		return new ModelResponse(message, stopReason, usage, interruption, newNotice);
	}

	/** @return whether the output limit cut the answer off: it is not complete */
	public boolean cutOff() {
		return stopReason == StopReason.MAX_TOKENS;
	}

	public boolean interrupted() {
		return stopReason == StopReason.INTERRUPTED;
	}
}
