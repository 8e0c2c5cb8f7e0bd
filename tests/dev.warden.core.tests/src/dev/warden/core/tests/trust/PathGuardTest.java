package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PartStatus;
import dev.warden.core.trust.PathGuard;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

class PathGuardTest {

	@TempDir
	Path workspace;

	/** A guard that hides files named .env, resolved against the working directory, as a real one would. */
	private PathGuard envGuard(List<Path> asked) {
		return (word, directory) -> {
			asked.add(directory);
			Path path = directory.resolve(word).normalize();
			return path.getFileName() != null && path.getFileName().toString().equals(".env")
					? Optional.of(path + " is hidden from the agent")
					: Optional.empty();
		};
	}

	private TrustPolicy policy(PathGuard guard, String... patterns) {
		return TrustPolicy.builder(workspace).pathGuard(guard)
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of(patterns))).build();
	}

	@Test
	void hiddenArgumentIsAskedAboutEvenWhenAPatternCoversIt() {
		CommandVerdict verdict = policy(envGuard(new ArrayList<>()), "cat *").evaluate("cat .env");
		assertEquals(Verdict.ASK, verdict.verdict());
		assertTrue(verdict.reason().contains("is hidden from the agent"), verdict.reason());
		assertEquals(PartStatus.NOT_COVERABLE, verdict.parts().get(0).status());
	}

	@Test
	void hiddenFileIsAskedAboutUnderUniversalTrust() {
		assertEquals(Verdict.ASK, policy(envGuard(new ArrayList<>()), "*").evaluate("grep KEY .env").verdict());
	}

	@Test
	void hiddenRedirectionTargetsAndNestedCommandsAreAskedAbout() {
		TrustPolicy policy = policy(envGuard(new ArrayList<>()), "*");
		assertEquals(Verdict.ASK, policy.evaluate("wc -l < .env").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("echo x > .env").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("echo $(cat sub/../.env)").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("bash -c 'cat .env'").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("cat .envrc.example").verdict());
	}

	@Test
	void guardResolvesAgainstTheWorkingDirectory() throws Exception {
		List<Path> asked = new ArrayList<>();
		Path sub = Files.createDirectory(workspace.resolve("sub"));
		policy(envGuard(asked), "cat *").evaluate("cat x", sub);
		assertEquals(List.of(sub, sub), asked);
	}

	@Test
	void defaultGuardHidesNothing() {
		TrustPolicy policy = TrustPolicy.builder(workspace)
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("cat *"))).build();
		assertEquals(Verdict.TRUSTED, policy.evaluate("cat .env").verdict());
	}
}
