package dev.warden.core.provider;

import java.util.List;
import java.util.Objects;

/**
 * One request to the model: the stable prefix (system prompt, tools) and the conversation so far.
 *
 * @param systemPrompt the instructions, may be empty
 * @param tools        the tools the model may call
 * @param messages     the conversation, oldest first, starting with a user message
 */
public record ModelRequest(String systemPrompt, List<ToolSpec> tools, List<Message> messages) {

	public ModelRequest {
		systemPrompt = systemPrompt == null ? "" : systemPrompt; //$NON-NLS-1$
		tools = List.copyOf(tools);
		messages = List.copyOf(messages);
		Objects.requireNonNull(messages, "messages"); //$NON-NLS-1$
	}
}
