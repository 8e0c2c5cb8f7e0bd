package dev.warden.core.internal.provider;

/**
 * An error reported by the server inside a stream that has already started (e.g. Anthropic's {@code error} event),
 * or data the decoder cannot read. Carries a message for the user that never contains the key.
 */
public final class StreamFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean retryable;

	public StreamFailure(String message, boolean retryable) {
		super(message);
		this.retryable = retryable;
	}

	/** @return whether repeating the request may succeed (the server was overloaded, not the request wrong) */
	public boolean retryable() {
		return retryable;
	}
}
