package dev.warden.core.internal.changes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Writing files so that they survive a crash: force to disk, atomic rename, and force the folder entry. */
final class Durability {

	private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
			.startsWith("windows");

	private Durability() {
	}

	/**
	 * Forces the entries of {@code folder} (a file created or renamed in it) to disk. Windows cannot open a folder
	 * as a channel; there, NTFS journals the rename itself.
	 */
	static void syncFolder(Path folder) throws IOException {
		if (WINDOWS) {
			return;
		}
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	/** Writes {@code content} to {@code file} through a temporary sibling, forced and atomically renamed. */
	static void writeAtomically(Path file, byte[] content) throws IOException {
		Path folder = file.getParent();
		Path temp = Files.createTempFile(folder, ".tmp-", ".part");
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				writeFully(channel, ByteBuffer.wrap(content));
				channel.force(true);
			}
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} catch (IOException | RuntimeException e) {
			Files.deleteIfExists(temp);
			throw e;
		}
		syncFolder(folder);
	}

	/** Creates {@code folder} (and missing parents), forcing each new entry to disk. */
	static void createFolders(Path folder) throws IOException {
		if (Files.isDirectory(folder)) {
			return;
		}
		Path parent = folder.getParent();
		if (parent != null) {
			createFolders(parent);
		}
		Files.createDirectories(folder);
		if (parent != null) {
			syncFolder(parent);
		}
	}

	static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}
}
