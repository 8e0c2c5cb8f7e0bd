package dev.warden.core.tools;

/**
 * A tool call that cannot be carried out. The message goes to the model as an error result, so it says what was
 * wrong and how to do better (e.g. "old_string matches 3 times; include more context").
 */
public final class ToolException extends Exception {

	private static final long serialVersionUID = 1L;

	public ToolException(String message) {
		super(message);
	}

	public ToolException(String message, Throwable cause) {
		super(message, cause);
	}
}
