package dev.warden.core.tools;

/**
 * What a tool call gives back to the model.
 *
 * @param content the result text, already size-capped
 * @param error   whether it reports a failure or refusal
 */
public record ToolOutput(String content, boolean error) {

	public ToolOutput {
		content = content == null ? "" : content; //$NON-NLS-1$
	}

	public static ToolOutput ok(String content) {
		return new ToolOutput(content, false);
	}

	public static ToolOutput error(String message) {
		return new ToolOutput(message, true);
	}
}
