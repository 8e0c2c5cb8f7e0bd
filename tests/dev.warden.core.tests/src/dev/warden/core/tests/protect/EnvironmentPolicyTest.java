package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.ScrubbedEnvironment;

/** Which variables a command inherits: {@code environments.tsv} case by case, and a real child process. */
class EnvironmentPolicyTest {

	static Stream<Arguments> cases() {
		return Corpus.read(EnvironmentPolicyTest.class, "environments.tsv").stream()
				.map(row -> Arguments.of(row[0], row[1], row[2], row[3], row[4]));
	}

	@Test
	void corpusHasEnoughCases() {
		assertTrue(cases().count() >= 70);
	}

	@ParameterizedTest(name = "[{index}] {0} {1} -> {3}")
	@MethodSource("cases")
	void variableIsKeptOrRemoved(String mode, String name, String value, String expected, String reasonPart) {
		ScrubbedEnvironment result = policy(mode).scrub(Map.of(name, value, "PATH_FOR_CONTRAST", "/bin"));
		if (expected.equals("KEPT")) {
			assertEquals(value, result.environment().get(name), () -> "removed: " + result.removed());
			assertFalse(result.removedNames().contains(name));
		} else {
			assertFalse(result.environment().containsKey(name));
			assertEquals(List.of(name), result.removed().stream().map(r -> r.name()).filter(name::equals).toList());
			String reason = result.removed().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow()
					.reason();
			assertTrue(reason.contains(reasonPart), () -> reason + " should contain " + reasonPart);
		}
	}

	private static EnvironmentPolicy policy(String mode) {
		boolean minimal = mode.startsWith("minimal");
		int allow = mode.indexOf("allow=");
		Set<String> allowed = allow < 0 ? Set.of()
				: Arrays.stream(mode.substring(allow + "allow=".length()).split(",")).collect(Collectors.toSet());
		return new EnvironmentPolicy(minimal, allowed);
	}

	@Test
	void removedNamesAreListedInOrderWithoutValues() {
		ScrubbedEnvironment result = EnvironmentPolicy.defaults()
				.scrub(Map.of("GH_TOKEN", "ghp_secretvalue", "PATH", "/bin", "DB_PASSWORD", "hunter2"));
		assertEquals(List.of("DB_PASSWORD", "GH_TOKEN"), result.removedNames());
		assertEquals(List.of("PATH"), result.names());
		assertFalse(result.removed().toString().contains("hunter2"));
		assertFalse(result.removed().toString().contains("ghp_secretvalue"));
	}

	static boolean envProgramExists() {
		return Files.isExecutable(Path.of("/usr/bin/env"));
	}

	@Test
	@EnabledIf("envProgramExists")
	void childProcessSeesNoScrubbedName() throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("/usr/bin/env");
		Map<String, String> env = builder.environment();
		env.put("GITHUB_TOKEN", "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
		env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG");
		env.put("AWS_PROFILE", "production");
		env.put("MY_API_KEY", "abc");
		env.put("DATABASE_URL", "postgres://u:pw@db/x");
		env.put("WARDEN_VISIBLE_MARKER", "kept");
		ScrubbedEnvironment scrubbed = EnvironmentPolicy.defaults().applyTo(builder);
		String output = run(builder);
		for (String name : scrubbed.removedNames()) {
			assertFalse(output.contains(name + "="), () -> name + " reached the child process");
		}
		assertTrue(scrubbed.removedNames().containsAll(
				List.of("GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "MY_API_KEY", "DATABASE_URL")));
		assertTrue(output.contains("WARDEN_VISIBLE_MARKER=kept"));
		assertFalse(output.contains("ghp_"));
	}

	@Test
	@EnabledIf("envProgramExists")
	void childProcessGetsOnlyTheMinimalEnvironment() throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("/usr/bin/env");
		builder.environment().put("EDITOR", "vim");
		builder.environment().put("LC_ALL", "C.UTF-8");
		new EnvironmentPolicy(true, Set.of()).applyTo(builder);
		String output = run(builder);
		for (String line : output.split("\n")) {
			if (line.isEmpty()) {
				continue;
			}
			String name = line.substring(0, line.indexOf('='));
			assertTrue(EnvironmentPolicy.MINIMAL_NAMES.contains(name.toUpperCase()) || name.startsWith("LC_"),
					() -> name + " is not in the minimal environment");
		}
		assertTrue(output.contains("LC_ALL=C.UTF-8"));
	}

	private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
		builder.redirectErrorStream(true);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, process.waitFor());
		return output;
	}
}
