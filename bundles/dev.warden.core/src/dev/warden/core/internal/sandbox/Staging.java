package dev.warden.core.internal.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The private folder of one sandboxed run, outside every root: per root the copy-on-write layer's upper and work
 * folders, the empty file and folder bound over masked paths, the proxy's socket, and a clock probe. Deleted when
 * closed (the overlay leaves its work folder unreadable; that is undone first).
 * <p>
 * A process that is killed (the IDE, mid-command) cannot close its staging folders. Each names the process that made
 * it, in its file {@value #OWNER}, and the first staging folder a process makes sweeps away those whose process has
 * ended: what they hold are the writes of commands whose results never reached the user.
 */
public final class Staging implements Closeable {

	/** The name prefix of staging folders under the temporary folder. */
	static final String PREFIX = "warden-sandbox-";

	/** The file that names the process that made the folder: its process id and its start time (epoch ms). */
	static final String OWNER = "owner";

	/** How old a folder that names no owner must be to be swept: one made by an older build, or just being made. */
	static final Duration UNOWNED_AGE = Duration.ofDays(1);

	private static final AtomicBoolean SWEPT = new AtomicBoolean();

	private final Path dir;

	private Staging(Path dir) {
		this.dir = dir;
	}

	/** A new staging folder under the system's temporary folder. */
	public static Staging create() throws IOException {
		if (SWEPT.compareAndSet(false, true)) {
			sweep(Path.of(System.getProperty("java.io.tmpdir")), Instant.now());
		}
		Path dir = Files.createTempDirectory(PREFIX);
		String text = dir.toString();
		if (text.contains(",") || text.contains(":") || text.contains("\\")) {
			Files.delete(dir);
			throw new IOException("the temporary folder's path has a ',' ':' or '\\' that overlayfs options cannot carry: "
					+ text);
		}
		Staging staging = new Staging(dir);
		Files.writeString(dir.resolve(OWNER), owner(ProcessHandle.current()));
		Files.createFile(staging.maskFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
		Files.createDirectory(staging.maskDirectory(),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
		Files.createDirectory(staging.emptyDirectory());
		return staging;
	}

	/** What {@value #OWNER} says of a process: its id and start time, which tell it from a later one of that id. */
	static String owner(ProcessHandle process) {
		return process.pid() + " " + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
	}

	/**
	 * Deletes the staging folders under {@code temp} left by processes that have ended; folders that name no owner
	 * only when older than {@link #UNOWNED_AGE}. A folder that cannot be deleted (another user's) is left alone.
	 *
	 * @return how many were deleted
	 */
	static int sweep(Path temp, Instant now) {
		int deleted = 0;
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(temp, PREFIX + "*")) {
			for (Path folder : folders) {
				if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || ownerAlive(folder, now)) {
					continue;
				}
				try {
					new Staging(folder).close();
					deleted++;
				} catch (IOException | RuntimeException e) {
					// another user's, or in use after all: left as it is
				}
			}
		} catch (IOException | RuntimeException e) {
			// the temporary folder cannot be listed: nothing is swept
		}
		return deleted;
	}

	/** Whether the process that made the folder may still use it. */
	private static boolean ownerAlive(Path folder, Instant now) {
		Path owner = folder.resolve(OWNER);
		String text;
		try {
			text = Files.readString(owner);
		} catch (NoSuchFileException e) {
			try {
				return Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant()
						.isAfter(now.minus(UNOWNED_AGE));
			} catch (IOException e2) {
				return true;
			}
		} catch (IOException | RuntimeException e) {
			return true; // unreadable: perhaps another user's
		}
		String[] fields = text.trim().split(" ");
		try {
			long pid = Long.parseLong(fields[0]);
			return ProcessHandle.of(pid).map(process -> owner(process).equals(text.trim())).orElse(false);
		} catch (NumberFormatException e) {
			return true; // not written by this class: left alone
		}
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
