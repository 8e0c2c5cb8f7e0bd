package dev.warden.core.agent;

import java.util.Objects;

/**
 * A resource of an MCP server that the user attached to a prompt: read through the gateway (asked about like a call of
 * a tool of that server unless trusted) before the prompt is sent, its content added to the prompt like an attached
 * file.
 *
 * @param server the server's name
 * @param uri    the resource's URI
 */
public record ResourceAttachment(String server, String uri) {

	public ResourceAttachment {
		Objects.requireNonNull(server, "server"); //$NON-NLS-1$
		Objects.requireNonNull(uri, "uri"); //$NON-NLS-1$
	}

	/** @return how a prompt mentions it: {@code @server:uri} without the {@code @} */
	public String mention() {
		return server + ':' + uri;
	}
}
