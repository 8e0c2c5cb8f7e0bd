package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PartStatus;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;

/**
 * The judge decides a command once per line and gives its repeats the same part, and stops looking for repeats on a
 * line whose first commands repeat none. Neither may change a part: each command of a long line, repeated or not,
 * is judged as it is on a line of its own. (A command that may make symbolic links changes how the line's other
 * commands that use paths are judged, as {@link LinksMadeOnTheLineTest} shows: such commands are left out.)
 */
class RepeatedCommandsTest {

	/** The patterns of the trust benchmark: wildcards over the programs an agent runs most. */
	private static final List<String> PATTERNS = List.of("npm *", "npx tsc *", "pnpm test *", "yarn *", "git status",
			"git diff *", "git log *", "git add *", "git commit *", "git show *", "git branch *", "ls *", "cat *",
			"grep *", "rg *", "find *", "wc *", "head *", "tail *", "sort *", "uniq *", "echo *", "mvn *",
			"./gradlew *", "cargo test *", "cargo build *", "python3 -m pytest *", "make *", "tee *", "date", "sh",
			"curl *", "sed *", "tar *", "xargs *", "timeout *", "env *", "bash *");

	/** What a line holds that reaches past its own commands: a change of directory, a comment, a here-document. */
	private static final Pattern LINE_WIDE = Pattern.compile("\\b(cd|pushd|popd)\\b|#|<<|@WS@|[\\n\\r\\\\]|[;&|]\\s*$");

	@Test
	void eachCommandOfALongLineIsJudgedAsItIsAlone(@TempDir Path workspace) throws IOException {
		TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "test", PATTERNS)).build();
		List<String> commands = new ArrayList<>();
		List<List<String>> alone = new ArrayList<>();
		for (String resource : List.of("trust-corpus.tsv", "program-facts-corpus.tsv")) {
			for (TrustCorpusTest.Case c : TrustCorpusTest.cases(resource)) {
				String command = c.command().strip();
				List<String> parts = describe(policy.evaluate(command).parts());
				if (!LINE_WIDE.matcher(command).find() && !parts.isEmpty() && !commands.contains(command)
						&& !makesLinks(policy, command)) {
					commands.add(command);
					alone.add(parts);
				}
			}
		}
		assertTrue(commands.size() > 500, "only " + commands.size() + " commands");

		Random random = new Random(20261203);
		int lines = 0;
		int repeats = 0;
		for (int round = 0; round < 300; round++) {
			// a line of 2 to 80 commands: half of them repeat one used before on the line, some only after the
			// first sixteen that repeat none, when the judge has stopped looking for repeats
			int length = 2 + random.nextInt(79);
			int firstRepeat = random.nextBoolean() ? 0 : random.nextInt(length);
			List<Integer> chosen = new ArrayList<>();
			for (int i = 0; i < length; i++) {
				boolean repeat = i > firstRepeat && random.nextBoolean();
				chosen.add(repeat ? chosen.get(random.nextInt(chosen.size())) : random.nextInt(commands.size()));
			}
			StringBuilder line = new StringBuilder();
			List<String> expected = new ArrayList<>();
			for (int index : chosen) {
				line.append(line.isEmpty() ? "" : " && ").append(commands.get(index));
				expected.addAll(alone.get(index));
			}
			List<CommandPart> parts = policy.evaluate(line.toString()).parts();
			if (parts.size() != expected.size()) {
				continue; // a command that reads differently joined to others (`a &` then `&&`): not this test's case
			}
			lines++;
			repeats += length - (int) chosen.stream().distinct().count();
			assertEquals(expected, describe(parts), "line: " + line);
		}
		assertTrue(lines > 200 && repeats > 1000, lines + " lines, " + repeats + " repeated commands");
	}

	/**
	 * Whether a command makes a read on the same line ask, which is trusted alone: it may make symbolic links. The
	 * read's path goes up (`probe/../probe.txt`), which counts wherever the links are made, also outside the
	 * workspace (`cpio -pd /tmp/out`).
	 */
	private static boolean makesLinks(TrustPolicy policy, String command) {
		List<CommandPart> parts = policy.evaluate(command + " && cat probe/../probe.txt").parts();
		return parts.isEmpty() || parts.get(parts.size() - 1).status() != PartStatus.COVERED;
	}

	/** A part as a user sees it: its text, context, status, pattern and reason. */
	private static List<String> describe(List<CommandPart> parts) {
		List<String> described = new ArrayList<>(parts.size());
		for (CommandPart part : parts) {
			described.add(part.text() + " | " + part.context() + " | " + part.status() + " | "
					+ part.pattern().orElse("") + " | " + part.reason());
		}
		return described;
	}
}
