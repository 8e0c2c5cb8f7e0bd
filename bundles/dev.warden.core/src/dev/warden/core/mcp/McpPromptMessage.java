package dev.warden.core.mcp;

import java.util.Objects;

/**
 * One message of a prompt as {@code prompts/get} gave it, as text: text content as it is, an embedded resource's text
 * with its URI, other content named, not included.
 *
 * @param assistant whether the message is the assistant's; otherwise it is the user's
 * @param text      the text
 */
public record McpPromptMessage(boolean assistant, String text) {

	public McpPromptMessage {
		Objects.requireNonNull(text, "text"); //$NON-NLS-1$
	}
}
