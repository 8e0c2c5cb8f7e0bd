package dev.warden.core.tools;

/** What a tool may do once its call is allowed. A {@link Grant} hands out only the capabilities its tool declared. */
public enum Capability {
	/** List, read and search files. */
	READ_FILES,
	/** Propose file changes (creation, edit, deletion). */
	CHANGE_FILES,
	/** Run a shell command in the project. */
	RUN_COMMANDS,
	/** Fetch a web page. */
	FETCH_URLS,
	/** Ask the user a question. */
	ASK_USER,
	/** Call a tool of an MCP server (the tool's server and name are the call's subject, {@code server/tool}). */
	CALL_MCP_TOOLS,
	/**
	 * Read a resource of an MCP server that the user attached to a prompt (the subject is
	 * {@code server/resources:read}, the resource's URI its argument {@code uri}).
	 */
	READ_MCP_RESOURCES
}
