package dev.warden.core.mcp;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The MCP tools the user trusted: entries {@code server/tool} (one tool) or {@code server/*} (every tool of the
 * server), one a line. Blank lines and {@code #} comments are ignored; a malformed line is refused with a message.
 */
public final class McpTrust {

	private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]{0,31})/(\\*|[^\\s/*]+)"); //$NON-NLS-1$

	private final Set<String> entries;

	private McpTrust(Set<String> entries) {
		this.entries = Set.copyOf(entries);
	}

	public static McpTrust none() {
		return new McpTrust(Set.of());
	}

	/**
	 * @throws IllegalArgumentException naming the first malformed line
	 */
	public static McpTrust parse(String text) {
		Set<String> entries = new LinkedHashSet<>();
		int number = 0;
		for (String raw : (text == null ? "" : text).split("\n", -1)) { //$NON-NLS-1$ //$NON-NLS-2$
			number++;
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) { //$NON-NLS-1$
				continue;
			}
			Optional<String> problem = problem(line);
			if (problem.isPresent()) {
				throw new IllegalArgumentException("Line " + number + " of the trusted MCP tools: " + problem.get()); //$NON-NLS-1$ //$NON-NLS-2$
			}
			entries.add(line);
		}
		return new McpTrust(entries);
	}

	/** @return why {@code entry} is not a valid trust entry, or empty when it is */
	public static Optional<String> problem(String entry) {
		if (ENTRY.matcher(entry).matches()) {
			return Optional.empty();
		}
		return Optional.of("'" + entry + "' is not of the form server/tool or server/*"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return the entry that trusts {@code tool} of {@code server}, if any */
	public Optional<String> covering(String server, String tool) {
		String exact = server + '/' + tool;
		if (entries.contains(exact)) {
			return Optional.of(exact);
		}
		String all = server + "/*"; //$NON-NLS-1$
		return entries.contains(all) ? Optional.of(all) : Optional.empty();
	}

	public List<String> entries() {
		return List.copyOf(entries);
	}
}
