package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.protect.PathDecision;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;

/** Every case of {@code paths.tsv} against a real project tree: the exact verdict and part of the reason. */
class PathPolicyCorpusTest {

	@TempDir
	static Path base;

	static ProjectTree tree;
	static PathPolicy policy;

	@BeforeAll
	static void createTree() throws IOException {
		tree = ProjectTree.create(base);
		// the user's own Git ignore file must not change the corpus: an empty home
		policy = PathPolicy.of(List.of(ProtectedRoot.of(tree.root)), SensitivePatterns.defaults(),
				Map.of("HOME", Files.createDirectories(base.resolve("empty-home")).toString(), "GIT_CONFIG_NOSYSTEM", "1"));
	}

	static Stream<Arguments> cases() {
		return Corpus.read(PathPolicyCorpusTest.class, "paths.tsv").stream()
				.map(row -> Arguments.of(row[0], row[1], row[2]));
	}

	@Test
	void corpusHasEnoughCases() {
		assertTrue(cases().count() >= 70, "at least 70 path cases");
	}

	@ParameterizedTest(name = "[{index}] {0} -> {1}")
	@MethodSource("cases")
	void pathGetsExactVerdict(String path, String verdict, String reasonPart) throws IOException {
		PathDecision decision = policy.decide(tree.expand(path));
		String expectedReason = tree.expand(reasonPart);
		assertEquals(PathVerdict.valueOf(verdict), decision.verdict(), () -> "reason: " + decision.reason());
		assertTrue(decision.reason().contains(expectedReason),
				() -> "reason '" + decision.reason() + "' should contain '" + expectedReason + "'");
		if (decision.verdict() != PathVerdict.REFUSED) {
			assertTrue(decision.path().startsWith(tree.root.toRealPath()), "canonical path lies in the root");
		}
	}

	@Test
	void allowedDecisionGivesCanonicalPathThroughLinks() throws IOException {
		PathDecision decision = policy.decide("link-in/App.java");
		assertEquals(tree.root.toRealPath().resolve("src/main/App.java"), decision.path());
		assertEquals("src/main/App.java", decision.relativePath());
	}

	@Test
	void ignoreFilesCannotBeWrittenButCanBeRead() {
		assertEquals(PathVerdict.ALLOWED, policy.decide(".wardenignore").verdict());
		assertEquals(PathVerdict.REFUSED, policy.decideWrite(".wardenignore").verdict());
		assertEquals(PathVerdict.REFUSED, policy.decideWrite(".gitignore").verdict(), "the agent cannot widen its view");
		assertEquals(PathVerdict.REFUSED, policy.decideWrite("src/.gitignore").verdict());
		assertEquals(PathVerdict.ALLOWED, policy.decide(".gitignore").verdict(), "but it may read it");
		assertEquals(PathVerdict.ALLOWED, policy.decideWrite("src/main/New.java").verdict());
		assertEquals(PathVerdict.HIDDEN, policy.decideWrite(".env").verdict());
	}

	@Test
	void changedIgnoreFileIsReadAgain() throws IOException {
		Path gitignore = tree.root.resolve("docs/.gitignore");
		assertEquals(PathVerdict.ALLOWED, policy.decide("docs/guide.md").verdict());
		Files.writeString(gitignore, "guide.md\n");
		assertEquals(PathVerdict.HIDDEN, policy.decide("docs/guide.md").verdict());
		Files.writeString(gitignore, "other.md\n!guide.md\n");
		Files.setLastModifiedTime(gitignore, FileTime.fromMillis(1_000));
		assertEquals(PathVerdict.ALLOWED, policy.decide("docs/guide.md").verdict());
		Files.delete(gitignore);
		assertEquals(PathVerdict.ALLOWED, policy.decide("docs/guide.md").verdict());
	}

	@Test
	void decisionOnAbsoluteLocationServesTheDecorator() {
		assertEquals(PathVerdict.HIDDEN, policy.decide(tree.root.resolve("build/out.class")).verdict());
		assertEquals(PathVerdict.ALLOWED, policy.decide(tree.root.resolve("pom.xml")).verdict());
		assertEquals(PathVerdict.REFUSED, policy.decide(tree.outside.resolve("secret.txt")).verdict());
	}

	@Test
	void sensitiveMatchWorksOutsideTheRoots() {
		assertTrue(policy.sensitiveMatch(Path.of("/home/someone/.ssh/id_rsa")).isPresent());
		assertTrue(policy.sensitiveMatch(Path.of("/home/someone/.aws/credentials")).isPresent());
		assertTrue(policy.sensitiveMatch(Path.of("/etc/hosts")).isEmpty());
	}

	@Test
	void severalRootsAreReachedByName() throws IOException {
		Path second = Files.createDirectories(base.resolve("second"));
		Files.writeString(second.resolve("b.txt"), "b");
		PathPolicy two = PathPolicy.of(List.of(ProtectedRoot.of(tree.root), ProtectedRoot.of(second)),
				SensitivePatterns.defaults());
		PathDecision decision = two.decide("second/b.txt");
		assertEquals(PathVerdict.ALLOWED, decision.verdict());
		assertEquals("second", decision.root().name());
		assertEquals(PathVerdict.ALLOWED, two.decide("README.md").verdict());
		assertEquals(PathVerdict.ALLOWED, two.decide(second.resolve("b.txt").toString()).verdict());
	}
}
