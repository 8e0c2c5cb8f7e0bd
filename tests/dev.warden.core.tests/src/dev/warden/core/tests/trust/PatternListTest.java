package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.Acceptance;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

class PatternListTest {

	@TempDir
	Path workspace;

	@Test
	void parsesPatternsDenyRulesCommentsAndReportsInvalidLines() {
		PatternList list = PatternList.parse(PatternScope.WORKSPACE, "ws",
				"# comment\n\nnpm *\n  git status  \n!npm publish\nnpm* \n!@git-force-push\n");
		assertEquals(List.of("npm *", "git status"), list.trusted().stream().map(p -> p.text()).toList());
		assertEquals(List.of("npm publish", "@git-force-push"), list.denied().stream().map(r -> r.text()).toList());
		assertEquals(1, list.problems().size());
		assertEquals(6, list.problems().get(0).lineNumber());
	}

	@Test
	void contentHashIgnoresCommentsOrderAndSpacing() {
		PatternList a = PatternList.parse(PatternScope.PROJECT, "p", "npm *\ngit  status\n!sudo *\n");
		PatternList b = PatternList.parse(PatternScope.PROJECT, "p", "# shared list\n!sudo  *\ngit status\n\nnpm *\n");
		assertEquals(a.contentHash(), b.contentHash());
		assertEquals(64, a.contentHash().length());
	}

	@Test
	void contentHashChangesWhenAPatternChanges() {
		PatternList a = PatternList.parse(PatternScope.PROJECT, "p", "npm test\n");
		PatternList b = PatternList.parse(PatternScope.PROJECT, "p", "npm *\n");
		assertNotEquals(a.contentHash(), b.contentHash());
	}

	@Test
	void contentHashIsTheSha256OfTheNormalisedText() throws Exception {
		PatternList list = PatternList.parse(PatternScope.PROJECT, "p", "npm *\n!sudo *\n");
		assertEquals("!sudo *\nnpm *", list.normalisedText());
		byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest("!sudo *\nnpm *".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertEquals(java.util.HexFormat.of().formatHex(digest), list.contentHash());
	}

	@Test
	void projectListNeedsAcceptanceOfItsExactContent() {
		PatternList list = PatternList.parse(PatternScope.PROJECT, "p", "npm *\n");
		assertEquals(Acceptance.NOT_ACCEPTED, list.acceptance(Optional.empty()));
		assertEquals(Acceptance.ACCEPTED, list.acceptance(Optional.of(list.contentHash())));
		PatternList changed = PatternList.parse(PatternScope.PROJECT, "p", "npm *\ncurl *\n");
		assertEquals(Acceptance.CHANGED, changed.acceptance(Optional.of(list.contentHash())));
		assertEquals(Acceptance.NOT_REQUIRED,
				PatternList.parse(PatternScope.WORKSPACE, "w", "npm *").acceptance(Optional.empty()));
	}

	@Test
	void unacceptedProjectListTrustsNothingButItsDenyRulesApply() {
		PatternList project = PatternList.parse(PatternScope.PROJECT, "p", "npm *\n!git status\n");
		PatternList workspaceList = PatternList.parse(PatternScope.WORKSPACE, "w", "git *\n");
		TrustPolicy unaccepted = TrustPolicy.builder(workspace).add(workspaceList).add(project, Optional.empty())
				.build();
		assertEquals(Verdict.ASK, unaccepted.evaluate("npm test").verdict());
		assertEquals(Verdict.DENIED, unaccepted.evaluate("git status").verdict());

		TrustPolicy accepted = TrustPolicy.builder(workspace).add(project, Optional.of(project.contentHash())).build();
		assertEquals(Verdict.TRUSTED, accepted.evaluate("npm test").verdict());

		PatternList edited = PatternList.parse(PatternScope.PROJECT, "p", "npm *\ncurl *\n");
		TrustPolicy stale = TrustPolicy.builder(workspace).add(edited, Optional.of(project.contentHash())).build();
		assertEquals(Verdict.ASK, stale.evaluate("npm test").verdict());
	}

	@Test
	void addWithoutHashNeverHonoursProjectTrust() {
		PatternList project = PatternList.parse(PatternScope.PROJECT, "p", "*\n");
		TrustPolicy policy = TrustPolicy.builder(workspace).add(project).build();
		assertFalse(policy.isUniversalTrustOn());
		assertEquals(Verdict.ASK, policy.evaluate("ls").verdict());
	}

	@Test
	void universalTrustIsReported() {
		PatternList list = PatternList.parse(PatternScope.WORKSPACE, "w", "*\n");
		assertTrue(list.containsUniversal());
		assertTrue(TrustPolicy.builder(workspace).add(list).build().isUniversalTrustOn());
	}

	@Test
	void defaultDenyListIsValidAndHoldsEveryBuiltInRule() {
		PatternList defaults = DefaultDenyList.load();
		assertTrue(defaults.problems().isEmpty(), defaults.problems().toString());
		assertTrue(defaults.trusted().isEmpty());
		assertEquals(4, defaults.denied().stream().filter(rule -> rule.builtIn().isPresent()).count());
		assertTrue(DefaultDenyList.text().contains("!sudo *"));
	}

	@Test
	void linesRoundTripThroughTheTextForm() {
		PatternList list = PatternList.parse(PatternScope.WORKSPACE, "w", "npm *\n!sudo *\ngit commit -m 'a b'\n");
		PatternList again = PatternList.of(PatternScope.WORKSPACE, "w", list.lines());
		assertEquals(list.contentHash(), again.contentHash());
	}
}
