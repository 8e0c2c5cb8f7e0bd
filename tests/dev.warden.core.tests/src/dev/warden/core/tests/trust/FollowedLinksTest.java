package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
 * A program that follows the symbolic links it finds under a folder ({@code grep -R}, {@code zip -r},
 * {@code tar -h}) reads the files where they lead: a link in the workspace to a folder outside it (the user's
 * {@code ~/.ssh}, a checkout of another project) makes it read them, at any depth and through links to other
 * folders of the workspace. Judged in a real workspace by the IDE's own path guard.
 */
class FollowedLinksTest {

	private static final List<String> PATTERNS = List.of("grep *", "rg *", "ag *", "tar *", "zip *", "find *",
			"cp *", "rsync *", "chmod *", "jar *", "scp *", "aws *", "7z *", "tree *", "du *");

	/** Programs that follow the links they find, with the options that make them. */
	private static final List<String> FOLLOWERS = List.of("grep -R KEY .", "grep -Rn KEY", "grep -rR KEY .",
			"grep --dereference-recursive KEY .", "rg -L KEY", "rg --follow KEY docs", "ag --follow KEY",
			"tar -chf out.tar docs", "tar --dereference -czf out.tgz .", "tar chf out.tar .", "zip -r out.zip .",
			"zip -qr out.zip docs", "find -L . -name '*.pem'", "find . -follow -name x", "cp -rL docs copy",
			"cp -R --dereference docs copy", "rsync -aL docs copy", "rsync -r --copy-unsafe-links docs copy",
			"chmod -R -L u+w docs", "jar cf out.jar docs", "scp -r docs host:backup", "aws s3 sync docs s3://b/k",
			"7z a out.7z docs", "find docs -maxdepth 0 -exec grep -R KEY {} \\;", "find . -type d -exec zip -r x.zip {} +");

	/** The same programs, keeping links as links: they read nothing outside. */
	private static final List<String> NOT_FOLLOWING = List.of("grep -r KEY .", "grep -rn KEY docs", "rg KEY",
			"ag KEY", "tar -czf out.tgz docs", "zip -ry out.zip .", "zip -r --symlinks out.zip .", "find . -name x",
			"find -H . -name x", "cp -r docs copy", "cp -a docs copy", "rsync -a docs copy", "chmod -R u+w docs",
			"aws s3 sync docs s3://b/k --no-follow-symlinks", "tree docs", "du -a docs",
			"find docs -exec grep -r KEY {} +");

	@Test
	void followersOfALinkThatLeadsOutsideAreAskedAbout(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Path outside = Files.createDirectories(temp.resolve("ssh"));
		Workspaces.write(outside, "id_rsa", "KEY\n");
		Workspaces.write(workspace, "src/App.java", "class App {}\n", "docs/guide/intro.md", "KEY\n");
		TrustPolicy policy = policy(workspace);
		for (String line : FOLLOWERS) {
			assertEquals(Verdict.TRUSTED, policy.evaluate(line).verdict(), "no link yet: " + line);
		}

		// deep in the tree, where a look one level below the folder does not reach
		Files.createSymbolicLink(workspace.resolve("docs/guide/keys"), outside);
		for (String line : FOLLOWERS) {
			CommandVerdict verdict = policy.evaluate(line);
			assertEquals(Verdict.ASK, verdict.verdict(), line);
			assertTrue(verdict.reason().contains("follows the symbolic links")
					&& verdict.reason().contains(outside.toRealPath().toString()), line + ": " + verdict.reason());
		}
		for (String line : NOT_FOLLOWING) {
			assertEquals(Verdict.TRUSTED, policy.evaluate(line).verdict(), "keeps links as links: " + line);
		}
		// a folder the link is not under
		assertEquals(Verdict.TRUSTED, policy.evaluate("grep -R KEY src").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("zip -r out.zip src").verdict());
	}

	@Test
	void aWalkWhoseNamesAnotherCommandOpensCountsTheLinksAmongThem(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Path outside = Files.createDirectories(temp.resolve("ssh"));
		Workspaces.write(outside, "id_rsa", "KEY\n");
		Workspaces.write(workspace, "docs/guide/intro.md", "x\n");
		TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "test", List.of("find *", "xargs *", "cat *", "cpio *",
						"grep *", "wc *")))
				.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace), temp.resolve("home"))).build();
		List<String> opening = List.of("find docs | xargs cat", "find docs -type f | xargs grep KEY",
				"cat $(find docs -type f)");
		for (String line : opening) {
			assertEquals(Verdict.TRUSTED, policy.evaluate(line).verdict(), "no link yet: " + line);
		}
		Files.createSymbolicLink(workspace.resolve("docs/guide/key"), outside.resolve("id_rsa"));
		for (int round = 0; round < 2; round++) {
			// an archiver that reads the names keeps links as links; the same walk, judged first, decides nothing
			assertEquals(Verdict.TRUSTED, policy.evaluate("find docs | cpio -o > out.cpio").verdict());
			for (String line : opening) {
				CommandVerdict verdict = policy.evaluate(line);
				assertEquals(Verdict.ASK, verdict.verdict(), line);
				assertTrue(verdict.reason().contains("opens the files it names follows the symbolic links"),
						line + ": " + verdict.reason());
			}
			assertEquals(Verdict.ASK, policy.evaluate("find docs | cpio -o > out.cpio; find docs | xargs cat")
					.verdict(), "the second walk's names are opened");
			for (String line : List.of("find docs | wc -l", "find docs -name '*.md'", "find docs | grep md")) {
				assertEquals(Verdict.TRUSTED, policy.evaluate(line).verdict(), "names printed for the user: " + line);
			}
		}
	}

	@Test
	void aListingWhoseNamesAnotherCommandOpensCountsTheLinksAmongThem(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Path outside = Files.createDirectories(temp.resolve("ssh"));
		Workspaces.write(outside, "id_rsa", "KEY\n");
		Workspaces.write(workspace, "docs/guide/intro.md", "x\n", "docs/notes.txt", "x\n", "src/App.java", "x\n");
		TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "test", List.of("ls *", "du *", "tree *", "xargs *",
						"cat *", "wc *")))
				.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace), temp.resolve("home"))).build();
		List<String> opening = List.of("ls | xargs cat", "ls -a | xargs wc -l", "cat $(ls)", "ls docs | xargs cat",
				"du -a docs | xargs cat", "tree -fi docs | xargs cat");
		for (String line : opening) {
			assertEquals(Verdict.TRUSTED, policy.evaluate(line).verdict(), "no link yet: " + line);
		}
		// a link among the working directory's own entries, and deep in docs
		Files.createSymbolicLink(workspace.resolve("keys"), outside);
		Files.createSymbolicLink(workspace.resolve("docs/guide/key"), outside.resolve("id_rsa"));
		for (String line : opening.subList(0, 3)) {
			CommandVerdict verdict = policy.evaluate(line);
			assertEquals(Verdict.ASK, verdict.verdict(), line);
			assertTrue(verdict.reason().contains("'keys' leads to '" + outside.toRealPath()), line + ": "
					+ verdict.reason());
		}
		// `ls docs` names `guide` and `notes.txt`, neither a link: its names, opened here, lead nowhere else
		assertEquals(Verdict.TRUSTED, policy.evaluate("ls docs | xargs cat").verdict());
		// recursive listings name the deep link with its path
		for (String line : opening.subList(4, 6)) {
			assertEquals(Verdict.ASK, policy.evaluate(line).verdict(), line);
		}
		// a name `ls docs` prints bare is opened in the working directory, where an entry of that name is a link
		Files.createSymbolicLink(workspace.resolve("guide"), outside);
		CommandVerdict verdict = policy.evaluate("ls docs | xargs cat");
		assertEquals(Verdict.ASK, verdict.verdict());
		assertTrue(verdict.reason().contains("'guide' leads to"), verdict.reason());
		for (String line : List.of("ls src | xargs cat", "ls | wc -l", "ls -la", "ls *.md | xargs wc -l")) {
			assertEquals(Verdict.TRUSTED, policy.evaluate(line).verdict(), line);
		}
	}

	@Test
	void anOptionThatFollowsWinsOverAnEarlierOneThatKeepsLinks(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Path outside = Files.createDirectories(temp.resolve("ssh"));
		Workspaces.write(workspace, "docs/guide/intro.md", "x\n");
		Files.createSymbolicLink(workspace.resolve("docs/guide/keys"), outside);
		TrustPolicy policy = policy(workspace);
		assertEquals(Verdict.TRUSTED, policy.evaluate("aws s3 sync docs s3://b --no-follow-symlinks").verdict());
		assertEquals(Verdict.ASK,
				policy.evaluate("aws s3 sync docs s3://b --no-follow-symlinks --follow-symlinks").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("aws s3 sync --follow-symlinks docs s3://b").verdict());
	}

	@Test
	void linksAreFollowedThroughOtherFoldersOfTheWorkspaceAndRoundLoops(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Path outside = Files.createDirectories(temp.resolve("elsewhere"));
		Workspaces.write(workspace, "src/App.java", "class App {}\n", "vendor/lib/README", "x\n");
		Files.createSymbolicLink(workspace.resolve("src/loop"), workspace); // a loop, walked once
		Files.createSymbolicLink(workspace.resolve("src/lib"), workspace.resolve("vendor/lib"));
		Files.createSymbolicLink(workspace.resolve("src/gone"), temp.resolve("nothing")); // leads nowhere
		TrustPolicy policy = policy(workspace);
		assertEquals(Verdict.TRUSTED, policy.evaluate("grep -R KEY src").verdict());

		// src/lib leads to vendor/lib, where a link leads out: `grep -R KEY src` reads it through both
		Files.createSymbolicLink(workspace.resolve("vendor/lib/cache"), outside);
		CommandVerdict verdict = policy.evaluate("grep -R KEY src");
		assertEquals(Verdict.ASK, verdict.verdict(), verdict.reason());
		assertTrue(verdict.reason().contains("cache"), verdict.reason());
		assertEquals(Verdict.TRUSTED, policy.evaluate("grep -r KEY src").verdict());
	}

	@Test
	void aFollowedFolderIsWalkedWholeForHiddenFilesAndToItsDepth(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Path outside = Files.createDirectories(temp.resolve("elsewhere"));
		Workspaces.write(workspace, "docs/README", "x\n", "shared/sub/notes.txt", "x\n", "deep/README", "x\n");
		Files.createSymbolicLink(workspace.resolve("docs/shared"), workspace.resolve("shared"));
		TrustPolicy policy = policy(workspace);
		assertEquals(Verdict.TRUSTED, policy.evaluate("grep -R KEY docs").verdict());

		// a hidden file two levels into the folder the link leads to, where a look one level in does not reach
		Workspaces.write(workspace, "shared/sub/.env", "TOKEN=x\n");
		CommandVerdict verdict = policy.evaluate("grep -R KEY docs");
		assertEquals(Verdict.ASK, verdict.verdict(), verdict.reason());
		assertTrue(verdict.reason().contains("'shared', which a link under 'docs' leads to")
				&& verdict.reason().contains("sub/.env"), verdict.reason());
		assertEquals(Verdict.TRUSTED, policy.evaluate("grep -r KEY docs").verdict(), "does not follow the link");

		// a link below the depth the walk reaches, in a folder a link leads to
		Files.delete(workspace.resolve("shared/sub/.env"));
		Path deep = workspace.resolve("deep");
		for (int i = 0; i < 66; i++) {
			deep = deep.resolve("d");
		}
		Files.createDirectories(deep);
		Files.createSymbolicLink(deep.resolve("out"), outside);
		Files.createSymbolicLink(workspace.resolve("docs/deep"), workspace.resolve("deep"));
		verdict = policy.evaluate("zip -r out.zip docs");
		assertEquals(Verdict.ASK, verdict.verdict(), verdict.reason());
		assertTrue(verdict.reason().contains("too deep"), verdict.reason());
	}

	@Test
	void aProgramThatSkipsDotFoldersIsNotAskedAboutALinkInOne(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Path outside = Files.createDirectories(temp.resolve("elsewhere"));
		Workspaces.write(workspace, "src/App.java", "class App {}\n", ".cache/README", "x\n");
		Files.createSymbolicLink(workspace.resolve(".cache/keys"), outside);
		TrustPolicy policy = policy(workspace);
		assertEquals(Verdict.TRUSTED, policy.evaluate("rg -L KEY").verdict(), "rg skips .cache");
		assertEquals(Verdict.ASK, policy.evaluate("rg -L --hidden KEY").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("grep -R KEY .").verdict(), "grep reads .cache");
	}

	@Test
	void theGuardSaysWhichLinkLeadsWhere(@TempDir Path temp) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("ws"));
		Path outside = Files.createDirectories(temp.resolve("ssh"));
		Workspaces.write(workspace, "a/b/c/file.txt", "x\n");
		PolicyPathGuard guard = new PolicyPathGuard(PathPolicy.of(workspace), temp.resolve("home"));
		assertEquals(Optional.empty(), guard.whyFolderLinksOutside(".", workspace, false));

		Files.createSymbolicLink(workspace.resolve("a/b/c/keys"), outside);
		Optional<String> why = guard.whyFolderLinksOutside("a", workspace, false);
		assertEquals(Optional.of("'b/c/keys' leads to '" + outside.toRealPath() + "', outside the workspace"), why);
		// the same link, from another working directory, named from the folder given
		assertEquals(Optional.of("'keys' leads to '" + outside.toRealPath() + "', outside the workspace"),
				guard.whyFolderLinksOutside("c", workspace.resolve("a/b"), false));
		assertEquals(Optional.empty(), guard.whyFolderLinksOutside(temp.toString(), workspace, false),
				"a folder outside the workspace is judged whole by the other checks");
	}

	private static TrustPolicy policy(Path workspace) throws Exception {
		return TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "test", PATTERNS))
				.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace), workspace.resolveSibling("home"))).build();
	}
}
