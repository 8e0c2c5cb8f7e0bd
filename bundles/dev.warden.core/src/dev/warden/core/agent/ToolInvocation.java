package dev.warden.core.agent;

import java.util.Objects;
import java.util.Set;

import dev.warden.core.tools.Capability;
import dev.warden.core.tools.ToolArguments;

/**
 * A well-formed tool call as the policy gateway examines it: the tool is known and its arguments fit its schema.
 *
 * @param sessionId    the chat session
 * @param callId       the provider's call identifier
 * @param toolName     the tool
 * @param capabilities what the tool may do if allowed
 * @param subject      what it acts on: a workspace path, a command line, a URL, a question
 * @param arguments    all validated arguments
 */
public record ToolInvocation(String sessionId, String callId, String toolName, Set<Capability> capabilities,
		String subject, ToolArguments arguments) {

	public ToolInvocation {
		Objects.requireNonNull(toolName, "toolName"); //$NON-NLS-1$
		capabilities = Set.copyOf(capabilities);
		subject = subject == null ? "" : subject; //$NON-NLS-1$
	}

	public boolean changesFiles() {
		return capabilities.contains(Capability.CHANGE_FILES);
	}

	public boolean runsCommand() {
		return capabilities.contains(Capability.RUN_COMMANDS);
	}
}
