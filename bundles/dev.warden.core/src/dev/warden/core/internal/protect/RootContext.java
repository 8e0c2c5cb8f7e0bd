package dev.warden.core.internal.protect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
		return new RootContext(root, real, CaseSensitivity.ignoresCase(real), IgnoreChain.workTreeTop(real));
	}

	/** Where {@code file} is, relative to this root when inside it, for a reason a user reads. */
	public String label(Path file) {
		return file.startsWith(real) ? real.relativize(file).toString().replace('\\', '/') : file.toString();
	}

}
