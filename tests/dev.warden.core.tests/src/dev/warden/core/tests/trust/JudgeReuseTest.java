package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PathGuard;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.ProgramFacts;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

/**
 * A thread judges its lines one after the other: a line must be judged as it would be alone, whatever the thread
 * judged before it (another policy, another working directory, a line that failed half-way), and a check that judges
 * a line of its own while a line is being judged must not disturb it.
 */
class JudgeReuseTest {

	@TempDir
	Path workspace;

	@TempDir
	Path outside;

	private static final List<String> PATTERNS = List.of("npm *", "git diff *", "git log *", "grep *", "cat *",
			"wc *", "ls *", "find *", "echo *", "tee *", "mytool *", "sed *", "tar *");

	/** Lines that leave every kind of working state behind: places, checked targets and folders, layers, facts. */
	private static final List<String> LINES = List.of("npm test", "git diff --stat > out.txt && cat out.txt",
			"ls -la | grep src | wc -l", "mytool --run x", "echo a > /tmp/x", "cat .env",
			"grep -r TOKEN . && grep -r TOKEN src", "timeout 60 npm test && env CI=1 npm test",
			"find . -name '*.java' -exec grep -l TODO {} +", "sed -i s/a/b/ README.md && tar -C / -xf x.tar",
			"cd /tmp && cat notes.txt", "grep -n TODO notes.txt", "echo a > ../x.txt && echo b > ../x.txt", "git log --output=/tmp/x", "bash -c 'npm test; whoami'",
			// more than eight commands: the map of judged commands
			"npm test && npm test && git diff && git log && ls && wc -l a && cat b && echo c && echo d && echo e"
					+ " && cat b && npm test",
			"echo \"$(cat .env)\" | tee copy.txt");

	private TrustPolicy plain() {
		return policy(envGuard()).build();
	}

	/** The default deny list and the test's patterns, with {@code guard}. */
	private TrustPolicy.Builder policy(PathGuard guard) {
		return TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "w", PATTERNS)).pathGuard(guard);
	}

	/** Another policy, whose facts say that `mytool --run` runs other code. */
	private TrustPolicy withFacts() {
		return policy(envGuard())
				.programFacts(ProgramFacts.withAdministratorFacts("tools.facts",
						"mytool  --run=  runs  | runs the script it names\n"))
				.build();
	}

	/** Hides files named .env, also from programs that read every file under a folder. */
	private static PathGuard envGuard() {
		return new PathGuard() {
			@Override
			public Optional<String> whyHidden(String word, Path workingDirectory) {
				return word.endsWith(".env") ? Optional.of("'" + word + "' is hidden from the agent") : Optional.empty();
			}

			@Override
			public Optional<String> whyFolderHoldsHidden(String folder, Path workingDirectory, boolean skips) {
				return Files.exists(workingDirectory.resolve(folder).resolve(".env"))
						? Optional.of("'" + folder + "' holds .env")
						: Optional.empty();
			}
		};
	}

	/** The verdict as a text that holds every part: what a user sees of it. */
	private static String seen(CommandVerdict verdict) {
		StringBuilder text = new StringBuilder(verdict.verdict() + ": " + verdict.reason());
		for (CommandPart part : verdict.parts()) {
			text.append("\n  ").append(part.status()).append(' ').append(part.text()).append(" — ")
					.append(part.reason()).append(' ').append(part.pattern()).append(' ').append(part.fact());
		}
		return text.toString();
	}

	/** The verdict of a line judged on a thread that judged nothing before. */
	private static String alone(TrustPolicy policy, String line, Path directory) throws InterruptedException {
		AtomicReference<String> result = new AtomicReference<>();
		Thread thread = new Thread(() -> result.set(seen(policy.evaluate(line, directory))));
		thread.start();
		thread.join();
		return result.get();
	}

	@Test
	void aLineIsJudgedAsAloneWhateverTheThreadJudgedBefore() throws Exception {
		// the same words mean other files from another working directory: `../x.txt` is in the workspace from its
		// folder `src` only, `.` holds the hidden `.env` from the workspace's top only
		Path sub = Files.createDirectories(workspace.resolve("src"));
		Files.writeString(workspace.resolve(".env"), "TOKEN=1");
		TrustPolicy plain = plain();
		TrustPolicy withFacts = withFacts();
		List<String> expected = new ArrayList<>();
		for (String line : LINES) {
			expected.add(alone(plain, line, workspace));
			expected.add(alone(withFacts, line, sub));
			expected.add(alone(plain, line, outside));
		}
		int tool = LINES.indexOf("mytool --run x");
		assertTrue(expected.get(3 * tool).startsWith("TRUSTED") && expected.get(3 * tool + 1).startsWith("ASK"),
				"the two policies judge `mytool --run` apart: " + expected.get(3 * tool) + " / "
						+ expected.get(3 * tool + 1));
		int read = LINES.indexOf("grep -n TODO notes.txt");
		assertTrue(expected.get(3 * read).startsWith("TRUSTED") && expected.get(3 * read + 2).startsWith("ASK"),
				"a file read from a folder outside the workspace: " + expected.get(3 * read + 2));
		int up = LINES.indexOf("echo a > ../x.txt && echo b > ../x.txt");
		assertTrue(expected.get(3 * up).startsWith("ASK") && expected.get(3 * up + 1).startsWith("TRUSTED"),
				expected.get(3 * up) + " / " + expected.get(3 * up + 1));
		int walk = LINES.indexOf("grep -r TOKEN . && grep -r TOKEN src");
		assertTrue(expected.get(3 * walk).startsWith("ASK") && expected.get(3 * walk + 1).startsWith("TRUSTED"),
				expected.get(3 * walk) + " / " + expected.get(3 * walk + 1));
		for (int round = 0; round < 3; round++) { // in turns, so that each line follows every other one
			for (int i = 0; i < LINES.size(); i++) {
				String line = LINES.get((i * 7 + round) % LINES.size());
				int at = LINES.indexOf(line);
				assertEquals(expected.get(3 * at), seen(plain.evaluate(line, workspace)), line);
				assertEquals(expected.get(3 * at + 1), seen(withFacts.evaluate(line, sub)), line);
				assertEquals(expected.get(3 * at + 2), seen(plain.evaluate(line, outside)), line);
			}
		}
	}

	@Test
	void aLineThatFailedHalfWayLeavesNothingBehind() throws Exception {
		PathGuard failing = (word, directory) -> {
			if (word.equals("boom")) {
				throw new IllegalStateException("the guard failed");
			}
			return Optional.empty();
		};
		TrustPolicy policy = policy(failing).build();
		String line = "npm test && npm test && git diff && git log && ls && wc -l a && cat b && echo c && echo d"
				+ " && echo e > e.txt && cat b";
		String expected = alone(policy, line, workspace);
		assertThrows(IllegalStateException.class, () -> policy.evaluate(
				"npm test && git diff && git log && ls && wc -l a && cat b && echo c && echo d && echo e > e.txt"
						+ " && wc -l boom"));
		assertEquals(expected, seen(policy.evaluate(line)));
	}

	@Test
	void aCheckThatJudgesALineOfItsOwnDoesNotDisturbTheLineBeingJudged() throws Exception {
		TrustPolicy inner = plain();
		List<String> innerVerdicts = new ArrayList<>();
		PathGuard judging = (word, directory) -> {
			if (word.equals("README.md")) {
				innerVerdicts.add(seen(inner.evaluate("git log --output=/tmp/x && cat .env && ls")));
			}
			return Optional.empty();
		};
		TrustPolicy outer = policy(judging).build();
		String line = "npm test && cat README.md && echo done > /tmp/out && git diff";
		CommandVerdict verdict = outer.evaluate(line);
		assertEquals(1, innerVerdicts.size());
		assertEquals(alone(inner, "git log --output=/tmp/x && cat .env && ls", workspace), innerVerdicts.get(0));
		assertEquals(Verdict.ASK, verdict.verdict());
		assertEquals(4, verdict.parts().size());
		assertTrue(verdict.reason().contains("/tmp/out"), verdict.reason());
	}
}
