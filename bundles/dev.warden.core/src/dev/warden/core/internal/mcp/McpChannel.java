package dev.warden.core.internal.mcp;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where an MCP session's JSON-RPC lines go and come from: a server process's standard input and output, or Streamable
 * HTTP framed as the same lines ({@link StreamableHttpChannel}).
 */
interface McpChannel {

	/** @return the server's messages, one JSON-RPC message a line */
	InputStream in();

	/** @return where the client's messages are written, one a line */
	OutputStream out();

	boolean isAlive();

	/** @return the last lines of the server's error output, or the last HTTP failures */
	String errorOutput();

	/** @return why the server's messages ended (an exit code and error output, a closed connection) */
	String whyClosed();

	/** Ends the channel: stops the process (its tree), or ends the HTTP session. */
	void close();
}
