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
		Predicate<String> fast = byName(glob);
		return fast != null ? fast : platform(glob);
	}

	/** {@link #matcher} with the platform's {@link PathMatcher} for every glob. */
	static Predicate<String> platform(String glob) throws ToolException {
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

	/** Whether the platform's globs tell upper from lower case (not on Windows): the fast forms below do. */
	private static final boolean CASE_SENSITIVE = !FileSystems.getDefault().getPathMatcher("glob:A") //$NON-NLS-1$
			.matches(Path.of("a")); //$NON-NLS-1$

	/**
	 * The common globs that only look at a file's name, matched on the text of the path without a {@link Path} or a
	 * regular expression, or {@code null} for any other glob. A name, {@code *} then a name ({@code *.java}), or
	 * either after {@code **&#47;} ({@code **&#47;*.java}): the platform's matcher takes {@code *} for any run of
	 * characters but {@code /} and {@code **} for any run at all, so a path matches exactly when its last name equals
	 * the name, or ends with it after {@code *}; after {@code **&#47;}, the path with {@code x/} before it is matched
	 * too (see {@link #platform}), so a path without {@code /} matches as well. A walk's paths have no empty names
	 * and no {@code /} at their end.
	 */
	static Predicate<String> byName(String glob) {
		if (!CASE_SENSITIVE || !glob.equals(glob.strip())) {
			return null;
		}
		String rest = glob.startsWith("**/") ? glob.substring(3) : glob; //$NON-NLS-1$
		boolean star = rest.startsWith("*"); //$NON-NLS-1$
		String name = star ? rest.substring(1) : rest;
		if (name.isEmpty() || name.equals(".") || name.equals("..")) { //$NON-NLS-1$ //$NON-NLS-2$
			return null;
		}
		for (int i = 0; i < name.length(); i++) {
			if ("*?[]{}\\/".indexOf(name.charAt(i)) >= 0) { //$NON-NLS-1$
				return null;
			}
		}
		if (star) {
			return path -> path.endsWith(name); // the name has no '/': the text it ends with lies in the last name
		}
		return path -> path.endsWith(name) && path.lastIndexOf('/') == path.length() - name.length() - 1;
	}
}
