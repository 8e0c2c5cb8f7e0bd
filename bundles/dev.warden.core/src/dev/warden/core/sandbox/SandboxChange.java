package dev.warden.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

import dev.warden.core.protect.ProtectedRoot;

/**
 * One path a sandboxed command changed.
 *
 * @param kind          created, modified, deleted, or refused
 * @param root          the root it lies in
 * @param path          relative to the root, {@code /}-separated; a folder's ends with {@code /}
 * @param location      where it is on disk (outside the sandbox)
 * @param staged        the command's version in the copy-on-write layer (a file or a symbolic link), valid until
 *                      the change set is closed; {@code null} for a deletion or a refused deletion
 * @param reason        why it is refused; empty otherwise
 * @param writtenThrough whether it is Git-ignored output (a build's {@code target/}), written straight through
 *                      rather than reviewed
 * @param baseline      the state of {@code location} when the change was collected, which must still hold when the
 *                      change is applied (else the user changed the file meanwhile)
 */
public record SandboxChange(SandboxChangeKind kind, ProtectedRoot root, String path, Path location, Path staged,
		String reason, boolean writtenThrough, String baseline) {

	public SandboxChange {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(root, "root");
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(location, "location");
		reason = reason == null ? "" : reason;
		baseline = baseline == null ? "" : baseline;
	}

	/** Whether the path is a folder (created empty, or deleted with everything in it). */
	public boolean isDirectory() {
		return path.endsWith("/");
	}

	/** Whether the command's version is a symbolic link. */
	public boolean isSymbolicLink() {
		return staged != null && Files.isSymbolicLink(staged);
	}

	/** The bytes the command left in the file. */
	public byte[] content() throws IOException {
		if (staged == null || !Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
			throw new IOException("'" + path + "' has no new content (" + kind + ")");
		}
		return Files.readAllBytes(staged);
	}

	/**
	 * The line {@code releng/bin/sandbox-run} prints: kind, tab, path, and for a refusal a tab and the reason. A
	 * backslash, tab, line feed or carriage return in the path is written {@code \\}, {@code \t}, {@code \n},
	 * {@code \r}, so that one change stays one line.
	 */
	public String toTsv(String prefix) {
		String line = kind + "\t" + escape(prefix + path);
		return kind == SandboxChangeKind.REFUSED ? line + "\t" + reason.replace('\t', ' ').replace('\n', ' ') : line;
	}

	private static String escape(String path) {
		return path.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
	}
}
