package dev.warden.core.changes;

import java.util.Locale;
import java.util.Objects;

/**
 * What a file was, is or should be: absent, present with some content (by its hash), or present with content that
 * Warden could not recover (a file changed by a command whose original was found neither in the journal, nor in the
 * local history, nor in Git).
 *
 * @param kind which of the three
 * @param hash the content's hash when {@link Kind#PRESENT}, otherwise {@code null}
 */
public record FileState(Kind kind, ContentHash hash) {

	/** Which kind of state. */
	public enum Kind {
		/** No file. */
		ABSENT,
		/** A file with the content of {@link FileState#hash()}. */
		PRESENT,
		/** A file whose content is not known. */
		UNRECOVERABLE
	}

	private static final FileState ABSENT = new FileState(Kind.ABSENT, null);
	private static final FileState UNRECOVERABLE = new FileState(Kind.UNRECOVERABLE, null);

	public FileState {
		Objects.requireNonNull(kind, "kind");
		if ((kind == Kind.PRESENT) != (hash != null)) {
			throw new IllegalArgumentException("A hash is given exactly for a present file: " + kind + " " + hash);
		}
	}

	public static FileState absent() {
		return ABSENT;
	}

	public static FileState unrecoverable() {
		return UNRECOVERABLE;
	}

	public static FileState present(ContentHash hash) {
		return new FileState(Kind.PRESENT, Objects.requireNonNull(hash, "hash"));
	}

	/** The state of {@code content}: absent for {@code null}, otherwise present with its hash. */
	public static FileState of(byte[] content) {
		return content == null ? ABSENT : present(ContentHash.of(content));
	}

	public boolean isPresent() {
		return kind == Kind.PRESENT;
	}

	public boolean isAbsent() {
		return kind == Kind.ABSENT;
	}

	public boolean isUnrecoverable() {
		return kind == Kind.UNRECOVERABLE;
	}

	@Override
	public String toString() {
		return kind == Kind.PRESENT ? hash.hex() : kind.name().toLowerCase(Locale.ROOT);
	}
}
