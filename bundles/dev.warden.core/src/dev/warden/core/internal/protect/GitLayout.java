package dev.warden.core.internal.protect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where Git's repositories are, judged as Git judges them: a folder is the top of a work tree only when its
 * {@code .git} is a real repository — a folder with a valid {@code HEAD}, {@code objects/} and {@code refs/} (or a
 * {@code commondir} that has them), or a file {@code gitdir: PATH} naming such a folder. An empty {@code .git} file or
 * folder, or a {@code gitdir:} pointer left behind by a removed submodule or work tree, makes nothing: Git goes on
 * applying the enclosing repository's ignore rules there, and so must Warden.
 */
public final class GitLayout {

	/** Git reads at most this much of a {@code .git} file or {@code HEAD}. */
	private static final long MAX_POINTER_BYTES = 4096;

	private GitLayout() {
	}

	/** Whether {@code folder} is the top of a Git work tree (its {@code .git} is a valid repository). */
	public static boolean isWorkTreeTop(Path folder) {
		return gitDirectory(folder) != null;
	}

	/**
	 * The repository of the work tree at {@code folder}: its {@code .git} folder, or the folder its {@code .git} file
	 * names; {@code null} when {@code .git} is missing or not a valid repository.
	 */
	public static Path gitDirectory(Path folder) {
		Path dotGit = folder.resolve(".git");
		if (Files.isDirectory(dotGit)) {
			return isRepository(dotGit) ? dotGit : null;
		}
		if (!Files.isRegularFile(dotGit)) {
			return null;
		}
		String text = readSmall(dotGit);
		if (text == null || !text.startsWith("gitdir:")) {
			return null;
		}
		try {
			Path target = folder.resolve(text.substring("gitdir:".length()).strip()).normalize();
			return isRepository(target) ? target : null;
		} catch (InvalidPathException e) {
			return null;
		}
	}

	/**
	 * The folder holding what a repository shares with its linked work trees ({@code info/exclude}, {@code config}):
	 * the one its {@code commondir} names, or the repository itself.
	 */
	public static Path commonDirectory(Path gitDir) {
		Path common = commonOf(gitDir);
		return common != null ? common : gitDir;
	}

	/** Whether {@code dir} is a Git repository folder, by Git's own test. */
	static boolean isRepository(Path dir) {
		if (!Files.isDirectory(dir) || !validHead(dir.resolve("HEAD"))) {
			return false;
		}
		Path common = commonOf(dir);
		Path shared = common != null ? common : dir;
		return Files.isDirectory(shared.resolve("objects")) && Files.isDirectory(shared.resolve("refs"));
	}

	private static Path commonOf(Path gitDir) {
		Path file = gitDir.resolve("commondir");
		if (!Files.isRegularFile(file)) {
			return null;
		}
		String text = readSmall(file);
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return gitDir.resolve(text.strip()).normalize();
		} catch (InvalidPathException e) {
			return null;
		}
	}

	/** A {@code HEAD} Git accepts: a symbolic link into {@code refs/}, {@code ref: refs/...}, or an object name. */
	private static boolean validHead(Path head) {
		if (Files.isSymbolicLink(head)) {
			try {
				return Files.readSymbolicLink(head).toString().startsWith("refs/");
			} catch (IOException e) {
				return false;
			}
		}
		if (!Files.isRegularFile(head, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		String text = readSmall(head);
		if (text == null) {
			return false;
		}
		String line = text.strip();
		if (line.startsWith("ref:")) {
			return line.substring(4).strip().startsWith("refs/");
		}
		if (line.length() != 40 && line.length() != 64) {
			return false;
		}
		for (int i = 0; i < line.length(); i++) {
			if (Character.digit(line.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	private static String readSmall(Path file) {
		try {
			if (Files.size(file) > MAX_POINTER_BYTES) {
				return null;
			}
			return Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}
}
