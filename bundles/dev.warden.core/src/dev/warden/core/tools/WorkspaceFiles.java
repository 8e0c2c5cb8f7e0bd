package dev.warden.core.tools;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The files the agent may see: a view confined to the workspace's roots that hides what the user excluded. Paths are
 * workspace-relative with {@code /} separators. Read-only: changes go through a {@link ChangeSink} as
 * {@link ProposedChange}s.
 * <p>
 * Every method refuses, with a {@link ToolException} that explains why, a path outside the roots (also through
 * {@code ..} or a symbolic link) or a hidden path.
 */
public interface WorkspaceFiles {

	/**
	 * The path as the workspace knows it, for another spelling the agent may use: with one project, a path that starts
	 * with the project's name ({@code demo/src/Main.java}) means the path inside it ({@code src/Main.java}), unless the
	 * project holds a file or folder of that name (then the path is taken as written). Nothing is checked here.
	 */
	default String canonicalSpelling(String path) {
		return path;
	}


	/**
	 * @return {@code path} in canonical form ({@code "src/Main.java"}, {@code "."} for the root)
	 * @throws ToolException if it lies outside the workspace or is hidden
	 */
	String normalize(String path) throws ToolException;

	/** @return the file or directory at {@code path}, or empty if nothing is there */
	Optional<FileEntry> stat(String path) throws ToolException;

	/**
	 * Visits the entries below directory {@code dir} depth-first, in name order, skipping hidden ones, down to
	 * {@code maxDepth} (1: only the children). Stops when {@code visitor} returns {@code false}.
	 */
	void walk(String dir, int maxDepth, Predicate<FileEntry> visitor) throws ToolException;

	/**
	 * As {@link #walk}, for a visitor that wants only the files whose path {@code files} accepts: it sees those files
	 * and nothing else (folders are entered, not visited), in the same order. The other files may be left out
	 * without being examined, which spares a walk most of its work when few files are wanted ({@code *.md}).
	 */
	default void walkFiles(String dir, int maxDepth, Predicate<String> files, Predicate<FileEntry> visitor)
			throws ToolException {
		walk(dir, maxDepth, entry -> entry.directory() || !files.test(entry.path()) || visitor.test(entry));
	}

	/**
	 * @return the content of a text file, decoded as UTF-8
	 * @throws ToolException if it does not exist, is a directory, is binary, is not UTF-8 or is too large
	 */
	String readText(String path) throws ToolException;

	/**
	 * The bytes of the file {@code entry}, for a search through many files. A file a {@link #walk} on this thread is
	 * visiting now (the very entry handed to the visitor) may be read without judging its path again; any other entry
	 * is judged as {@link #readText} judges it.
	 *
	 * @param maxBytes the largest file read
	 * @return the bytes, or {@code null} when the file is larger than {@code maxBytes}
	 * @throws ToolException if it is not a readable file (for other entries also: hidden, binary, not UTF-8)
	 */
	default byte[] readBytes(FileEntry entry, long maxBytes) throws ToolException {
		Optional<FileEntry> file = stat(entry.path());
		if (file.isPresent() && !file.get().directory() && file.get().size() > maxBytes) {
			return null;
		}
		return readText(entry.path()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	/** @return the location on disk, for a command's working directory */
	Path localPath(String path) throws ToolException;
}
