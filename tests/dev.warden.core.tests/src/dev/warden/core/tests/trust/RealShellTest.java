package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;

/**
 * Runs command lines in a real bash, with every program replaced by a stub that logs its name and arguments,
 * and checks that the parts the policy sees are exactly the programs bash executes, with the same words. A
 * word that holds a substitution is compared by the program name only, since bash replaces it by its output.
 */
class RealShellTest {

	private static final Path BASH = Path.of("/bin/bash");

	private static final Set<String> PROGRAMS = Set.of("npm", "git", "grep", "ls", "cat", "sort", "make", "date",
			"wc", "tee", "mvn");

	private static final List<String> COMMANDS = List.of(
			"npm test && git status",
			"n\"pm\" te'st' --flag=\"a b\"",
			"git commit -m \"fix: the build\" -m 'second; line'",
			"cat a.txt | sort | grep -v x",
			"(make all) && { ls -la; git log --oneline; }",
			"grep -c \"$(date +%Y)\" notes.txt",
			"echo `date` > /dev/null; wc -l < /dev/null",
			"npm test\ngit status\nmake",
			"grep -rn 'TODO|FIXME' src \\\n  --include=*.java",
			"cat <<'EOF' | sort\nb $(x)\na\nEOF",
			"FOO=1 npm run build -- --watch=false 2>&1 | tee build.log",
			"ls a\\ b \"c d\" 'e f'",
			"mvn -q -B verify && git status",
			"cat \"$(ls sub)\" `date` | sort");

	@TempDir
	Path dir;

	@Test
	void partsMatchWhatBashExecutes() throws Exception {
		assumeTrue(Files.isExecutable(BASH), "no /bin/bash on this machine");
		Path bin = Files.createDirectory(dir.resolve("bin"));
		Path log = dir.resolve("exec.log");
		// One write per record, so that the records of a pipeline's concurrent programs do not interleave.
		String stub = "#!/bin/bash\nr=\"${0##*/}\"\nfor a in \"$@\"; do r+=$'\\x1f'\"$a\"; done\n"
				+ "printf '%s\\x1e' \"$r\" >> \"$STUB_LOG\"\n";
		for (String program : PROGRAMS) {
			Path file = bin.resolve(program);
			Files.writeString(file, stub);
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		TrustPolicy policy = TrustPolicy.builder(dir).build();
		for (String command : COMMANDS) {
			Files.deleteIfExists(log);
			List<String> executed = runInBash(command, bin, log);
			CommandVerdict verdict = policy.evaluate(command);
			List<String> parsed = new ArrayList<>();
			List<String> expanded = new ArrayList<>();
			for (CommandPart part : verdict.parts()) {
				if (!part.words().isEmpty() && PROGRAMS.contains(part.words().get(0))) {
					boolean substitutes = part.words().stream().anyMatch(w -> w.contains("$(") || w.contains("<("));
					(substitutes ? expanded : parsed).add(substitutes ? part.words().get(0)
							: String.join("\u001f", part.words()));
				}
			}
			List<String> executedLiteral = new ArrayList<>(executed);
			for (String program : expanded) {
				String match = executedLiteral.stream().filter(r -> r.equals(program) || r.startsWith(program + "\u001f"))
						.findFirst().orElseThrow(() -> new AssertionError(program + " did not run: " + command));
				executedLiteral.remove(match);
			}
			assertEquals(sorted(executedLiteral), sorted(parsed), command);
			assertEquals(executed.size(), parsed.size() + expanded.size(), command);
		}
	}

	private List<String> runInBash(String command, Path bin, Path log) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(BASH.toString(), "--norc", "--noprofile", "-c", command)
				.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
		builder.environment().put("PATH", bin.toString());
		builder.environment().put("STUB_LOG", log.toString());
		Process process = builder.start();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("bash did not finish: " + command);
		}
		if (!Files.exists(log)) {
			return List.of();
		}
		String text = Files.readString(log, StandardCharsets.UTF_8);
		List<String> records = new ArrayList<>(List.of(text.split("\u001e")));
		records.removeIf(String::isEmpty);
		return records;
	}

	private static List<String> sorted(List<String> list) {
		List<String> copy = new ArrayList<>(list);
		copy.sort(null);
		return copy;
	}
}
