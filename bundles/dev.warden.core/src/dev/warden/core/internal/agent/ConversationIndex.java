package dev.warden.core.internal.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.agent.SessionSummary;
import dev.warden.core.provider.Usage;

/**
 * The summaries of a folder of saved conversations, so that listing them does not parse every saved chat. Each
 * summary is kept with the identity of the file it was read from (size, modification time and file key: a save
 * replaces the file by a new one, so the key changes with every save); a summary whose file no longer matches is
 * stale and read again from the file. The index file itself is only a cache: it is written without syncing, and a
 * missing, torn or foreign index is rebuilt from the saved chats, so a crash at any point costs at most one full read.
 * Not thread-safe; {@link dev.warden.core.agent.ConversationStore} serializes the calls.
 */
public final class ConversationIndex {

	/** The index file's name; it does not end in {@code .json}, so it is never taken for a saved chat. */
	public static final String FILE_NAME = "summaries.index"; //$NON-NLS-1$
	private static final int VERSION = 1;

	/** How a saved chat's file looked when its summary was read. */
	public record Stamp(long size, long modifiedNanos, String fileKey) {

		public static Stamp of(BasicFileAttributes attributes) {
			Instant modified = attributes.lastModifiedTime().toInstant();
			return new Stamp(attributes.size(), modified.getEpochSecond() * 1_000_000_000L + modified.getNano(),
					String.valueOf(attributes.fileKey()));
		}
	}

	private record Entry(SessionSummary summary, Stamp stamp) {
	}

	private final Path file;
	private final Map<String, Entry> entries = new HashMap<>();
	private boolean loaded;
	private boolean dirty;

	public ConversationIndex(Path directory) {
		this.file = directory.resolve(FILE_NAME);
	}

	/** @return the summary of {@code id} if it was read from a file that still looks like {@code stamp} */
	public SessionSummary lookup(String id, Stamp stamp) {
		load();
		Entry entry = entries.get(id);
		return entry != null && entry.stamp().equals(stamp) ? entry.summary() : null;
	}

	/** Remembers {@code summary} as read from (or just written to) a file that looks like {@code stamp}. */
	public void put(SessionSummary summary, Stamp stamp) {
		load();
		Entry entry = new Entry(summary, stamp);
		if (!entry.equals(entries.put(summary.id(), entry))) {
			dirty = true;
		}
	}

	/** Forgets the summaries of chats whose ids {@code keep} does not accept (deleted files). */
	public void retain(java.util.function.Predicate<String> keep) {
		load();
		if (entries.keySet().removeIf(keep.negate())) {
			dirty = true;
		}
	}

	public void remove(String id) {
		load();
		if (entries.remove(id) != null) {
			dirty = true;
		}
	}

	/** Writes the index when it changed since it was read or written; a failure only costs a rebuild later. */
	public void flush() throws IOException {
		if (!dirty) {
			return;
		}
		JsonArray list = new JsonArray();
		for (Entry entry : entries.values()) {
			SessionSummary s = entry.summary();
			JsonObject o = new JsonObject();
			o.addProperty("id", s.id()); //$NON-NLS-1$
			o.addProperty("title", s.title()); //$NON-NLS-1$
			o.addProperty("created", s.created().toString()); //$NON-NLS-1$
			o.addProperty("updated", s.updated().toString()); //$NON-NLS-1$
			o.addProperty("messages", s.messages()); //$NON-NLS-1$
			JsonArray usage = new JsonArray();
			usage.add(s.usage().inputTokens());
			usage.add(s.usage().outputTokens());
			usage.add(s.usage().cacheReadTokens());
			usage.add(s.usage().cacheWriteTokens());
			o.add("usage", usage); //$NON-NLS-1$
			o.addProperty("size", entry.stamp().size()); //$NON-NLS-1$
			o.addProperty("modified", entry.stamp().modifiedNanos()); //$NON-NLS-1$
			o.addProperty("key", entry.stamp().fileKey()); //$NON-NLS-1$
			list.add(o);
		}
		JsonObject root = new JsonObject();
		root.addProperty("version", VERSION); //$NON-NLS-1$
		root.add("chats", list); //$NON-NLS-1$
		Files.createDirectories(file.getParent());
		Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp"); //$NON-NLS-1$
		try {
			Files.writeString(temp, root.toString(), StandardCharsets.UTF_8);
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
			dirty = false;
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Reads the index file once; anything unreadable in it is dropped and read again from the chats. */
	private void load() {
		if (loaded) {
			return;
		}
		loaded = true;
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return;
		} catch (IOException e) {
			dirty = true;
			return;
		}
		try {
			JsonObject root = JsonParser.parseString(text).getAsJsonObject();
			if (root.get("version").getAsInt() != VERSION) { //$NON-NLS-1$
				dirty = true;
				return;
			}
			for (JsonElement element : root.getAsJsonArray("chats")) { //$NON-NLS-1$
				JsonObject o = element.getAsJsonObject();
				JsonArray u = o.getAsJsonArray("usage"); //$NON-NLS-1$
				SessionSummary summary = new SessionSummary(o.get("id").getAsString(), o.get("title").getAsString(), //$NON-NLS-1$ //$NON-NLS-2$
						Instant.parse(o.get("created").getAsString()), Instant.parse(o.get("updated").getAsString()), //$NON-NLS-1$ //$NON-NLS-2$
						o.get("messages").getAsInt(), new Usage(u.get(0).getAsLong(), u.get(1).getAsLong(), //$NON-NLS-1$
								u.get(2).getAsLong(), u.get(3).getAsLong()));
				Stamp stamp = new Stamp(o.get("size").getAsLong(), o.get("modified").getAsLong(), //$NON-NLS-1$ //$NON-NLS-2$
						Objects.requireNonNull(o.get("key").getAsString())); //$NON-NLS-1$
				entries.put(summary.id(), new Entry(summary, stamp));
			}
		} catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
				| IndexOutOfBoundsException | java.time.format.DateTimeParseException | NumberFormatException e) {
			// a torn or foreign index: start over from the saved chats
			entries.clear();
			dirty = true;
		}
	}
}
