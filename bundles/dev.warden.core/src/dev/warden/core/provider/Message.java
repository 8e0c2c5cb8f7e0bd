package dev.warden.core.provider;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * @param role        who wrote it
 * @param parts       its content, in order
 * @param interrupted whether the model's answer was cut off (stream broken or cancelled) and holds only the part
 *                    received
 */
public record Message(Role role, List<ContentPart> parts, boolean interrupted) {

	public Message {
		Objects.requireNonNull(role, "role"); //$NON-NLS-1$
		parts = List.copyOf(parts);
	}

	public static Message user(String text) {
		return new Message(Role.USER, List.of(new ContentPart.Text(text)), false);
	}

	public static Message assistant(List<ContentPart> parts) {
		return new Message(Role.ASSISTANT, parts, false);
	}

	/** @return the concatenated reasoning parts (never part of {@link #text()}), blocks separated by a blank line */
	public String reasoning() {
		StringBuilder reasoning = new StringBuilder();
		for (ContentPart part : parts) {
			if (part instanceof ContentPart.Reasoning r && !r.text().isEmpty()) {
				if (!reasoning.isEmpty()) {
					reasoning.append("\n\n"); //$NON-NLS-1$
				}
				reasoning.append(r.text());
			}
		}
		return reasoning.toString();
	}

	/** @return the concatenated text parts */
	public String text() {
		StringBuilder text = new StringBuilder();
		for (ContentPart part : parts) {
			if (part instanceof ContentPart.Text t) {
				text.append(t.text());
			}
		}
		return text.toString();
	}

	/** @return the tool calls in this message, in order */
	public List<ToolCall> toolCalls() {
		return parts.stream().filter(ContentPart.ToolUse.class::isInstance).map(ContentPart.ToolUse.class::cast)
				.map(ContentPart.ToolUse::toCall).toList();
	}

	public boolean isEmpty() {
		return parts.stream().allMatch(p -> p instanceof ContentPart.Text t && t.text().isEmpty());
	}
}
