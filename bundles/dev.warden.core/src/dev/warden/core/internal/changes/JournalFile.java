package dev.warden.core.internal.changes;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.warden.core.changes.RecoveryNote;

/**
 * A session's journal file: records appended as self-checking lines, forced to disk when asked.
 * <p>
 * Reading it back keeps every intact record. Damaged lines at the end (a record torn by a crash, or garbage a file
 * system left after one) are ignored with a note and cut off, so that new records follow the last intact one; a
 * damaged line followed by intact ones is skipped with a note.
 */
final class JournalFile implements Closeable {

	/** An intact record and its line number (from 1). */
	record Line(int number, JournalRecord record) {
	}

	/** The intact records of a journal, what was noticed reading it, and the length of its intact part. */
	record Contents(List<Line> lines, List<RecoveryNote> notes, long intactLength) {
	}

	private final JournalCodec codec;
	private final Path file;
	private long length;
	private boolean closed;

	private JournalFile(JournalCodec codec, Path file, long length) {
		this.codec = codec;
		this.file = file;
		this.length = length;
	}

	/**
	 * Prepares {@code file} for appending, creating it if needed, after cutting off a damaged end. No file handle is
	 * kept between appends: an IDE keeps the journals of every chat it showed, and a handle each would grow with them
	 * (the cost, an open per append, is small beside the sync most appends make).
	 */
	static JournalFile open(Path file, JournalCodec codec, long intactLength) throws IOException {
		boolean created = !Files.exists(file);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			if (created) {
				Durability.syncFolder(file.getParent());
			}
			if (channel.size() > intactLength) {
				channel.truncate(intactLength);
				channel.force(true);
			}
		}
		return new JournalFile(codec, file, intactLength);
	}

	/** Reads the intact records of {@code file} (none if it does not exist). */
	static Contents read(Path file, JournalCodec codec) throws IOException {
		if (!Files.exists(file)) {
			return new Contents(List.of(), List.of(), 0);
		}
		byte[] bytes = Files.readAllBytes(file);
		List<Line> records = new ArrayList<>();
		List<RecoveryNote> notes = new ArrayList<>();
		List<Integer> damaged = new ArrayList<>();
		long intactLength = 0;
		int lineStart = 0;
		int lineNumber = 0;
		while (lineStart < bytes.length) {
			lineNumber++;
			int end = indexOf(bytes, (byte) '\n', lineStart);
			if (end < 0) {
				damaged.add(lineNumber);
				break;
			}
			Optional<JournalRecord> record = codec
					.decode(new String(bytes, lineStart, end - lineStart, StandardCharsets.UTF_8));
			if (record.isPresent()) {
				for (int line : damaged) {
					notes.add(new RecoveryNote(line, false,
							"Journal record " + line + " is damaged and was skipped; what it recorded is lost"));
				}
				damaged.clear();
				records.add(new Line(lineNumber, record.get()));
				intactLength = end + 1L;
			} else {
				damaged.add(lineNumber);
			}
			lineStart = end + 1;
		}
		if (!damaged.isEmpty()) {
			notes.add(new RecoveryNote(damaged.get(0), true, "The journal ends in an incomplete record (line "
					+ damaged.get(0) + ", " + (bytes.length - intactLength)
					+ " bytes), written when the process stopped; it was ignored and everything before it is intact"));
		}
		return new Contents(List.copyOf(records), List.copyOf(notes), intactLength);
	}

	/**
	 * Appends {@code records} in one write; with {@code sync}, forces them (and everything before) to disk before
	 * returning. If the write fails, the journal is cut back to where it was.
	 */
	void append(List<JournalRecord> records, boolean sync) throws IOException {
		ByteBuffer buffer = encode(records);
		try (FileChannel channel = channel()) {
			channel.position(length);
			try {
				Durability.writeFully(channel, buffer);
				if (sync) {
					channel.force(false);
				}
			} catch (IOException e) {
				channel.truncate(length);
				throw e;
			}
			length = channel.position();
		}
	}

	/** Forces everything appended so far to disk. */
	void sync() throws IOException {
		try (FileChannel channel = channel()) {
			channel.force(false);
		}
	}

	private FileChannel channel() throws IOException {
		if (closed) {
			throw new ClosedChannelException();
		}
		return FileChannel.open(file, StandardOpenOption.WRITE);
	}

	private ByteBuffer encode(List<JournalRecord> records) {
		List<byte[]> lines = new ArrayList<>(records.size());
		int size = 0;
		for (JournalRecord record : records) {
			byte[] line = codec.encode(record);
			lines.add(line);
			size += line.length;
		}
		ByteBuffer buffer = ByteBuffer.allocate(size);
		lines.forEach(buffer::put);
		return buffer.flip();
	}

	private static int indexOf(byte[] bytes, byte value, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public void close() {
		closed = true;
	}
}
