package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditFile;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.AuditReader;
import dev.warden.core.audit.JsonLinesAuditLog;
import dev.warden.core.audit.SecretRedactor;

/** The JSON-lines audit log: writing, rotation, reading, filtering, export, failures and secrets. */
class AuditLogTest {

	@TempDir
	Path dir;

	private final List<IOException> errors = new ArrayList<>();

	private JsonLinesAuditLog log(long maxBytes, int keep) {
		return new JsonLinesAuditLog(dir, "session-1", maxBytes, keep, errors::add);
	}

	private static AuditEvent event(int i, String kind, String verdict) {
		return new AuditEvent(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), null, kind, "subject " + i,
				verdict, "detail " + i, "policy");
	}

	@Test
	void eventsAreAppendedAsJsonLinesWithSessionAndTime() throws IOException {
		JsonLinesAuditLog log = log(1_000_000, 3);
		log.record(event(1, "file.read", "ALLOWED"));
		log.record(new AuditEvent(Instant.parse("2026-01-01T00:00:02Z"), "other", "command", "ls", "TRUSTED", "", "user"));
		List<String> lines = Files.readAllLines(AuditFile.current(dir), StandardCharsets.UTF_8);
		assertEquals(2, lines.size());
		assertTrue(lines.get(0).contains("\"session\":\"session-1\""), lines.get(0));
		assertTrue(lines.get(0).contains("\"time\":\"2026-01-01T00:00:01Z\""), lines.get(0));
		assertTrue(lines.get(1).contains("\"session\":\"other\""), lines.get(1));
		List<AuditEvent> read = AuditReader.read(dir).events();
		assertEquals("file.read", read.get(0).kind());
		assertEquals("user", read.get(1).actor());
		assertTrue(errors.isEmpty());
	}

	@Test
	void fileIsRotatedBySizeAndOnlyNOlderFilesAreKept() throws IOException {
		JsonLinesAuditLog log = log(400, 2);
		for (int i = 0; i < 40; i++) {
			log.record(event(i, "file.read", "ALLOWED"));
		}
		assertTrue(Files.exists(AuditFile.rotated(dir, 1)));
		assertTrue(Files.exists(AuditFile.rotated(dir, 2)));
		assertFalse(Files.exists(AuditFile.rotated(dir, 3)));
		for (int n = 0; n <= 2; n++) {
			assertTrue(Files.size(AuditFile.rotated(dir, n)) <= 400);
		}
		List<AuditEvent> events = AuditReader.read(dir).events();
		assertEquals("subject 39", events.get(events.size() - 1).subject());
		for (int i = 1; i < events.size(); i++) {
			assertTrue(events.get(i - 1).time().isBefore(events.get(i).time()), "oldest first across files");
		}
		assertTrue(events.size() < 40, "the oldest events were dropped with the oldest file");
	}

	@Test
	void filterSelectsBySessionKindVerdictTextAndTime() throws IOException {
		JsonLinesAuditLog log = log(1_000_000, 3);
		log.record(event(1, "file.read", "ALLOWED"));
		log.record(event(2, "file.write", "REFUSED"));
		log.record(event(3, "command", "TRUSTED"));
		log.record(new AuditEvent(Instant.parse("2026-01-01T00:00:04Z"), "s2", "url.fetch", "https://x", "ALLOWED",
				"93.184.216.34", "agent"));
		assertEquals(2, AuditReader.read(dir, new AuditFilter(null, "file", null, null, null, null), 5).events().size());
		assertEquals(1, AuditReader.read(dir, new AuditFilter(null, null, "refused", null, null, null), 5).events().size());
		assertEquals(1, AuditReader.read(dir, new AuditFilter("s2", null, null, null, null, null), 5).events().size());
		assertEquals(1, AuditReader.read(dir, new AuditFilter(null, null, null, "93.184", null, null), 5).events().size());
		assertEquals(2, AuditReader.read(dir, new AuditFilter(null, null, null, null,
				Instant.parse("2026-01-01T00:00:02Z"), Instant.parse("2026-01-01T00:00:04Z")), 5).events().size());
	}

	@Test
	void damagedLinesAreCountedAndSkipped() throws IOException {
		JsonLinesAuditLog log = log(1_000_000, 3);
		log.record(event(1, "file.read", "ALLOWED"));
		Files.writeString(AuditFile.current(dir), "{\"time\":\"2026-01-01T00:00:0\n", java.nio.file.StandardOpenOption.APPEND);
		log.record(event(2, "file.read", "ALLOWED"));
		AuditReader.Result result = AuditReader.read(dir);
		assertEquals(2, result.events().size());
		assertEquals(1, result.unreadable());
	}

	@Test
	void writeFailureIsReportedNotThrown() throws IOException {
		Path notADirectory = Files.writeString(dir.resolve("file"), "x");
		JsonLinesAuditLog log = new JsonLinesAuditLog(notADirectory, "s", errors::add);
		log.record(event(1, "file.read", "ALLOWED"));
		assertEquals(1, errors.size());
	}

	@Test
	void exportWritesJsonLinesAndCsv() throws IOException {
		JsonLinesAuditLog log = log(1_000_000, 3);
		log.record(new AuditEvent(Instant.parse("2026-01-01T00:00:01Z"), null, "command", "echo \"a,b\"", "ASK",
				"=cmd", "user"));
		List<AuditEvent> events = AuditReader.read(dir).events();
		StringWriter csv = new StringWriter();
		AuditReader.exportCsv(events, csv);
		assertEquals("time,session,kind,subject,verdict,detail,actor\r\n"
				+ "2026-01-01T00:00:01Z,session-1,command,\"echo \"\"a,b\"\"\",ASK,\"'=cmd\",user\r\n", csv.toString());
		StringWriter json = new StringWriter();
		AuditReader.exportJsonLines(events, json);
		assertEquals(Files.readString(AuditFile.current(dir)), json.toString());
	}

	static Stream<Arguments> secrets() {
		return Corpus.read(AuditLogTest.class, "secrets.tsv").stream()
				.map(row -> Arguments.of(row[0].replace("\\n", "\n"), row[1], row[2]));
	}

	@ParameterizedTest(name = "[{index}] {1}")
	@MethodSource("secrets")
	void secretNeverReachesTheFile(String text, String secret, String kept) throws IOException {
		JsonLinesAuditLog log = log(1_000_000, 3);
		log.record(new AuditEvent(Instant.now(), null, "command", text, "ASK", "detail: " + text, "agent"));
		String written = Files.readString(AuditFile.current(dir), StandardCharsets.UTF_8);
		assertFalse(written.contains(secret), written);
		AuditEvent read = AuditReader.read(dir).events().get(0);
		assertFalse(read.subject().contains(secret), read.subject());
		assertTrue(read.subject().contains(SecretRedactor.MASK), read.subject());
		assertTrue(read.subject().contains(kept), () -> read.subject() + " should still contain " + kept);
	}

	@Test
	void ordinaryTextIsLeftAlone() {
		for (String text : List.of("git commit --author=Jane -m 'fix'", "ls -la src", "mvn -p 8080 verify",
				"https://example.com/docs?page=2", "file.read src/main/App.java")) {
			assertEquals(text, SecretRedactor.redact(text));
		}
	}
}
