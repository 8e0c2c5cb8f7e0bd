package dev.warden.core.internal.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;

import dev.warden.core.provider.Message;

/**
 * The messages of a conversation whose start is not held in memory but read again from its saved files when it is
 * needed: the messages a summary stands for are no longer sent to the model, and in a long chat they hold most of its
 * memory (their tool outputs). The newest messages are held as usual. Immutable.
 * <p>
 * Iterating (which {@code List.copyOf}, {@code equals} and the JSON writer do) reads the saved start once; {@link #get}
 * of an index in it reads it again unless the last read is still in memory (it is held weakly). What is read is checked
 * against the hash of the messages it stands for, so a changed file is an error, never another message.
 */
public final class SavedPrefixMessages extends AbstractList<Message> implements RandomAccess {

	/** Reads the first messages of a saved conversation; equal sources read the same chat. */
	@FunctionalInterface
	public interface Source {
		/** @return the first {@code count} messages as saved */
		List<Message> read(int count) throws IOException;
	}

	private final int saved;
	private final int savedHash;
	private final Source source;
	private final List<Message> held;
	private WeakReference<List<Message>> lastRead = new WeakReference<>(null);

	private SavedPrefixMessages(int saved, int savedHash, Source source, List<Message> held) {
		this.saved = saved;
		this.savedHash = savedHash;
		this.source = source;
		this.held = held;
	}

	/**
	 * @param messages all the messages, as saved by {@code source}'s store
	 * @param count    how many of the first are read from {@code source} instead of being held
	 * @return {@code messages} with their first {@code count} read again when needed
	 */
	public static SavedPrefixMessages of(List<Message> messages, int count, Source source) {
		if (messages instanceof SavedPrefixMessages known && known.source.equals(source) && known.saved <= count) {
			// the part read already is not read again to hash it: its hash is known
			int hash = known.savedHash;
			for (Message message : known.held.subList(0, count - known.saved)) {
				hash = 31 * hash + message.hashCode();
			}
			return new SavedPrefixMessages(count, hash, source,
					List.copyOf(known.held.subList(count - known.saved, known.held.size())));
		}
		List<Message> prefix = messages.subList(0, count);
		return new SavedPrefixMessages(count, prefix.hashCode(), source,
				List.copyOf(messages.subList(count, messages.size())));
	}

	/** @return how many of the first messages are read from the saved files */
	public int savedCount() {
		return saved;
	}

	/** @return these messages with {@code message} added */
	public SavedPrefixMessages plus(Message message) {
		List<Message> more = new ArrayList<>(held.size() + 1);
		more.addAll(held);
		more.add(message);
		return new SavedPrefixMessages(saved, savedHash, source, List.copyOf(more));
	}

	/** The first messages, read from the saved files (or still in memory from the last read). */
	private List<Message> savedMessages() {
		List<Message> messages = lastRead.get();
		if (messages != null) {
			return messages;
		}
		try {
			messages = source.read(saved);
		} catch (IOException e) {
			throw new UncheckedIOException("The start of the saved chat could not be read: " + e.getMessage(), e); //$NON-NLS-1$
		}
		if (messages.size() != saved || messages.hashCode() != savedHash) {
			throw new UncheckedIOException(new IOException(
					"The saved chat no longer holds the messages its start stands for (" + messages.size() + " of " //$NON-NLS-1$ //$NON-NLS-2$
							+ saved + " read)")); //$NON-NLS-1$
		}
		lastRead = new WeakReference<>(messages);
		return messages;
	}

	@Override
	public Message get(int index) {
		if (index >= saved) {
			return held.get(index - saved);
		}
		if (index < 0) {
			throw new IndexOutOfBoundsException(index);
		}
		return savedMessages().get(index);
	}

	@Override
	public int size() {
		return saved + held.size();
	}

	@Override
	public Iterator<Message> iterator() {
		return new Iterator<>() {
			private List<Message> start;
			private int next;

			@Override
			public boolean hasNext() {
				return next < size();
			}

			@Override
			public Message next() {
				if (!hasNext()) {
					throw new java.util.NoSuchElementException();
				}
				int index = next++;
				if (index >= saved) {
					return held.get(index - saved);
				}
				if (start == null) {
					start = savedMessages(); // held by this iterator until it is done with it
				}
				return start.get(index);
			}
		};
	}

	@Override
	public Spliterator<Message> spliterator() {
		return Spliterators.spliterator(iterator(), size(), Spliterator.ORDERED | Spliterator.SIZED);
	}

	@Override
	public boolean equals(Object other) {
		if (other == this) {
			return true;
		}
		if (!(other instanceof List<?> list) || list.size() != size()) {
			return false;
		}
		Iterator<?> theirs = list.iterator();
		for (Message message : this) {
			if (!message.equals(theirs.next())) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		return super.hashCode(); // by iteration, which reads the saved start once
	}

	@Override
	public Object[] toArray() {
		Object[] array = new Object[size()];
		int i = 0;
		for (Message message : this) {
			array[i++] = message;
		}
		return array;
	}
}
