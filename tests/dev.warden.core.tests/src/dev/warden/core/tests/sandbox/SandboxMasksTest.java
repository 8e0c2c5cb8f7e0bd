package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxException;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.sandbox.SandboxSpec;
import dev.warden.core.tools.CommandRequest;

/** Masks follow the project as it changes between commands, and odd root paths still get their overlay. */
@EnabledOnOs(OS.LINUX)
class SandboxMasksTest {

	static Sandbox sandbox;

	@TempDir
	Path base;

	@BeforeAll
	static void requireSandbox() {
		sandbox = SandboxFixture.requireSandbox();
	}

	private SandboxResult run(Path root, String command) throws Exception {
		SandboxSpec spec = new SandboxSpec(List.of(ProtectedRoot.of(root)), SensitivePatterns.defaults(), List.of(),
				Set.of(), Set.of(), false);
		return sandbox.run(spec, new CommandRequest(command, root, Duration.ofSeconds(30), 10_000),
				System.getenv(), chunk -> {
				}, new Cancellation());
	}

	@Test
	void secretAddedBetweenCommandsIsMaskedInTheNextOne() throws Exception {
		Path root = base.resolve("proj");
		SandboxFixture.write(root.resolve("deep/er/file.txt"), "visible\n");
		FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
		for (Path dir : List.of(root, root.resolve("deep"), root.resolve("deep/er"))) {
			Files.setLastModifiedTime(dir, old);
		}
		try (SandboxResult first = run(root, "cat deep/er/file.txt")) {
			assertEquals("visible\n", first.command().output());
		}
		SandboxFixture.write(root.resolve("deep/er/.env"), "key=LATESECRET\n");
		SandboxFixture.write(root.resolve("deep/wardenhidden.txt"), "LATEHIDDEN\n");
		SandboxFixture.write(root.resolve(".wardenignore"), "wardenhidden.txt\n");
		try (SandboxResult second = run(root, "cat deep/er/.env deep/wardenhidden.txt; grep -r LATE .")) {
			assertFalse(second.command().output().contains("LATESECRET"), second.command().output());
			assertFalse(second.command().output().contains("LATEHIDDEN"), second.command().output());
		}
	}

	@Test
	void projectWithThousandsOfMasksStillRuns() throws Exception {
		Path root = base.resolve("many");
		for (int i = 0; i < 3000; i++) {
			SandboxFixture.write(root.resolve("keys/a-rather-long-folder-name/server-certificate-" + i + ".pem"),
					"MANYSECRET" + i + "\n");
		}
		try (SandboxResult result = run(root, "cat keys/a-rather-long-folder-name/server-certificate-7.pem; echo ran")) {
			assertTrue(result.command().output().endsWith("ran\n"), result.command().output());
			assertFalse(result.command().output().contains("MANYSECRET"), result.command().output());
		}
	}

	@Test
	void moreMasksThanTheSandboxCanTakeRefuseToRunRatherThanLeak() throws Exception {
		Path root = base.resolve("too-many");
		for (int i = 0; i < 3000; i++) {
			SandboxFixture.write(root.resolve("d/cert-" + i + ".pem"), "TOOMANY" + i + "\n");
			SandboxFixture.write(root.resolve("d/readme-" + i + ".txt"), "visible\n");
		}
		SandboxException e = assertThrows(SandboxException.class, () -> run(root, "cat d/cert-1.pem"));
		assertTrue(e.getMessage().contains("3000 masked files"), e.getMessage());
	}

	@Test
	void rootWhosePathOverlayOptionsCannotCarryStillWorks() throws Exception {
		Path root = base.resolve("odd,name:with-chars");
		SandboxFixture.write(root.resolve("a.txt"), "a\n");
		SandboxFixture.write(root.resolve(".env"), "key=ODDSECRET\n");
		try (SandboxResult result = run(root, "cat .env; echo b > b.txt")) {
			assertFalse(result.command().output().contains("ODDSECRET"), result.command().output());
			assertEquals(List.of("CREATED\tb.txt"), result.changes().toTsv());
		}
		assertTrue(Files.notExists(root.resolve("b.txt")));
	}
}
