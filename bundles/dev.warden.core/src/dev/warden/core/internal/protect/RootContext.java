package dev.warden.core.internal.protect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

import dev.warden.core.protect.ProtectedRoot;

/**
 * A root with what the policy needs to know about it: its real location and whether its file system ignores case.
 *
 * @param root            the root as given
 * @param real            its real path (symbolic links resolved)
 * @param caseInsensitive whether names differing only in case name the same file there
 * @param workTreeTop     the top of the Git work tree the root is in, or {@code null} when it is in none
 */
public record RootContext(ProtectedRoot root, Path real, boolean caseInsensitive, Path workTreeTop) {

	/**
	 * Examines {@code root}.
	 *
	 * @throws IOException if it is not an existing folder
	 */
	public static RootContext of(ProtectedRoot root) throws IOException {
		Path real = root.path().toRealPath();
		if (!Files.isDirectory(real)) {
			throw new IOException("not a folder: " + root.path());
		}
		return new RootContext(root, real, probeCaseInsensitive(real), IgnoreChain.workTreeTop(real));
	}

	/** Where {@code file} is, relative to this root when inside it, for a reason a user reads. */
	public String label(Path file) {
		return file.startsWith(real) ? real.relativize(file).toString().replace('\\', '/') : file.toString();
	}

	/**
	 * Whether the file system holding {@code directory} ignores case, found without writing anything: a name with
	 * letters on the way up (or inside) is looked up with its case flipped and compared with the original. When no
	 * such name exists the platform's usual behaviour is assumed.
	 */
	static boolean probeCaseInsensitive(Path directory) {
		for (Path p = directory; p != null && p.getFileName() != null; p = p.getParent()) {
			Boolean answer = sameWhenFlipped(p);
			if (answer != null) {
				return answer;
			}
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				Boolean answer = sameWhenFlipped(entry);
				if (answer != null) {
					return answer;
				}
			}
		} catch (IOException e) {
			return platformDefault();
		}
		return platformDefault();
	}

	private static Boolean sameWhenFlipped(Path p) {
		String name = p.getFileName().toString();
		String flipped = flipCase(name);
		if (flipped.equals(name)) {
			return null;
		}
		Path other = p.resolveSibling(flipped);
		try {
			return Files.exists(other, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(p, other);
		} catch (IOException e) {
			return Boolean.FALSE;
		}
	}

	private static String flipCase(String name) {
		StringBuilder b = new StringBuilder(name.length());
		for (char c : name.toCharArray()) {
			b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
		}
		return b.toString();
	}

	private static boolean platformDefault() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		return os.contains("win") || os.contains("mac");
	}
}
