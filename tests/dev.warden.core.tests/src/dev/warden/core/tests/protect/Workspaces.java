package dev.warden.core.tests.protect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** Small workspaces for tests: files with their folders, and commits of a real Git repository. */
public final class Workspaces {

	private Workspaces() {
	}

	/** Writes each file (path relative to {@code root}, then its text) with the folders it lies in. */
	public static void write(Path root, String... pathsAndTexts) throws IOException {
		for (int i = 0; i + 1 < pathsAndTexts.length; i += 2) {
			Path file = root.resolve(pathsAndTexts[i]);
			Files.createDirectories(file.getParent());
			Files.writeString(file, pathsAndTexts[i + 1]);
		}
	}

	/** Adds the paths (with {@code --force}, as a file an ignore file names may be tracked) and commits them. */
	public static void commit(Git git, String message, String... paths) throws GitAPIException {
		for (String path : paths) {
			git.add().addFilepattern(path).call();
		}
		git.commit().setMessage(message).setAuthor("a", "a@b").setCommitter("a", "a@b").call();
	}
}
