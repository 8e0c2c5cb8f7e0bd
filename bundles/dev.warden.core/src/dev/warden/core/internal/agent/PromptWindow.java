package dev.warden.core.internal.agent;

import java.util.ArrayList;
import java.util.List;

import dev.warden.core.agent.Compaction;
import dev.warden.core.agent.Conversation;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.ToolSpec;

/**
 * What of a conversation is sent to the model: the newest summary in place of the messages it stands for, the
 * messages after it, and old tool outputs trimmed when the request would not fit otherwise.
 * <p>
 * Sizes are estimated at four characters a token (the rule of thumb of OpenAI's and Anthropic's documentation for
 * English and code); {@link dev.warden.core.agent.AgentSession} corrects the estimate by the count the service
 * reports for each request. No tokenizer library covers every provider's models, and none is needed for a threshold.
 */
public final class PromptWindow {

	/** Characters per token, for estimates. */
	static final int CHARS_PER_TOKEN = 4;

	/** The tokens each message costs beyond its text (role, separators), as the providers' documentation counts them. */
	static final int MESSAGE_OVERHEAD = 4;

	/** How much of an old tool output is kept when it is trimmed. */
	static final int TRIMMED_KEEP_CHARS = 240;

	/** What the first message says when a summary stands for the start of the conversation. */
	public static final String SUMMARY_INTRO = "The conversation so far was summarized to fit the context window; " //$NON-NLS-1$
			+ "the saved chat keeps every message. Summary of the earlier part:\n\n"; //$NON-NLS-1$

	/** The model's side after the summary, when the next kept message is the user's. */
	static final String SUMMARY_ACK = "Understood. I continue from this summary."; //$NON-NLS-1$

	private PromptWindow() {
	}

	public static long estimate(String text) {
		return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
	}

	public static long estimate(Message message) {
		long chars = 0;
		for (ContentPart part : message.parts()) {
			chars += switch (part) {
			case ContentPart.Text t -> t.text().length();
			case ContentPart.Reasoning r -> r.text().length() + r.signature().length() + r.redactedData().length();
			case ContentPart.ToolUse u -> u.name().length() + u.argumentsJson().length() + u.id().length() + 16;
			case ContentPart.ToolResult r -> r.content().length() + r.toolUseId().length() + 16;
			};
		}
		return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + MESSAGE_OVERHEAD;
	}

	public static long estimate(List<Message> messages) {
		long sum = 0;
		for (Message message : messages) {
			sum += estimate(message);
		}
		return sum;
	}

	/** @return the estimated tokens of the instructions and tool definitions sent with every request */
	public static long estimateFixed(String systemPrompt, List<ToolSpec> tools) {
		long chars = systemPrompt.length();
		for (ToolSpec tool : tools) {
			chars += tool.name().length() + tool.description().length() + tool.inputSchema().length() + 16;
		}
		return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
	}

	/**
	 * @return the messages sent for {@code conversation}: those after its newest summary, preceded by the summary (and
	 *         by the model's acknowledgement when the next message is the user's, so that the roles alternate)
	 */
	public static List<Message> view(Conversation conversation) {
		Compaction last = conversation.lastCompaction();
		if (last == null) {
			return conversation.messages();
		}
		List<Message> rest = conversation.messages().subList(last.upTo(), conversation.messages().size());
		List<Message> view = new ArrayList<>(rest.size() + 2);
		view.add(Message.user(SUMMARY_INTRO + last.summary()));
		if (rest.isEmpty() || rest.get(0).role() == Role.USER) {
			view.add(Message.assistant(List.of(new ContentPart.Text(SUMMARY_ACK))));
		}
		view.addAll(rest);
		return view;
	}

	/**
	 * Trims tool outputs, oldest first, until the messages fit {@code limit} estimated tokens. The newest exchange
	 * (the last two messages: the model's tool calls and their results) is never trimmed, nor is any text.
	 *
	 * @return {@code messages}, or a copy with some tool outputs shortened to their start and a note
	 */
	public static List<Message> trimmed(List<Message> messages, long limit) {
		long total = estimate(messages);
		if (total <= limit) {
			return messages;
		}
		List<Message> out = new ArrayList<>(messages);
		int protectedFrom = Math.max(0, messages.size() - 2);
		for (int i = 0; i < protectedFrom && total > limit; i++) {
			Message message = out.get(i);
			boolean changed = false;
			List<ContentPart> parts = new ArrayList<>(message.parts().size());
			for (ContentPart part : message.parts()) {
				if (part instanceof ContentPart.ToolResult result && result.content().length() > TRIMMED_KEEP_CHARS * 2) {
					parts.add(new ContentPart.ToolResult(result.toolUseId(), trim(result.content()), result.error()));
					changed = true;
				} else {
					parts.add(part);
				}
			}
			if (changed) {
				Message shorter = new Message(message.role(), parts, message.interrupted());
				total += estimate(shorter) - estimate(message);
				out.set(i, shorter);
			}
		}
		return out;
	}

	/** @return the start of {@code output} and a note that the rest was left out */
	static String trim(String output) {
		return output.substring(0, TRIMMED_KEEP_CHARS) + "\n[… " + (output.length() - TRIMMED_KEEP_CHARS) //$NON-NLS-1$
				+ " more characters of this output were left out to save context; run the tool again if you need them]"; //$NON-NLS-1$
	}

	/**
	 * Finds where a new summary may end: at a message of the model, or at a prompt of the user, after {@code start}
	 * and before the last message. Every tool call before that point has its result before it, so the calls and
	 * results kept verbatim stay in pairs, and a call still waiting for its result is always kept.
	 *
	 * @param keepTokens how many estimated tokens of the newest messages to keep verbatim if possible
	 * @return the index of the first message kept, or -1 when nothing can be summarized
	 */
	public static int cutPoint(List<Message> messages, int start, long keepTokens) {
		int latest = -1;
		long tail = 0;
		int best = -1;
		for (int i = messages.size() - 1; i > start; i--) {
			tail += estimate(messages.get(i));
			if (!canStartAt(messages, i)) {
				continue;
			}
			if (latest < 0) {
				latest = i;
			}
			if (tail <= keepTokens) {
				best = i;
			} else {
				break;
			}
		}
		return best >= 0 ? best : latest;
	}

	private static boolean canStartAt(List<Message> messages, int index) {
		Message message = messages.get(index);
		if (message.role() == Role.ASSISTANT) {
			return true;
		}
		boolean results = message.parts().stream().anyMatch(ContentPart.ToolResult.class::isInstance);
		Message before = messages.get(index - 1);
		return !results && !message.text().isBlank()
				&& (before.role() != Role.ASSISTANT || before.toolCalls().isEmpty());
	}
}
