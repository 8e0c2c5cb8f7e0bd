package dev.warden.core.mcp;

/**
 * What a {@code tools/call} gave back.
 *
 * @param text    the text content (other content kinds are named, not included)
 * @param isError whether the server reported the call as failed
 */
public record McpCallResult(String text, boolean isError) {

	public McpCallResult {
		text = text == null ? "" : text; //$NON-NLS-1$
	}
}
