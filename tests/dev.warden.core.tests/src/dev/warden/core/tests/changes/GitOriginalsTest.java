package dev.warden.core.tests.changes;

import static dev.warden.core.tests.changes.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.changes.Original;
import dev.warden.core.changes.OriginalSource;
import dev.warden.core.internal.changes.GitOriginals;

class GitOriginalsTest {

	@TempDir
	Path work;

	@Test
	void originalComesFromTheIndexThenHeadAndIsUnknownForUntrackedFiles() throws Exception {
		try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
			Files.createDirectories(work.resolve("src"));
			Files.write(work.resolve("src/A.java"), utf8("committed A"));
			Files.write(work.resolve("B.txt"), utf8("committed B"));
			git.add().addFilepattern(".").call();
			git.commit().setMessage("init").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org")
					.setSign(false).call();
			Files.write(work.resolve("B.txt"), utf8("staged B"));
			git.add().addFilepattern("B.txt").call();
			git.rm().addFilepattern("src/A.java").call();
		}
		Files.write(work.resolve("B.txt"), utf8("formatter output"));
		Files.write(work.resolve("new.txt"), utf8("untracked"));

		Original a = GitOriginals.lookup(work.resolve("src/A.java")).orElseThrow();
		Original b = GitOriginals.lookup(work.resolve("B.txt")).orElseThrow();

		assertArrayEquals(utf8("committed A"), a.content(), "deleted from the index: HEAD has it");
		assertArrayEquals(utf8("staged B"), b.content());
		assertEquals(OriginalSource.GIT, b.source());
		assertTrue(GitOriginals.lookup(work.resolve("new.txt")).isEmpty());
	}

	@Test
	void fileOutsideAnyRepositoryHasNoGitOriginal(@TempDir Path plain) throws Exception {
		Files.write(plain.resolve("x.txt"), utf8("x"));

		assertTrue(GitOriginals.lookup(plain.resolve("x.txt")).isEmpty());
	}
}
