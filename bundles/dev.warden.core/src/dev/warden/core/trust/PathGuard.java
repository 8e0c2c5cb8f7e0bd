package dev.warden.core.trust;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells the command policy which words of a command name files hidden from the agent (for example
 * {@code .env}). A simple command with such a word, as an argument or a redirection target, is asked about with
 * the guard's reason even when a pattern covers it, universal trust included.
 */
@FunctionalInterface
public interface PathGuard {

	/** A guard that hides nothing. */
	PathGuard NONE = (word, workingDirectory) -> Optional.empty();

	/**
	 * Says why a word names a hidden file.
	 *
	 * @param word             a word of a command after quote removal; it may hold expansions or globs as
	 *                         written ({@code $HOME/.env}, {@code .e*}), and need not be a path at all
	 * @param workingDirectory the directory the command runs in, to resolve relative paths against
	 * @return why the word names a hidden file, or empty when it does not
	 */
	Optional<String> whyHidden(String word, Path workingDirectory);

	/**
	 * Says why an argument of a command names a hidden file, knowing whether the shell expands its globs. An unquoted
	 * glob is expanded by the shell before the program runs, by the shell's rules: {@code *}, {@code ?} and brackets do
	 * not match a name's leading dot, so {@code ls *} does not name {@code .env}; when the pattern matches nothing the
	 * program gets it as written and may match it itself, dot files included. A quoted glob always reaches the program
	 * as written. The default judges every word as {@link #whyHidden(String, Path)} does.
	 *
	 * @param word             as for {@link #whyHidden(String, Path)}
	 * @param workingDirectory as for {@link #whyHidden(String, Path)}
	 * @param shellGlobs       whether the word's glob characters are unquoted, so that the shell expands them
	 * @return why the word names a hidden file, or empty when it does not
	 */
	default Optional<String> whyHidden(String word, Path workingDirectory, boolean shellGlobs) {
		return whyHidden(word, workingDirectory);
	}

	/**
	 * Says why a program that reads every file under a folder ({@code grep -r}, {@code find}, {@code tar c}) would
	 * read files hidden from the agent. The default finds nothing, as {@link #NONE} hides nothing.
	 *
	 * @param folder           the folder as the command names it, resolved like {@link #whyHidden}'s word
	 * @param workingDirectory the directory the command runs in
	 * @param skipsDotAndIgnored whether the program itself skips dot files and files its ignore rules name, as
	 *                         ripgrep does unless told otherwise: then only other hidden files count
	 * @return why the folder holds files hidden from the agent, or empty when it holds none
	 */
	default Optional<String> whyFolderHoldsHidden(String folder, Path workingDirectory, boolean skipsDotAndIgnored) {
		return Optional.empty();
	}

	/**
	 * Says why a program that follows the symbolic links it finds under a folder ({@code grep -R}, {@code zip -r},
	 * {@code tar -h}) would read files outside the workspace: a link under the folder, or under a folder such a link
	 * leads to, leads out of it. The default finds nothing, as {@link #NONE} knows no workspace.
	 *
	 * @param folder           the folder as the command names it, resolved like {@link #whyHidden}'s word
	 * @param workingDirectory the directory the command runs in
	 * @param skipsDotAndIgnored whether the program skips dot files and the files its ignore rules name, as
	 *                         {@code rg -L} does: links in them do not count
	 * @return where such a link leads, or empty when no link under the folder leads outside
	 */
	default Optional<String> whyFolderLinksOutside(String folder, Path workingDirectory, boolean skipsDotAndIgnored) {
		return Optional.empty();
	}

	/**
	 * Says why a command that opens the names of a folder's own entries, as a one-level listing such as {@code ls}
	 * prints them ({@code ls | xargs cat}), would read outside the workspace: one of those entries is a symbolic link
	 * that leads out of it, or an entry of the working directory named like an entry under the folder is, where the
	 * name printed bare is opened ({@code ls -R docs | xargs cat}). The default finds nothing, as {@link #NONE} knows
	 * no workspace.
	 *
	 * @param folder           the folder as the command names it, resolved like {@link #whyHidden}'s word
	 * @param workingDirectory the directory the command runs in
	 * @return where such a link leads, or empty when none of the folder's entries leads outside
	 */
	default Optional<String> whyEntriesLinkOutside(String folder, Path workingDirectory) {
		return Optional.empty();
	}

	/**
	 * Says why {@code git add} of a folder would stage files hidden from the agent: those that Git's own ignore files
	 * do not ignore ({@code .env} hidden only as sensitive), which it adds, and a later commit and push publish. The
	 * default judges every hidden file, as {@link #whyFolderHoldsHidden} does for a program that skips none.
	 *
	 * @param folder           the folder as the command names it
	 * @param workingDirectory the directory the command runs in
	 * @return why the folder holds such files, or empty when it holds none
	 */
	default Optional<String> whyFolderHoldsHiddenGitAdds(String folder, Path workingDirectory) {
		return whyFolderHoldsHidden(folder, workingDirectory, false);
	}

	/**
	 * Says why {@code git clean -x} of a folder would delete files hidden from the agent for a reason other than
	 * Git's ignore files (a {@code .env} hidden as sensitive, whether Git ignores it or not; a {@code .wardenignore}d
	 * file): it deletes every untracked file, and build output that Git ignores may go. The default judges every
	 * hidden file, as {@link #whyFolderHoldsHidden} does for a program that skips none.
	 *
	 * @param folder           the folder as the command names it
	 * @param workingDirectory the directory the command runs in
	 * @return why the folder holds such files, or empty when it holds none
	 */
	default Optional<String> whyFolderHoldsHiddenGitCleans(String folder, Path workingDirectory) {
		return whyFolderHoldsHidden(folder, workingDirectory, false);
	}

	/**
	 * Says why {@code git grep} of a folder would read files hidden from the agent: those Git tracks (in its index),
	 * whether Git's ignore files name them or not, and only those. The default judges every hidden file, as
	 * {@link #whyFolderHoldsHidden} does for a program that skips none.
	 *
	 * @param folder           the folder as the command names it
	 * @param workingDirectory the directory the command runs in
	 * @return why the folder holds such files, or empty when it holds none
	 */
	default Optional<String> whyFolderHoldsHiddenGitTracks(String folder, Path workingDirectory) {
		return whyFolderHoldsHidden(folder, workingDirectory, false);
	}

	/**
	 * Says why a program that names the files in each folder it is given ({@code ls *.md}) would name files hidden
	 * from the agent, when a glob gives it the folders. The default judges the whole folder the glob lies in, as
	 * {@link #whyFolderHoldsHidden} does: any of its folders may match.
	 *
	 * @param glob             the word as the command gives it
	 * @param folder           the folder the glob lies in (the part before its first expansion)
	 * @param workingDirectory the directory the command runs in
	 * @param shellGlobs       whether the shell expands the glob by its default rules, so that the program gets the
	 *                         names it matches (dot files only where the glob starts with a dot)
	 * @param skipsDotAndIgnored as for {@link #whyFolderHoldsHidden}
	 * @return why a matched folder holds files hidden from the agent, or empty when none does
	 */
	default Optional<String> whyMatchedFoldersHoldHidden(String glob, String folder, Path workingDirectory,
			boolean shellGlobs, boolean skipsDotAndIgnored) {
		return whyFolderHoldsHidden(folder, workingDirectory, skipsDotAndIgnored);
	}
}
