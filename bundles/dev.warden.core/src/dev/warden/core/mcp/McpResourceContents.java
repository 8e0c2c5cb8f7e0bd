package dev.warden.core.mcp;

/**
 * What {@code resources/read} gave back, as text: the text contents joined, binary contents named with their type and
 * size, not included.
 *
 * @param uri      the resource read
 * @param mimeType the MIME type of its first content, when the server says; may be empty
 * @param text     the text
 */
public record McpResourceContents(String uri, String mimeType, String text) {

	public McpResourceContents {
		mimeType = mimeType == null ? "" : mimeType; //$NON-NLS-1$
		text = text == null ? "" : text; //$NON-NLS-1$
	}
}
