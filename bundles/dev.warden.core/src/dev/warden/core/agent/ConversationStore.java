package dev.warden.core.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonParseException;

import dev.warden.core.internal.agent.ConversationIndex;
import dev.warden.core.internal.agent.ConversationJson;
import dev.warden.core.internal.agent.SavedPrefixMessages;
import dev.warden.core.provider.Message;

/**
 * Keeps a workspace's conversations as JSON files ({@code <id>.json}) in a state directory, e.g. the plugin's state
 * location for the workspace. Writes are atomic: the JSON goes to a temporary file in the same directory, is forced to
 * disk, then moved over the old file, so a crash leaves either the old or the new version, never a torn one.
 * <p>
 * A save that only adds messages to the version this store saved last (an agent's step) appends one line to the
 * chat's log ({@code <id>.log}) and forces it, instead of writing the whole chat again: a step costs the same in a
 * chat of thousands of messages as in a new one. Loading applies the log's lines to the JSON in order; a torn last line
 * (a crash during the append) is the version before it. Any other change (a compaction, a shortened chat, a message
 * changed) and a log grown past the size of the JSON write the whole chat again, which empties the log.
 * {@link #list()} reads the summaries from an index ({@link ConversationIndex}) and parses only the chats whose files
 * changed behind its back; the index is rebuilt when it is missing or damaged. Thread-safe.
 */
public final class ConversationStore {

	private static final String SUFFIX = ".json"; //$NON-NLS-1$
	private static final String LOG_SUFFIX = ".log"; //$NON-NLS-1$
	/** A log may grow to the size of its JSON (at least this much) before the chat is written whole again. */
	private static final long LOG_MINIMUM_LIMIT = 256 * 1024;

	private final Path directory;
	private final ConversationIndex index;

	/**
	 * What this store saved last of a chat: how many messages its files hold, the last of them (held weakly: a chat
	 * nobody holds any more is not kept in memory for this; its next save writes it whole), what else a log line
	 * cannot change, and the files' sizes.
	 */
	private record Saved(int count, java.lang.ref.WeakReference<Message> last, Instant created,
			List<Compaction> compactions, long jsonBytes, long logBytes) {

		static Saved of(Conversation conversation, long jsonBytes, long logBytes) {
			List<Message> messages = conversation.messages();
			return new Saved(messages.size(),
					new java.lang.ref.WeakReference<>(messages.isEmpty() ? null : messages.get(messages.size() - 1)),
					conversation.created(), conversation.compactions(), jsonBytes, logBytes);
		}
	}

	private final java.util.Map<String, Saved> saved = new java.util.HashMap<>();

	/** @param directory the state directory; created when the first conversation is saved */
	public ConversationStore(Path directory) {
		this.directory = directory;
		this.index = new ConversationIndex(directory);
	}

	/** Writes {@code conversation} atomically, replacing an earlier version. */
	public synchronized void save(Conversation conversation) throws IOException {
		Saved last = saved.get(conversation.id());
		if (last != null && addsOnly(last, conversation)
				&& last.logBytes() < Math.max(LOG_MINIMUM_LIMIT, last.jsonBytes())) {
			try {
				append(last, conversation);
				return;
			} catch (IOException e) {
				saved.remove(conversation.id()); // the log may hold a torn line now: write the whole chat instead
			}
		}
		writeWhole(conversation);
	}

	/**
	 * Whether {@code next} only adds messages to what was saved: the same message object last, nothing else changed. A
	 * conversation changes its messages only by appending and by truncating (and a message appended after a
	 * truncation is a new object), so the last saved message in its place means every earlier one is unchanged too.
	 */
	private static boolean addsOnly(Saved last, Conversation next) {
		List<Message> after = next.messages();
		if (after.size() < last.count() || !last.created().equals(next.created())
				|| !last.compactions().equals(next.compactions())) {
			return false;
		}
		return last.count() == 0 || after.get(last.count() - 1) == last.last().get() && last.last().get() != null;
	}

	private void append(Saved last, Conversation conversation) throws IOException {
		Path log = log(conversation.id());
		byte[] line = (ConversationJson.logLine(conversation, last.count()) + '\n')
				.getBytes(StandardCharsets.UTF_8);
		boolean created = !Files.exists(log);
		try (FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			var buffer = java.nio.ByteBuffer.wrap(line);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		if (created) {
			forceDirectory();
		}
		saved.put(conversation.id(), Saved.of(conversation, last.jsonBytes(), last.logBytes() + line.length));
		index.put(summary(conversation), stamp(conversation.id()));
	}

	private void writeWhole(Conversation conversation) throws IOException {
		Files.createDirectories(directory);
		Path target = file(conversation.id());
		Path temp = Files.createTempFile(directory, conversation.id() + '.', ".tmp"); //$NON-NLS-1$
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				var buffer = StandardCharsets.UTF_8.encode(ConversationJson.write(conversation));
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			forceDirectory();
			// the JSON holds everything now: an older log would add its messages again
			if (Files.deleteIfExists(log(conversation.id()))) {
				forceDirectory();
			}
			saved.put(conversation.id(), Saved.of(conversation, Files.size(target), 0));
			index.put(summary(conversation), stamp(conversation.id()));
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	/** The index's stamp of a chat: its JSON and its log together, so that an append makes the summary stale. */
	private ConversationIndex.Stamp stamp(String id) throws IOException {
		return stamp(Files.readAttributes(file(id), BasicFileAttributes.class), id);
	}

	private ConversationIndex.Stamp stamp(BasicFileAttributes json, String id) throws IOException {
		ConversationIndex.Stamp stamp = ConversationIndex.Stamp.of(json);
		BasicFileAttributes log;
		try {
			log = Files.readAttributes(log(id), BasicFileAttributes.class);
		} catch (NoSuchFileException e) {
			return stamp;
		}
		ConversationIndex.Stamp logStamp = ConversationIndex.Stamp.of(log);
		return new ConversationIndex.Stamp(stamp.size() + logStamp.size(),
				Math.max(stamp.modifiedNanos(), logStamp.modifiedNanos()), stamp.fileKey() + '+' + logStamp.fileKey());
	}

	/**
	 * @return the conversation, or empty if there is none with this id
	 * @throws IOException if the file cannot be read or is damaged (the message says which file)
	 */
	public synchronized Optional<Conversation> load(String id) throws IOException {
		Read read = read(id);
		if (read == null) {
			return Optional.empty();
		}
		Conversation answered = ConversationJson.answered(read.conversation());
		if (answered == read.conversation() && read.whole()) {
			// the files hold this very conversation: a step after it appends to them, and its start may be released
			saved.put(id, Saved.of(answered, read.jsonBytes(), read.logBytes()));
		}
		return Optional.of(answered);
	}

	/**
	 * A chat as its files hold it.
	 *
	 * @param whole whether every line of the log was applied and it ends with a complete one (nothing torn)
	 */
	private record Read(Conversation conversation, long jsonBytes, long logBytes, boolean whole) {
	}

	/** @return the chat exactly as saved (a call without its result stays so), or {@code null} if there is none */
	private Read read(String id) throws IOException {
		if (!id.matches("[A-Za-z0-9_-]+")) { //$NON-NLS-1$
			return null;
		}
		Path file = file(id);
		byte[] json;
		try {
			json = Files.readAllBytes(file);
		} catch (NoSuchFileException e) {
			return null;
		}
		Conversation conversation;
		try {
			conversation = ConversationJson.readSaved(new String(json, StandardCharsets.UTF_8));
		} catch (JsonParseException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
			throw new IOException("The saved conversation " + file + " is damaged: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		byte[] log;
		try {
			log = Files.readAllBytes(log(id));
		} catch (NoSuchFileException e) {
			log = new byte[0];
		}
		List<String> lines = logLines(log);
		boolean whole = log.length == 0 || log[log.length - 1] == '\n';
		for (String line : lines) {
			try {
				conversation = ConversationJson.applyLogLine(conversation, line);
			} catch (JsonParseException | IllegalArgumentException | IllegalStateException | NullPointerException
					| UnsupportedOperationException | java.time.format.DateTimeParseException e) {
				whole = false;
				break; // a torn last line (a crash during its append): the version before it stands
			}
		}
		return new Read(conversation, json.length, log.length, whole);
	}

	/**
	 * The conversation without the messages its newest summary stands for held in memory: they are no longer sent to
	 * the model, and are read again from its saved files when they are needed (shown, exported, written whole). In a
	 * long chat they are most of its memory, mostly tool outputs.
	 *
	 * @return {@code conversation} so released, or as it is when it has no summary or when this store's files do not
	 *         hold it exactly (it was not the last version this store saved or read of it)
	 */
	public synchronized Conversation release(Conversation conversation) {
		Compaction last = conversation.lastCompaction();
		Saved known = saved.get(conversation.id());
		List<Message> messages = conversation.messages();
		if (last == null || known == null || known.count() != messages.size() || !addsOnly(known, conversation)
				|| messages instanceof SavedPrefixMessages released && released.savedCount() >= last.upTo()) {
			return conversation;
		}
		return new Conversation(conversation.id(), conversation.title(), conversation.created(),
				conversation.updated(), SavedPrefixMessages.of(messages, last.upTo(), new SavedChat(this, conversation.id())),
				conversation.usage(), conversation.compactions());
	}

	/** Reads the start of a released conversation from the files of {@code store}. */
	private record SavedChat(ConversationStore store, String id) implements SavedPrefixMessages.Source {
		@Override
		public List<Message> read(int count) throws IOException {
			Read read;
			synchronized (store) {
				read = store.read(id);
			}
			if (read == null || read.conversation().messages().size() < count) {
				throw new IOException("The saved chat " + id + " was deleted or shortened"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return List.copyOf(read.conversation().messages().subList(0, count));
		}
	}

	/** The log's complete lines (a last one without its line break was torn by a crash); none without a log. */
	private static List<String> logLines(byte[] bytes) {
		List<String> lines = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
				start = i + 1;
			}
		}
		return lines;
	}

	/**
	 * @return the saved sessions, most recently updated first; a damaged file appears with a title that says so
	 */
	public synchronized List<SessionSummary> list() throws IOException {
		List<SessionSummary> sessions = new ArrayList<>();
		if (!Files.isDirectory(directory)) {
			return sessions;
		}
		Set<String> seen = new HashSet<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) { //$NON-NLS-1$
			for (Path file : files) {
				String name = file.getFileName().toString();
				String id = name.substring(0, name.length() - SUFFIX.length());
				BasicFileAttributes attributes;
				try {
					attributes = Files.readAttributes(file, BasicFileAttributes.class);
				} catch (NoSuchFileException e) {
					continue; // deleted while listing
				}
				seen.add(id);
				ConversationIndex.Stamp stamp = stamp(attributes, id);
				SessionSummary known = index.lookup(id, stamp);
				if (known != null) {
					sessions.add(known);
					continue;
				}
				try {
					Optional<Conversation> conversation = load(id);
					if (conversation.isPresent()) {
						SessionSummary summary = summary(conversation.get());
						index.put(summary, stamp);
						sessions.add(summary);
					}
				} catch (IOException e) {
					var modified = attributes.lastModifiedTime().toInstant();
					sessions.add(new SessionSummary(id, "(damaged: " + e.getMessage() + ')', modified, modified, 0, //$NON-NLS-1$
							dev.warden.core.provider.Usage.ZERO));
				}
			}
		}
		index.retain(seen::contains);
		try {
			index.flush();
		} catch (IOException e) {
			// the index is only a cache: the next list reads the chats that changed again and retries the write
		}
		sessions.sort(Comparator.comparing(SessionSummary::updated).reversed());
		return sessions;
	}

	private static SessionSummary summary(Conversation c) {
		return new SessionSummary(c.id(), c.title(), c.created(), c.updated(), c.messages().size(), c.usage());
	}

	/** Deletes a saved session; nothing happens if there is none. */
	public synchronized void delete(String id) throws IOException {
		if (id.matches("[A-Za-z0-9_-]+")) { //$NON-NLS-1$
			Files.deleteIfExists(file(id));
			Files.deleteIfExists(log(id));
			saved.remove(id);
			index.remove(id);
		}
	}

	private Path file(String id) {
		return directory.resolve(id + SUFFIX);
	}

	private Path log(String id) {
		return directory.resolve(id + LOG_SUFFIX);
	}

	/** Makes the rename itself durable; platforms that cannot open a directory for syncing skip this. */
	private void forceDirectory() {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		} catch (IOException e) {
			// Windows cannot open directories as channels; there the move is already durable enough
		}
	}
}
