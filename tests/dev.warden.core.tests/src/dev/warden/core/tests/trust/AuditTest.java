package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;

class AuditTest {

	@TempDir
	Path workspace;

	private final List<AuditEvent> events = new ArrayList<>();

	private TrustPolicy policy() {
		return TrustPolicy.builder(workspace).auditLog(events::add).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("npm *", "git status"))).build();
	}

	@Test
	void trustedDecisionRecordsTheCoveringPatterns() {
		policy().decide("npm test && git status");
		assertEquals(1, events.size());
		AuditEvent event = events.get(0);
		assertEquals("command", event.kind());
		assertEquals("npm test && git status", event.subject());
		assertEquals("TRUSTED", event.verdict());
		assertEquals("npm *, git status", event.detail());
		assertEquals("policy", event.actor());
	}

	@Test
	void askAndDeniedDecisionsRecordTheReason() {
		TrustPolicy policy = policy();
		policy.decide("whoami");
		policy.decide("sudo ls");
		policy.decide("echo \"unbalanced");
		assertEquals(List.of("ASK", "DENIED", "ASK"), events.stream().map(AuditEvent::verdict).toList());
		assertTrue(events.get(0).detail().contains("whoami"));
		assertTrue(events.get(1).detail().contains("!sudo *"));
		assertTrue(events.get(2).detail().contains("double quote"));
	}

	@Test
	void evaluatingForDisplayRecordsNothing() {
		policy().evaluate("npm test");
		assertTrue(events.isEmpty());
	}
}
