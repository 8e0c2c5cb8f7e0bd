package dev.warden.core.provider;

import dev.warden.core.operations.Cancellation;

import java.time.Duration;

/**
 * Receives a model's answer while it streams. Called on the thread that called
 * {@link ModelProvider#stream(ModelRequest, StreamListener, Cancellation)}; implementations hand the events to the
 * UI thread themselves and must return quickly.
 */
public interface StreamListener {

	/** A listener that ignores everything. */
	StreamListener NONE = new StreamListener() {
	};

	/** A piece of the answer's text. */
	default void textDelta(String text) {
	}

	/** A piece of the model's reasoning (thinking), which is not part of the answer. */
	default void reasoningDelta(String text) {
	}

	/** A tool call whose arguments have arrived completely. */
	default void toolCall(ToolCall call) {
	}

	/** Token counts as the server reported them (may be called more than once; the last call is the total). */
	default void usage(Usage usage) {
	}

	/**
	 * The request failed and will be repeated.
	 *
	 * @param attempt the attempt that failed, starting at 1
	 * @param delay   the wait before the next attempt
	 * @param reason  what went wrong, in words for the user
	 */
	default void retrying(int attempt, Duration delay, String reason) {
	}
}
