package dev.warden.core.provider;

import java.util.List;
import java.util.Objects;

/**
 * One request to the model: the stable prefix (system prompt, tools) and the conversation so far.
 *
 * @param systemPrompt the instructions that stay the same for the whole conversation, may be empty; a provider with
 *                     prompt caching caches them
 * @param systemSuffix instructions that may change between requests (e.g. the mode), sent after the stable part and
 *                     outside its cache mark so that changing them does not rewrite the cached prefix; may be empty
 * @param tools        the tools the model may call
 * @param messages     the conversation, oldest first, starting with a user message
 */
public record ModelRequest(String systemPrompt, String systemSuffix, List<ToolSpec> tools, List<Message> messages) {

	public ModelRequest {
		systemPrompt = systemPrompt == null ? "" : systemPrompt; //$NON-NLS-1$
		systemSuffix = systemSuffix == null ? "" : systemSuffix; //$NON-NLS-1$
		tools = List.copyOf(tools);
		messages = List.copyOf(messages);
		Objects.requireNonNull(messages, "messages"); //$NON-NLS-1$
	}

	/** A request whose instructions are all stable. */
	public ModelRequest(String systemPrompt, List<ToolSpec> tools, List<Message> messages) {
		this(systemPrompt, "", tools, messages); //$NON-NLS-1$
	}

	/** @return the stable instructions followed by the changing ones, for protocols without separate blocks */
	public String fullSystemPrompt() {
		if (systemSuffix.isEmpty()) {
			return systemPrompt;
		}
		if (systemPrompt.isEmpty()) {
			return systemSuffix;
		}
		return systemPrompt.endsWith("\n") ? systemPrompt + systemSuffix : systemPrompt + '\n' + systemSuffix; //$NON-NLS-1$
	}
}
