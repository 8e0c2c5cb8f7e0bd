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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonParseException;

import dev.warden.core.internal.agent.ConversationIndex;
import dev.warden.core.internal.agent.ConversationJson;

/**
 * Keeps a workspace's conversations as JSON files ({@code <id>.json}) in a state directory, e.g. the plugin's state
 * location for the workspace. Writes are atomic: the JSON goes to a temporary file in the same directory, is forced to
 * disk, then moved over the old file, so a crash leaves either the old or the new version, never a torn one.
 * {@link #list()} reads the summaries from an index ({@link ConversationIndex}) and parses only the chats whose files
 * changed behind its back; the index is rebuilt when it is missing or damaged. Thread-safe.
 */
public final class ConversationStore {

	private static final String SUFFIX = ".json"; //$NON-NLS-1$

	private final Path directory;
	private final ConversationIndex index;

	/** @param directory the state directory; created when the first conversation is saved */
	public ConversationStore(Path directory) {
		this.directory = directory;
		this.index = new ConversationIndex(directory);
	}

	/** Writes {@code conversation} atomically, replacing an earlier version. */
	public synchronized void save(Conversation conversation) throws IOException {
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
			index.put(summary(conversation), ConversationIndex.Stamp.of(Files.readAttributes(target, BasicFileAttributes.class)));
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	/**
	 * @return the conversation, or empty if there is none with this id
	 * @throws IOException if the file cannot be read or is damaged (the message says which file)
	 */
	public synchronized Optional<Conversation> load(String id) throws IOException {
		if (!id.matches("[A-Za-z0-9_-]+")) { //$NON-NLS-1$
			return Optional.empty();
		}
		Path file = file(id);
		String json;
		try {
			json = Files.readString(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return Optional.empty();
		}
		try {
			return Optional.of(ConversationJson.read(json));
		} catch (JsonParseException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
			throw new IOException("The saved conversation " + file + " is damaged: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
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
				ConversationIndex.Stamp stamp = ConversationIndex.Stamp.of(attributes);
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
			index.remove(id);
		}
	}

	private Path file(String id) {
		return directory.resolve(id + SUFFIX);
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
