package dev.warden.core.changes;

import java.time.Instant;
import java.util.Objects;

/**
 * A chat session whose changes are journalled.
 *
 * @param id           the session's identifier
 * @param title        a title for display (may be empty)
 * @param started      when the session started
 * @param lastActivity when its journal was last written
 */
public record SessionInfo(String id, String title, Instant started, Instant lastActivity) {

	public SessionInfo {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(started, "started");
		Objects.requireNonNull(lastActivity, "lastActivity");
		title = title == null ? "" : title;
	}
}
