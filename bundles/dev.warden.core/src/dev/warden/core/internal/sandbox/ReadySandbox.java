package dev.warden.core.internal.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.warden.core.internal.protect.RootContext;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.sandbox.SandboxSpec;

/**
 * A sandbox set up ahead of the command it will run: the user and mount namespace with the overlays, and bubblewrap's
 * whole world with the masks, made in the background after a command ended or when a prompt started. Inside, a shell waits on its standard
 * input for the working folder and the command line, then reads nothing more ({@code /dev/null}), changes to the
 * folder and runs the command as a fresh sandbox would run it ({@code /bin/sh -c LINE}). Setting a sandbox up takes
 * several processes (unshare, mount, bubblewrap with its namespaces and mounts) and is most of what a sandbox adds to
 * a short command; ready, the command waits only for the shell to read its line.
 * <p>
 * It serves the next command only if that command would get the very same sandbox: the same projects, patterns,
 * masked paths, allowances and environment, no network, the same masks found afresh, and the same folders (by
 * identity) on the way from each project to its masks, since the overlay remembers the folders it has looked up.
 * Otherwise, and after {@link #UNUSED_FOR} unused (counted from when it was made or last {@link #wanted}), it is
 * ended and its private folder deleted.
 */
final class ReadySandbox implements AutoCloseable {

	/** How long a ready sandbox waits for its command before it is ended. */
	static final Duration UNUSED_FOR = Duration.ofMinutes(2);

	/**
	 * The shell that waits in a ready sandbox: it says it is there (one byte of output, read by {@link #awaitSetUp}),
	 * then reads the working folder (the first line) and the command line (the rest of its input, newlines kept).
	 */
	static final String WAIT_FOR_COMMAND = "printf .\n"
			+ "IFS= read -r dir || exit 125\n"
			+ "line=; nl='\n'\n"
			+ "while IFS= read -r part; do line=\"$line$part$nl\"; done\n"
			+ "line=\"$line$part\"\n"
			+ "exec </dev/null\n"
			+ "cd \"$dir\" || exit 125\n"
			+ "unset dir part nl\n"
			+ "exec /bin/sh -c \"$line\"";

	/** What makes two sandboxes the same before their masks are looked at. */
	record Key(List<ProtectedRoot> roots, String sensitive, List<Path> masked, Set<Path> readable,
			Map<String, String> environment) {

		static Key of(SandboxSpec spec, Map<String, String> environment) {
			return new Key(spec.roots(), spec.sensitive().text(), spec.masked(), spec.readable(),
					Map.copyOf(environment));
		}
	}

	/** Ready sandboxes still alive, ended when the virtual machine exits. */
	private static final Set<ReadySandbox> LIVE = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
			for (ReadySandbox standby : List.copyOf(LIVE)) {
				standby.close();
			}
		}));
	}

	private final Key key;
	private final Staging staging;
	private final Process process;
	private final List<Masks.Mask> masks;
	private final List<Object> identities;

	/** When it was made or last wanted ({@link System#nanoTime}). */
	private volatile long wantedAt = System.nanoTime();

	ReadySandbox(Key key, Staging staging, Process process, List<Masks.Mask> masks, List<Object> identities) {
		this.key = key;
		this.staging = staging;
		this.process = process;
		this.masks = List.copyOf(masks);
		this.identities = identities;
		LIVE.add(this);
	}

	Key key() {
		return key;
	}

	Staging staging() {
		return staging;
	}

	Process process() {
		return process;
	}

	/** Says that a command will probably come soon: the sandbox waits {@link #UNUSED_FOR} again from now. */
	void wanted() {
		wantedAt = System.nanoTime();
	}

	/** How long it still waits before it is ended unused; zero or less when that time is up. */
	Duration unusedLeft() {
		return UNUSED_FOR.minusNanos(System.nanoTime() - wantedAt);
	}

	/**
	 * Waits (at most {@code limit}) until the sandbox is set up and waits for its command, and takes the byte it says
	 * so with; false if it ended instead, or is still not ready.
	 */
	boolean awaitSetUp(Duration limit) throws IOException {
		long deadline = System.nanoTime() + limit.toNanos();
		InputStream out = process.getInputStream();
		while (out.available() == 0) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(2);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return out.read() == '.';
	}

	/** Whether the masks found now and the folders on the way to them are those this sandbox was made with. */
	boolean fits(List<Masks.Mask> masksNow, List<Object> identitiesNow) {
		return process.isAlive() && masks.equals(masksNow) && identities.equals(identitiesNow);
	}

	/** Runs {@code commandLine} in {@code directory} in this sandbox; its output and end are the process's. */
	void start(Path directory, String commandLine) throws IOException {
		LIVE.remove(this);
		String folder = directory.toAbsolutePath().normalize().toString();
		if (folder.indexOf('\n') >= 0) {
			throw new IOException("the working folder's name holds a line break");
		}
		try (OutputStream in = process.getOutputStream()) {
			in.write((folder + "\n" + commandLine).getBytes(StandardCharsets.UTF_8));
		}
	}

	/**
	 * The identity of each project folder and of every folder between a project and one of its masks, in order;
	 * {@code null} for one that cannot be read.
	 */
	static List<Object> identities(List<RootContext> roots, List<Masks.Mask> masks) {
		List<Path> folders = new ArrayList<>();
		for (RootContext root : roots) {
			folders.add(root.real());
			for (Masks.Mask mask : masks) {
				if (mask.path().startsWith(root.real())) {
					for (Path dir = mask.path().getParent(); dir != null && dir.startsWith(root.real())
							&& !dir.equals(root.real()); dir = dir.getParent()) {
						folders.add(dir);
					}
				}
			}
		}
		List<Object> identities = new ArrayList<>(folders.size());
		for (Path folder : folders) {
			try {
				identities.add(Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
						.fileKey());
			} catch (IOException e) {
				identities.add(null);
			}
		}
		return identities;
	}

	/** Ends the sandbox (nothing ran in it) and deletes its private folder. */
	@Override
	public void close() {
		LIVE.remove(this);
		BubblewrapSandbox.killOnceSetUp(process, staging.dir().resolve("info"));
		try {
			process.waitFor(2, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		try {
			staging.close();
		} catch (IOException e) {
			// a left-over temporary folder; nothing of the user's
		}
	}
}
