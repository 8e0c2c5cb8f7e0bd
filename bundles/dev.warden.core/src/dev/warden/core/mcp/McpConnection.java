package dev.warden.core.mcp;

import java.time.Duration;
import java.util.List;

import com.google.gson.JsonObject;

import dev.warden.core.operations.Cancellation;

/**
 * A running, initialised MCP server. Thread-safe: calls may overlap.
 */
public interface McpConnection extends AutoCloseable {

	/** @return the server's name in Warden's configuration */
	String serverName();

	/** @return the protocol revision both sides agreed on */
	String protocolVersion();

	/**
	 * @return the server's tools; fetched again after the server announced {@code notifications/tools/list_changed}
	 *         (many announcements before the next look cost one fetch)
	 */
	List<McpToolInfo> tools() throws McpException;

	/**
	 * Fetches the tools afresh, whether or not the server announced a change: a server that changes its tools
	 * without saying so is caught at the next session.
	 */
	List<McpToolInfo> refreshTools() throws McpException;

	/** @return how many {@code notifications/tools/list_changed} the server sent so far */
	long toolListChanges();

	/**
	 * Calls a tool and waits for its result. Cancelling {@code cancellation} sends {@code notifications/cancelled} and
	 * ends the wait with a {@link java.util.concurrent.CancellationException}.
	 *
	 * @throws McpException when the server fails, dies, answers malformed JSON-RPC or does not answer in time
	 */
	McpCallResult call(String tool, JsonObject arguments, McpProgress progress, Cancellation cancellation,
			Duration timeout) throws McpException;

	/** @return whether the server offers resources ({@code resources/list}, {@code resources/read}) */
	default boolean offersResources() {
		return false;
	}

	/**
	 * @return the server's resources, all pages of {@code resources/list}; empty when it offers none
	 * @throws McpException when the server fails, dies or answers malformed JSON-RPC
	 */
	default List<McpResource> resources() throws McpException {
		return List.of();
	}

	/**
	 * Reads a resource ({@code resources/read}). Cancelling {@code cancellation} ends the wait with a
	 * {@link java.util.concurrent.CancellationException}.
	 *
	 * @throws McpException when the server offers no resources, fails, dies or does not answer in time
	 */
	default McpResourceContents readResource(String uri, Cancellation cancellation, Duration timeout)
			throws McpException {
		throw new McpException("The MCP server '" + serverName() + "' offers no resources."); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return whether the server offers prompts ({@code prompts/list}, {@code prompts/get}) */
	default boolean offersPrompts() {
		return false;
	}

	/**
	 * @return the server's prompts, all pages of {@code prompts/list}; empty when it offers none
	 * @throws McpException when the server fails, dies or answers malformed JSON-RPC
	 */
	default List<McpPrompt> prompts() throws McpException {
		return List.of();
	}

	/**
	 * Gets a prompt's messages ({@code prompts/get}) with {@code arguments} filled in.
	 *
	 * @throws McpException when the server offers no prompts, refuses the arguments, fails or does not answer in time
	 */
	default List<McpPromptMessage> getPrompt(String name, java.util.Map<String, String> arguments,
			Cancellation cancellation, Duration timeout) throws McpException {
		throw new McpException("The MCP server '" + serverName() + "' offers no prompts."); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return whether the server process still runs and the connection is open */
	boolean isAlive();

	/** @return the last lines the server wrote to its error output (at most a few kilobytes) */
	String errorOutput();

	/** Stops the server (its process tree). */
	@Override
	void close();
}
