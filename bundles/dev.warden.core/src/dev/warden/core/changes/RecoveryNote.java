package dev.warden.core.changes;

import java.util.Objects;

/**
 * Something found when a journal was read back: a torn last record (the process stopped while writing it; it is
 * ignored and everything before it is intact) or a damaged record in the middle (ignored; what it recorded is lost).
 *
 * @param line    the line of the journal, from 1
 * @param torn    whether it is a torn last record rather than damage in the middle
 * @param message for display
 */
public record RecoveryNote(int line, boolean torn, String message) {

	public RecoveryNote {
		Objects.requireNonNull(message, "message");
	}
}
