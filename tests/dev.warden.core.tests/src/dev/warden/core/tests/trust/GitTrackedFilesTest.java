package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.api.Git;
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
 * Git prints and packs the files it tracks, a file hidden from the agent among them when the repository tracks one
 * (a {@code .env} committed by mistake, a folder {@code .wardenignore} hides): {@code git grep}, {@code git show},
 * {@code git diff}, {@code git log -p}, {@code git archive} … are asked about then, and only then, in a real
 * repository judged by the IDE's own path guard.
 */
class GitTrackedFilesTest {

	private static final List<String> READERS = List.of("git grep TODO", "git show", "git show HEAD", "git log -p",
			"git diff", "git diff HEAD~1", "git stash show -p", "git format-patch -1", "git archive -o out.tar HEAD",
			"git cat-file -p HEAD", "git show HEAD:notes/plan.md", "git show :notes/plan.md",
			"git archive -o out.tar HEAD:", "git diff notes/plan.md", "git log -p :/notes", "git show :/src",
			"git show 'HEAD@{0}:notes/plan.md'", "git grep TODO -- ':!src'", "git log -p -- ':(top)'", "git log -U3",
			"git log --binary", "git show -s -U0", "git diff --stat -U1", "git whatchanged -p", "git reflog -p",
			"git diff-tree -p --root HEAD", "git fast-export --all", "git checkout-index -a --prefix=out/",
			"git clone . copy", "git worktree add wt HEAD", "git -C src log -p", "git -C src show HEAD:../notes/plan.md",
			"git stash show --patch-with-stat");

	private static final List<String> OTHERS = List.of("git status", "git log --oneline", "git show --stat HEAD",
			"git diff --stat", "git diff --name-only", "git stash show", "git log -p -- src", "git diff HEAD -- src",
			"git show HEAD:src/App.java", "git cat-file -t HEAD", "git grep TODO -- src", "git grep TODO src",
			"git diff src/App.java", "git log -p -- src/App.java", "git -C src log --oneline", "git whatchanged",
			"git diff-tree --name-only HEAD");

	@Test
	void gitsReadersAskOnlyWhenTheRepositoryTracksAHiddenFile(@TempDir Path workspace) throws Exception {
		Workspaces.write(workspace, "src/App.java", "class App {} // TODO\n", ".wardenignore", "notes/\n",
				"notes/plan.md", "TODO\n", ".env", "TOKEN=x\n");
		TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "test", List.of("git *")))
				.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace), workspace.resolve("home"))).build();

		for (String line : READERS) {
			if (!line.contains(":") && !line.contains("notes") && !line.equals("git clone . copy")) {
				assertEquals(Verdict.TRUSTED, policy.evaluate(line).verdict(), "no repository: " + line);
			}
		}
		// outside a repository a folder Git is given counts whole (`git diff . ../other` compares the files)
		assertEquals(Verdict.ASK, policy.evaluate("git clone . copy").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("git diff . src").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("git diff --no-index . src").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("git diff --no-index src src").verdict());
		try (Git git = Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call()) {
			Workspaces.commit(git, "src", "src", ".wardenignore");
			for (String line : READERS) {
				if (!line.contains(":") && !line.contains("notes")) {
					assertEquals(Verdict.TRUSTED, policy.evaluate(line).verdict(),
							"untracked hidden files are not read: " + line);
				}
			}

			Workspaces.commit(git, "notes", "notes/plan.md");
			for (String line : READERS) {
				CommandVerdict verdict = policy.evaluate(line);
				assertEquals(Verdict.ASK, verdict.verdict(), line);
				assertTrue(verdict.reason().contains("notes"), line + ": " + verdict.reason());
			}
			for (String line : OTHERS) {
				assertEquals(Verdict.TRUSTED, policy.evaluate(line).verdict(), line);
			}
		}
		// a word that is both a file and a revision is a revision where Git takes it for one (`git archive HEAD`)
		Files.writeString(workspace.resolve("HEAD"), "x");
		try (Git git = Git.open(workspace.toFile())) {
			assertEquals(Verdict.ASK, policy.evaluate("git archive -o out.tar HEAD").verdict());
			assertEquals(Verdict.ASK, policy.evaluate("git log -p HEAD --").verdict());
		}
		// what a program that prints what Git keeps gives another command is no listing of names of files
		assertEquals(Verdict.ASK, policy.evaluate("git log --name-only -n 3 | xargs cat").verdict());
	}
}
