package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.tools.CommandRequest;
import dev.warden.core.tools.CommandResult;

@DisabledOnOs(OS.WINDOWS)
class ProcessCommandRunnerTest {

	@TempDir
	Path dir;

	/** The shell prints the pids of its two background children, then waits for them. */
	private static final String TWO_SLEEPERS = "sleep 30 & echo pid $!; sleep 30 & echo pid $!; wait";

	private static List<Long> pids(String output) {
		List<Long> pids = new ArrayList<>();
		for (String line : output.split("\n")) {
			if (line.startsWith("pid ")) {
				pids.add(Long.parseLong(line.substring(4).strip()));
			}
		}
		return pids;
	}

	private static void assertDead(List<Long> pids) throws Exception {
		assertEquals(2, pids.size());
		for (long pid : pids) {
			Optional<ProcessHandle> handle = ProcessHandle.of(pid);
			if (handle.isPresent()) {
				handle.get().onExit().get(10, TimeUnit.SECONDS);
				assertFalse(handle.get().isAlive(), "process " + pid + " survived");
			}
		}
	}

	/** Runs {@code command} and cancels it (from another thread) once it has printed the pids of two sleepers. */
	private CommandResult runAndCancelOnceTwoPidsAreSeen(String command) throws Exception {
		Cancellation cancellation = new Cancellation();
		StringBuilder seen = new StringBuilder();
		CommandResult result = new ProcessCommandRunner().run(
				new CommandRequest(command, dir, Duration.ofSeconds(60), 10_000), chunk -> {
					synchronized (seen) {
						seen.append(chunk);
						if (pids(seen.toString()).size() == 2) {
							Thread.ofPlatform().start(cancellation::cancel);
						}
					}
				}, cancellation);
		assertTrue(result.cancelled());
		assertFalse(result.timedOut());
		return result;
	}

	/** Runs {@code command} with a time-out of one second. */
	private CommandResult runUntilTimeOut(String command) throws Exception {
		CommandResult result = new ProcessCommandRunner().run(
				new CommandRequest(command, dir, Duration.ofSeconds(1), 10_000), chunk -> {
				}, new Cancellation());
		assertTrue(result.timedOut());
		return result;
	}

	@Test
	void cancelKillsTheWholeProcessTree() throws Exception {
		assertDead(pids(runAndCancelOnceTwoPidsAreSeen(TWO_SLEEPERS).output()));
	}

	@Test
	void timeoutKillsTheWholeProcessTree() throws Exception {
		assertDead(pids(runUntilTimeOut(TWO_SLEEPERS).output()));
	}

	/**
	 * Two sleepers that leave the shell's process tree at once (the {@code (program &)} idiom: their parent, a
	 * subshell, ends, and they become children of init), then a sleeping shell.
	 */
	private static final String TWO_ORPHANS = "(sleep 30 & echo pid $!); (sleep 30 & echo pid $!); sleep 30";

	@Test
	void cancelKillsWhatLeftTheProcessTree() throws Exception {
		assertDead(pids(runAndCancelOnceTwoPidsAreSeen(TWO_ORPHANS).output()));
	}

	@Test
	void timeoutKillsWhatLeftTheProcessTree() throws Exception {
		assertDead(pids(runUntilTimeOut(TWO_ORPHANS).output()));
	}

	@Test
	void returnsExitCodeAndMergedOutputFromTheWorkingDirectory() throws Exception {
		CommandResult result = new ProcessCommandRunner().run(
				new CommandRequest("pwd; echo oops >&2; exit 3", dir, Duration.ofSeconds(30), 10_000), chunk -> {
				}, new Cancellation());
		assertEquals(3, result.exitCode());
		assertEquals(dir.toRealPath() + "\noops\n", result.output());
		assertFalse(result.truncated());
	}

	@Test
	void longOutputKeepsHeadAndTailWithAMarker() throws Exception {
		CommandResult result = new ProcessCommandRunner().run(
				new CommandRequest("seq 1 100000", dir, Duration.ofSeconds(30), 2000), chunk -> {
				}, new Cancellation());
		assertTrue(result.truncated());
		assertTrue(result.output().startsWith("1\n2\n3\n"), result.output());
		assertTrue(result.output().endsWith("99999\n100000\n"));
		assertTrue(result.output().contains("characters of output omitted"));
		assertTrue(result.output().length() < 2200);
	}

	@Test
	void environmentPolicyEditsTheChildEnvironment() throws Exception {
		CommandResult result = new ProcessCommandRunner(env -> env.put("WARDEN_TEST", "scrubbed")).run(
				new CommandRequest("echo $WARDEN_TEST", dir, Duration.ofSeconds(30), 1000), chunk -> {
				}, new Cancellation());
		assertEquals("scrubbed\n", result.output());
	}
}
