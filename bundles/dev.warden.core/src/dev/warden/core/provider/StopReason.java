package dev.warden.core.provider;

/** Why the model stopped writing. */
public enum StopReason {
	/** The answer is complete. */
	END_TURN,
	/** The model wants tool results before it goes on. */
	TOOL_USE,
	/** The output limit was reached. */
	MAX_TOKENS,
	/** A stop sequence or a content filter ended the answer. */
	STOPPED,
	/** The stream broke or was cancelled; the answer holds what arrived. */
	INTERRUPTED;
}
