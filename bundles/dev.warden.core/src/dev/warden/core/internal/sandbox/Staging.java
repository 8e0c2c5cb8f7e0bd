package dev.warden.core.internal.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The private folder of one sandboxed run, outside every root: per root the copy-on-write layer's upper and work
 * folders, the empty file and folder bound over masked paths, the proxy's socket, and a clock probe. Deleted when
 * closed (the overlay leaves its work folder unreadable; that is undone first).
 */
public final class Staging implements Closeable {

	private final Path dir;

	private Staging(Path dir) {
		this.dir = dir;
	}

	/** A new staging folder under the system's temporary folder. */
	public static Staging create() throws IOException {
		Path dir = Files.createTempDirectory("warden-sandbox-");
		String text = dir.toString();
		if (text.contains(",") || text.contains(":") || text.contains("\\")) {
			Files.delete(dir);
			throw new IOException("the temporary folder's path has a ',' ':' or '\\' that overlayfs options cannot carry: "
					+ text);
		}
		Staging staging = new Staging(dir);
		Files.createFile(staging.maskFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
		Files.createDirectory(staging.maskDirectory(),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
		Files.createDirectory(staging.emptyDirectory());
		return staging;
	}

	public Path dir() {
		return dir;
	}

	/** The empty, unreadable file bound over masked files. */
	public Path maskFile() {
		return dir.resolve("mask-file");
	}

	/** The empty, unreadable folder bound over masked folders. */
	public Path maskDirectory() {
		return dir.resolve("mask-dir");
	}

	/** An empty folder: the start of an ignore chain without rules. */
	public Path emptyDirectory() {
		return dir.resolve("empty");
	}

	/** The folder of root number {@code index}: {@code lower} (the root bound), {@code upper}, {@code work}. */
	public Path root(int index) throws IOException {
		Path root = dir.resolve("r" + index);
		for (String name : new String[] { "lower", "upper", "work" }) {
			Files.createDirectories(root.resolve(name));
		}
		return root;
	}

	/** The folder bound into the sandbox at {@code /run/warden}: the proxy's socket and the bridge. */
	public Path network() throws IOException {
		return Files.createDirectories(dir.resolve("net"));
	}

	@Override
	public void close() throws IOException {
		if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Files.walkFileTree(dir, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
				d.toFile().setReadable(true, true);
				d.toFile().setWritable(true, true);
				d.toFile().setExecutable(true, true);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.deleteIfExists(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
				if (e instanceof NoSuchFileException) {
					return FileVisitResult.CONTINUE;
				}
				throw e;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
				Files.deleteIfExists(d);
				return FileVisitResult.CONTINUE;
			}
		});
	}
}
