package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PolicyPathGuard;

/** Command words naming hidden or sensitive files are caught, whatever way they are written. */
class PolicyPathGuardTest {

	@TempDir
	static Path base;

	static ProjectTree tree;
	static PolicyPathGuard guard;

	@BeforeAll
	static void createTree() throws IOException {
		tree = ProjectTree.create(base);
		Path home = Files.createDirectories(base.resolve("home"));
		Files.createDirectories(home.resolve(".ssh"));
		Files.writeString(home.resolve(".ssh/id_rsa"), "key");
		guard = new PolicyPathGuard(PathPolicy.of(tree.root), home);
	}

	static Stream<Arguments> words() {
		return Stream.of(Arguments.of(".env", "", true), Arguments.of("./.env", "", true),
				Arguments.of("../.env", "src", true), Arguments.of("--env-file=.env", "", true),
				Arguments.of("@.env", "", true), Arguments.of("<.env", "", true),
				Arguments.of("~/.ssh/id_rsa", "", true), Arguments.of("$HOME/.ssh/id_rsa", "", true),
				Arguments.of("${HOME}/.ssh/id_rsa", "", true), Arguments.of("$PWD/.env", "", true),
				Arguments.of("build/out.class", "", true),
				Arguments.of("*", "", true), Arguments.of(".e*", "", true), Arguments.of("config/*.pem", "", true),
				Arguments.of("**/*.key", "", true), Arguments.of("link-env", "", true),
				Arguments.of("${OUTSIDE}/../proj/id_rsa", "", true),
				Arguments.of("README.md", "", false), Arguments.of("src/main/*.java", "", false),
				Arguments.of("-la", "", false), Arguments.of("/etc/hosts", "", false),
				Arguments.of("${OUTSIDE}/secret.txt", "", false), Arguments.of("--verbose", "", false),
				Arguments.of("App.java", "src/main", false), Arguments.of("s/a\\b/c/", "", false));
	}

	/**
	 * A glob the program gets as written (a sed script `'/^[#]/p'`, an absolute pattern) is expanded segment by
	 * segment, as the shell would: only the folders earlier segments match are listed, so a folder that changes while
	 * it is read (a process's folder in /proc) or that cannot be read leaves no doubt, and a hidden match is found
	 * under any folder the pattern reaches.
	 */
	@Test
	void anAbsoluteGlobListsOnlyTheFoldersItReaches(@TempDir Path workspace) throws IOException {
		Files.createDirectories(workspace.resolve("a/b"));
		Files.writeString(workspace.resolve("a/b/.env"), "TOKEN=x\n");
		Files.writeString(workspace.resolve("a/b/notes.txt"), "x\n");
		PolicyPathGuard guard = new PolicyPathGuard(PathPolicy.of(workspace), workspace.resolve("home"));
		assertEquals(Optional.empty(), guard.whyHidden("/^[#]/p", workspace, false));
		assertEquals(Optional.empty(), guard.whyHidden("/proc/*/no-such-file-*", workspace, false));
		assertTrue(guard.whyHidden("*/?/.e*", workspace, false).isPresent(), "a/b/.env");
		assertTrue(guard.whyHidden(workspace + "/a/*/.env", workspace, false).isPresent(), "a/b/.env");
		assertEquals(Optional.empty(), guard.whyHidden("*/?/*.txt", workspace, false));
	}

	/**
	 * A recursive command's tree is read in one walk: of several hidden files, the first in name order is named;
	 * a hidden file in a folder a link of the tree leads to counts; a tree nested deeper than the walk goes is
	 * asked about rather than taken to hold nothing hidden below that depth.
	 */
	@Test
	void aTreeIsJudgedByEveryFolderItHolds(@TempDir Path workspace) throws IOException {
		Workspaces.write(workspace, "src/b/.env", "TOKEN=x\n", "src/a/.env", "TOKEN=x\n", "src/a/A.java", "x");
		PolicyPathGuard guard = new PolicyPathGuard(PathPolicy.of(workspace), workspace.resolve("home"));
		assertTrue(guard.whyFolderHoldsHidden("src", workspace, false).orElseThrow().contains("'a/.env'"),
				"the first hidden file in name order");
		assertEquals(Optional.empty(), guard.whyFolderHoldsHidden("src", workspace, true), "rg skips dot files");

		Workspaces.write(workspace, "lib/keys/server.pem", "key", "docs/README.md", "x");
		assertEquals(Optional.empty(), guard.whyFolderHoldsHidden("docs", workspace, false));
		Files.createSymbolicLink(workspace.resolve("docs/keys"), workspace.resolve("lib/keys"));
		assertTrue(guard.whyFolderHoldsHidden("docs", workspace, false).orElseThrow().contains("server.pem"),
				"a link of the tree leads to a folder holding a key");

		Path deep = workspace.resolve("deep");
		for (int i = 0; i < 70; i++) {
			deep = deep.resolve("d");
		}
		Files.createDirectories(deep);
		Files.writeString(deep.resolve("notes.txt"), "x");
		assertTrue(guard.whyFolderHoldsHidden("deep", workspace, false).orElseThrow().contains("too deep"));
		Files.writeString(workspace.resolve("deep/d/.env"), "TOKEN=x\n");
		assertTrue(guard.whyFolderHoldsHidden("deep", workspace, false).orElseThrow().contains("'d/.env'"),
				"a hidden file found on the way is named first");
	}

	/**
	 * A program that skips what Git ignores ({@code rg}) does so only inside a repository: outside one it reads the
	 * build output a {@code .gitignore} hides from the agent.
	 */
	@Test
	void gitsIgnoreFilesAreSkippedOnlyInsideARepository(@TempDir Path workspace) throws Exception {
		Workspaces.write(workspace, ".gitignore", "build/\n", "build/out.txt", "x", "src/A.java", "x");
		PolicyPathGuard guard = new PolicyPathGuard(PathPolicy.of(workspace), workspace.resolve("home"));
		assertTrue(guard.whyFolderHoldsHidden(".", workspace, true).orElseThrow().contains("'build'"));
		Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call().close();
		assertEquals(Optional.empty(), guard.whyFolderHoldsHidden(".", workspace, true));
		assertTrue(guard.whyFolderHoldsHidden(".", workspace, false).isPresent(), "grep -r reads build output");
	}

	/**
	 * {@code git grep} reads the files Git tracks and only those: a hidden file counts when it is in Git's index,
	 * even where a {@code .gitignore} written later names it, and not while it is untracked; outside a repository a
	 * folder counts whole ({@code git diff a b} compares two folders), and a revision nothing. A program that skips dot files and what Git ignores ({@code rg}) still reads a file only
	 * {@code .wardenignore} hides, as it does not read that file.
	 */
	@Test
	void gitGrepCountsTheHiddenFilesGitTracks(@TempDir Path workspace) throws Exception {
		Workspaces.write(workspace, "src/A.java", "x", ".env", "TOKEN=x\n", ".wardenignore", "notes/\n",
				"notes/plan.md", "x");
		PolicyPathGuard guard = new PolicyPathGuard(PathPolicy.of(workspace), workspace.resolve("home"));
		assertTrue(guard.whyFolderHoldsHiddenGitTracks(".", workspace).orElseThrow().contains("'.env'"),
				"outside a repository, `git diff . other` compares the folder's files");
		assertEquals(Optional.empty(), guard.whyFolderHoldsHiddenGitTracks("src", workspace));
		assertEquals(Optional.empty(), guard.whyFolderHoldsHiddenGitTracks(":/", workspace), "no repository");
		assertTrue(guard.whyFolderHoldsHidden(".", workspace, true).orElseThrow().contains("'notes'"),
				"rg does not read .wardenignore");

		try (Git git = Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call()) {
			Workspaces.commit(git, "src", "src");
			assertEquals(Optional.empty(), guard.whyFolderHoldsHiddenGitTracks(".", workspace),
					"untracked hidden files are not read");

			git.add().addFilepattern("notes/plan.md").call();
			assertTrue(guard.whyFolderHoldsHiddenGitTracks(".", workspace).orElseThrow()
					.contains("that Git tracks, such as 'notes'"), "a tracked file .wardenignore hides");
			assertEquals(Optional.empty(), guard.whyFolderHoldsHiddenGitTracks("src", workspace));

			git.rm().setCached(true).addFilepattern("notes/plan.md").call();
			Workspaces.commit(git, "env", ".env");
			Files.writeString(workspace.resolve(".gitignore"), ".env\n");
			assertTrue(guard.whyFolderHoldsHiddenGitTracks(".", workspace).orElseThrow().contains("'.env'"),
					"tracked, though .gitignore names it now");
		}
	}

	/**
	 * {@code git clean -x} deletes ignored build output, which may go, and files hidden for another reason, which
	 * count whether Git ignores them or not: sensitive ones, and those {@code .wardenignore} hides; without
	 * {@code -x}, only hidden files Git does not ignore count.
	 */
	@Test
	void aCleanCountsWhatIsHiddenForAnotherReasonThanGitsIgnoreFiles(@TempDir Path workspace) throws IOException {
		Files.createDirectories(workspace.resolve("build/classes"));
		Files.createDirectories(workspace.resolve("src"));
		Files.writeString(workspace.resolve(".gitignore"), "build/\n*.log\n");
		Files.writeString(workspace.resolve("build/classes/A.class"), "x");
		Files.writeString(workspace.resolve("app.log"), "x");
		Files.writeString(workspace.resolve("src/A.java"), "x");
		PolicyPathGuard guard = new PolicyPathGuard(PathPolicy.of(workspace), workspace.resolve("home"));
		assertEquals(Optional.empty(), guard.whyFolderHoldsHiddenGitCleans(".", workspace));
		assertTrue(guard.whyFolderHoldsHidden(".", workspace, false).isPresent(), "a reader reads build output too");

		Files.writeString(workspace.resolve(".wardenignore"), "notes/\n");
		Files.createDirectories(workspace.resolve("notes"));
		Files.writeString(workspace.resolve("notes/todo.md"), "x");
		assertTrue(guard.whyFolderHoldsHiddenGitCleans(".", workspace).orElseThrow().contains("'notes'"));
		assertTrue(guard.whyFolderHoldsHiddenGitAdds(".", workspace).isPresent(), "Git does not ignore notes/");
		Files.delete(workspace.resolve("notes/todo.md"));
		Files.delete(workspace.resolve("notes"));
		Files.delete(workspace.resolve(".wardenignore"));

		Files.writeString(workspace.resolve(".gitignore"), "build/\n*.log\n.env\n");
		Files.writeString(workspace.resolve(".env"), "TOKEN=x\n");
		assertEquals(Optional.empty(), guard.whyFolderHoldsHiddenGitAdds(".", workspace), "Git ignores .env");
		assertTrue(guard.whyFolderHoldsHiddenGitCleans(".", workspace).orElseThrow().contains("'.env'"));
		assertEquals(Optional.empty(), guard.whyFolderHoldsHiddenGitCleans("src", workspace));
	}

	/**
	 * An unquoted glob counts by what the shell makes of it: {@code *} and {@code ?} match no leading dot, and a
	 * pattern that matches nothing reaches the program as written (which may match it, dot files included); a
	 * quoted one always reaches the program as written.
	 */
	@ParameterizedTest(name = "{0} expanded by the shell={1}: hidden={2}")
	@MethodSource("globs")
	void argumentGlobIsJudgedByWhatTheShellMakesOfIt(String word, boolean shellGlobs, boolean hidden,
			@TempDir Path workspace) throws IOException {
		for (String file : new String[] { ".env", "README.md", "notes.txt", "src/A.java", "src/b/B.java",
				"config/secrets.yml" }) {
			Path path = workspace.resolve(file);
			Files.createDirectories(path.getParent());
			Files.writeString(path, file);
		}
		PolicyPathGuard guard = new PolicyPathGuard(PathPolicy.of(workspace), workspace.resolve("home"));
		Optional<String> why = guard.whyHidden(word, workspace, shellGlobs);
		assertEquals(hidden, why.isPresent(), () -> String.valueOf(why));
		if (hidden && word.equals(".e*")) {
			assertEquals("'.e* (.env)' is hidden from the agent (sensitive: matches '*.env' in the sensitive patterns)",
					why.get());
		}
	}

	static Stream<Arguments> globs() {
		return Stream.of(Arguments.of("*", true, false), Arguments.of("*", false, true),
				Arguments.of("*.md", true, false), Arguments.of("src/*", true, false),
				Arguments.of("src/*/*.java", true, false), Arguments.of("$PWD/*", true, false),
				Arguments.of("./*", true, false), Arguments.of("*.txt", true, false),
				Arguments.of(".e*", true, true), Arguments.of("./.*", true, true), Arguments.of("[.]env", true, true),
				Arguments.of("*/*", true, true), Arguments.of("config/*", true, true),
				Arguments.of("src/../*/*.yml", true, true),
				// nothing matches by the shell's rules: the program gets the pattern
				Arguments.of("?env", true, true), Arguments.of("*.env", true, true),
				Arguments.of("--env-file=*.env", true, true), Arguments.of("README.md", true, false),
				Arguments.of(".env", true, true));
	}

	/**
	 * A listing given the folders a glob matches names the files of those folders only: when the shell expands the
	 * glob, only the matched folders are walked; otherwise the whole folder the glob lies in is.
	 */
	@ParameterizedTest(name = "{0} expanded by the shell={1}: a matched folder holds hidden files={2}")
	@MethodSource("listedGlobs")
	void aListedGlobIsJudgedByTheFoldersItMatches(String glob, boolean shellGlobs, boolean hidden,
			@TempDir Path workspace) throws IOException {
		for (String file : new String[] { ".env", "README.md", "src/A.java", "src/b/B.java", "config/secrets.yml" }) {
			Path path = workspace.resolve(file);
			Files.createDirectories(path.getParent());
			Files.writeString(path, file);
		}
		PolicyPathGuard guard = new PolicyPathGuard(PathPolicy.of(workspace), workspace.resolve("home"));
		int slash = glob.lastIndexOf('/', glob.indexOf('*'));
		String folder = slash < 0 ? "." : glob.substring(0, slash);
		Optional<String> why = guard.whyMatchedFoldersHoldHidden(glob, folder, workspace, shellGlobs, false);
		assertEquals(hidden, why.isPresent(), () -> String.valueOf(why));
	}

	static Stream<Arguments> listedGlobs() {
		return Stream.of(Arguments.of("*.md", true, false), Arguments.of("s*", true, false),
				Arguments.of("src/*", true, false), Arguments.of("*.none", true, false),
				Arguments.of("c*", true, true), Arguments.of("*", true, true), Arguments.of("*/", true, true),
				// not expanded by the shell: the program may match any name of the folder, which holds .env
				Arguments.of("*.md", false, true), Arguments.of("src/*", false, false));
	}

	@ParameterizedTest(name = "{0} in ''{1}'' hidden={2}")
	@MethodSource("words")
	void wordNamingHiddenFileIsCaught(String word, String directory, boolean hidden) {
		Path workingDirectory = tree.root.resolve(directory);
		assertEquals(hidden, guard.whyHidden(tree.expand(word), workingDirectory).isPresent(),
				() -> String.valueOf(guard.whyHidden(tree.expand(word), workingDirectory)));
	}
}
