package dev.warden.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing the agent did or was asked to do, as it is written to the audit trail.
 *
 * @param time      when it happened
 * @param sessionId the chat session it belongs to ({@code "-"} outside a session, e.g. the headless checkers)
 * @param kind      what kind of action: {@code command}, {@code file.read}, {@code file.write}, {@code url.fetch}, {@code approval} …
 * @param subject   what it acted on: the command line, the path, the URL
 * @param verdict   the outcome: {@code TRUSTED}, {@code ASK}, {@code DENIED}, {@code ALLOWED}, {@code REFUSED}, {@code APPROVED} …
 * @param detail    why: the pattern that matched, the reason it was refused, the address connected to
 * @param actor     who decided: {@code policy}, {@code user}, {@code agent}
 */
public record AuditEvent(Instant time, String sessionId, String kind, String subject, String verdict, String detail,
		String actor) {

	public AuditEvent {
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(kind, "kind");
		sessionId = sessionId == null ? "-" : sessionId;
		subject = subject == null ? "" : subject;
		verdict = verdict == null ? "" : verdict;
		detail = detail == null ? "" : detail;
		actor = actor == null ? "policy" : actor;
	}

	public static AuditEvent of(String kind, String subject, String verdict, String detail, String actor) {
		return new AuditEvent(Instant.now(), null, kind, subject, verdict, detail, actor);
	}
}
