package dev.warden.core.internal.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

import dev.warden.core.internal.protect.RootContext;
import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.sandbox.ChangeSet;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxAvailability;
import dev.warden.core.sandbox.SandboxChange;
import dev.warden.core.sandbox.SandboxException;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.sandbox.SandboxSpec;
import dev.warden.core.tools.CommandRequest;
import dev.warden.core.tools.CommandResult;
import dev.warden.core.tools.ToolException;

/**
 * The Linux sandbox: {@code unshare -Urm} makes a user and mount namespace in which each root is covered by an
 * overlayfs (the root itself as the read-only lower layer, a private upper folder that receives every write), then
 * {@code bwrap} builds the command's world inside it.
 * <p>
 * Why this split: bubblewrap is the well-kept tool for the namespaces (user, pid, network, ipc, uts, cgroup), the
 * read-only view of {@code /}, the private {@code /tmp}, binding the masks, dropping every capability and forbidding
 * further user namespaces; but version 0.8 (Debian 12) has no overlay option, and the copy-on-write layer is what
 * turns a command's writes into a reviewable change set. An overlay mounted by an unprivileged user namespace works on
 * any kernel from 5.11; mounting it in the outer namespace and letting bubblewrap nest its own keeps the masks and
 * the overlay out of the command's reach: the command has no capabilities, and a mount inherited from a more
 * privileged namespace cannot be undone from a nested one. Doing the whole setup with {@code unshare} and mounts by
 * hand would repeat what bubblewrap already does carefully.
 * <p>
 * The overlay uses {@code userxattr}, so whiteouts and opaque folders are readable by {@link OverlayChanges} without
 * privileges.
 */
@Component(service = Sandbox.class)
public final class BubblewrapSandbox implements Sandbox {

	/** Where the proxy's folder is bound inside the sandbox. */
	static final String NETWORK_DIR = "/run/warden";

	/** bubblewrap takes at most 9,000 arguments; each mask takes three, and the rest need some. */
	static final int MAX_MASKS = 2_900;

	/** The port the bridge listens on inside the sandbox's own network namespace. */
	static final int PROXY_PORT = 3128;

	/** An environment variable naming the bubblewrap to use, where it is not on the {@code PATH}. */
	public static final String BWRAP_VARIABLE = "WARDEN_BWRAP";

	private static volatile SandboxAvailability availability;

	/** Deletes the private folders of finished runs. */
	private static final java.util.concurrent.Executor CLEANER = java.util.concurrent.Executors
			.newSingleThreadExecutor(task -> Thread.ofPlatform().daemon().name("Warden sandbox clean-up").unstarted(task));

	private final UrlPolicy urlPolicy;

	private final boolean keepReady;

	/**
	 * The sandbox made ready for the next command without network, or {@code null}; guarded by {@link #READY_LOCK}.
	 * One for the whole IDE, whichever instance made it (an agent is built for each prompt, with its own instance): at
	 * most one waiting sandbox is alive at any time, not one per prompt.
	 */
	private static ReadySandbox ready;
	private static final Object READY_LOCK = new Object();

	/** How many commands a sandbox made ready has run, in this virtual machine. */
	private static final AtomicLong SERVED_READY = new AtomicLong();

	/** For Declarative Services: the sandbox the UI asks whether commands can be sandboxed here. */
	public BubblewrapSandbox() {
		this(UrlPolicy.defaults());
	}

	/**
	 * A sandbox whose proxy applies {@code urlPolicy}, and which, after each command without network, makes the next
	 * sandbox ready in the background ({@link ReadySandbox}): the next command with the same projects, masks and
	 * environment then starts at once.
	 */
	public BubblewrapSandbox(UrlPolicy urlPolicy) {
		this(urlPolicy, true);
	}

	private BubblewrapSandbox(UrlPolicy urlPolicy, boolean keepReady) {
		this.urlPolicy = urlPolicy;
		this.keepReady = keepReady;
	}

	/** A sandbox that sets up every command's sandbox when the command comes: for one command, as sandbox-run runs. */
	public static BubblewrapSandbox oneShot(UrlPolicy urlPolicy) {
		return new BubblewrapSandbox(urlPolicy, false);
	}

	/** Waits (up to 10 s) until the sandbox for the next command is ready, or known not to be made. */
	public void awaitReady() {
		awaitCleanUp();
	}

	/** Whether a sandbox is ready for the next command (it serves that command only if it fits). */
	public boolean hasReadySandbox() {
		synchronized (READY_LOCK) {
			return ready != null;
		}
	}

	/**
	 * How many commands have run in a sandbox made ready for them (rather than set up when they came), in this virtual
	 * machine, by every instance: a test compares it before and after a command.
	 */
	public static long commandsServedReady() {
		return SERVED_READY.get();
	}

	/**
	 * Makes the sandbox for a command without network after {@code spec} ready in the background, unless the one
	 * ready already fits it (then it waits {@link ReadySandbox#UNUSED_FOR} again from now). It takes the single slot:
	 * a ready sandbox made for something else is ended first. Nothing is made where no sandbox can be had, for a spec
	 * with network, or by a {@link #oneShot} sandbox.
	 */
	@Override
	public void prepare(Supplier<SandboxSpec> spec, Supplier<Map<String, String>> environment) {
		if (keepReady) {
			CLEANER.execute(() -> prepareNow(spec, environment));
		}
	}

	private void prepareNow(Supplier<SandboxSpec> specs, Supplier<Map<String, String>> environments) {
		SandboxSpec spec;
		ReadySandbox.Key key;
		try {
			if (!availability().available()) {
				return;
			}
			spec = specs.get();
			if (spec.hasNetwork()) {
				return;
			}
			key = ReadySandbox.Key.of(spec, environments.get());
		} catch (RuntimeException e) {
			// the settings could not be read: the first command sets its sandbox up when it comes, and says why
			return;
		}
		if (!keepIfFits(key, spec)) {
			makeReady(key, spec);
		}
	}

	/**
	 * Whether the ready sandbox was made for {@code key} and still fits {@code spec}'s masks, as the next command would
	 * check; if so it waits {@link ReadySandbox#UNUSED_FOR} again from now, else it is ended (on this thread, before
	 * another is made, so that two never wait at once).
	 */
	private static boolean keepIfFits(ReadySandbox.Key key, SandboxSpec spec) {
		ReadySandbox current;
		synchronized (READY_LOCK) {
			current = ready;
		}
		if (current == null) {
			return false;
		}
		boolean fits = false;
		if (current.key().equals(key) && current.process().isAlive()) {
			try {
				Layout layout = layout(spec, current.staging());
				fits = current.fits(layout.allMasks(), ReadySandbox.identities(layout.roots(), layout.allMasks()));
			} catch (SandboxException e) {
				fits = false;
			}
		}
		synchronized (READY_LOCK) {
			if (ready != current) {
				return false; // a command took it meanwhile
			}
			if (fits) {
				current.wanted();
				return true;
			}
			ready = null;
		}
		current.close();
		return false;
	}

	/** Waits (up to 10 s) until the private folders of finished runs are deleted: for a process about to exit. */
	public static void awaitCleanUp() {
		try {
			java.util.concurrent.CompletableFuture.runAsync(() -> {
				// queued behind every deletion
			}, CLEANER).get(10, java.util.concurrent.TimeUnit.SECONDS);
		} catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
			// left-over temporary folders; nothing of the user's
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public SandboxAvailability availability() {
		SandboxAvailability known = availability;
		if (known == null) {
			known = probe();
			availability = known;
		}
		return known;
	}

	@Override
	public SandboxResult run(SandboxSpec spec, CommandRequest request, Map<String, String> environment,
			Consumer<String> output, Cancellation cancellation) throws SandboxException {
		SandboxAvailability here = availability();
		if (!here.available()) {
			throw new SandboxException(here.reason());
		}
		return runUnchecked(spec, request, environment, output, cancellation, keepReady && !spec.hasNetwork());
	}

	/** What a sandbox is made of: the roots, their masks and those of the spec. */
	private record Layout(List<RootContext> roots, Masks masks, List<Masks.Mask> allMasks) {
	}

	/** Finds the roots and every mask for {@code spec}, now. */
	private static Layout layout(SandboxSpec spec, Staging staging) throws SandboxException {
		List<RootContext> roots = new ArrayList<>();
		for (ProtectedRoot root : spec.roots()) {
			try {
				roots.add(RootContext.of(root));
			} catch (IOException e) {
				throw new SandboxException("The project folder " + root.path() + " cannot be used: " + e.getMessage(),
						e);
			}
		}
		Masks masks = new Masks(spec.sensitive(), staging.emptyDirectory());
		Set<Path> readable = new LinkedHashSet<>();
		for (Path file : spec.readable()) {
			readable.add(file.toAbsolutePath().normalize());
		}
		List<Masks.Mask> allMasks = new ArrayList<>();
		for (RootContext root : roots) {
			allMasks.addAll(masks.find(root, readable));
		}
		for (Path path : spec.masked()) {
			if (Files.exists(path)) {
				allMasks.add(new Masks.Mask(path, Files.isDirectory(path), "masked for every command"));
			}
		}
		if (allMasks.size() > MAX_MASKS) {
			throw new SandboxException("the projects have " + allMasks.size() + " masked files, more than the "
					+ "sandbox can mask (" + MAX_MASKS + "); list the folders that hold them in .wardenignore, so "
					+ "that each folder is masked whole");
		}
		return new Layout(roots, masks, allMasks);
	}

	/** A new private folder for one sandbox. */
	private static Staging newStaging() throws SandboxException {
		try {
			return Staging.create();
		} catch (IOException e) {
			throw new SandboxException("The sandbox's private folder could not be made: " + e.getMessage(), e);
		}
	}

	/** The environment a command gets in the sandbox. */
	private static Map<String, String> sandboxEnvironment(Map<String, String> environment) {
		Map<String, String> env = new HashMap<>(environment);
		env.put("TMPDIR", "/tmp");
		return env;
	}

	private SandboxResult runUnchecked(SandboxSpec spec, CommandRequest request, Map<String, String> environment,
			Consumer<String> output, Cancellation cancellation, boolean useReady) throws SandboxException {
		long setupStart = System.nanoTime();
		ReadySandbox.Key key = useReady ? ReadySandbox.Key.of(spec, environment) : null;
		ReadySandbox standby = key == null ? null : takeReady(key);
		Layout layout = null;
		if (standby != null) {
			try {
				layout = layout(spec, standby.staging());
			} catch (SandboxException e) {
				discard(standby);
				throw e;
			}
			if (!standby.fits(layout.allMasks(), ReadySandbox.identities(layout.roots(), layout.allMasks()))) {
				// a mask came or went, or a folder on the way to one was replaced: set the sandbox up anew
				discard(standby);
				standby = null;
				layout = null;
			}
		}
		Staging staging;
		if (standby != null) {
			staging = standby.staging();
		} else {
			staging = newStaging();
		}
		boolean handedOver = false;
		ConnectProxy proxy = null;
		try {
			Path clock = staging.dir().resolve("clock");
			Files.write(clock, new byte[] { 0 });
			long before = OverlayChanges.stamp(clock);
			if (layout == null) {
				layout = layout(spec, staging);
			}
			List<RootContext> roots = layout.roots();
			Masks masks = layout.masks();
			List<Masks.Mask> allMasks = layout.allMasks();
			PathPolicy policy = PathPolicy.of(spec.roots(), spec.sensitive());
			Map<String, String> env = sandboxEnvironment(environment);
			List<String> command = List.of("/bin/sh", "-c", request.commandLine());
			Path network = null;
			if (spec.hasNetwork()) {
				network = staging.network();
				proxy = new ConnectProxy(network.resolve("proxy.sock"), urlPolicy, spec.allowedHosts(), spec.network());
				copyBridge(network.resolve("bridge"));
				putProxy(env);
				command = List.of("/bin/sh", "-c", BRIDGE_WRAPPER, "sh", javaExecutable(), NETWORK_DIR + "/bridge",
						request.commandLine());
			}
			CommandResult result;
			long start;
			Duration setup;
			Path info = staging.dir().resolve("info");
			Consumer<Process> kill = process -> kill(process, info);
			if (standby != null) {
				start = nextTick(clock, before);
				setup = Duration.ofNanos(System.nanoTime() - setupStart);
				long commandStart = System.nanoTime();
				SERVED_READY.incrementAndGet();
				try {
					standby.start(request.workingDirectory(), request.commandLine());
				} catch (IOException e) {
					// it ended before it was needed; what it printed says why, as a sandbox set up now would
				}
				result = ProcessCommandRunner.await(standby.process(), commandStart, request.timeout(),
						request.outputCap(), output, cancellation, kill);
			} else {
				List<String> argv = commandLine(staging, roots, allMasks, network, request.workingDirectory(),
						command);
				start = nextTick(clock, before);
				setup = Duration.ofNanos(System.nanoTime() - setupStart);
				ProcessBuilder builder = new ProcessBuilder(argv).directory(staging.dir().toFile())
						.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
				builder.environment().clear();
				builder.environment().putAll(env);
				try {
					result = ProcessCommandRunner.execute(builder, request.timeout(), request.outputCap(), output,
							cancellation, kill);
				} catch (ToolException e) {
					throw new SandboxException("The sandbox could not be started: " + e.getMessage(), e);
				}
			}
			if (!result.timedOut() && !result.cancelled() && !setUpPastFirstProcess(info)) {
				throw new SandboxException("The sandbox could not be set up: " + result.output().strip());
			}
			long collectStart = System.nanoTime();
			List<SandboxChange> changes = new ArrayList<>();
			for (int i = 0; i < roots.size(); i++) {
				changes.addAll(new OverlayChanges(roots.get(i), policy, masks, start)
						.collect(staging.dir().resolve("r" + i).resolve("upper")));
			}
			Duration collection = Duration.ofNanos(System.nanoTime() - collectStart);
			List<String> named = maskedInOutput(result.output(), roots, allMasks);
			List<String> decisions = proxy == null ? List.of() : proxy.decisions();
			ChangeSet set;
			if (changes.isEmpty()) {
				set = ChangeSet.empty();
			} else {
				set = new ChangeSet(changes, staging);
				handedOver = true;
			}
			return new SandboxResult(result, set, named, decisions, setup, collection);
		} catch (IOException e) {
			throw new SandboxException("The sandbox failed: " + e.getMessage(), e);
		} finally {
			if (proxy != null) {
				try {
					proxy.close();
				} catch (IOException e) {
					// the socket goes with the staging folder
				}
			}
			if (standby != null && standby.process().isAlive()) {
				// the run failed before its command could end: the waiting sandbox must not outlive it
				ProcessCommandRunner.killTree(standby.process());
			}
			if (!handedOver) {
				// off the command's path: the result does not wait for the private folder to go
				CLEANER.execute(() -> {
					try {
						staging.close();
					} catch (IOException e) {
						// a left-over temporary folder; nothing of the user's
					}
				});
			}
			if (key != null) {
				CLEANER.execute(() -> makeReady(key, spec));
			}
		}
	}

	@Override
	public Process start(SandboxSpec spec, List<String> command, Path workingDirectory,
			Map<String, String> environment) throws SandboxException {
		SandboxAvailability here = availability();
		if (!here.available()) {
			throw new SandboxException(here.reason());
		}
		Staging staging = newStaging();
		ConnectProxy proxy = null;
		Process process = null;
		try {
			Layout layout = layout(spec, staging);
			Map<String, String> env = sandboxEnvironment(environment);
			List<String> argv = new ArrayList<>(command);
			Path network = null;
			if (spec.hasNetwork()) {
				network = staging.network();
				proxy = new ConnectProxy(network.resolve("proxy.sock"), urlPolicy, spec.allowedHosts(), spec.network());
				copyBridge(network.resolve("bridge"));
				putProxy(env);
				StringBuilder line = new StringBuilder("exec");
				for (String word : command) {
					line.append(' ').append(quote(word));
				}
				argv = List.of("/bin/sh", "-c", BRIDGE_WRAPPER, "sh", javaExecutable(), NETWORK_DIR + "/bridge",
						line.toString());
			}
			// no overlay: the projects are bound read-only (they may lie in the host's /tmp, which the sandbox
			// replaces), and so is the folder of a program or script named by its path there
			Set<Path> readOnly = new LinkedHashSet<>();
			for (RootContext root : layout.roots()) {
				readOnly.add(root.real());
			}
			for (String word : command) {
				readOnly.addAll(hiddenFolderOf(word));
			}
			List<String> full = commandLine(staging, List.of(), List.copyOf(readOnly), layout.allMasks(), network,
					workingDirectory, argv);
			ProcessBuilder builder = new ProcessBuilder(full).directory(staging.dir().toFile());
			builder.environment().clear();
			builder.environment().putAll(env);
			process = builder.start();
		} catch (IOException e) {
			close(proxy, staging);
			throw new SandboxException("The sandbox could not be started: " + e.getMessage(), e);
		} catch (SandboxException | RuntimeException e) {
			close(proxy, staging);
			throw e;
		}
		ConnectProxy started = proxy;
		process.onExit().thenRun(() -> CLEANER.execute(() -> close(started, staging)));
		// the caller ends the process with its tree whenever it likes: hand it over once that is safe (see
		// killOnceSetUp), a few milliseconds into the set-up
		awaitFirstProcess(process, staging.dir().resolve("info"));
		return process;
	}

	/** The folders the sandbox replaces with its own, empty ones. */
	private static final List<Path> REPLACED = List.of(Path.of("/tmp"), Path.of("/run"), Path.of("/dev/shm"));

	/**
	 * What to show read-only of a folder the sandbox replaces with its own ({@code /tmp}, {@code /run},
	 * {@code /dev/shm}) when {@code word} names an existing file there by its absolute path: the folder of that
	 * replaced folder's that holds it ({@code /tmp/tools} for {@code /tmp/tools/server/dist/index.js}), so that what
	 * the program loads from around it (a script's {@code node_modules} further up, a library beside a binary) is
	 * there too; the file's own folder when it lies in the replaced folder itself. Else nothing.
	 */
	private static List<Path> hiddenFolderOf(String word) {
		if (!word.startsWith("/")) {
			return List.of();
		}
		try {
			Path path = Path.of(word).toRealPath();
			if (!Files.isRegularFile(path)) {
				return List.of();
			}
			for (Path replaced : REPLACED) {
				if (path.startsWith(replaced) && path.getNameCount() > replaced.getNameCount() + 1) {
					return List.of(path.getRoot().resolve(path.subpath(0, replaced.getNameCount() + 1)));
				}
				if (path.startsWith(replaced)) {
					return List.of(path.getParent());
				}
			}
			return List.of();
		} catch (IOException | java.nio.file.InvalidPathException e) {
			return List.of();
		}
	}

	/** Closes the proxy (if any) and deletes the private folder of a sandbox that has ended. */
	private static void close(ConnectProxy proxy, Staging staging) {
		try {
			if (proxy != null) {
				proxy.close();
			}
		} catch (IOException e) {
			// the socket goes with the staging folder
		}
		try {
			staging.close();
		} catch (IOException e) {
			// a left-over temporary folder; nothing of the user's
		}
	}

	private static void putProxy(Map<String, String> env) {
		String proxyUrl = "http://127.0.0.1:" + PROXY_PORT;
		for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY",
				"all_proxy")) {
			env.put(name, proxyUrl);
		}
		env.put("NO_PROXY", "");
		env.put("no_proxy", "");
	}

	/** Takes the ready sandbox if it was made for {@code key}; discards it otherwise. */
	private ReadySandbox takeReady(ReadySandbox.Key key) {
		ReadySandbox taken;
		synchronized (READY_LOCK) {
			taken = ready;
			ready = null;
		}
		if (taken == null) {
			return null;
		}
		if (!taken.key().equals(key) || !taken.process().isAlive()) {
			discard(taken);
			return null;
		}
		return taken;
	}

	/** Makes the sandbox for the next command after {@code spec}, in the background. */
	private void makeReady(ReadySandbox.Key key, SandboxSpec spec) {
		ReadySandbox made = null;
		Staging staging = null;
		try {
			staging = Staging.create();
			Layout layout = layout(spec, staging);
			List<String> argv = commandLine(staging, layout.roots(), layout.allMasks(), null,
					layout.roots().get(0).real(), List.of("/bin/sh", "-c", ReadySandbox.WAIT_FOR_COMMAND));
			ProcessBuilder builder = new ProcessBuilder(argv).directory(staging.dir().toFile())
					.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
			builder.environment().clear();
			builder.environment().putAll(sandboxEnvironment(key.environment()));
			made = new ReadySandbox(key, staging, builder.start(), layout.allMasks(),
					ReadySandbox.identities(layout.roots(), layout.allMasks()));
			if (!made.awaitSetUp(Duration.ofSeconds(10))) {
				// it failed or hangs: the next command sets its sandbox up when it comes, and says what fails then
				made.close();
				return;
			}
		} catch (IOException | SandboxException | RuntimeException e) {
			// the next command sets its sandbox up when it comes, and says what fails then
			if (made != null) {
				made.close();
			} else if (staging != null) {
				try {
					staging.close();
				} catch (IOException e2) {
					// a left-over temporary folder
				}
			}
			return;
		}
		ReadySandbox replaced;
		synchronized (READY_LOCK) {
			replaced = ready;
			ready = made;
		}
		if (replaced != null) {
			discard(replaced);
		}
		endWhenUnused(made, ReadySandbox.UNUSED_FOR);
	}

	/**
	 * Ends {@code standby} after {@code delay} if it is still the ready sandbox and has not been wanted
	 * ({@link ReadySandbox#wanted}) for {@link ReadySandbox#UNUSED_FOR}; else looks again when that time is up. The
	 * timer holds it weakly: while it is the ready sandbox, {@link #ready} holds it; once taken or replaced, it (and its
	 * process's streams) must not wait for the timer to be let go.
	 */
	private static void endWhenUnused(ReadySandbox made, Duration delay) {
		java.lang.ref.WeakReference<ReadySandbox> timed = new java.lang.ref.WeakReference<>(made);
		java.util.concurrent.CompletableFuture.delayedExecutor(Math.max(1, delay.toMillis()),
				java.util.concurrent.TimeUnit.MILLISECONDS, CLEANER).execute(() -> {
					ReadySandbox standby = timed.get();
					Duration left;
					synchronized (READY_LOCK) {
						if (standby == null || ready != standby) {
							return;
						}
						left = standby.unusedLeft();
						if (!left.isPositive()) {
							ready = null;
						}
					}
					if (left.isPositive()) {
						endWhenUnused(standby, left);
					} else {
						discard(standby);
					}
				});
	}

	/**
	 * Ends the processes of a sandbox without waiting: at once when that is safe, else (during the set-up) a little
	 * later, off the calling thread (a stop comes from the UI thread). See {@link #killOnceSetUp}.
	 */
	static void kill(Process process, Path info) {
		if (!process.isAlive() || setUpPastFirstProcess(info)) {
			ProcessCommandRunner.killTree(process);
		} else {
			Thread.ofPlatform().daemon().name("Warden sandbox stop").start(() -> killOnceSetUp(process, info));
		}
	}

	/**
	 * Ends the processes of a sandbox whose {@code bwrap} writes {@code info}, once that is safe. Killed after it made
	 * the sandbox's first process and before it wrote the info file, {@code bwrap} would leave that process running
	 * outside the tree {@link ProcessCommandRunner#killTree} finds (bwrap ties its life to its parent's only at the end
	 * of the set-up): it would wait forever, or run the command after all, unseen, holding its output open. So this
	 * waits, up to 10 s, until the info file is written (the first process is then bwrap's child, and ends with the
	 * tree) or the process has ended. (Before {@code bwrap} starts, killing would be safe, but from here that moment
	 * cannot be told from the one after the clone.)
	 */
	static void killOnceSetUp(Process process, Path info) {
		awaitFirstProcess(process, info);
		ProcessCommandRunner.killTree(process);
	}

	/** Waits, up to 10 s, until {@code bwrap} has written {@code info} or {@code process} has ended. */
	private static void awaitFirstProcess(Process process, Path info) {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (process.isAlive() && !setUpPastFirstProcess(info) && System.nanoTime() < deadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
		}
	}

	/** Whether {@code bwrap} has written its info file: it has made the sandbox's first process. */
	private static boolean setUpPastFirstProcess(Path info) {
		try {
			return Files.size(info) > 0;
		} catch (IOException e) {
			return false; // not created yet: the set-up script creates it before bwrap runs
		}
	}

	/** Ends a ready sandbox that will not be used and deletes its private folder, off the command's path. */
	private static void discard(ReadySandbox standby) {
		CLEANER.execute(standby::close);
	}

	/**
	 * The file system's time once it has moved past {@code before}, read from {@code clock}: the command starts after
	 * it, so a file whose time is at least this one changed while the command ran, and a file the agent or the user
	 * wrote just before the command, in the same coarse tick, is older. Usually the set-up has already outlasted the
	 * tick; else this waits for the next one (a few milliseconds at most).
	 */
	private static long nextTick(Path clock, long before) throws IOException {
		long deadline = System.nanoTime() + 100_000_000L;
		while (true) {
			Files.write(clock, new byte[] { 1 });
			long now = OverlayChanges.stamp(clock);
			if (now > before || System.nanoTime() > deadline) {
				return now;
			}
			Thread.onSpinWait();
		}
	}

	/**
	 * Starts the bridge to the proxy in the background, waits until it listens, then runs the command. Arguments:
	 * java, the bridge's class folder, the command line.
	 */
	private static final String BRIDGE_WRAPPER = "\"$1\" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
			+ "-cp \"$2\" dev.warden.core.internal.sandbox.ProxyBridge " + PROXY_PORT + " " + NETWORK_DIR
			+ "/proxy.sock /tmp/.warden-proxy-ready </dev/null >/dev/null 2>&1 &\n"
			+ "i=0; while [ ! -e /tmp/.warden-proxy-ready ] && [ $i -lt 1000 ]; do sleep 0.01; i=$((i+1)); done\n"
			+ "command=$3; shift 3; exec /bin/sh -c \"$command\"";

	/** The whole command line: {@code unshare}, the overlay mounts, and {@code bwrap} with its arguments. */
	List<String> commandLine(Staging staging, List<RootContext> roots, List<Masks.Mask> masks, Path network,
			Path workingDirectory, List<String> command) throws IOException {
		return commandLine(staging, roots, List.of(), masks, network, workingDirectory, command);
	}

	/** The whole command line, with {@code readOnly} folders bound read-only (before the masks). */
	List<String> commandLine(Staging staging, List<RootContext> roots, List<Path> readOnly, List<Masks.Mask> masks,
			Path network, Path workingDirectory, List<String> command) throws IOException {
		StringBuilder script = new StringBuilder("set -e\n");
		List<String> bwrap = new ArrayList<>(List.of(tool("bwrap"), "--info-fd", "3", "--unshare-user",
				"--disable-userns", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
				"--unshare-cgroup-try", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname",
				"warden-sandbox", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
				"--tmpfs", "/run", "--tmpfs", "/dev/shm"));
		for (int i = 0; i < roots.size(); i++) {
			Path dir = staging.root(i);
			String root = roots.get(i).real().toString();
			String lower = root;
			if (root.contains(",") || root.contains(":") || root.contains("\\")) {
				// overlayfs options cannot carry these characters: give the root a plain name first
				lower = dir.resolve("lower").toString();
				script.append("mount --bind -- ").append(quote(root)).append(' ').append(quote(lower)).append('\n');
			}
			script.append("mount -t overlay overlay -o ")
					.append(quote("lowerdir=" + lower + ",upperdir=" + dir.resolve("upper")
							+ ",workdir=" + dir.resolve("work") + ",userxattr"))
					.append(" -- ").append(quote(root)).append('\n');
			bwrap.addAll(List.of("--bind", root, root));
		}
		for (Path folder : readOnly) {
			bwrap.addAll(List.of("--ro-bind", folder.toString(), folder.toString()));
		}
		if (network != null) {
			bwrap.addAll(List.of("--ro-bind", network.toString(), NETWORK_DIR));
		}
		if (!staging.dir().startsWith("/tmp")) {
			bwrap.addAll(List.of("--ro-bind", staging.maskDirectory().toString(), staging.dir().toString()));
		}
		for (Masks.Mask mask : masks) {
			bwrap.addAll(List.of("--ro-bind",
					(mask.directory() ? staging.maskDirectory() : staging.maskFile()).toString(), mask.path().toString()));
		}
		bwrap.addAll(List.of("--chdir", workingDirectory.toAbsolutePath().normalize().toString(), "--"));
		bwrap.addAll(command);
		// the arguments go through a file (bwrap --args): a project with many masks would exceed the limit on the
		// length of one argument of the shell
		Path arguments = staging.dir().resolve("arguments");
		StringBuilder nulSeparated = new StringBuilder();
		int separator = bwrap.indexOf("--");
		for (String word : bwrap.subList(1, separator)) {
			if (word.indexOf('\0') >= 0) {
				throw new IOException("a path or the command line holds a NUL character");
			}
			nulSeparated.append(word).append('\0');
		}
		Files.writeString(arguments, nulSeparated, java.nio.charset.StandardCharsets.UTF_8);
		script.append("exec 3>").append(quote(staging.dir().resolve("info").toString())).append(" 4<")
				.append(quote(arguments.toString())).append('\n');
		script.append("exec ").append(quote(bwrap.get(0))).append(" --args 4");
		for (String word : bwrap.subList(separator, bwrap.size())) {
			script.append(' ').append(quote(word));
		}
		script.append('\n');
		return List.of(tool("unshare"), "-Urm", "--propagation", "private", "/bin/sh", "-c", script.toString());
	}

	private static List<String> maskedInOutput(String output, List<RootContext> roots, List<Masks.Mask> masks) {
		List<String> named = new ArrayList<>();
		for (Masks.Mask mask : masks) {
			String label = mask.path().toString();
			for (RootContext root : roots) {
				if (mask.path().startsWith(root.real())) {
					label = root.real().relativize(mask.path()).toString();
				}
			}
			if (output.contains(label) && !named.contains(label)) {
				named.add(label);
			}
		}
		return named;
	}

	private static void copyBridge(Path classes) throws IOException {
		Path target = classes.resolve(ProxyBridge.class.getName().replace('.', '/') + ".class");
		Files.createDirectories(target.getParent());
		try (InputStream in = ProxyBridge.class.getResourceAsStream(ProxyBridge.class.getSimpleName() + ".class")) {
			if (in == null) {
				throw new IOException("the proxy bridge's class file is missing from Warden's core");
			}
			Files.copy(in, target);
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static String quote(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

	/** The absolute path of {@code name} on the {@code PATH} (or the usual system folders), or {@code null}. */
	static String find(String name) {
		Set<String> dirs = new LinkedHashSet<>();
		String path = System.getenv("PATH");
		if (path != null) {
			dirs.addAll(List.of(path.split(File.pathSeparator)));
		}
		dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"));
		for (String dir : dirs) {
			if (dir.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	private static String tool(String name) {
		if (name.equals("bwrap") && System.getenv(BWRAP_VARIABLE) != null) {
			return System.getenv(BWRAP_VARIABLE);
		}
		String found = find(name);
		return found == null ? name : found;
	}

	/** Finds out once whether a sandbox can be set up here, by setting one up. */
	private SandboxAvailability probe() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		if (!os.startsWith("linux")) {
			return SandboxAvailability.unavailable("commands cannot be sandboxed on " + System.getProperty("os.name")
					+ ": Warden's sandbox needs Linux (user namespaces, overlayfs and bubblewrap)");
		}
		String chosen = System.getenv(BWRAP_VARIABLE);
		if (chosen != null && !Files.isExecutable(Path.of(chosen))) {
			return SandboxAvailability.unavailable(BWRAP_VARIABLE + " names " + chosen
					+ ", which is not an executable bubblewrap; correct or unset it");
		}
		if (chosen == null && find("bwrap") == null) {
			return SandboxAvailability.unavailable(
					"bubblewrap (bwrap) is not installed; install it, e.g. 'apt-get install bubblewrap' or "
							+ "'dnf install bubblewrap'");
		}
		if (find("unshare") == null) {
			return SandboxAvailability.unavailable(
					"unshare (util-linux) is not installed; install util-linux");
		}
		Path probeRoot = null;
		try {
			probeRoot = Files.createTempDirectory("warden-sandbox-probe-");
			Files.writeString(probeRoot.resolve("probe.txt"), "probe");
			SandboxSpec spec = new SandboxSpec(List.of(ProtectedRoot.of(probeRoot)),
					dev.warden.core.protect.SensitivePatterns.defaults(), List.of(), Set.of(), Set.of(), false);
			CommandRequest request = new CommandRequest("echo changed > probe.txt", probeRoot, Duration.ofSeconds(30),
					4000);
			try (SandboxResult result = runUnchecked(spec, request, Map.of("PATH", "/usr/bin:/bin"), s -> {
			}, new Cancellation(), false)) {
				if (result.command().exitCode() != 0 || result.changes().reviewable().size() != 1
						|| !Files.readString(probeRoot.resolve("probe.txt")).equals("probe")) {
					return SandboxAvailability.unavailable("a test sandbox did not behave (exit "
							+ result.command().exitCode() + "): " + result.command().output().strip());
				}
			}
			return SandboxAvailability.available(
					"bubblewrap with an overlayfs in a user namespace (writes to the projects are collected for review)");
		} catch (SandboxException e) {
			String message = e.getMessage();
			String hint = message.contains("unshare failed") || message.contains("Operation not permitted")
					|| message.contains("No space left")
							? " — user namespaces are disabled or forbidden here (kernel setting, container policy or "
									+ "AppArmor); allow unprivileged user namespaces to sandbox commands"
							: "";
			return SandboxAvailability.unavailable("no sandbox can be set up here: " + message + hint);
		} catch (IOException | RuntimeException e) {
			return SandboxAvailability.unavailable("no sandbox can be set up here: " + e.getMessage());
		} finally {
			if (probeRoot != null) {
				try {
					Files.deleteIfExists(probeRoot.resolve("probe.txt"));
					Files.deleteIfExists(probeRoot);
				} catch (IOException e) {
					// a left-over temporary folder
				}
			}
		}
	}

	/** Whether {@code path} exists without following a final link. */
	static boolean exists(Path path) {
		return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
	}
}
