package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.opentest4j.AssertionFailedError;

import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxChange;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.tests.protect.Corpus;
import dev.warden.core.tools.CommandRequest;
import dev.warden.core.tools.CommandResult;

/**
 * Every command line of {@code escapes.tsv}, run for real in the sandbox against {@link SandboxFixture}: no secret byte
 * in the output or in what the command staged, nothing of the fixture changed (the project included: nothing is
 * applied), no connection to the host's server, the outside process alive.
 */
@EnabledOnOs(OS.LINUX)
class SandboxEscapeTest {

	/**
	 * The fixture's folder, outside {@code /tmp}: the sandbox replaces {@code /tmp} with a folder of its own, so a
	 * fixture there would be out of a command's sight whether masked or not, and the checks of the home folder and of
	 * the folder outside would prove nothing.
	 */
	static Path base;

	static Sandbox sandbox;
	static SandboxFixture fixture;
	static LoopbackListener listener;
	/** A container engine's socket in the home folder (Docker Desktop's), answering with a secret. */
	static UnixListener engineSocket;
	static Process outsider;

	@BeforeAll
	static void setUp() throws IOException {
		sandbox = SandboxFixture.requireSandbox();
		base = SandboxFixture.newFolderInSight();
		fixture = SandboxFixture.create(base);
		listener = new LoopbackListener();
		engineSocket = new UnixListener(fixture.home.resolve(".docker/desktop/docker.sock"), fixture.newSecret());
		outsider = new ProcessBuilder("sleep", "600").start();
	}

	@AfterAll
	static void tearDown() throws IOException {
		if (outsider != null) {
			outsider.destroyForcibly();
		}
		if (listener != null) {
			listener.close();
		}
		if (engineSocket != null) {
			engineSocket.close();
		}
		SandboxFixture.delete(base);
	}

	static Stream<Arguments> cases() {
		return Corpus.read(SandboxEscapeTest.class, "escapes.tsv").stream().map(row -> Arguments.of(row[0], row[1]));
	}

	@Test
	void corpusHasAtLeastSixtyCases() {
		assertTrue(cases().count() >= 60, "at least 60 escape attempts");
	}

	/** The checks can fail: the same kind of command run without the sandbox is caught leaking and writing. */
	@Test
	void withoutTheSandboxTheChecksCatchTheLeak() throws Exception {
		Map<String, String> before = fixture.snapshot();
		CommandResult plain = new ProcessCommandRunner().run(new CommandRequest(
				expand("cat .env; cat {HOME}/.ssh/id_rsa; echo changed >> {OUTSIDE}/marker.txt"), fixture.root,
				Duration.ofSeconds(30), 100_000), chunk -> {
				}, new Cancellation());
		assertThrows(AssertionFailedError.class, () -> fixture.assertNoSecret("unsandboxed", plain.output()));
		assertNotEquals(before, fixture.snapshot());
		Files.writeString(fixture.outside.resolve("marker.txt"), "marker outside the workspace\n");
	}

	/** The socket check can fail: a command outside the sandbox reaches such a socket and reads its secret. */
	@Test
	void withoutTheSandboxASocketAnswers(@TempDir Path folder) throws Exception {
		try (UnixListener socket = new UnixListener(folder.resolve("docker.sock"), fixture.newSecret())) {
			CommandResult plain = new ProcessCommandRunner().run(new CommandRequest(
					"curl -s --max-time 5 --unix-socket " + folder.resolve("docker.sock") + " http://localhost/",
					fixture.root, Duration.ofSeconds(30), 100_000), chunk -> {
					}, new Cancellation());
			assertEquals(1, socket.accepted());
			assertThrows(AssertionFailedError.class, () -> fixture.assertNoSecret("unsandboxed", plain.output()));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void escapeFails(String name, String command) throws Exception {
		Map<String, String> before = fixture.snapshot();
		int engineCallsBefore = engineSocket.accepted();
		String line = expand(command);
		try (SandboxResult result = sandbox.run(fixture.spec(),
				new CommandRequest(line, fixture.root, Duration.ofSeconds(60), 2_000_000), fixture.environment(),
				chunk -> {
				}, new Cancellation())) {
			assertFalse(result.command().timedOut(), name + " timed out: " + result.command().output());
			fixture.assertNoSecret(name + " (output)", result.command().output());
			for (SandboxChange change : result.changes().changes()) {
				if (change.staged() != null && Files.isRegularFile(change.staged(), LinkOption.NOFOLLOW_LINKS)) {
					fixture.assertNoSecret(name + " (staged " + change.path() + ")", change.content());
				}
			}
		}
		assertEquals(before, fixture.snapshot(), name + " changed something outside the sandbox");
		assertFalse(Files.exists(base.getParent().resolve("warden-sandbox-planted")), name + " wrote beside the fixture");
		assertFalse(Files.exists(Path.of("/tmp/warden-sandbox-planted")), name + " wrote to the host's /tmp");
		assertTrue(outsider.isAlive(), name + " killed a process outside the sandbox");
		assertEquals(0, listener.accepted(), name + " reached the host's server");
		assertEquals(engineCallsBefore, engineSocket.accepted(),
				name + " reached the container engine's socket in the home folder");
	}

	private static String expand(String command) throws IOException {
		return command.replace("{ROOT}", fixture.root.toString()).replace("{WS}", fixture.workspace.toString())
				.replace("{HOME}", fixture.home.toString()).replace("{OUTSIDE}", fixture.outside.toString())
				.replace("{BASE}", fixture.base.toString()).replace("{PORT}", String.valueOf(listener.port()))
				.replace("{HOSTIP}", hostAddress()).replace("{PID}", String.valueOf(outsider.pid()));
	}

	/** A non-loopback IPv4 address of this machine, or the loopback one when it has none. */
	private static String hostAddress() throws IOException {
		for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
			for (InetAddress address : network.inetAddresses().toList()) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
					return address.getHostAddress();
				}
			}
		}
		return "127.0.0.1";
	}
}
