package dev.warden.core.internal.tools;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.warden.core.internal.trust.CommandShell;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.tools.CommandRequest;
import dev.warden.core.tools.CommandResult;
import dev.warden.core.tools.CommandRunner;
import dev.warden.core.tools.ToolException;

/**
 * Runs a command through the shell {@link CommandShell} chooses ({@code cmd.exe /c} on Windows) with standard input
 * closed and standard error merged into standard output. On timeout or cancellation it kills the whole process tree:
 * the descendants are collected while the shell still lives (afterwards they would be re-parented and unreachable),
 * then the shell and all of them are destroyed forcibly. Where {@code setsid} and {@code kill} are found (Linux), the
 * shell leads a process group of its own and the whole group is killed too: a process that left the tree (the
 * {@code (program &)} idiom, or one started just as its parent was killed) is still in the group.
 */
public final class ProcessCommandRunner implements CommandRunner {

	private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	/** Where {@code setsid} and {@code kill} are: both are needed to give a command a process group and kill it. */
	private record GroupTools(String setsid, String kill) {
	}

	/** {@code setsid} and {@code kill}, or {@code null} where either is missing (then no process group is made). */
	private static final GroupTools GROUP_TOOLS = WINDOWS ? null : groupTools();

	private final Consumer<Map<String, String>> environmentPolicy;

	/** A runner that passes the environment on unchanged. */
	public ProcessCommandRunner() {
		this(environment -> {
			// unchanged
		});
	}

	/** @param environmentPolicy edits the child's environment before it starts (e.g. removes secrets) */
	public ProcessCommandRunner(Consumer<Map<String, String>> environmentPolicy) {
		this.environmentPolicy = environmentPolicy;
	}

	@Override
	public CommandResult run(CommandRequest request, Consumer<String> output, Cancellation cancellation)
			throws ToolException {
		cancellation.throwIfCancelled();
		List<String> command;
		if (WINDOWS) {
			command = List.of("cmd.exe", "/c", request.commandLine()); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (GROUP_TOOLS != null) {
			// setsid runs the shell in place (same process) as the leader of a new session and process group
			command = new ArrayList<>(CommandShell.command(request.commandLine()));
			command.add(0, GROUP_TOOLS.setsid());
		} else {
			command = CommandShell.command(request.commandLine());
		}
		ProcessBuilder builder = new ProcessBuilder(command)
				.directory(request.workingDirectory().toFile()).redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null"))); //$NON-NLS-1$ //$NON-NLS-2$
		environmentPolicy.accept(builder.environment());
		return execute(builder, request.timeout(), request.outputCap(), output, cancellation,
				GROUP_TOOLS == null ? ProcessCommandRunner::killTree : ProcessCommandRunner::killTreeAndGroup);
	}

	/**
	 * Kills the tree of a shell started under {@code setsid}, then (off the calling thread: it starts {@code kill}) its
	 * process group, which holds what left the tree. The group is killed only while the shell lives or has just been
	 * killed here: the group's number is the shell's, which the system does not give to another process while the
	 * group has members.
	 */
	private static void killTreeAndGroup(Process process) {
		killTree(process);
		long group = process.pid();
		Thread.ofPlatform().daemon().name("Warden command stop").start(() -> { //$NON-NLS-1$
			try {
				new ProcessBuilder(GROUP_TOOLS.kill(), "-KILL", "--", "-" + group) //$NON-NLS-1$ //$NON-NLS-2$
						.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
						.waitFor(5, TimeUnit.SECONDS);
			} catch (IOException e) {
				// the tree is killed; what left it stays, as where there is no setsid
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
	}

	private static GroupTools groupTools() {
		String setsid = null;
		String kill = null;
		for (String dir : List.of("/usr/bin", "/bin")) { //$NON-NLS-1$ //$NON-NLS-2$
			if (setsid == null && new File(dir, "setsid").canExecute()) { //$NON-NLS-1$
				setsid = dir + "/setsid"; //$NON-NLS-1$
			}
			if (kill == null && new File(dir, "kill").canExecute()) { //$NON-NLS-1$
				kill = dir + "/kill"; //$NON-NLS-1$
			}
		}
		return setsid == null || kill == null ? null : new GroupTools(setsid, kill);
	}

	/**
	 * Starts {@code builder} (standard error should be merged) and waits for its end as {@link #run} does, killing the
	 * whole process tree on timeout or cancellation; for runners that start something other than the platform shell,
	 * such as a sandbox.
	 *
	 * @throws ToolException if the process cannot be started
	 */
	public static CommandResult execute(ProcessBuilder builder, Duration timeout, int outputCap,
			Consumer<String> output, Cancellation cancellation) throws ToolException {
		return execute(builder, timeout, outputCap, output, cancellation, ProcessCommandRunner::killTree);
	}

	/**
	 * As {@link #execute(ProcessBuilder, Duration, int, Consumer, Cancellation)}, with {@code kill} ending the
	 * process and all it started on time-out or cancellation (see {@link #await(Process, long, Duration, int,
	 * Consumer, Cancellation, Consumer)}).
	 */
	public static CommandResult execute(ProcessBuilder builder, Duration timeout, int outputCap,
			Consumer<String> output, Cancellation cancellation, Consumer<Process> kill) throws ToolException {
		long start = System.nanoTime();
		Process process;
		try {
			process = builder.start();
		} catch (IOException e) {
			throw new ToolException("The command could not be started: " + e.getMessage(), e); //$NON-NLS-1$
		}
		return await(process, start, timeout, outputCap, output, cancellation, kill);
	}

	/**
	 * Waits for the end of {@code process}, started earlier (standard error merged), as {@link #execute} does: its
	 * output collected from now on, the time-out counted from {@code start} ({@link System#nanoTime()}), the whole
	 * process tree killed on time-out or cancellation.
	 */
	public static CommandResult await(Process process, long start, Duration timeout, int outputCap,
			Consumer<String> output, Cancellation cancellation) {
		return await(process, start, timeout, outputCap, output, cancellation, ProcessCommandRunner::killTree);
	}

	/**
	 * As {@link #await(Process, long, Duration, int, Consumer, Cancellation)}, with {@code kill} ending the process
	 * and all it started on time-out, cancellation or interruption, in place of {@link #killTree}: for a process whose
	 * tree cannot be ended safely at every moment. It runs on the thread that cancels (often the UI thread), so it must
	 * not block; it may end the tree a little later, off that thread.
	 */
	public static CommandResult await(Process process, long start, Duration timeout, int outputCap,
			Consumer<String> output, Cancellation cancellation, Consumer<Process> kill) {
		OutputCollector collector = new OutputCollector(Math.max(1000, outputCap), output);
		Thread reader = new Thread(() -> collector.pump(process.getInputStream(), charset()), "Warden command output"); //$NON-NLS-1$
		reader.setDaemon(true);
		reader.start();
		boolean timedOut = false;
		try (Cancellation.Registration registration = cancellation.onCancel(() -> kill.accept(process))) {
			long left = timeout.toNanos() - (System.nanoTime() - start);
			if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
				timedOut = true;
				kill.accept(process);
			}
			process.waitFor(5, TimeUnit.SECONDS);
			reader.join(1000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			kill.accept(process);
		}
		if (reader.isAlive()) {
			closeQuietly(process.getInputStream()); // a grandchild that escaped still holds the pipe
		}
		boolean cancelled = cancellation.isCancelled() && !timedOut;
		int exit = process.isAlive() ? -1 : process.exitValue();
		return new CommandResult(exit, collector.text(), collector.truncated(), timedOut, cancelled,
				Duration.ofNanos(System.nanoTime() - start));
	}

	/** Kills {@code process} and every process it started. */
	public static void killTree(Process process) {
		List<ProcessHandle> descendants = process.descendants().toList();
		process.toHandle().destroyForcibly();
		for (ProcessHandle handle : descendants) {
			handle.destroyForcibly();
		}
		// processes started between the snapshot and the kill of their parent
		for (ProcessHandle handle : descendants) {
			handle.descendants().forEach(ProcessHandle::destroyForcibly);
		}
	}

	private static Charset charset() {
		String name = System.getProperty("native.encoding"); //$NON-NLS-1$
		try {
			return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
		} catch (IllegalArgumentException e) {
			return StandardCharsets.UTF_8;
		}
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		} catch (IOException e) {
			// the stream is abandoned either way; the reader thread is a daemon and ends with the pipe
		}
	}

	/** Keeps the head and the tail of a command's output (errors tend to be at the end) and streams every chunk. */
	static final class OutputCollector {

		private final int headCap;

		private final int tailCap;

		private final Consumer<String> listener;

		private final StringBuilder head = new StringBuilder();

		private final StringBuilder tail = new StringBuilder();

		private long dropped;

		OutputCollector(int cap, Consumer<String> listener) {
			this.headCap = cap / 4;
			this.tailCap = cap - headCap;
			this.listener = listener;
		}

		void pump(InputStream in, Charset charset) {
			char[] buffer = new char[4096];
			try (Reader reader = new InputStreamReader(in, charset)) {
				int n;
				while ((n = reader.read(buffer)) >= 0) {
					String chunk = new String(buffer, 0, n);
					append(chunk);
					listener.accept(chunk);
				}
			} catch (IOException e) {
				append("\n[output ended: " + e.getMessage() + "]\n"); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}

		synchronized void append(String chunk) {
			int room = headCap - head.length();
			if (room > 0) {
				int take = Math.min(room, chunk.length());
				head.append(chunk, 0, take);
				chunk = chunk.substring(take);
			}
			tail.append(chunk);
			if (tail.length() > 2 * tailCap) {
				int cut = tail.length() - tailCap;
				dropped += cut;
				tail.delete(0, cut);
			}
		}

		synchronized String text() {
			if (tail.length() > tailCap) {
				int cut = tail.length() - tailCap;
				dropped += cut;
				tail.delete(0, cut);
			}
			if (dropped == 0) {
				return head.toString() + tail;
			}
			return head + "\n[... " + dropped + " characters of output omitted ...]\n" + tail; //$NON-NLS-1$ //$NON-NLS-2$
		}

		synchronized boolean truncated() {
			return dropped > 0 || tail.length() > tailCap;
		}
	}
}
