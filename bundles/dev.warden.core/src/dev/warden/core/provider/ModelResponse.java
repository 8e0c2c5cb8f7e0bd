package dev.warden.core.provider;

import java.util.Objects;

/**
 * The model's complete (or, if interrupted, partial) answer to one request.
 *
 * @param message    the assistant message: text and complete tool calls; {@link Message#interrupted()} when cut off
 * @param stopReason why the model stopped
 * @param usage      tokens billed
 * @param interruption why the answer is partial, in words for the user; empty unless {@link StopReason#INTERRUPTED}
 */
public record ModelResponse(Message message, StopReason stopReason, Usage usage, String interruption) {

	public ModelResponse {
		Objects.requireNonNull(message, "message"); //$NON-NLS-1$
		Objects.requireNonNull(stopReason, "stopReason"); //$NON-NLS-1$
		usage = usage == null ? Usage.ZERO : usage;
		interruption = interruption == null ? "" : interruption; //$NON-NLS-1$
	}

	public boolean interrupted() {
		return stopReason == StopReason.INTERRUPTED;
	}
}
