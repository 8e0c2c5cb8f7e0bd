package dev.warden.core.changes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.warden.core.internal.changes.RelativePaths;

/**
 * {@link FileAccess} straight to the file system under a root folder, for headless use. A file is written to a
 * temporary sibling, forced to disk and moved over the original atomically (keeping its POSIX permissions), so a crash
 * leaves either the old or the new content, never a mix.
 */
public final class NioFileAccess implements FileAccess {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** How many digits of base 36 the random number in a temporary file's name has: as many as a long takes. */
	private static final int TEMP_DIGITS = 13;

	/**
	 * The names of the temporary files of {@link #replaceAtomically}: {@code .warden-}, a random number of
	 * {@link #TEMP_DIGITS} digits of base 36 (zeros in front), {@code .tmp}.
	 */
	private static final Pattern TEMP_NAME = Pattern.compile("\\.warden-[0-9a-z]{" + TEMP_DIGITS + "}\\.tmp"); //$NON-NLS-1$ //$NON-NLS-2$

	private final Path root;

	/** File access under {@code root}; paths that would leave it are refused. */
	public NioFileAccess(Path root) {
		this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
	}

	public Path root() {
		return root;
	}

	@Override
	public Optional<byte[]> read(String path) throws IOException {
		try {
			return Optional.of(Files.readAllBytes(resolve(path)));
		} catch (NoSuchFileException e) {
			return Optional.empty();
		}
	}

	@Override
	public void write(String path, byte[] content) throws IOException {
		Path file = resolve(path);
		Path folder = file.getParent();
		Files.createDirectories(folder);
		replaceAtomically(file, content, folder);
	}

	/**
	 * Writes {@code content} to a temporary file in {@code tempFolder}, forced to disk and with {@code file}'s
	 * permissions, then moves it atomically over {@code file}: a crash leaves the old or the new bytes, never a torn
	 * file.
	 *
	 * @throws java.nio.file.AtomicMoveNotSupportedException if {@code tempFolder} is on another file system than
	 *                                                       {@code file} (nothing is left behind)
	 */
	public static void replaceAtomically(Path file, byte[] content, Path tempFolder) throws IOException {
		Path temp = newTempFile(tempFolder);
		try {
			copyPermissions(file, temp); // before the bytes are in it
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} catch (IOException | RuntimeException e) {
			Files.deleteIfExists(temp);
			throw e;
		}
	}

	/**
	 * An empty new file in {@code folder}. Not {@link Files#createTempFile}, which makes it readable by its owner only:
	 * it gets the permissions the process's umask gives any new file (then those of the file it replaces are copied to it).
	 */
	private static Path newTempFile(Path folder) throws IOException {
		while (true) {
			try {
				String number = Long.toUnsignedString(RANDOM.nextLong(), 36);
				return Files.createFile(folder.resolve(".warden-" + "0".repeat(TEMP_DIGITS - number.length()) + number //$NON-NLS-1$ //$NON-NLS-2$
						+ ".tmp")); //$NON-NLS-1$
			} catch (FileAlreadyExistsException e) {
				// another name
			}
		}
	}

	@Override
	public void delete(String path) throws IOException {
		Files.deleteIfExists(resolve(path));
	}

	/**
	 * Removes the temporary files of {@link #replaceAtomically} that a killed process left in {@code folder}: regular
	 * files named as this class names them, last modified before {@code beforeMillis}.
	 */
	@Override
	public void removeLeftovers(String folder, long beforeMillis) throws IOException {
		Path directory = folder.isEmpty() ? root : resolve(folder);
		if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
				|| !directory.toRealPath().startsWith(root.toRealPath())) {
			return; // not a folder, or one a link above it leads out of the root
		}
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory,
				entry -> TEMP_NAME.matcher(entry.getFileName().toString()).matches())) {
			for (Path leftover : leftovers) {
				BasicFileAttributes attributes = Files.readAttributes(leftover, BasicFileAttributes.class,
						LinkOption.NOFOLLOW_LINKS);
				if (attributes.isRegularFile() && attributes.lastModifiedTime().toMillis() < beforeMillis) {
					Files.deleteIfExists(leftover);
				}
			}
		}
	}

	private Path resolve(String path) {
		Path file = root.resolve(RelativePaths.normalize(path)).normalize();
		if (!file.startsWith(root) || file.equals(root)) {
			throw new IllegalArgumentException("Path leaves the root " + root + ": " + path);
		}
		return file;
	}

	private static void copyPermissions(Path from, Path to) throws IOException {
		PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
		PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
		if (source == null || target == null || !Files.exists(from)) {
			return;
		}
		target.setPermissions(source.readAttributes().permissions());
	}
}
