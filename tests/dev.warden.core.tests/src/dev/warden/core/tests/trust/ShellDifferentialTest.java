package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.internal.trust.CommandShell;
import dev.warden.core.tests.trust.TrustCorpusTest.Case;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;

/**
 * The trust parser against dash and bash (see {@link ShellDifferential}): the trust corpora and at least 100,000
 * generated lines (system properties {@code warden.shelldiff.lines} and {@code warden.shelldiff.seed}, passed with
 * {@code -Dtycho.testArgLine=…}; the long mode is {@code releng/bin/shell-diff}). Every divergence the harness found is a case of {@code shell-corpus.tsv},
 * whose verdicts are checked here as the trust corpus's are.
 */
class ShellDifferentialTest {

	static final long DEFAULT_SEED = 20261201L;

	private static final int LINES = Integer.getInteger("warden.shelldiff.lines", 100_000);
	private static final long SEED = Long.getLong("warden.shelldiff.seed", DEFAULT_SEED);

	@TempDir
	Path work;

	private static List<ShellDifferential.Shell> shells() {
		List<ShellDifferential.Shell> shells = ShellDifferential.localShells();
		assertNotNull(shells, "the differential test needs both dash and bash: apt-get install dash bash");
		return shells;
	}

	@Test
	void generatedLinesThatTheParserTrustsRunExactlyItsPartsInDashAndBash() throws Exception {
		ShellLineGenerator generator = new ShellLineGenerator(SEED);
		List<String> lines = new ArrayList<>(LINES);
		for (int i = 0; i < LINES; i++) {
			lines.add(generator.next());
		}
		ShellDifferential.Report report = new ShellDifferential(work, shells()).run(lines, false);
		System.out.println("shell differential, seed " + SEED + ": " + report.summary());
		assertNoDivergence(report);
		assertEquals(LINES, report.tried);
		// The grammar is built so that many lines are trusted: a run that compares few lines proves little.
		assertTrue(report.compared >= LINES / 5, () -> "only " + report.compared + " lines were compared");
	}

	@Test
	void corpusLinesThatTheParserTrustsRunExactlyItsPartsInDashAndBash() throws Exception {
		List<String> lines = new ArrayList<>();
		for (Case c : TrustCorpusTest.cases()) {
			lines.add(c.command().replace("@WS@", "."));
		}
		for (Case c : shellCorpus()) {
			lines.add(c.command().replace("@WS@", "."));
		}
		ShellDifferential.Report report = new ShellDifferential(work, shells()).run(lines, true);
		System.out.println("shell differential, corpora: " + report.summary());
		assertNoDivergence(report);
		assertTrue(report.compared >= 100, () -> "only " + report.compared + " corpus lines were compared");
	}

	private static void assertNoDivergence(ShellDifferential.Report report) {
		assertTrue(report.divergences.isEmpty(), () -> report.summary() + ":\n" + report.divergences.stream()
				.limit(40).map(Object::toString).collect(Collectors.joining("\n")));
	}

	@Test
	void theShellThatRunsCommandsIsOneTheHarnessChecks() {
		List<String> prefix = CommandShell.prefix();
		assertEquals("-c", prefix.get(prefix.size() - 1));
		List<String> shell = prefix.subList(0, prefix.size() - 1);
		assertTrue(shells().stream().anyMatch(s -> s.command().equals(shell)),
				() -> "commands run with " + shell + ", which the differential test does not check");
	}

	static List<Case> shellCorpus() throws IOException {
		return TrustCorpusTest.cases("shell-corpus.tsv");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shellCorpus")
	void lineWhereTheShellsDifferGetsTheExpectedVerdict(Case c, @TempDir Path workspace) {
		PatternList list = PatternList.of(PatternScope.WORKSPACE, "shell corpus", c.patterns());
		assertTrue(list.problems().isEmpty(), () -> "invalid pattern in the case: " + list.problems());
		TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load()).add(list).build();
		CommandVerdict verdict = policy.evaluate(c.command().replace("@WS@", workspace.toString()));
		assertEquals(c.expected(), verdict.verdict(), () -> "reason: " + verdict.reason());
		assertTrue(verdict.reason().contains(c.reasonPart()),
				() -> "reason `" + verdict.reason() + "` lacks `" + c.reasonPart() + "`");
	}
}
