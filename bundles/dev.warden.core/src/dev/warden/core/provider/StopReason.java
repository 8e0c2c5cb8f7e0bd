package dev.warden.core.provider;

/** Why the model stopped writing. */
public enum StopReason {
	/** The answer is complete. */
	END_TURN,
	/** The model wants tool results before it goes on. */
	TOOL_USE,
	/**
	 * The output limit was reached: the answer is cut off, not complete (Anthropic {@code max_tokens}, OpenAI
	 * {@code length}). A tool call in it may be cut off in the middle of its arguments.
	 */
	MAX_TOKENS,
	/** The conversation filled the model's context window (Anthropic {@code model_context_window_exceeded}). */
	CONTEXT_WINDOW_EXCEEDED,
	/** The model declined to answer for safety reasons (Anthropic {@code refusal}, OpenAI {@code content_filter}). */
	REFUSAL,
	/**
	 * The server paused a long turn (Anthropic {@code pause_turn}, e.g. during server-side tools): send the answer
	 * back as it is, and the model continues the same turn.
	 */
	PAUSE_TURN,
	/** A stop sequence ended the answer. */
	STOPPED,
	/** The stream broke or was cancelled; the answer holds what arrived. */
	INTERRUPTED;
}
