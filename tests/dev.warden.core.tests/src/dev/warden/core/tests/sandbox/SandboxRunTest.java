package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.internal.cli.SandboxRun;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxAvailability;
import dev.warden.core.sandbox.SandboxException;
import dev.warden.core.sandbox.SandboxResult;

/** The contract of {@code releng/bin/sandbox-run}: output, the change lines, exit codes, and DIR left alone. */
@EnabledOnOs(OS.LINUX)
class SandboxRunTest {

	@TempDir
	Path base;

	SandboxFixture fixture;
	final ByteArrayOutputStream out = new ByteArrayOutputStream();
	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void setUp() throws IOException {
		SandboxFixture.requireSandbox();
		fixture = SandboxFixture.create(base);
	}

	private int run(Sandbox sandbox, String... args) {
		return SandboxRun.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), sandbox, fixture.environment());
	}

	private int run(String... args) {
		return run(new BubblewrapSandbox(UrlPolicy.defaults()), args);
	}

	private String out() {
		return out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void printsOutputThenChangesAndExitsWithTheCommandsStatusLeavingDirUnchanged() throws IOException {
		Map<String, String> before = fixture.snapshot();
		int status = run("--root", fixture.root.toString(), "--", "echo hi; echo x > new.txt; echo y >> README.md; "
				+ "rm src/Main.java; echo z > .gitignore; printf no-newline; exit 7");
		assertEquals(7, status, err.toString());
		assertEquals("hi\nno-newline\n--- changes\nREFUSED\t.gitignore\tthe agent may not change .gitignore, which "
				+ "decides what it sees; the user can edit it\nMODIFIED\tREADME.md\nCREATED\tnew.txt\n"
				+ "DELETED\tsrc/Main.java\n", out());
		assertEquals(before, fixture.snapshot(), "without --apply DIR is unchanged");
	}

	@Test
	void applyWritesTheChangesThatAreNotRefused() throws IOException {
		int status = run("--root", fixture.root.toString(), "--apply", "--", "echo x > new.txt; rm src/Main.java; "
				+ "echo k > x.pem");
		assertEquals(0, status, err.toString());
		assertEquals("x\n", Files.readString(fixture.root.resolve("new.txt")));
		assertFalse(Files.exists(fixture.root.resolve("src/Main.java")));
		assertFalse(Files.exists(fixture.root.resolve("x.pem")));
	}

	@Test
	void severalWordsAfterTheSeparatorAreOneCommandLine() {
		assertEquals(0, run("--root", fixture.root.toString(), "--", "echo", "a", "b"));
		assertEquals("a b\n--- changes\n", out());
	}

	@Test
	void badArgumentsExitTwo() {
		assertEquals(2, run("--", "true"));
		assertEquals(2, run("--root", fixture.root.toString()));
		assertEquals(2, run("--root", fixture.root.resolve("missing").toString(), "--", "true"));
		assertEquals(2, run("--root", fixture.root.toString(), "--bogus", "--", "true"));
		assertEquals(2, run("--root", fixture.root.toString(), "--allow-host", "bad host", "--", "true"));
		assertEquals(2, run("--root", fixture.root.toString(), "--allow-host"));
		assertTrue(err.toString().contains("usage: sandbox-run"));
	}

	@Test
	void noSandboxExitsThreeWithTheReason() {
		Sandbox none = new Sandbox() {
			@Override
			public SandboxAvailability availability() {
				return SandboxAvailability.unavailable("user namespaces are disabled here");
			}

			@Override
			public SandboxResult run(dev.warden.core.sandbox.SandboxSpec spec,
					dev.warden.core.tools.CommandRequest request, Map<String, String> environment,
					java.util.function.Consumer<String> output, dev.warden.core.operations.Cancellation cancellation)
					throws SandboxException {
				throw new SandboxException("unavailable");
			}
		};
		assertEquals(3, run(none, "--root", fixture.root.toString(), "--", "true"));
		assertTrue(err.toString().contains("user namespaces are disabled here"), err.toString());
		assertEquals("", out());
	}
}
