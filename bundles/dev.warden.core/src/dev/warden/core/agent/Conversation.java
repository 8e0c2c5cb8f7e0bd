package dev.warden.core.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.warden.core.internal.agent.SavedPrefixMessages;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.Usage;

/**
 * A chat session's history, immutable. {@link AgentSession} replaces it after each step; {@link ConversationStore}
 * persists it.
 *
 * @param id       unique, safe as a file name
 * @param title    the start of the first prompt
 * @param created  when the session started
 * @param updated  when it last changed
 * @param messages the messages, oldest first
 * @param usage    tokens billed for the whole session
 * @param compactions the summaries that stand for the start of the conversation when it is sent, oldest first; the
 *                    messages themselves are all kept (those a summary stands for may be read again from the saved
 *                    chat when needed instead of being held: see {@link ConversationStore#release})
 */
public record Conversation(String id, String title, Instant created, Instant updated, List<Message> messages,
		Usage usage, List<Compaction> compactions) {

	static final int TITLE_LENGTH = 60;

	public Conversation {
		Objects.requireNonNull(id, "id"); //$NON-NLS-1$
		if (!id.matches("[A-Za-z0-9_-]+")) { //$NON-NLS-1$
			throw new IllegalArgumentException("A session id may hold only letters, digits, '_' and '-': " + id); //$NON-NLS-1$
		}
		title = title == null ? "" : title; //$NON-NLS-1$
		Objects.requireNonNull(created, "created"); //$NON-NLS-1$
		updated = updated == null ? created : updated;
		messages = messages instanceof SavedPrefixMessages ? messages : List.copyOf(messages);
		usage = usage == null ? Usage.ZERO : usage;
		compactions = compactions == null ? List.of() : List.copyOf(compactions);
		for (Compaction compaction : compactions) {
			if (compaction.upTo() > messages.size()) {
				throw new IllegalArgumentException("A compaction stands for " + compaction.upTo() //$NON-NLS-1$
						+ " messages of a conversation of " + messages.size()); //$NON-NLS-1$
			}
		}
	}

	/** A conversation that was never compacted. */
	public Conversation(String id, String title, Instant created, Instant updated, List<Message> messages,
			Usage usage) {
		this(id, title, created, updated, messages, usage, List.of());
	}

	/** @return an empty conversation with a new id */
	public static Conversation start() {
		Instant now = Instant.now();
		return new Conversation(UUID.randomUUID().toString(), "", now, now, List.of(), Usage.ZERO); //$NON-NLS-1$
	}

	/** @return this conversation with {@code message} appended (the first user message gives the title) */
	public Conversation append(Message message) {
		List<Message> list;
		if (messages instanceof SavedPrefixMessages saved) {
			list = saved.plus(message); // the start stays on disk
		} else {
			list = new ArrayList<>(messages);
			list.add(message);
		}
		String newTitle = title;
		if (newTitle.isEmpty() && message.role() == Role.USER && !message.text().isBlank()) {
			String text = message.text().strip().replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
			newTitle = text.length() <= TITLE_LENGTH ? text : text.substring(0, TITLE_LENGTH - 1) + '…';
		}
		return new Conversation(id, newTitle, created, Instant.now(), list, usage, compactions);
	}

	/** @return this conversation with {@code more} tokens billed */
	public Conversation addUsage(Usage more) {
		return new Conversation(id, title, created, Instant.now(), messages, usage.plus(more), compactions);
	}

	/** @return this conversation under another title */
	public Conversation withTitle(String newTitle) {
		return new Conversation(id, newTitle, created, updated, messages, usage, compactions);
	}

	/** @return this conversation with {@code compaction} as its newest summary */
	public Conversation compacted(Compaction compaction) {
		List<Compaction> list = new ArrayList<>(compactions);
		list.add(compaction);
		return new Conversation(id, title, created, Instant.now(), messages, usage, list);
	}

	/**
	 * @return the first {@code count} messages, with the summaries that stand for no more than them (a summary of
	 *         dropped messages would bring them back into what is sent)
	 */
	public Conversation truncated(int count) {
		// read once, all of it (a summary dropped below may bring the start back into what is sent)
		List<Message> all = messages instanceof SavedPrefixMessages ? List.copyOf(messages) : messages;
		List<Message> kept = all.subList(0, Math.min(count, all.size()));
		List<Compaction> valid = compactions.stream().filter(c -> c.upTo() <= kept.size()).toList();
		return new Conversation(id, title, created, Instant.now(), kept, usage, valid);
	}

	/** @return the newest summary, or {@code null} when the conversation was never compacted */
	public Compaction lastCompaction() {
		return compactions.isEmpty() ? null : compactions.get(compactions.size() - 1);
	}
}
