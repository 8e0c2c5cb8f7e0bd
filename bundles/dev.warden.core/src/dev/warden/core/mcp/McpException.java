package dev.warden.core.mcp;

/** A failure talking to an MCP server, worded for the user and the model. */
public class McpException extends Exception {

	private static final long serialVersionUID = 1L;

	public McpException(String message) {
		super(message);
	}

	public McpException(String message, Throwable cause) {
		super(message, cause);
	}
}
