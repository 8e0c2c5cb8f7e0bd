package dev.warden.core.mcp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How to reach one MCP server: a program started over stdio, or a remote server over Streamable HTTP.
 *
 * @param name        the server's name, used in tool names ({@code name__tool}) and trust entries ({@code name/tool})
 * @param command     the program (stdio); empty for an HTTP server
 * @param arguments   its arguments
 * @param environment variables set for the server on top of the scrubbed environment
 * @param url         the address of an HTTP server; empty for a stdio server
 * @param headers     headers sent with every request to an HTTP server (e.g. {@code Authorization}); their values are
 *                    secrets, kept in secure storage like the variables'
 */
public record McpServerConfig(String name, String command, List<String> arguments, Map<String, String> environment,
		String url, Map<String, String> headers) {

	private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+"); //$NON-NLS-1$

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}"); //$NON-NLS-1$

	private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+"); //$NON-NLS-1$

	public McpServerConfig {
		Objects.requireNonNull(name, "name"); //$NON-NLS-1$
		if (!NAME.matcher(name).matches() || name.contains("__")) { //$NON-NLS-1$
			throw new IllegalArgumentException("The MCP server name '" + name + "' must be 1 to 32 letters, digits, " //$NON-NLS-1$ //$NON-NLS-2$
					+ "'-' or '_' (starting with a letter or digit, without '__')."); //$NON-NLS-1$
		}
		command = command == null ? "" : command.strip(); //$NON-NLS-1$
		url = url == null ? "" : url.strip(); //$NON-NLS-1$
		if (command.isEmpty() == url.isEmpty()) {
			throw new IllegalArgumentException("The MCP server '" + name + "' needs either a command (stdio) or a URL " //$NON-NLS-1$ //$NON-NLS-2$
					+ "(HTTP), not " + (command.isEmpty() ? "neither." : "both.")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		if (!url.isEmpty() && !url.startsWith("https://") && !url.startsWith("http://")) { //$NON-NLS-1$ //$NON-NLS-2$
			throw new IllegalArgumentException("The URL of the MCP server '" + name + "' must start with https:// or http://."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		arguments = List.copyOf(arguments == null ? List.of() : arguments);
		environment = environment == null ? Map.of() : Map.copyOf(new TreeMap<>(environment));
		headers = headers == null ? Map.of() : Map.copyOf(new TreeMap<>(headers));
		for (String header : headers.keySet()) {
			if (!HEADER.matcher(header).matches()) {
				throw new IllegalArgumentException("'" + header + "' is not a valid HTTP header name."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
	}

	/** A server started as a program and spoken to over its standard input and output. */
	public McpServerConfig(String name, String command, List<String> arguments, Map<String, String> environment) {
		this(name, command, arguments, environment, "", Map.of()); //$NON-NLS-1$
	}

	/** A remote server spoken to over Streamable HTTP. */
	public static McpServerConfig http(String name, String url, Map<String, String> headers) {
		return new McpServerConfig(name, "", List.of(), Map.of(), url, headers); //$NON-NLS-1$
	}

	/** @return whether the server is reached over HTTP rather than started as a program */
	public boolean isHttp() {
		return !url.isEmpty();
	}

	/** @return the names (never the values) of the headers sent to an HTTP server, sorted */
	public Set<String> headerNames() {
		return new java.util.TreeSet<>(headers.keySet());
	}

	/**
	 * @return the command line as the approval shows it, each word quoted where a shell would need it; for an HTTP
	 *         server its URL
	 */
	public String commandLine() {
		if (isHttp()) {
			return url;
		}
		StringBuilder line = new StringBuilder(quote(command));
		for (String argument : arguments) {
			line.append(' ').append(quote(argument));
		}
		return line.toString();
	}

	/** @return the names (never the values) of the variables this configuration sets, sorted */
	public Set<String> environmentNames() {
		return new java.util.TreeSet<>(environment.keySet());
	}

	/**
	 * What an approval to start this server is keyed by: the SHA-256 of the exact command line and the names of the
	 * variables it sets. A changed program, argument or variable name needs a new approval; a new value of a
	 * variable (a rotated token) does not.
	 */
	public String launchKey() {
		String names = String.join(",", environmentNames()); //$NON-NLS-1$
		if (isHttp()) {
			names = "headers " + String.join(",", headerNames()); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return McpToolInfo.sha256(commandLine() + '\0' + names);
	}

	private static String quote(String word) {
		if (!word.isEmpty() && PLAIN_WORD.matcher(word).matches()) {
			return word;
		}
		return '\'' + word.replace("'", "'\\''") + '\''; //$NON-NLS-1$ //$NON-NLS-2$
	}
}
