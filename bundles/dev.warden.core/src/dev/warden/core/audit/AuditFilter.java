package dev.warden.core.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which events the Agent Activity view shows. Every criterion that is {@code null} (or blank) matches everything.
 *
 * @param sessionId only this session
 * @param kind      only this kind, or kinds starting with it followed by a dot ({@code file} matches {@code file.read})
 * @param verdict   only this verdict (ignoring case)
 * @param text      only events whose subject or detail contains it (ignoring case)
 * @param from      only events at or after this moment
 * @param to        only events before this moment
 */
public record AuditFilter(String sessionId, String kind, String verdict, String text, Instant from, Instant to)
		implements Predicate<AuditEvent> {

	/** A filter that matches every event. */
	public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

	@Override
	public boolean test(AuditEvent e) {
		if (set(sessionId) && !sessionId.equals(e.sessionId())) {
			return false;
		}
		if (set(kind) && !e.kind().equals(kind) && !e.kind().startsWith(kind + ".")) {
			return false;
		}
		if (set(verdict) && !verdict.equalsIgnoreCase(e.verdict())) {
			return false;
		}
		if (set(text)) {
			String needle = text.toLowerCase(Locale.ROOT);
			if (!e.subject().toLowerCase(Locale.ROOT).contains(needle)
					&& !e.detail().toLowerCase(Locale.ROOT).contains(needle)) {
				return false;
			}
		}
		if (from != null && e.time().isBefore(from)) {
			return false;
		}
		return to == null || e.time().isBefore(to);
	}

	private static boolean set(String s) {
		return s != null && !s.isBlank();
	}
}
