package dev.warden.core.protect;

import java.nio.file.Path;
import java.util.Objects;

import dev.warden.core.internal.protect.ControlCharacters;

/**
 * The verdict on one path, with the canonical location the file tools must use.
 *
 * @param verdict      allowed, refused or hidden
 * @param reason       why, in words a user or the agent can act on
 * @param requested    the path exactly as it was given
 * @param root         the root the path lies in; {@code null} when refused because it lies in none or is malformed
 * @param path         the canonical absolute location (symbolic links resolved, on-disk spelling); {@code null} when
 *                     refused. The file tools open this path, never the one they were given.
 * @param relativePath the canonical location relative to {@link #root}, with {@code /} separators ({@code ""} for the
 *                     root itself); {@code null} when refused
 */
public record PathDecision(PathVerdict verdict, String reason, String requested, ProtectedRoot root, Path path,
		String relativePath) {

	public PathDecision {
		Objects.requireNonNull(verdict, "verdict");
		Objects.requireNonNull(reason, "reason");
		requested = requested == null ? "" : requested;
	}

	/** A refusal that names no location. */
	public static PathDecision refused(String requested, String reason) {
		return new PathDecision(PathVerdict.REFUSED, reason, requested, null, null, null);
	}

	public boolean isAllowed() {
		return verdict == PathVerdict.ALLOWED;
	}

	/**
	 * The verdict and reason as one tab-separated line, the form the headless checker prints; every control character
	 * in the reason (which may quote the input) is escaped.
	 */
	public String toTsv() {
		return verdict + "\t" + ControlCharacters.escape(reason);
	}
}
