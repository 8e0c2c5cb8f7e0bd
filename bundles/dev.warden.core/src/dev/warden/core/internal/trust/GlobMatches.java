package dev.warden.core.internal.trust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.warden.core.internal.protect.WildcardLimit;

/**
 * The paths an unquoted glob may expand to, found in the file system the way the shell finds them, so that each can
 * be judged as the path it is ({@code cat docs/*} reads {@code docs/hosts.txt}, which may be a link out of the
 * workspace). Made to be on the safe side rather than exact: a bracket expression matches any one character (the
 * shells read its negations and classes in ways of their own), a quoted glob character is read as a glob, and a
 * segment's glob matches dot files only when the segment starts with a dot, unless dot files may match anyway (bash's
 * {@code dotglob}). {@code .} and {@code ..} are never matched: bash skips them, and a segment that dash would let
 * match them is asked about before this is asked.
 */
final class GlobMatches {

	/** How many names of the folders are looked at, at most, before the glob is given up on. */
	static final int MAX_NAMES = 10_000;

	private GlobMatches() {
	}

	/**
	 * The paths, written as the glob is (relative where it is), that the glob may expand to; empty when it matches
	 * nothing (the shell then passes it as written), null when it would take more than {@link #MAX_NAMES} names to
	 * tell.
	 *
	 * @param glob             a word with at least one of {@code * ? [}, and no other expansion
	 * @param workingDirectory the folder a relative glob starts in
	 * @param dotFiles         whether a glob may match a leading dot without spelling it
	 */
	static List<String> of(String glob, Path workingDirectory, boolean dotFiles) {
		String[] segments = glob.split("/", -1);
		List<String> prefixes = new ArrayList<>(List.of(glob.startsWith("/") ? "/" : ""));
		int looked = 0;
		boolean globSeen = false;
		boolean literalAfterGlob = false;
		for (int s = glob.startsWith("/") ? 1 : 0; s < segments.length; s++) {
			String segment = segments[s];
			boolean last = s == segments.length - 1;
			String separator = last ? "" : "/";
			List<String> next = new ArrayList<>();
			if (!hasGlob(segment)) {
				literalAfterGlob |= globSeen && !segment.isEmpty();
				for (String prefix : prefixes) {
					next.add(prefix + segment + separator);
				}
				prefixes = next;
				continue;
			}
			globSeen = true;
			Pattern pattern = pattern(segment);
			boolean dots = dotFiles || segment.startsWith(".");
			for (String prefix : prefixes) {
				Path folder;
				try {
					folder = workingDirectory.toAbsolutePath().resolve(prefix.isEmpty() ? "." : prefix);
				} catch (InvalidPathException e) {
					continue; // a name the system cannot hold: nothing to match
				}
				try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
					for (Path entry : entries) {
						if (++looked > MAX_NAMES) {
							return null;
						}
						String name = entry.getFileName().toString();
						if ((dots || !name.startsWith(".")) && pattern.matcher(name).matches()
								&& (last || Files.isDirectory(entry))) { // a folder, or a link to one, goes on
							next.add(prefix + name + separator);
						}
					}
				} catch (IOException | RuntimeException e) {
					// not a folder, or one that cannot be listed: the shell matches nothing in it either
				}
			}
			next.sort(null); // as the shell gives them: sorted, so that the first one found is the same on every system
			prefixes = next;
			if (prefixes.isEmpty()) {
				break;
			}
		}
		if (!literalAfterGlob) {
			return prefixes;
		}
		// a word after the glob's last folder was taken as written; the shell gives only paths that exist
		List<String> existing = new ArrayList<>(prefixes.size());
		for (String path : prefixes) {
			try {
				if (Files.exists(workingDirectory.toAbsolutePath().resolve(path), LinkOption.NOFOLLOW_LINKS)) {
					existing.add(path);
				}
			} catch (InvalidPathException e) {
				// no such path
			}
		}
		return existing;
	}

	static boolean hasGlob(String text) {
		return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
	}

	/** A segment's glob as a regular expression: {@code *}, {@code ?}, a bracket expression as any one character. */
	private static Pattern pattern(String segment) {
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '*') {
				regex.append(".*");
			} else if (c == '?') {
				regex.append('.');
			} else if (c == '[' && WildcardLimit.classEnd(segment, i) > i) {
				regex.append('.');
				i = WildcardLimit.classEnd(segment, i);
			} else if (c == '\\' && i + 1 < segment.length()) {
				regex.append(Pattern.quote(String.valueOf(segment.charAt(++i))));
			} else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL);
	}
}
