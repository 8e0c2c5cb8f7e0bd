package dev.warden.core.internal.changes;

import dev.warden.core.changes.ContentHash;
import dev.warden.core.changes.FileState;

/** How a {@link FileState} is written in the journal: a content hash, {@code absent} or {@code unrecoverable}. */
final class StateTokens {

	private static final String ABSENT = "absent";
	private static final String UNRECOVERABLE = "unrecoverable";

	private StateTokens() {
	}

	static String format(FileState state) {
		return switch (state.kind()) {
		case ABSENT -> ABSENT;
		case UNRECOVERABLE -> UNRECOVERABLE;
		case PRESENT -> state.hash().hex();
		};
	}

	/** @throws IllegalArgumentException if {@code token} is none of the three forms */
	static FileState parse(String token) {
		if (ABSENT.equals(token)) {
			return FileState.absent();
		}
		if (UNRECOVERABLE.equals(token)) {
			return FileState.unrecoverable();
		}
		if (ContentHash.isHash(token)) {
			return FileState.present(new ContentHash(token));
		}
		throw new IllegalArgumentException("Not a file state: '" + token + "'");
	}
}
