package dev.warden.core.internal.tools;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.function.Predicate;

import dev.warden.core.tools.ToolException;

/**
 * Glob filters for workspace-relative paths. A pattern without {@code /} matches the file name anywhere in the tree
 * ({@code *.java}); a pattern with {@code /} matches the whole relative path ({@code src/**&#47;*.java}).
 */
final class Globs {

	private Globs() {
	}

	static Predicate<String> matcher(String glob) throws ToolException {
		if (glob == null || glob.isBlank()) {
			return path -> true;
		}
		PathMatcher matcher;
		try {
			matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.strip()); //$NON-NLS-1$
		} catch (IllegalArgumentException e) {
			throw new ToolException("The glob '" + glob + "' is invalid: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		boolean wholePath = glob.contains("/"); //$NON-NLS-1$
		return path -> {
			Path p = Path.of(path);
			Path name = p.getFileName();
			return wholePath ? matcher.matches(p) || glob.startsWith("**/") && name != null && matcher.matches(Path.of("x").resolve(p)) //$NON-NLS-1$ //$NON-NLS-2$
					: name != null && matcher.matches(name);
		};
	}
}
