package dev.warden.core.internal.changes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import dev.warden.core.changes.Original;
import dev.warden.core.changes.OriginalSource;

/**
 * Finds the original of a file a command changed in Git: its content in the index (staged), or else in
 * {@code HEAD}. The bytes are the stored blob, without line-ending or other checkout filters.
 */
public final class GitOriginals {

	private GitOriginals() {
	}

	/**
	 * The content Git holds for {@code file}; empty if the file is in no Git work tree or Git does not track it (then
	 * Git cannot tell whether it existed).
	 */
	public static Optional<Original> lookup(Path file) throws IOException {
		Path absolute = file.toAbsolutePath().normalize();
		FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(absolute.getParent().toFile());
		if (builder.getGitDir() == null) {
			return Optional.empty();
		}
		try (Repository repository = builder.setMustExist(true).build()) {
			if (repository.isBare()) {
				return Optional.empty();
			}
			Optional<String> path = relativePath(repository.getWorkTree().toPath(), absolute);
			if (path.isEmpty()) {
				return Optional.empty();
			}
			DirCache index = repository.readDirCache();
			DirCacheEntry entry = index.getEntry(path.get());
			if (entry != null && entry.getFileMode() != FileMode.GITLINK) {
				return Optional.of(Original.of(read(repository, entry.getObjectId()), OriginalSource.GIT));
			}
			ObjectId head = repository.resolve(Constants.HEAD + "^{tree}");
			if (head == null) {
				return Optional.empty();
			}
			try (TreeWalk walk = TreeWalk.forPath(repository, path.get(), head)) {
				if (walk == null || walk.getFileMode(0) == FileMode.GITLINK || walk.isSubtree()) {
					return Optional.empty();
				}
				return Optional.of(Original.of(read(repository, walk.getObjectId(0)), OriginalSource.GIT));
			}
		}
	}

	private static Optional<String> relativePath(Path workTree, Path file) throws IOException {
		Path tree = workTree.toAbsolutePath().normalize();
		if (!file.startsWith(tree)) {
			tree = tree.toRealPath();
			Path parent = file.getParent();
			file = parent.toFile().exists() ? parent.toRealPath().resolve(file.getFileName()) : file;
		}
		if (!file.startsWith(tree) || file.equals(tree)) {
			return Optional.empty();
		}
		return Optional.of(tree.relativize(file).toString().replace(java.io.File.separatorChar, '/'));
	}

	private static byte[] read(Repository repository, ObjectId blob) throws IOException {
		ObjectLoader loader = repository.open(blob, Constants.OBJ_BLOB);
		try (InputStream in = loader.openStream()) {
			return in.readAllBytes();
		}
	}
}
