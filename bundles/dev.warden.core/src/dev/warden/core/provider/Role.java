package dev.warden.core.provider;

/** Who speaks in a {@link Message}. The system prompt is not a message: it travels in {@link ModelRequest}. */
public enum Role {
	USER, ASSISTANT
}
