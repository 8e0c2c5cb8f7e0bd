package dev.warden.core.changes;

import java.io.IOException;
import java.util.Optional;

/**
 * How a restore reads and writes the files it restores, so that it can go through the IDE's resources API (and its
 * file buffers) or straight to the file system ({@link NioFileAccess}). Paths are relative to the workspace root,
 * with {@code /} separators, as recorded in the journal.
 */
public interface FileAccess {

	/** The file's bytes, or empty if there is no such file. */
	Optional<byte[]> read(String path) throws IOException;

	/** Writes {@code content} to the file, creating it (and the folders above it) if it does not exist. */
	void write(String path, byte[] content) throws IOException;

	/** Deletes the file; does nothing if it does not exist. */
	void delete(String path) throws IOException;

	/**
	 * Removes what writes of this access that were cut short (their process killed between starting and finishing
	 * them) left in a folder before {@code beforeMillis} (the system clock's time, in milliseconds): an access that
	 * leaves nothing behind, as the default, does nothing.
	 *
	 * @param folder       the folder, relative to the workspace root as {@link #read}'s paths; {@code ""} for the root
	 * @param beforeMillis only what was last modified before this time is removed, so that writes under way now stay
	 */
	default void removeLeftovers(String folder, long beforeMillis) throws IOException {
	}
}
