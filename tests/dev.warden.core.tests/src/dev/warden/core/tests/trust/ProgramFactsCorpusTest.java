package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.internal.trust.FactTable;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PolicyPathGuard;
import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.ProgramFacts;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

/**
 * Runs every case of {@code program-facts-corpus.tsv}: the options, subcommands, operands and assignments through
 * which a trusted program would run other code, write outside the workspace or read hidden files, next to benign
 * look-alikes that stay trusted. The workspace is a real folder with visible and hidden files, judged by the IDE's
 * own path guard.
 */
class ProgramFactsCorpusTest {

	@TempDir
	static Path workspace;

	@BeforeAll
	static void createWorkspace() throws IOException {
		for (String file : List.of("README.md", "notes.txt", "Makefile", "package.json", "fix.patch", "edits.sed",
				"prog.awk", "patterns.txt", "msg.txt", "requirements.txt", "x.tar", "x.tgz", "x.zip",
				"src/Main.java", "src/util/Helper.java", "docs/guide.md", "k8s/deploy.yaml", "scripts/build.js",
				"scripts/gen.py", "tests/test_a.py", ".env", "config/app.yml", "config/secrets.yml",
				"dist/app.min.js", "dist/app.js.map", "notes.secret")) {
			Path path = workspace.resolve(file);
			Files.createDirectories(path.getParent());
			Files.writeString(path, "content of " + file + "\n");
		}
		Files.writeString(workspace.resolve(".gitignore"), "dist/\n*.secret\n");
		// symbolic links that lead outside the workspace (as a checked-out repository may hold them) and one inside
		Files.createSymbolicLink(workspace.resolve("system"), Path.of("/etc"));
		Files.createSymbolicLink(workspace.resolve("docs/hosts.txt"), Path.of("/etc/hosts"));
		Files.createSymbolicLink(workspace.resolve("docs/sources"), Path.of("../src"));
	}

	static List<TrustCorpusTest.Case> cases() throws IOException {
		return TrustCorpusTest.cases("program-facts-corpus.tsv");
	}

	@Test
	void corpusHasAtLeastFourHundredCasesOverManyPrograms() throws IOException {
		List<TrustCorpusTest.Case> cases = cases();
		assertTrue(cases.size() >= 400, "only " + cases.size() + " cases");
		Map<String, Integer> programs = new TreeMap<>();
		for (TrustCorpusTest.Case c : cases) {
			String first = c.command().replaceFirst("^([A-Za-z_]+=\\S*\\s+)*", "").split("\\s+")[0];
			programs.merge(first, 1, Integer::sum);
		}
		assertTrue(programs.size() >= 60, "only " + programs.size() + " programs: " + programs.keySet());
		assertTrue(cases.stream().filter(c -> c.expected() == Verdict.TRUSTED).count() >= 150,
				"benign look-alikes that stay trusted");
	}

	/**
	 * A command scanned before is given the scan kept for its words (see {@code FactScan.Memo}): every case of both
	 * corpora, judged once with every scan made afresh and once more right after, gets the same verdict, reason and
	 * parts both times.
	 */
	@Test
	void everyCaseIsJudgedAlikeWhenItsCommandsWereScannedBefore() throws IOException {
		FactTable table = ProgramFacts.builtIn().table();
		List<TrustCorpusTest.Case> all = new ArrayList<>(cases());
		all.addAll(TrustCorpusTest.cases());
		for (TrustCorpusTest.Case c : all) {
			TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load())
					.add(PatternList.of(PatternScope.WORKSPACE, "corpus", c.patterns()))
					.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace))).build();
			String command = c.command().replace("@WS@", workspace.toAbsolutePath().toString());
			table.forgetScans();
			String afresh = written(policy.evaluate(command));
			assertEquals(afresh, written(policy.evaluate(command)), command);
		}
	}

	private static String written(CommandVerdict verdict) {
		StringBuilder text = new StringBuilder(verdict.verdict() + " " + verdict.reason());
		for (CommandPart part : verdict.parts()) {
			text.append('\n').append(part.status()).append(' ').append(part.text()).append(' ')
					.append(part.pattern()).append(' ').append(part.reason()).append(' ').append(part.judgedWords())
					.append(' ').append(part.fact()).append(' ').append(part.suggestions());
		}
		return text.toString();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void commandGetsTheExpectedVerdict(TrustCorpusTest.Case c) {
		PatternList list = PatternList.of(PatternScope.WORKSPACE, "corpus", c.patterns());
		assertTrue(list.problems().isEmpty(), () -> "invalid pattern in the case: " + list.problems());
		TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load()).add(list)
				.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace))).build();
		String command = c.command().replace("@WS@", workspace.toAbsolutePath().toString());
		CommandVerdict verdict = policy.evaluate(command);
		assertEquals(c.expected(), verdict.verdict(), () -> "reason: " + verdict.reason());
		assertTrue(verdict.reason().contains(c.reasonPart()),
				() -> "reason `" + verdict.reason() + "` lacks `" + c.reasonPart() + "`");
	}
}
