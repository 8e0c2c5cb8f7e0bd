package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

/**
 * {@code pnpm WORD} runs pnpm's command of that name, else the package's script of that name, else the program of
 * that name: under {@code pnpm *}, a word that is neither is asked about, judged by the scripts of the real
 * package.json in the folder the command runs in (or the one {@code -C} names). {@code bun run WORD} runs the script,
 * else the file, else the program of that name.
 */
class PnpmScriptFallbackTest {

	@TempDir
	Path workspace;

	private CommandVerdict judge(String line) {
		TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "test", List.of("pnpm *", "bun *"))).build();
		return policy.evaluate(line);
	}

	@Test
	void aWordThatIsNoCommandAndNoScriptRunsAProgramAndIsAskedAbout() throws Exception {
		Files.writeString(workspace.resolve("package.json"), "{\"name\":\"app\",\"scripts\":{\"build\":\"tsc\"}}");
		Path web = Files.createDirectories(workspace.resolve("web"));
		Files.writeString(web.resolve("package.json"), "{\"name\":\"web\",\"scripts\":{\"dev\":\"vite\"}}");

		for (String line : List.of("pnpm id", "pnpm --silent id", "pnpm /tmp/x", "pnpm -C web build",
				"pnpm --dir web build")) {
			CommandVerdict verdict = judge(line);
			assertEquals(Verdict.ASK, verdict.verdict(), line + ": " + verdict.reason());
			assertTrue(verdict.reason().contains("so pnpm runs the program of that name"), line + ": " + verdict.reason());
		}
		for (String line : List.of("pnpm build", "pnpm test", "pnpm install", "pnpm outdated", "pnpm -C web dev",
				"pnpm -F web build", "pnpm -r build", "pnpm run build")) {
			CommandVerdict verdict = judge(line);
			assertEquals(Verdict.TRUSTED, verdict.verdict(), line + ": " + verdict.reason());
		}
	}

	@Test
	void aPackageWithoutReadableScriptsHasNone() throws Exception {
		assertEquals(Verdict.ASK, judge("pnpm build").verdict(), "no package.json");
		Files.writeString(workspace.resolve("package.json"), "{ not json");
		assertEquals(Verdict.ASK, judge("pnpm build").verdict(), "a package.json that cannot be read");
		Files.writeString(workspace.resolve("package.json"), "{\"scripts\":[\"build\"]}");
		assertEquals(Verdict.ASK, judge("pnpm build").verdict(), "scripts that are no object");
		assertEquals(Verdict.TRUSTED, judge("pnpm test").verdict(), "pnpm's own command");
	}

	@Test
	void bunRunOfAWordThatIsNoScriptAndNoFileRunsAProgramAndIsAskedAbout() throws Exception {
		Files.writeString(workspace.resolve("package.json"), "{\"name\":\"app\",\"scripts\":{\"build\":\"tsc\"}}");
		Files.writeString(workspace.resolve("tool.ts"), "console.log(1)\n");
		for (String line : List.of("bun run id", "bun run --bun id", "bun run -- id", "bun run sh -c id")) {
			CommandVerdict verdict = judge(line);
			assertEquals(Verdict.ASK, verdict.verdict(), line + ": " + verdict.reason());
			assertTrue(verdict.reason().contains("so bun runs the program of that name"), line + ": " + verdict.reason());
		}
		for (String line : List.of("bun run build", "bun run tool.ts", "bun test", "bun install")) {
			CommandVerdict verdict = judge(line);
			assertEquals(Verdict.TRUSTED, verdict.verdict(), line + ": " + verdict.reason());
		}
	}
}
