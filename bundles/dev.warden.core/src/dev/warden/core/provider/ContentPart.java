package dev.warden.core.provider;

import java.util.Objects;

/** One piece of a {@link Message}, in a form independent of any provider's wire format. */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.ToolUse, ContentPart.ToolResult {

	/** Plain text written by the user or the model. */
	record Text(String text) implements ContentPart {
		public Text {
			Objects.requireNonNull(text, "text"); //$NON-NLS-1$
		}
	}

	/**
	 * The model's request to call a tool.
	 *
	 * @param id            the provider's identifier, echoed in the {@link ToolResult}
	 * @param name          the tool's name
	 * @param argumentsJson the arguments exactly as the model wrote them (may be malformed JSON)
	 */
	record ToolUse(String id, String name, String argumentsJson) implements ContentPart {
		public ToolUse {
			Objects.requireNonNull(id, "id"); //$NON-NLS-1$
			Objects.requireNonNull(name, "name"); //$NON-NLS-1$
			argumentsJson = argumentsJson == null ? "" : argumentsJson; //$NON-NLS-1$
		}

		public ToolCall toCall() {
			return new ToolCall(id, name, argumentsJson);
		}
	}

	/**
	 * What a tool call produced, sent back to the model in a user message.
	 *
	 * @param toolUseId the {@link ToolUse#id()} it answers
	 * @param content   the (size-capped) result text
	 * @param error     whether the call failed or was refused
	 */
	record ToolResult(String toolUseId, String content, boolean error) implements ContentPart {
		public ToolResult {
			Objects.requireNonNull(toolUseId, "toolUseId"); //$NON-NLS-1$
			content = content == null ? "" : content; //$NON-NLS-1$
		}
	}
}
