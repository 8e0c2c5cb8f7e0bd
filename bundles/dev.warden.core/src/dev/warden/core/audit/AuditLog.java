package dev.warden.core.audit;

/**
 * Where every decision and action of the agent is recorded. Implementations must never throw to the caller
 * for an I/O failure (they log it instead) and must never write a secret.
 */
@FunctionalInterface
public interface AuditLog {

	/** A log that drops everything; for contexts that have no audit trail, such as a dry run in a preference page. */
	AuditLog NONE = event -> {
	};

	void record(AuditEvent event);
}
