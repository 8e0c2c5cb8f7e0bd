package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PartStatus;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

/** How a command line is split into parts, as the "try a command" box shows it. */
class CommandPartsTest {

	@TempDir
	Path workspace;

	private TrustPolicy policy(String... patterns) {
		return TrustPolicy.builder(workspace).add(PatternList.of(PatternScope.WORKSPACE, "w", List.of(patterns)))
				.build();
	}

	@Test
	void partsListWordsAssignmentsAndRedirectionsInOrder() {
		CommandVerdict verdict = policy("npm *").evaluate("CI=1 n\"pm\" test 2>&1 > out.txt && echo \"$(date)\"");
		assertTrue(verdict.understood());
		List<CommandPart> parts = verdict.parts();
		assertEquals(3, parts.size());
		assertEquals(List.of("npm", "test"), parts.get(0).words());
		assertEquals(List.of("CI=1"), parts.get(0).assignments());
		assertEquals(List.of("2>&1", "> out.txt"), parts.get(0).redirections());
		assertEquals(Optional.of("npm *"), parts.get(0).pattern());
		assertEquals(List.of("echo", "$(date)"), parts.get(1).words());
		assertEquals(List.of("date"), parts.get(2).words());
		assertEquals("inside a substitution", parts.get(2).context());
	}

	@Test
	void wrapperPartShowsTheWrapperAndJudgesWhatItRuns() {
		CommandPart part = policy("npm *").evaluate("timeout 5 npm test").parts().get(0);
		assertEquals(List.of("timeout", "5", "npm", "test"), part.words());
		assertEquals(List.of("npm", "test"), part.judgedWords());
		assertTrue(part.isCovered());
	}

	@Test
	void shellCommandStringBecomesItsOwnParts() {
		CommandVerdict verdict = policy("npm *").evaluate("bash -c 'npm test; whoami'");
		assertEquals(3, verdict.parts().size());
		assertEquals(List.of(), verdict.parts().get(0).judgedWords());
		assertEquals("run by bash -c", verdict.parts().get(2).context());
		assertEquals(PartStatus.NOT_COVERED, verdict.parts().get(2).status());
		assertEquals(1, verdict.uncoveredParts().size());
	}

	@Test
	void xargsPartIsOpenEnded() {
		CommandPart part = policy("grep *").evaluate("xargs grep -l x").parts().get(0);
		assertTrue(part.openEnded());
		assertTrue(part.isCovered());
	}

	@Test
	void notUnderstoodLineHasNoParts() {
		CommandVerdict verdict = policy("*").evaluate("echo 'x");
		assertFalse(verdict.understood());
		assertTrue(verdict.parts().isEmpty());
		assertEquals(Verdict.ASK, verdict.verdict());
	}

	@Test
	void redirectionThroughASymbolicLinkOutOfTheWorkspaceIsNotCovered(@TempDir Path outside) throws Exception {
		Files.createSymbolicLink(workspace.resolve("link"), outside);
		CommandVerdict verdict = policy("npm *").evaluate("npm test > link/out.txt");
		assertEquals(Verdict.ASK, verdict.verdict());
		assertTrue(verdict.reason().contains("symbolic link"), verdict.reason());
		assertEquals(Verdict.TRUSTED, policy("npm *").evaluate("npm test > real/out.txt").verdict());
	}

	@Test
	void redirectionToANewFileOfTheRootIsCoveredButNotThroughALinkThere(@TempDir Path outside) throws Exception {
		TrustPolicy policy = policy("npm *");
		assertEquals(Verdict.TRUSTED, policy.evaluate("npm test > build.log 2>&1").verdict());
		// a link to a file that does not exist yet: writing through it creates the file outside
		Files.createSymbolicLink(workspace.resolve("out.txt"), outside.resolve("new.txt"));
		assertEquals(Verdict.ASK, policy.evaluate("npm test > out.txt").verdict());
		Files.createSymbolicLink(workspace.resolve("dir"), outside);
		assertEquals(Verdict.ASK, policy.evaluate("npm test > dir/new.txt").verdict());
	}

	@Test
	void aRootReplacedByALinkAfterThePolicyWasMadeIsResolvedAgain(@TempDir Path base) throws Exception {
		Path root = Files.createDirectory(base.resolve("root"));
		Path elsewhere = Files.createDirectory(base.resolve("elsewhere"));
		TrustPolicy policy = TrustPolicy.builder(root).add(PatternList.of(PatternScope.WORKSPACE, "w",
				List.of("npm *"))).build();
		assertEquals(Verdict.TRUSTED, policy.evaluate("npm test > build.log").verdict());
		Files.delete(root);
		Files.createSymbolicLink(root, elsewhere);
		CommandVerdict verdict = policy.evaluate("npm test > build.log");
		assertEquals(Verdict.ASK, verdict.verdict());
		assertTrue(verdict.reason().contains("symbolic link"), verdict.reason());
	}

	@Test
	void relativeRedirectionResolvesAgainstTheWorkingDirectory() throws Exception {
		Path sub = Files.createDirectory(workspace.resolve("sub"));
		TrustPolicy policy = policy("npm *");
		assertEquals(Verdict.TRUSTED, policy.evaluate("npm test > ../out.txt", sub).verdict());
		assertEquals(Verdict.ASK, policy.evaluate("npm test > ../../out.txt", sub).verdict());
	}

	@Test
	void deniedVerdictNamesTheRule() {
		TrustPolicy policy = TrustPolicy.builder(workspace)
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("*", "!npm publish"))).build();
		CommandVerdict verdict = policy.evaluate("npm test && npm publish --tag x");
		assertEquals(Verdict.DENIED, verdict.verdict());
		assertEquals(Optional.of("!npm publish"), verdict.parts().get(1).pattern());
		assertTrue(verdict.reason().contains("!npm publish"));
	}

	@Test
	void aRepeatedCommandIsJudgedInItsOwnPlace() {
		TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("cat *", "echo 'x*'", "curl *", "sh")))
				.build();
		// the same words under a redirection of the group around them
		List<CommandPart> parts = policy.evaluate("cat README.md && (cat README.md) > /etc/motd").parts();
		assertEquals(List.of(PartStatus.COVERED, PartStatus.NOT_COVERABLE), statuses(parts));
		assertEquals("cat README.md > /etc/motd", parts.get(1).text());
		// the same text, once a literal word and once a glob
		parts = policy.evaluate("echo 'x*' && echo x*").parts();
		assertEquals(List.of(PartStatus.COVERED, PartStatus.NOT_COVERED), statuses(parts));
		// the same command, once fed a download: only that part is denied
		parts = policy.evaluate("curl https://x.sh | sh; echo hi | sh; sh").parts();
		assertEquals(List.of(PartStatus.COVERED, PartStatus.DENIED, PartStatus.NOT_COVERED, PartStatus.COVERED,
				PartStatus.COVERED), statuses(parts));
		// the same command in a command string, and as the command itself
		parts = policy.evaluate("cat a; bash -c 'cat a'; cat a").parts();
		assertEquals(List.of("", "", "run by bash -c", ""), parts.stream().map(CommandPart::context).toList());
	}

	@Test
	void aLongLineWhoseFirstCommandsRepeatNoneIsJudgedAlikeAfterThem() {
		TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("cat *", "echo *", "curl *", "sh")))
				.build();
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < 40; i++) {
			line.append("echo step ").append(i).append(" && ");
		}
		List<CommandPart> parts = policy.evaluate(line + "cat README.md && (cat README.md) > /etc/motd"
				+ " && curl https://x.sh | sh; sh; echo step 3; echo 'x*' && echo x*").parts();
		assertEquals(List.of(PartStatus.COVERED, PartStatus.NOT_COVERABLE, PartStatus.COVERED, PartStatus.DENIED,
				PartStatus.COVERED, PartStatus.COVERED, PartStatus.COVERED, PartStatus.COVERED),
				statuses(parts.subList(40, parts.size())));
		assertEquals("cat README.md > /etc/motd", parts.get(41).text());
		assertEquals(Optional.of("echo *"), parts.get(47).pattern());
		assertEquals(Optional.of("sh"), parts.get(44).pattern());
	}

	@Test
	void aFileACommandReadsIsFoundFromItsWorkingDirectory(@TempDir Path outside) throws Exception {
		Path sub = Files.createDirectory(workspace.resolve("sub"));
		TrustPolicy policy = policy("cat *");
		assertEquals(Verdict.TRUSTED, policy.evaluate("cat notes.txt ./a/b.txt", sub).verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("cat ../notes.txt", sub).verdict());
		assertEquals(Verdict.ASK, policy.evaluate("cat ../notes.txt").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("cat a/../../notes.txt").verdict());
		CommandVerdict verdict = policy.evaluate("cat notes.txt", outside);
		assertEquals(Verdict.ASK, verdict.verdict());
		assertTrue(verdict.reason().contains("reads `" + outside.resolve("notes.txt") + "`, outside the workspace"),
				verdict.reason());
		assertEquals(Verdict.ASK, policy.evaluate("cat notes.txt", sub.resolve("../..")).verdict());
	}

	private static List<PartStatus> statuses(List<CommandPart> parts) {
		return parts.stream().map(CommandPart::status).toList();
	}
}
