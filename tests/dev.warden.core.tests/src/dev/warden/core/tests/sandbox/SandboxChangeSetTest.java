package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.sandbox.ChangeSetWriter;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxChange;
import dev.warden.core.sandbox.SandboxChangeKind;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.CommandRequest;

/** What a sandboxed command's writes become: the change set, its refusals and conflicts, and applying it. */
@EnabledOnOs(OS.LINUX)
class SandboxChangeSetTest {

	static Sandbox sandbox;

	@TempDir
	Path base;

	SandboxFixture fixture;

	@BeforeAll
	static void requireSandbox() {
		sandbox = SandboxFixture.requireSandbox();
	}

	@BeforeEach
	void createFixture() throws IOException {
		fixture = SandboxFixture.create(base);
		SandboxFixture.write(fixture.root.resolve("a.txt"), "alpha\n");
		SandboxFixture.write(fixture.root.resolve("b.txt"), "bravo\n");
		SandboxFixture.write(fixture.root.resolve("dir/c.txt"), "charlie\n");
		SandboxFixture.write(fixture.root.resolve("tool.sh"), "echo tool\n");
	}

	private SandboxResult run(String command) throws Exception {
		return run(command, chunk -> {
		});
	}

	private SandboxResult run(String command, Consumer<String> output) throws Exception {
		return sandbox.run(fixture.spec(), new CommandRequest(command, fixture.root, Duration.ofSeconds(30), 100_000),
				fixture.environment(), output, new Cancellation());
	}

	private static List<String> lines(SandboxResult result) {
		return result.changes().toTsv();
	}

	@Test
	void createModifyDeleteAreCollectedAndTheProjectIsUntouchedUntilApplied() throws Exception {
		Map<String, String> before = fixture.snapshot();
		try (SandboxResult result = run("echo new > n.txt; echo more >> a.txt; rm b.txt; rm -r dir")) {
			assertEquals(List.of("MODIFIED\ta.txt", "DELETED\tb.txt", "DELETED\tdir/c.txt", "DELETED\tdir/",
					"CREATED\tn.txt"), lines(result));
			assertEquals(before, fixture.snapshot(), "nothing is written before the change set is applied");
			assertTrue(ChangeSetWriter.apply(result.changes(), c -> true).stream().allMatch(ChangeOutcome::applied));
		}
		assertEquals("alpha\nmore\n", Files.readString(fixture.root.resolve("a.txt")));
		assertEquals("new\n", Files.readString(fixture.root.resolve("n.txt")));
		assertFalse(Files.exists(fixture.root.resolve("b.txt")));
		assertFalse(Files.exists(fixture.root.resolve("dir")));
	}

	@Test
	void renameIsADeletionAndACreation() throws Exception {
		try (SandboxResult result = run("mv a.txt renamed.txt")) {
			assertEquals(List.of("DELETED\ta.txt", "CREATED\trenamed.txt"), lines(result));
			ChangeSetWriter.apply(result.changes(), c -> true);
		}
		assertFalse(Files.exists(fixture.root.resolve("a.txt")));
		assertEquals("alpha\n", Files.readString(fixture.root.resolve("renamed.txt")));
	}

	@Test
	void permissionChangeIsAModificationAndIsKept() throws Exception {
		try (SandboxResult result = run("chmod 755 tool.sh")) {
			assertEquals(List.of("MODIFIED\ttool.sh"), lines(result));
			ChangeSetWriter.apply(result.changes(), c -> true);
		}
		assertEquals("rwxr-xr-x",
				PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.root.resolve("tool.sh"))));
	}

	@Test
	void binaryContentIsCarriedExactly() throws Exception {
		byte[] expected = new byte[256];
		for (int i = 0; i < expected.length; i++) {
			expected[i] = (byte) i;
		}
		StringBuilder printf = new StringBuilder("printf '");
		for (int i = 0; i < 256; i++) {
			printf.append(String.format("\\%03o", i));
		}
		printf.append("' > blob.bin");
		try (SandboxResult result = run(printf.toString())) {
			assertEquals(List.of("CREATED\tblob.bin"), lines(result));
			assertArrayEquals(expected, result.changes().changes().get(0).content());
			ChangeSetWriter.apply(result.changes(), c -> true);
		}
		assertArrayEquals(expected, Files.readAllBytes(fixture.root.resolve("blob.bin")));
	}

	@Test
	void unchangedCopyUpIsNoChange() throws Exception {
		try (SandboxResult result = run("cat a.txt > /dev/null; touch b.txt; cp a.txt a.txt.tmp && mv a.txt.tmp a.txt")) {
			assertEquals(List.of(), lines(result));
		}
	}

	@Test
	void fileTheUserChangesWhileTheCommandRunsIsAConflictAndNotOverwritten() throws Exception {
		AtomicBoolean edited = new AtomicBoolean();
		Consumer<String> user = chunk -> {
			if (chunk.contains("ready") && edited.compareAndSet(false, true)) {
				try {
					Files.writeString(fixture.root.resolve("a.txt"), "the user's edit\n");
					Files.writeString(fixture.root.resolve("made-by-user.txt"), "the user's file\n");
				} catch (IOException e) {
					throw new IllegalStateException(e);
				}
			}
		};
		try (SandboxResult result = run("echo ready; sleep 1; echo command >> a.txt; echo command > made-by-user.txt; "
				+ "echo command >> b.txt", user)) {
			assertTrue(edited.get());
			List<String> lines = lines(result);
			assertEquals(3, lines.size(), lines.toString());
			assertTrue(lines.get(0).startsWith("REFUSED\ta.txt\tconflict"), lines.toString());
			assertEquals("MODIFIED\tb.txt", lines.get(1));
			assertTrue(lines.get(2).startsWith("REFUSED\tmade-by-user.txt\tconflict"), lines.toString());
			ChangeSetWriter.apply(result.changes(), c -> true);
		}
		assertEquals("the user's edit\n", Files.readString(fixture.root.resolve("a.txt")));
		assertEquals("the user's file\n", Files.readString(fixture.root.resolve("made-by-user.txt")));
		assertEquals("bravo\ncommand\n", Files.readString(fixture.root.resolve("b.txt")));
	}

	@Test
	void fileWrittenJustBeforeTheCommandIsNoConflict() throws Exception {
		for (int i = 0; i < 15; i++) {
			Files.writeString(fixture.root.resolve("a.txt"), "written by the agent " + i + "\n");
			try (SandboxResult result = run("echo command >> a.txt")) {
				assertEquals(List.of("MODIFIED\ta.txt"), lines(result), "round " + i);
			}
		}
	}

	@Test
	void fileChangedAfterCollectionIsNotOverwrittenWhenApplied() throws Exception {
		try (SandboxResult result = run("echo command > a.txt")) {
			Files.writeString(fixture.root.resolve("a.txt"), "edited during review\n");
			List<ChangeOutcome> outcomes = ChangeSetWriter.apply(result.changes(), c -> true);
			assertFalse(outcomes.get(0).applied(), outcomes.toString());
		}
		assertEquals("edited during review\n", Files.readString(fixture.root.resolve("a.txt")));
	}

	@Test
	void writesToIgnoreFilesAndSensitiveFilesAreRefused() throws Exception {
		Map<String, String> before = fixture.snapshot();
		try (SandboxResult result = run("echo '!*.env' >> .gitignore; echo > .wardenignore; echo k > new.pem; "
				+ "echo t > src/.env.prod; echo ok > ok.txt")) {
			List<String> lines = lines(result);
			assertEquals(5, lines.size(), lines.toString());
			assertTrue(lines.get(0).startsWith("REFUSED\t.gitignore\t"), lines.toString());
			assertTrue(lines.get(1).startsWith("REFUSED\t.wardenignore\t"), lines.toString());
			assertTrue(lines.get(2).startsWith("REFUSED\tnew.pem\tsensitive"), lines.toString());
			assertEquals("CREATED\tok.txt", lines.get(3));
			assertTrue(lines.get(4).startsWith("REFUSED\tsrc/.env.prod\tsensitive"), lines.toString());
			ChangeSetWriter.apply(result.changes(), c -> !c.path().equals("ok.txt"));
		}
		assertEquals(before, fixture.snapshot(), "refused changes are never written");
	}

	@Test
	void ignoredBuildOutputIsWrittenThroughNotReviewed() throws Exception {
		try (SandboxResult result = run("mkdir -p target/classes && echo built > target/classes/App.class; "
				+ "echo log > build.log; echo src > src/App.java")) {
			assertEquals(List.of("CREATED\tbuild.log", "CREATED\tsrc/App.java", "CREATED\ttarget/classes/App.class"),
					lines(result));
			assertEquals(List.of("src/App.java"),
					result.changes().reviewable().stream().map(SandboxChange::path).toList());
			assertEquals(List.of("build.log", "target/classes/App.class"),
					result.changes().writtenThrough().stream().map(SandboxChange::path).toList());
			ChangeSetWriter.apply(result.changes(), SandboxChange::writtenThrough);
		}
		assertEquals("built\n", Files.readString(fixture.root.resolve("target/classes/App.class")));
		assertFalse(Files.exists(fixture.root.resolve("src/App.java")), "reviewable changes wait for review");
	}

	@Test
	void aNameWithATabOrLineFeedStaysOneLine() throws Exception {
		try (SandboxResult result = run("echo x > \"$(printf 'tab\\there')\"; echo y > \"$(printf 'line\\nfeed')\"")) {
			List<String> lines = lines(result);
			assertEquals(2, lines.size(), lines.toString());
			assertTrue(lines.get(0).contains("\tline\\nfeed"), lines.get(0));
			assertTrue(lines.get(1).contains("\ttab\\there"), lines.get(1));
			assertTrue(lines.stream().noneMatch(line -> line.contains("\n")));
		}
	}

	@Test
	void onlyTheAcceptedChangesAreApplied() throws Exception {
		try (SandboxResult result = run("echo 1 > one.txt; echo 2 > two.txt")) {
			ChangeSetWriter.apply(result.changes(), c -> c.path().equals("two.txt"));
		}
		assertFalse(Files.exists(fixture.root.resolve("one.txt")));
		assertEquals("2\n", Files.readString(fixture.root.resolve("two.txt")));
	}

	@Test
	void folderReplacedByFileAndLinksAreCarried() throws Exception {
		try (SandboxResult result = run("rm -r dir && echo now-a-file > dir; ln -s a.txt link; mkdir empty")) {
			assertEquals(List.of("DELETED\tdir/c.txt", "DELETED\tdir/", "CREATED\tdir", "CREATED\tempty/",
					"CREATED\tlink"), lines(result));
			ChangeSetWriter.apply(result.changes(), c -> true);
		}
		assertEquals("now-a-file\n", Files.readString(fixture.root.resolve("dir")));
		assertEquals(Path.of("a.txt"), Files.readSymbolicLink(fixture.root.resolve("link")));
		assertTrue(Files.isDirectory(fixture.root.resolve("empty")));
	}

	@Test
	void timeOutKillsEverythingInTheSandbox() throws Exception {
		String marker = "sleep 987.654";
		try (SandboxResult result = sandbox.run(fixture.spec(),
				new CommandRequest("(" + marker + " &) ; " + marker + " & wait", fixture.root, Duration.ofSeconds(1),
						1000),
				fixture.environment(), chunk -> {
				}, new Cancellation())) {
			assertTrue(result.command().timedOut());
		}
		Thread.sleep(300);
		assertEquals(0, ProcessHandle.allProcesses()
				.filter(p -> p.info().commandLine().orElse("").contains("987.654")).count(),
				"no process of the sandbox survives its time-out");
	}

	/**
	 * Stop can come at any moment of a sandbox's set-up: before {@code bwrap} runs, while it makes the sandbox's first
	 * process and before it lets that process go on (killed then, bwrap would leave it waiting forever, outside the
	 * command's process tree and holding its output open), or just after the command started. Whenever it comes,
	 * nothing of the command outlives it. Each command sets its sandbox up when it comes (no ready sandbox), and the
	 * stops are spread over the set-up in steps of half a millisecond.
	 */
	@Test
	void cancellationAtAnyMomentOfTheSetUpLeavesNoProcessBehind() throws Exception {
		Sandbox cold = dev.warden.core.internal.sandbox.BubblewrapSandbox
				.oneShot(dev.warden.core.protect.UrlPolicy.defaults());
		String marker = "sleep 765." + ProcessHandle.current().pid();
		int stopped = 0;
		for (int i = 0; i < 120; i++) {
			long delayMicros = i * 500L;
			Cancellation cancellation = new Cancellation();
			Thread stopper = Thread.ofPlatform().start(() -> {
				java.util.concurrent.locks.LockSupport.parkNanos(delayMicros * 1000);
				cancellation.cancel();
			});
			try (SandboxResult result = cold.run(fixture.spec(),
					new CommandRequest(marker, fixture.root, Duration.ofSeconds(30), 1000), fixture.environment(),
					chunk -> {
					}, cancellation)) {
				assertTrue(result.command().cancelled(), "stopped " + delayMicros + " µs after it came");
				stopped++;
			} catch (dev.warden.core.sandbox.SandboxException e) {
				// stopped before the sandbox was set up, and said so
			}
			stopper.join();
		}
		assertTrue(stopped > 0, "some stops came once the command ran");
		long deadline = System.nanoTime() + 3_000_000_000L;
		List<String> left;
		while (!(left = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
				.filter(line -> line.contains(marker)).toList()).isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertEquals(List.of(), left, "no process of a stopped command survives it");
	}

	@Test
	void cancellationKillsEverythingInTheSandbox() throws Exception {
		Cancellation cancellation = new Cancellation();
		Thread.ofPlatform().start(() -> {
			try {
				Thread.sleep(500);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			cancellation.cancel();
		});
		try (SandboxResult result = sandbox.run(fixture.spec(),
				new CommandRequest("sleep 876.543 & sleep 876.543; wait", fixture.root, Duration.ofSeconds(30), 1000),
				fixture.environment(), chunk -> {
				}, cancellation)) {
			assertTrue(result.command().cancelled());
		}
		Thread.sleep(300);
		assertEquals(0, ProcessHandle.allProcesses()
				.filter(p -> p.info().commandLine().orElse("").contains("876.543")).count());
	}
}
