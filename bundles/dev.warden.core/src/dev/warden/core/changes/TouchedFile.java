package dev.warden.core.changes;

import java.util.Objects;

/**
 * A file a session touched, for "View all changes": its original (before the session) and the latest content the
 * session knows (what the agent, a command or a restore left).
 *
 * @param path           the file, relative to the workspace root, with {@code /} separators
 * @param kind           created, modified, deleted or unchanged, from {@code original} to {@code latest}
 * @param original       its state before the session first changed it; {@link FileState.Kind#UNRECOVERABLE} when
 *                       a command changed it and its original was found nowhere
 * @param originalSource where the original came from
 * @param latest         its state as the session last left it
 * @param lastOrigin     what made the latest change
 * @param lastWriteId    the journal's id of the latest write (for {@link ChangeSession#mark})
 */
public record TouchedFile(String path, ChangeKind kind, FileState original, OriginalSource originalSource,
		FileState latest, ChangeOrigin lastOrigin, long lastWriteId) {

	public TouchedFile {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(original, "original");
		Objects.requireNonNull(originalSource, "originalSource");
		Objects.requireNonNull(latest, "latest");
		Objects.requireNonNull(lastOrigin, "lastOrigin");
	}

	/** Whether the original is known, so that reverting this file is possible. */
	public boolean recoverable() {
		return !original.isUnrecoverable();
	}
}
