package dev.warden.core.provider;

/**
 * A model request that could not be answered. The message is written for the user: it says what happened and what
 * to do, and never contains the API key.
 */
public final class ProviderException extends Exception {

	private static final long serialVersionUID = 1L;

	/** What kind of failure, so callers can react without parsing the message. */
	public enum Kind {
		/** The configuration is incomplete or invalid. */
		CONFIGURATION,
		/** The key is missing or was rejected (HTTP 401/403). */
		AUTHENTICATION,
		/** The server does not know the model. */
		UNKNOWN_MODEL,
		/** The base URL points to nothing that answers this protocol (HTTP 404 without a model complaint). */
		NOT_FOUND,
		/** The server refused the request as malformed or too large (other 4xx). */
		BAD_REQUEST,
		/**
		 * The prompt does not fit the model's context window (or a local server's configured window, e.g. Ollama's
		 * {@code num_ctx}).
		 */
		CONTEXT_WINDOW,
		/** The account has no quota or credit left (OpenAI {@code insufficient_quota}); waiting does not help. */
		QUOTA,
		/** The server kept answering 429 after all retries. */
		RATE_LIMITED,
		/** The server kept failing (5xx) or resetting the connection after all retries. */
		SERVER_ERROR,
		/** No connection could be made. */
		UNREACHABLE,
		/** The server did not answer in time. */
		TIMEOUT,
		/** The server's answer could not be understood. */
		PROTOCOL,
		/** The user cancelled before anything arrived. */
		CANCELLED
	}

	private final Kind kind;

	public ProviderException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public ProviderException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}
}
