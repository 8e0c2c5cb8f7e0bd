package dev.warden.core.internal.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The private folder of one sandboxed run, outside every root: per root the copy-on-write layer's upper and work
 * folders, the empty file and folder bound over masked paths, the proxy's socket, and a clock probe. Deleted when
 * closed (the overlay leaves its work folder unreadable; that is undone first).
 * <p>
 * A process that is killed (the IDE, mid-command) cannot close its staging folders. While a folder is in use, its
 * process holds a lock on the folder's file {@value #OWNER} (which also names the process, for people); the system
 * releases the lock when the process ends, however it ends. The first staging folder a process makes sweeps away, in
 * the background, the folders of the same user whose lock is free: what they hold are the writes of commands whose
 * results never reached the user.
 */
public final class Staging implements Closeable {

	/** The name prefix of staging folders under the temporary folder. */
	static final String PREFIX = "warden-sandbox-";

	/** The file whose lock says that the folder is in use; it names the process that made the folder. */
	static final String OWNER = "owner";

	/** How old a folder without an owner file must be to be swept: one made by an older build, or just being made. */
	static final Duration UNOWNED_AGE = Duration.ofDays(1);

	private static final AtomicBoolean SWEPT = new AtomicBoolean();

	private final Path dir;
	/** The open owner file, whose lock is held until the folder is closed; null for a folder being swept. */
	private final FileChannel ownerChannel;

	private Staging(Path dir, FileChannel ownerChannel) {
		this.dir = dir;
		this.ownerChannel = ownerChannel;
	}

	/** A new staging folder under the system's temporary folder. */
	public static Staging create() throws IOException {
		Path temp = Path.of(System.getProperty("java.io.tmpdir"));
		Staging staging = create(temp);
		if (SWEPT.compareAndSet(false, true)) {
			Thread sweeper = new Thread(() -> sweep(temp, Instant.now(), staging.dir), "Warden sandbox sweeper");
			sweeper.setDaemon(true);
			sweeper.start();
		}
		return staging;
	}

	/** A new staging folder under {@code temp}, its owner file locked. */
	static Staging create(Path temp) throws IOException {
		Path dir = Files.createTempDirectory(temp, PREFIX);
		String text = dir.toString();
		if (text.contains(",") || text.contains(":") || text.contains("\\")) {
			Files.delete(dir);
			throw new IOException("the temporary folder's path has a ',' ':' or '\\' that overlayfs options cannot carry: "
					+ text);
		}
		FileChannel channel = FileChannel.open(dir.resolve(OWNER), StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
		Staging staging = new Staging(dir, channel);
		try {
			channel.lock();
			channel.write(ByteBuffer.wrap(owner(ProcessHandle.current()).getBytes(StandardCharsets.US_ASCII)));
			Files.createFile(staging.maskFile(),
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
			Files.createDirectory(staging.maskDirectory(),
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
			Files.createDirectory(staging.emptyDirectory());
		} catch (IOException | RuntimeException e) {
			staging.close();
			throw e;
		}
		return staging;
	}

	/** What {@value #OWNER} says of a process, for people: its id and start time. */
	static String owner(ProcessHandle process) {
		return process.pid() + " " + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n";
	}

	/**
	 * Deletes the staging folders under {@code temp} that belong to the user who owns {@code mine} and whose owner
	 * file no process holds locked; folders without an owner file only when older than {@link #UNOWNED_AGE}. A folder
	 * that cannot be deleted is left alone.
	 *
	 * @param mine a staging folder of this process: tells whose folders are swept
	 * @return how many were deleted
	 */
	static int sweep(Path temp, Instant now, Path mine) {
		int deleted = 0;
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(temp, PREFIX + "*")) {
			UserPrincipal user = Files.getOwner(mine, LinkOption.NOFOLLOW_LINKS);
			for (Path folder : folders) {
				if (folder.equals(mine) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
						|| !user.equals(Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS)) || inUse(folder, now)) {
					continue;
				}
				try {
					new Staging(folder, null).close();
					deleted++;
				} catch (IOException | RuntimeException e) {
					// in use after all, or not ours: left as it is
				}
			}
		} catch (IOException | RuntimeException e) {
			// the temporary folder cannot be listed: nothing is swept
		}
		return deleted;
	}

	/** Whether a process may still use the folder: it holds its owner file locked, or it may be about to. */
	private static boolean inUse(Path folder, Instant now) throws IOException {
		Path owner = folder.resolve(OWNER);
		if (!Files.isRegularFile(owner, LinkOption.NOFOLLOW_LINKS)) {
			return Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant()
					.isAfter(now.minus(UNOWNED_AGE));
		}
		try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return true; // another process holds it
			}
			lock.release();
			return false;
		} catch (OverlappingFileLockException e) {
			return true; // this process holds it
		} catch (IOException e) {
			return true; // cannot tell
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
		if (ownerChannel != null) {
			ownerChannel.close(); // releases the lock: the folder is deleted below, or left for a sweep
		}
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
