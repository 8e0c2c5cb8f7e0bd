package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.internal.tools.SandboxCommandRunner;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxAvailability;
import dev.warden.core.sandbox.SandboxException;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.sandbox.SandboxSpec;
import dev.warden.core.tools.CommandRequest;
import dev.warden.core.tools.CommandResult;
import dev.warden.core.tools.ToolException;

/** The sandboxed command runner: what the model is told, and the fallback where there is no sandbox. */
@EnabledOnOs(OS.LINUX)
class SandboxCommandRunnerTest {

	@TempDir
	Path base;

	SandboxFixture fixture;

	@BeforeEach
	void setUp() throws IOException {
		fixture = SandboxFixture.create(base);
	}

	private SandboxCommandRunner runner(Sandbox sandbox, boolean required) {
		return new SandboxCommandRunner(sandbox, fixture::spec, environment -> {
			environment.put("HOME", fixture.home.toString());
			Map<String, String> scrubbed = EnvironmentPolicy.defaults().scrub(environment).asMap();
			environment.clear();
			environment.putAll(scrubbed);
		}, SandboxCommandRunner.APPLY_ALL, new ProcessCommandRunner(), () -> required);
	}

	private CommandRequest request(String command) {
		return new CommandRequest(command, fixture.root, Duration.ofSeconds(30), 30_000);
	}

	@Test
	void changesAreAppliedAndReportedToTheModel() throws Exception {
		CommandResult result = runner(SandboxFixture.requireSandbox(), false).run(request("echo made > made.txt"),
				chunk -> {
				}, new Cancellation());
		assertEquals("made\n", Files.readString(fixture.root.resolve("made.txt")));
		assertTrue(result.output().contains("Created made.txt."), result.output());
	}

	@Test
	void theModelIsToldWhichMaskedFilesTheCommandNamedAndHowToAllowThem() throws Exception {
		CommandResult result = runner(SandboxFixture.requireSandbox(), false).run(request("cat .env"), chunk -> {
		}, new Cancellation());
		assertTrue(result.output().contains("named masked files, which commands cannot read: .env"), result.output());
		assertTrue(result.output().contains("protect.sandbox.readable."), result.output());
	}

	@Test
	void theModelIsToldAboutRefusedWritesAndMissingNetwork() throws Exception {
		CommandResult result = runner(SandboxFixture.requireSandbox(), false).run(
				request("echo x >> .gitignore; curl -sS -m 2 https://repo.maven.apache.org/ || exit 6"), chunk -> {
				}, new Cancellation());
		assertTrue(result.output().contains("Not carried over: .gitignore"), result.output());
		assertTrue(result.output().contains("ran without network"), result.output());
		assertEquals("target/\nnode_modules/\n*.log\n", Files.readString(fixture.root.resolve(".gitignore")));
	}

	@Test
	void readableAllowanceLetsCommandsReadAMaskedFile() throws Exception {
		SandboxCommandRunner runner = new SandboxCommandRunner(SandboxFixture.requireSandbox(),
				() -> fixture.spec().withReadable(java.util.Set.of(fixture.root.resolve(".env"))), environment -> {
				}, SandboxCommandRunner.APPLY_ALL, new ProcessCommandRunner(), () -> false);
		CommandResult result = runner.run(request("cat .env"), chunk -> {
		}, new Cancellation());
		assertTrue(result.output().contains(fixture.secrets.get(0)), result.output());
	}

	private static Sandbox unavailable() {
		return new Sandbox() {
			@Override
			public SandboxAvailability availability() {
				return SandboxAvailability.unavailable("no user namespaces in this container");
			}

			@Override
			public SandboxResult run(SandboxSpec spec, CommandRequest request, Map<String, String> environment,
					Consumer<String> output, Cancellation cancellation) throws SandboxException {
				throw new SandboxException("unavailable");
			}
		};
	}

	@Test
	void withoutASandboxCommandsRunAsBefore() throws Exception {
		CommandResult result = runner(unavailable(), false).run(request("echo plain > plain.txt; echo ran"), chunk -> {
		}, new Cancellation());
		assertTrue(result.output().startsWith("ran\n"), result.output());
		assertTrue(result.output().contains("Commands are not sandboxed here (no user namespaces in this container)"),
				result.output());
		assertEquals(List.of("plain\n"), List.of(Files.readString(fixture.root.resolve("plain.txt"))));
	}

	@Test
	void requiredSandboxRefusesCommandsWhereThereIsNone() {
		ToolException e = assertThrows(ToolException.class, () -> runner(unavailable(), true).run(request("true"),
				chunk -> {
				}, new Cancellation()));
		assertTrue(e.getMessage().contains("no user namespaces in this container"), e.getMessage());
	}
}
