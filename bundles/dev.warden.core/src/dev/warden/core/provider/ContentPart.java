package dev.warden.core.provider;

import java.util.Objects;

/** One piece of a {@link Message}, in a form independent of any provider's wire format. */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.Reasoning, ContentPart.ToolUse,
		ContentPart.ToolResult {

	/** Plain text written by the user or the model. */
	record Text(String text) implements ContentPart {
		public Text {
			Objects.requireNonNull(text, "text"); //$NON-NLS-1$
		}
	}

	/**
	 * What the model reasoned before it answered: shown to the user apart from the answer, never as part of it.
	 * Anthropic's thinking blocks carry a signature and must be sent back unchanged in a tool-use turn; a block the
	 * provider encrypted ({@code redacted_thinking}) has no text, only its opaque data. Reasoning that an
	 * OpenAI-compatible server streamed ({@code reasoning_content}, {@code reasoning}) has neither.
	 *
	 * @param text         the reasoning as the model wrote it, may be empty (redacted)
	 * @param signature    the provider's signature of {@code text}, exactly as received, or empty
	 * @param redactedData the encrypted reasoning of a redacted block, exactly as received, or empty
	 */
	record Reasoning(String text, String signature, String redactedData) implements ContentPart {
		public Reasoning {
			text = text == null ? "" : text; //$NON-NLS-1$
			signature = signature == null ? "" : signature; //$NON-NLS-1$
			redactedData = redactedData == null ? "" : redactedData; //$NON-NLS-1$
		}

		/** @return whether the provider encrypted this reasoning, so it has no text to show */
		public boolean redacted() {
			return !redactedData.isEmpty();
		}

		/** @return whether the provider can verify the block when it is sent back (a signature or redacted data) */
		public boolean signed() {
			return !signature.isEmpty() || redacted();
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
