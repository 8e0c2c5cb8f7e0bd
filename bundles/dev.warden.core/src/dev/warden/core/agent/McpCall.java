package dev.warden.core.agent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user is shown about a call of an MCP tool, as the MCP rules found it: the server and tool, what the server
 * says of the tool (its description, its hints, which are shown and never relied on), the flags of an instruction-like
 * description, and, when the tool changed since it was pinned, the change to review.
 *
 * @param server          the server's name
 * @param tool            the tool's name at the server
 * @param description     the server's current description of the tool (untrusted text)
 * @param readOnlyHint    the server's {@code readOnlyHint}
 * @param destructiveHint the server's {@code destructiveHint}
 * @param flags           why the description reads like instructions to the model; empty when it does not
 * @param change          the change since the pin, or {@code null}
 */
public record McpCall(String server, String tool, String description, boolean readOnlyHint, boolean destructiveHint,
		List<String> flags, Change change) {

	/**
	 * A tool's description or input schema as pinned and as the server offers it now.
	 *
	 * @param pinnedDescription the description when the user pinned the tool; empty when it was not kept
	 * @param pinnedSchema      the input schema then (JSON text); empty when it was not kept
	 * @param description       the description now
	 * @param schema            the input schema now (JSON text)
	 */
	public record Change(String pinnedDescription, String pinnedSchema, String description, String schema) {
		public Change {
			pinnedDescription = pinnedDescription == null ? "" : pinnedDescription; //$NON-NLS-1$
			pinnedSchema = pinnedSchema == null ? "" : pinnedSchema; //$NON-NLS-1$
			description = description == null ? "" : description; //$NON-NLS-1$
			schema = schema == null ? "" : schema; //$NON-NLS-1$
		}
	}

	/**
	 * The tool name of a resource read ({@code resources/read}) in a subject and a trust entry,
	 * {@code server/resources:read}: no tool of a server can have it, for tool names have no colon.
	 */
	public static final String RESOURCE_READ = "resources:read"; //$NON-NLS-1$

	public McpCall {
		Objects.requireNonNull(server, "server"); //$NON-NLS-1$
		Objects.requireNonNull(tool, "tool"); //$NON-NLS-1$
		description = description == null ? "" : description; //$NON-NLS-1$
		flags = List.copyOf(flags == null ? List.of() : flags);
	}

	/** @return {@code server/tool}, the subject of the call and a trust entry */
	public String subject() {
		return server + '/' + tool;
	}

	/** @return the trust entries an "always trust" may save: this tool, or every tool of the server */
	public List<String> trustEntries() {
		return List.of(subject(), server + "/*"); //$NON-NLS-1$
	}

	/** @return whether this is the read of a resource attached to a prompt, not a call of a tool */
	public boolean isResourceRead() {
		return RESOURCE_READ.equals(tool);
	}

	public Optional<Change> changeSincePin() {
		return Optional.ofNullable(change);
	}

	/** The same call with the change to review. */
	public McpCall withChange(Change newChange) {
		return new McpCall(server, tool, description, readOnlyHint, destructiveHint, flags, newChange);
	}
}
