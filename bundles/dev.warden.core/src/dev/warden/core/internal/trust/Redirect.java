package dev.warden.core.internal.trust;

/**
 * A redirection.
 *
 * @param fd       the explicit file descriptor number, or -1
 * @param operator the operator as written ({@code >}, {@code 2>&1} has {@code >&}, {@code <<} …)
 * @param kind     what the redirection does
 * @param target   the target word (for a here-document: its delimiter)
 */
public record Redirect(int fd, String operator, Kind kind, Word target) {

	/** What a redirection does with its target. */
	public enum Kind {
		/** Reads a file. */
		INPUT,
		/** Creates, truncates or appends to a file (also {@code <>}, which opens it for writing). */
		OUTPUT,
		/** Duplicates or closes a file descriptor ({@code 2>&1}, {@code <&-}). */
		DUPLICATE,
		/** A here-document: data written in the command line. */
		HEREDOC,
		/** A here-string {@code <<< word}. */
		HERESTRING
	}

	/** The redirection as written after quote removal, for display. */
	public String display() {
		return (fd >= 0 ? Integer.toString(fd) : "") + operator + (kind == Kind.DUPLICATE ? "" : " ") + target.text();
	}
}
