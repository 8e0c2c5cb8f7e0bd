package dev.warden.core.changes;

import java.time.Duration;
import java.util.Objects;

/**
 * Which sessions' journals to keep when pruning: a session is kept if it is among the {@code keepNewest} most
 * recently active, or was active within {@code keepFor}. Open sessions are always kept.
 *
 * @param keepNewest how many of the most recently active sessions to keep (at least 0)
 * @param keepFor    how long after its last activity a session is kept
 */
public record RetentionPolicy(int keepNewest, Duration keepFor) {

	public RetentionPolicy {
		Objects.requireNonNull(keepFor, "keepFor");
		if (keepNewest < 0 || keepFor.isNegative()) {
			throw new IllegalArgumentException("Retention cannot be negative: " + keepNewest + ", " + keepFor);
		}
	}
}
