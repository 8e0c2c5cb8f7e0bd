package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PolicyPathGuard;
import dev.warden.core.tests.protect.Workspaces;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

/**
 * The checks of the paths a command uses look at the file system before the line runs. A command earlier on the
 * line that makes symbolic links there (an archive extracted, links copied or moved, a Git checkout) makes a later
 * read follow a link that did not exist when the line was judged: such a later command is asked about. Shown with a
 * real archive and a real shell, then judged in a real workspace by the IDE's own path guard.
 */
class LinksMadeOnTheLineTest {

	private static final List<String> PATTERNS = List.of("tar *", "cat *", "grep *", "zip *", "cp *", "mv *",
			"git *", "npm *", "unzip *", "ls *", "wc *", "echo *", "ln *", "patch *", "find *", "xargs *",
			"setsid *", "yarn *", "mkdir *");

	/** Each makes links where the other command of the line then reads, writes or walks. */
	private static final List<String> ASKED = List.of("tar -xf evil.tar -C src && cat src/k",
			"tar xf evil.tar && cat k", "tar -xf evil.tar -C src; grep -R SECRET src", "tar -xzf x.tgz && grep -R x .",
			"tar --extract --file=evil.tar --directory=src && wc -l src/k",
			"tar -xf evil.tar -C src && echo x > src/k", "cat src/k | tar -xf - -C src",
			"cp -a docs/. src/ && grep -R foo src", "cp -r docs copy && zip -r out.zip copy",
			"mv docs moved && cat moved/hosts.txt", "unzip x.zip -d out && cat out/a",
			"unzip -q x.zip && cat a", "git checkout other && grep -R KEY src",
			"git stash pop && cat src/App.java", "git checkout -- src && npm test > src/log.txt",
			"git pull && cat src/App.java", "cat src/App.java & git checkout other",
			"git checkout -b feature origin/main && cat README.md", "npm ci && cat node_modules/x/k",
			"mv docs moved && cat moved/a.md", "echo $(tar -xf evil.tar -C src) && cat src/k",
			"tar -xf evil.tar -C srclink && cat src/k", "tar -xf evil.tar -C src && cat srclink/k",
			"tar -xf evil.tar -C src && grep -R x .", "tar -xf evil.tar && grep -r x src",
			// a member named like an option is extracted all the same (`unzip x.zip -l`)
			"unzip -l x.zip && cat src/App.java", "tar -xf evil.tar -C build && grep -r x build",
			"tar -xf evil.tar -C src && find src -name k | xargs cat",
			"setsid -f cat src/k; tar -xf evil.tar -C src", "npm --prefix sub ci && cat sub/node_modules/x/k",
			"yarn && cat node_modules/x/k");

	/** Lines that make no links, or use no path where they are made, or only before, or follow no link there. */
	private static final List<String> TRUSTED = List.of("tar -tf evil.tar && cat src/App.java",
			"tar -czf out.tgz src && ls", "tar -xf evil.tar -C vendor && cat src/App.java",
			"cp docs/a.md copy.md && cat copy.md", "cp -rL docs copy && cat copy/a.md",
			"git checkout other && git log --oneline -n 3",
			"git stash && npm test && git stash pop", "git status && cat src/App.java",
			"unzip x.zip -d out && cat src/App.java", "cat src/k; tar -xf evil.tar -C src",
			"mv docs/a.md docs/b.md && cat docs/b.md", "git checkout -b feature && cat README.md",
			"git switch -c feature && cat README.md", "git checkout main && git add src/App.java",
			"patch -p1 < fix.diff && git diff", "git restore --staged src/App.java && git diff src/App.java",
			"tar -xzf x.tgz -C build && find src -type f", "npm ci && npm run build > build.log 2>&1",
			"mkdir -p build/new && tar -xf x.tar -C vendor && cat src/App.java",
			"git apply --check fix.diff && git apply fix.diff && git status");

	@Test
	void anArchiveExtractedEarlierOnTheLineMakesTheLinkALaterReadFollows(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Workspaces.write(workspace, "src/App.java", "class App {}\n", "docs/a.md", "# A\n");
		evilArchive(temp, workspace, "k");

		TrustPolicy policy = policy(workspace);
		CommandVerdict verdict = policy.evaluate("tar -xf evil.tar -C src && cat src/k");
		assertEquals(Verdict.ASK, verdict.verdict());
		assertTrue(verdict.reason().contains("`cat src/k` uses `src/k`, where `tar -xf evil.tar -C src`, elsewhere"
				+ " on the line, may make symbolic links"), verdict.reason());
		assertEquals("tar", verdict.parts().get(1).fact().orElseThrow().program());
		// each command alone is trusted: there is no link yet, and extracting one reads nothing
		assertEquals(Verdict.TRUSTED, policy.evaluate("tar -xf evil.tar -C src").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("cat src/k").verdict());

		// what the line does when it runs: the read follows the link the archive made
		assertEquals("SECRET\n", runAndRead(temp, workspace, "tar -xf evil.tar -C src && cat src/k"));
		// once the link is there, the read alone is judged by it
		assertEquals(Verdict.ASK, policy.evaluate("cat src/k").verdict());
	}

	@Test
	void anArchiveExtractsThroughALinkInTheFolderItIsGiven(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Workspaces.write(workspace, "src/App.java", "class App {}\n", "docs/a.md", "# A\n");
		Files.createSymbolicLink(workspace.resolve("src/up"), Path.of("../docs"));
		evilArchive(temp, workspace, "up/k");

		CommandVerdict verdict = policy(workspace).evaluate("tar -xf evil.tar -C src && cat docs/k");
		assertEquals(Verdict.ASK, verdict.verdict());
		assertTrue(verdict.reason().contains("`cat docs/k` uses `docs/k`"), verdict.reason());
		// GNU tar writes `up/k` through the link `src/up`: the link lands in docs
		assertEquals("SECRET\n", runAndRead(temp, workspace, "tar -xf evil.tar -C src && cat docs/k"));
		// a link that leads nowhere yet, to a folder an earlier command on the line makes
		Files.createSymbolicLink(workspace.resolve("src/later"), Path.of("../build/new"));
		assertEquals(Verdict.ASK, policy(workspace).evaluate("mkdir -p build/new && tar -xf evil.tar -C src"
				+ " && cat build/new/k").verdict());
		assertEquals(Verdict.TRUSTED, policy(workspace).evaluate("mkdir -p build/new && tar -xf evil.tar -C src"
				+ " && cat README.md").verdict());
	}

	@Test
	void commandsThatUsePathsWhereLinksAreMadeAreAskedAbout(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Workspaces.write(workspace, "src/App.java", "class App {}\n", "docs/a.md", "# A\n", "package.json", "{}\n");
		Files.createSymbolicLink(workspace.resolve("srclink"), Path.of("src"));
		TrustPolicy policy = policy(workspace);
		for (String line : ASKED) {
			CommandVerdict verdict = policy.evaluate(line);
			assertEquals(Verdict.ASK, verdict.verdict(), line);
			assertTrue(verdict.reason().contains("may make symbolic links"), line + ": " + verdict.reason());
		}
		for (String line : TRUSTED) {
			CommandVerdict verdict = policy.evaluate(line);
			assertEquals(Verdict.TRUSTED, verdict.verdict(), line + ": " + verdict.reason());
		}
	}

	/**
	 * Writes a secret outside the workspace and, in the workspace, {@code evil.tar} whose one member {@code member}
	 * is a link to it, made where the agent can make it.
	 */
	private static void evilArchive(Path temp, Path workspace, String member) throws Exception {
		Path secret = Files.writeString(Files.createDirectories(temp.resolve("outside")).resolve("secret.txt"),
				"SECRET\n");
		Path staging = Files.createDirectories(temp.resolve("staging"));
		Path link = staging.resolve(member);
		Files.createDirectories(link.getParent());
		Files.createSymbolicLink(link, secret);
		assertEquals(0, run(staging, "tar", "-cf", workspace.resolve("evil.tar").toString(), member));
	}

	/** Runs the line with {@code sh} in the workspace and returns what it printed. */
	private static String runAndRead(Path temp, Path workspace, String line) throws Exception {
		Path out = temp.resolve("out.txt");
		assertEquals(0, run(workspace, "sh", "-c", "(" + line + ") > " + out));
		return Files.readString(out, StandardCharsets.UTF_8);
	}

	private static int run(Path directory, String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		return process.waitFor();
	}

	private static TrustPolicy policy(Path workspace) throws Exception {
		return TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "test", PATTERNS))
				.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace), workspace.resolveSibling("home"))).build();
	}
}
