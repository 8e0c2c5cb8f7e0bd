package dev.warden.core.changes;

import java.util.Arrays;
import java.util.Objects;

/**
 * The content a file had before a change, and where that knowledge came from. For changes made by a command, the
 * original is looked for after the fact and may be unrecoverable.
 *
 * @param state   absent, present (its content is {@link #content()}) or unrecoverable
 * @param content the bytes when present, otherwise {@code null}
 * @param source  where it came from; {@link OriginalSource#UNKNOWN} exactly when unrecoverable
 */
public record Original(FileState.Kind state, byte[] content, OriginalSource source) {

	public Original {
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(source, "source");
		if ((state == FileState.Kind.PRESENT) != (content != null)) {
			throw new IllegalArgumentException("Content is given exactly for a present original");
		}
		if ((state == FileState.Kind.UNRECOVERABLE) != (source == OriginalSource.UNKNOWN)) {
			throw new IllegalArgumentException("An original is unrecoverable exactly when its source is unknown");
		}
		content = content == null ? null : content.clone();
	}

	/** The file existed with {@code content}, as found in {@code source}. */
	public static Original of(byte[] content, OriginalSource source) {
		return new Original(FileState.Kind.PRESENT, Objects.requireNonNull(content, "content"), source);
	}

	/** The file did not exist, as {@code source} shows. */
	public static Original absent(OriginalSource source) {
		return new Original(FileState.Kind.ABSENT, null, source);
	}

	/** The file's original content could not be found. */
	public static Original unrecoverable() {
		return new Original(FileState.Kind.UNRECOVERABLE, null, OriginalSource.UNKNOWN);
	}

	@Override
	public byte[] content() {
		return content == null ? null : content.clone();
	}

	public boolean recoverable() {
		return state != FileState.Kind.UNRECOVERABLE;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Original o && state == o.state && source == o.source
				&& Arrays.equals(content, o.content);
	}

	@Override
	public int hashCode() {
		return Objects.hash(state, source, Arrays.hashCode(content));
	}

	@Override
	public String toString() {
		return "Original[" + state + (content == null ? "" : ", " + content.length + " bytes") + ", " + source + "]";
	}
}
