package dev.warden.core.internal.trust;

/**
 * Thrown when a command line uses shell syntax that the parser does not fully understand, so that it cannot say
 * which commands would run. The message is a sentence a user reads.
 */
public final class ShellSyntaxException extends Exception {

	private static final long serialVersionUID = 1L;

	public ShellSyntaxException(String message) {
		super(message);
	}
}
