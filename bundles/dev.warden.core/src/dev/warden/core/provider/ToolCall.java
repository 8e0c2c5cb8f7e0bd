package dev.warden.core.provider;

import java.util.Objects;

/**
 * A complete tool call as the model streamed it.
 *
 * @param id            the provider's call identifier
 * @param name          the tool name, as the model wrote it (maybe unknown)
 * @param argumentsJson the argument object as JSON text, exactly as received (maybe malformed)
 */
public record ToolCall(String id, String name, String argumentsJson) {

	public ToolCall {
		Objects.requireNonNull(id, "id"); //$NON-NLS-1$
		name = name == null ? "" : name; //$NON-NLS-1$
		argumentsJson = argumentsJson == null ? "" : argumentsJson; //$NON-NLS-1$
	}
}
