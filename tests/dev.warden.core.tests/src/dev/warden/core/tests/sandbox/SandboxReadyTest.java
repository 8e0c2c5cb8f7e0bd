package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.internal.sandbox.ChangeSetWriter;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.sandbox.SandboxChange;
import dev.warden.core.sandbox.SandboxChangeKind;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.CommandRequest;

/**
 * A sandbox made ready after a command serves the next one as a sandbox set up for it would: the same masks, working
 * folder, command line and environment, the project as it is now, and none of it once the masks changed.
 */
@EnabledOnOs(OS.LINUX)
class SandboxReadyTest {

	@TempDir
	Path base;

	SandboxFixture fixture;
	BubblewrapSandbox sandbox;

	@BeforeEach
	void setUp() throws Exception {
		SandboxFixture.requireSandbox();
		fixture = SandboxFixture.create(base);
		sandbox = new BubblewrapSandbox(UrlPolicy.defaults());
		run("true", fixture.root).close();
		sandbox.awaitReady();
		assertTrue(sandbox.hasReadySandbox(), "a sandbox is ready after the first command");
	}

	private SandboxResult run(String line, Path directory) throws Exception {
		return sandbox.run(fixture.spec(), new CommandRequest(line, directory, Duration.ofSeconds(60), 100_000),
				fixture.environment(), chunk -> {
				}, new Cancellation());
	}

	@Test
	void readySandboxRunsTheExactLineInItsFolderWithTheEnvironment() throws Exception {
		String line = "printf '%s|' \"$PWD\" \"$HOME\" 'a  b\\\\c'\necho \"two\n  lines\" \\\n  done";
		try (SandboxResult result = run(line, fixture.root.resolve("src"))) {
			assertEquals(fixture.root.resolve("src") + "|" + fixture.home + "|a  b\\\\c|two\n  lines done\n",
					result.command().output());
			assertEquals(0, result.command().exitCode());
		}
	}

	@Test
	void readySandboxMasksAndCollectsAsAFreshOne() throws Exception {
		try (SandboxResult result = run("cat .env; echo $?; echo new > made.txt; echo more >> README.md", fixture.root)) {
			fixture.assertNoSecret("ready sandbox", result.command().output());
			List<String> changes = result.changes().changes().stream().map(c -> c.kind() + " " + c.path()).toList();
			assertEquals(List.of("MODIFIED README.md", "CREATED made.txt"), changes);
		}
		assertFalse(Files.exists(fixture.root.resolve("made.txt")));
	}

	@Test
	void aSecretMadeWhileTheSandboxWaitedIsMasked() throws Exception {
		SandboxFixture.write(fixture.root.resolve("config/.env.production"), "key=WSECRETlate0123456789abcdef\n");
		SandboxFixture.write(fixture.root.resolve("src/.env"), "key=WSECRETlate0123456789abcdef\n");
		try (SandboxResult result = run("cat config/.env.production src/.env; grep -r WSECRET . 2>&1", fixture.root)) {
			assertFalse(result.command().output().contains("0123456789abcdef"), result.command().output());
		}
	}

	@Test
	void aFolderReplacedWhileTheSandboxWaitedIsSeenAsItIsNow() throws Exception {
		Path config = fixture.root.resolve("config");
		Path moved = fixture.base.resolve("old-config");
		Files.move(config, moved);
		SandboxFixture.write(config.resolve("secrets.yml"), "key=WSECRETnew0123456789abcdef\n");
		SandboxFixture.write(config.resolve("app.yml"), "app: new\n");
		try (SandboxResult result = run("cat config/app.yml; cat config/secrets.yml", fixture.root)) {
			assertTrue(result.command().output().startsWith("app: new\n"), result.command().output());
			assertFalse(result.command().output().contains("0123456789abcdef"), result.command().output());
		}
	}

	@Test
	void filesTheUserChangedWhileTheSandboxWaitedAreSeenAndCollectedAsTheyAreNow() throws Exception {
		SandboxFixture.write(fixture.root.resolve("src/Old.java"), "class Old {}\n");
		SandboxFixture.write(fixture.root.resolve("docs/guide.md"), "guide\n");
		run("cat README.md src/Main.java src/Old.java docs/guide.md >/dev/null", fixture.root).close();
		sandbox.awaitReady();
		assertTrue(sandbox.hasReadySandbox());
		long servedBefore = BubblewrapSandbox.commandsServedReady();

		// the user, while the sandbox waits: an edit in place, an editor's save (a new file moved over the old one),
		// a file created and one deleted
		Files.writeString(fixture.root.resolve("README.md"), "# edited in place\n");
		Path saved = fixture.root.resolve("src/.Main.java.tmp");
		Files.writeString(saved, "class Main { int saved; }\n");
		Files.move(saved, fixture.root.resolve("src/Main.java"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		Files.writeString(fixture.root.resolve("src/New.java"), "class New {}\n");
		Files.delete(fixture.root.resolve("src/Old.java"));

		String line = "cat README.md src/Main.java src/New.java; ls src; cat src/Old.java 2>/dev/null || echo no Old; "
				+ "echo x >> README.md; echo y >> src/Main.java; echo z >> src/New.java; echo again > src/Old.java";
		try (SandboxResult result = run(line, fixture.root)) {
			assertEquals(servedBefore + 1, BubblewrapSandbox.commandsServedReady(), "the ready sandbox ran it");
			assertEquals("# edited in place\nclass Main { int saved; }\nclass New {}\nMain.java\nNew.java\nno Old\n",
					result.command().output());
			List<String> changes = result.changes().changes().stream()
					.map(c -> c.kind() + " " + c.path() + (c.reason().isEmpty() ? "" : " " + c.reason())).toList();
			assertEquals(List.of("MODIFIED README.md", "MODIFIED src/Main.java", "MODIFIED src/New.java",
					"CREATED src/Old.java"), changes);
			List<ChangeOutcome> outcomes = ChangeSetWriter.apply(result.changes(), change -> true);
			assertTrue(outcomes.stream().allMatch(ChangeOutcome::applied), outcomes.toString());
		}
		assertEquals("# edited in place\nx\n", Files.readString(fixture.root.resolve("README.md")));
		assertEquals("class Main { int saved; }\ny\n", Files.readString(fixture.root.resolve("src/Main.java")));
		assertEquals("class New {}\nz\n", Files.readString(fixture.root.resolve("src/New.java")));
		assertEquals("again\n", Files.readString(fixture.root.resolve("src/Old.java")));
		assertEquals("guide\n", Files.readString(fixture.root.resolve("docs/guide.md")));
	}

	@Test
	void aFileWrittenJustBeforeTheCommandIsNoConflict() throws Exception {
		Files.writeString(fixture.root.resolve("README.md"), "# written by the agent\n");
		try (SandboxResult result = run("cat README.md; echo by the command >> README.md", fixture.root)) {
			assertEquals("# written by the agent\n", result.command().output());
			SandboxChange change = result.changes().changes().get(0);
			assertEquals(SandboxChangeKind.MODIFIED, change.kind(), change.reason());
			assertEquals("# written by the agent\nby the command\n", new String(change.content()));
		}
	}
}
