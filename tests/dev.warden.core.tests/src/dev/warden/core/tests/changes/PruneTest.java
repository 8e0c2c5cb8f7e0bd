package dev.warden.core.tests.changes;

import static dev.warden.core.tests.changes.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.changes.ContentHash;
import dev.warden.core.changes.NioFileAccess;
import dev.warden.core.changes.PruneReport;
import dev.warden.core.changes.RetentionPolicy;
import dev.warden.core.changes.RestoreTarget;
import dev.warden.core.changes.SessionInfo;
import dev.warden.core.internal.changes.JournalChangeStore;

class PruneTest {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	@TempDir
	Path state;
	@TempDir
	Path workspace;

	private ChangeStore openStore() throws IOException {
		return JournalChangeStore.open(state, AuditLog.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private Path journal(String id) {
		return state.resolve("sessions").resolve(id + ".jsonl");
	}

	private void age(String id, Duration age) throws IOException {
		Files.setLastModifiedTime(journal(id), FileTime.from(NOW.minus(age)));
	}

	private Set<String> storedHashes() throws IOException {
		Set<String> hashes = new TreeSet<>();
		try (Stream<Path> walk = Files.walk(state.resolve("blobs"))) {
			walk.filter(Files::isRegularFile)
					.forEach(f -> hashes.add(f.getParent().getFileName().toString() + f.getFileName()));
		}
		return hashes;
	}

	/** A closed session that changed {@code path} from {@code original} to {@code content}. */
	private void session(String id, String path, String original, String content, Duration age) throws IOException {
		try (ChangeStore store = openStore()) {
			ChangeSession session = store.openSession(id, id);
			NioFileAccess files = new NioFileAccess(workspace.resolve(id));
			files.write(path, utf8(original));
			new Agent(session, files).write(path, content);
		}
		age(id, age);
	}

	private static String hash(String content) {
		return ContentHash.of(utf8(content)).hex();
	}

	@Test
	void pruningKeepsTheNewestSessionsAndDeletesContentsOnlyTheOthersNeeded() throws IOException {
		session("s1", "a.txt", "shared original", "s1 agent", Duration.ofDays(30));
		session("s2", "a.txt", "s2 original", "s2 agent", Duration.ofDays(20));
		session("s3", "a.txt", "shared original", "s3 agent", Duration.ofDays(10));
		session("s4", "a.txt", "s4 original", "s4 agent", Duration.ofDays(5));

		try (ChangeStore store = openStore()) {
			PruneReport report = store.prune(new RetentionPolicy(2, Duration.ofDays(1)));

			assertEquals(List.of("s2", "s1"), report.removedSessions());
			assertEquals(List.of("s4", "s3"), store.sessions().stream().map(SessionInfo::id).toList());
			assertEquals(3, report.removedBlobs());
			assertEquals(new TreeSet<>(Set.of(hash("shared original"), hash("s3 agent"), hash("s4 original"),
					hash("s4 agent"))), storedHashes());

			ChangeSession kept = store.openSession("s3", "s3");
			NioFileAccess files = new NioFileAccess(workspace.resolve("s3"));
			kept.execute(kept.planRestore(RestoreTarget.sessionStart(), files), Map.of(), files);
			assertEquals("shared original", Files.readString(workspace.resolve("s3/a.txt")));
		}
	}

	@Test
	void sessionsActiveWithinTheAgeLimitAndOpenSessionsAreKept() throws IOException {
		session("old", "a.txt", "o", "old agent", Duration.ofDays(40));
		session("recent", "a.txt", "r", "recent agent", Duration.ofDays(2));
		session("open", "a.txt", "p", "open agent", Duration.ofDays(90));

		try (ChangeStore store = openStore()) {
			ChangeSession open = store.openSession("open", "open");
			PruneReport report = store.prune(new RetentionPolicy(0, Duration.ofDays(7)));

			assertEquals(List.of("old"), report.removedSessions());
			assertFalse(Files.exists(journal("old")));
			assertTrue(Files.exists(journal("recent")));
			assertTrue(Files.exists(journal("open")));
			assertTrue(storedHashes().contains(hash("open agent")));
			assertEquals("open", open.id(), "the session is held (and so open) until here");
		}
	}

	@Test
	void sessionsNobodyHoldsArePrunedAndNoSessionKeepsAFileHandle() throws Exception {
		try (ChangeStore store = openStore()) {
			long handlesBefore = openHandles();
			ChangeSession shown = null;
			for (int i = 0; i < 60; i++) {
				shown = store.openSession("chat-" + i, "chat " + i);
				shown.createCheckpoint("prompt of chat " + i);
			}
			assertTrue(openHandles() <= handlesBefore + 2,
					"60 sessions hold no handle each: " + handlesBefore + " -> " + openHandles());
			for (int i = 0; i < 60; i++) {
				age("chat-" + i, Duration.ofDays(60 - i));
			}
			// a long IDE run: the chats no longer shown are let go, and pruning keeps what the retention says
			List<String> removed = List.of();
			for (int attempt = 0; attempt < 10 && removed.size() < 57; attempt++) {
				System.gc();
				Thread.sleep(50);
				removed = new java.util.ArrayList<>(removed);
				removed.addAll(store.prune(new RetentionPolicy(3, Duration.ofDays(1))).removedSessions());
			}
			assertEquals(57, removed.size(), "the newest 3 are kept: " + removed);
			try (Stream<Path> journals = Files.list(state.resolve("sessions"))) {
				assertEquals(Set.of("chat-57.jsonl", "chat-58.jsonl", "chat-59.jsonl"),
						journals.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
			}
			assertEquals(1, shown.checkpoints().size(), "the session still shown goes on working");
			shown.createCheckpoint("one more");
			assertEquals(2, store.openSession("chat-59", "chat 59").checkpoints().size(), "and is the same session");
		}
	}

	private static long openHandles() throws IOException {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.count();
		}
	}

	@Test
	void leftoversOfAPruneInterruptedBeforeTheSweepGoNextTime() throws IOException {
		session("gone", "a.txt", "gone original", "gone agent", Duration.ofDays(40));
		session("kept", "a.txt", "kept original", "kept agent", Duration.ofDays(1));
		Files.delete(journal("gone")); // the crash came after the journal was deleted, before the sweep
		Path fan = state.resolve("blobs").resolve("ab");
		Files.createDirectories(fan);
		Files.write(fan.resolve(".tmp-123.part"), utf8("half a content written when the process stopped"));

		try (ChangeStore store = openStore()) {
			PruneReport report = store.prune(new RetentionPolicy(10, Duration.ofDays(7)));

			assertEquals(List.of(), report.removedSessions());
			assertEquals(2, report.removedBlobs());
			assertEquals(new TreeSet<>(Set.of(hash("kept original"), hash("kept agent"))), storedHashes());
		}
	}
}
