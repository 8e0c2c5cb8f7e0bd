package dev.warden.core.mcp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How to start one MCP server over stdio.
 *
 * @param name        the server's name, used in tool names ({@code name__tool}) and trust entries ({@code name/tool})
 * @param command     the program
 * @param arguments   its arguments
 * @param environment variables set for the server on top of the scrubbed environment
 */
public record McpServerConfig(String name, String command, List<String> arguments, Map<String, String> environment) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}"); //$NON-NLS-1$

	private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+"); //$NON-NLS-1$

	public McpServerConfig {
		Objects.requireNonNull(name, "name"); //$NON-NLS-1$
		if (!NAME.matcher(name).matches() || name.contains("__")) { //$NON-NLS-1$
			throw new IllegalArgumentException("The MCP server name '" + name + "' must be 1 to 32 letters, digits, " //$NON-NLS-1$ //$NON-NLS-2$
					+ "'-' or '_' (starting with a letter or digit, without '__')."); //$NON-NLS-1$
		}
		if (command == null || command.isBlank()) {
			throw new IllegalArgumentException("The MCP server '" + name + "' has no command."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		arguments = List.copyOf(arguments == null ? List.of() : arguments);
		environment = environment == null ? Map.of() : Map.copyOf(new TreeMap<>(environment));
	}

	/** @return the command line as the approval shows it, each word quoted where a shell would need it */
	public String commandLine() {
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
		return McpToolInfo.sha256(commandLine() + '\0' + String.join(",", environmentNames())); //$NON-NLS-1$
	}

	private static String quote(String word) {
		if (!word.isEmpty() && PLAIN_WORD.matcher(word).matches()) {
			return word;
		}
		return '\'' + word.replace("'", "'\\''") + '\''; //$NON-NLS-1$ //$NON-NLS-2$
	}
}
