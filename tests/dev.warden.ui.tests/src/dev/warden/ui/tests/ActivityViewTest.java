package dev.warden.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.JsonLinesAuditLog;
import dev.warden.ui.internal.audit.ActivityView;

/** The Agent Activity view over the real audit trail in the workspace's state location. */
class ActivityViewTest {

	@AfterEach
	void close() {
		var view = Workbenches.page().findView(ActivityView.ID);
		if (view != null) {
			Workbenches.page().hideView(view);
		}
	}

	@Test
	void showsTheAuditTrailNewestFirstFiltersAndExportsWithoutSecrets(@TempDir Path exportDir) throws Exception {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		JsonLinesAuditLog log = new JsonLinesAuditLog(dev.warden.ui.internal.WardenServices.state().auditDirectory(), "session-" + marker, e -> {
			throw new AssertionError(e);
		});
		log.record(AuditEvent.of("command", "npm test " + marker, "TRUSTED", "pattern npm *", "policy"));
		log.record(AuditEvent.of("file.read", "src/Main" + marker + ".java", "ALLOWED", "lines 1-80", "policy"));
		log.record(AuditEvent.of("url.fetch", "http://169.254.169.254/latest " + marker, "REFUSED",
				"address 169.254.169.254 is a link-local (cloud metadata) address", "policy"));
		log.record(AuditEvent.of("command", "curl -H 'Authorization: Bearer sk-live-0123456789abcdef' x " + marker,
				"ASK", "not covered", "policy"));

		ActivityView view = (ActivityView) Workbenches.page().showView(ActivityView.ID);
		var display = view.getSite().getShell().getDisplay();
		view.setFilter(marker, null);
		Workbenches.waitUntil(display, () -> view.shownEvents().size() == 4, 10, "the four entries are shown");
		assertEquals("command", view.shownEvents().get(0).kind(), "newest first");
		assertFalse(view.shownEvents().get(0).subject().contains("sk-live-0123456789abcdef"),
				"the bearer token is masked: " + view.shownEvents().get(0).subject());
		Screenshots.take(view.getSite().getShell(), "agent-activity");

		view.setFilter(marker, "url.fetch");
		Workbenches.waitUntil(display, () -> view.shownEvents().size() == 1, 10, "only the refused fetch is shown");
		assertEquals("REFUSED", view.shownEvents().get(0).verdict());

		Path export = exportDir.resolve("activity.jsonl");
		view.exportTo(export);
		String exported = Files.readString(export);
		assertTrue(exported.contains("169.254.169.254"), exported);
		assertEquals(1, exported.lines().count());
	}
}
