package dev.warden.core.protect;

/**
 * A fetch that did not produce content: the URL or a redirect was refused, the server answered with an error or
 * content that is not text, or a limit was reached. The message says which, in words fit for the user and the agent.
 */
public class FetchException extends Exception {

	private static final long serialVersionUID = 1L;

	private final transient UrlDecision refusal;

	public FetchException(String message, UrlDecision refusal, Throwable cause) {
		super(message, cause);
		this.refusal = refusal;
	}

	public FetchException(String message) {
		this(message, null, null);
	}

	/** The policy's refusal when that is why the fetch failed (of the URL or of a redirect), else {@code null}. */
	public UrlDecision refusal() {
		return refusal;
	}
}
