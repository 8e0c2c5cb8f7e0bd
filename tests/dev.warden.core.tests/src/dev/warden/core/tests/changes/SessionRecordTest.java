package dev.warden.core.tests.changes;

import dev.warden.core.internal.changes.JournalChangeStore;
import static dev.warden.core.tests.changes.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.changes.ChangeKind;
import dev.warden.core.changes.ChangeOrigin;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.changes.FileOutcome.Outcome;
import dev.warden.core.changes.FileRestore.Action;
import dev.warden.core.changes.NioFileAccess;
import dev.warden.core.changes.Original;
import dev.warden.core.changes.OriginalSource;
import dev.warden.core.changes.RestorePlan;
import dev.warden.core.changes.RestoreTarget;
import dev.warden.core.changes.TouchedFile;
import dev.warden.core.changes.WriteMark;

class SessionRecordTest {

	@TempDir
	Path state;
	@TempDir
	Path workspace;

	private ChangeStore store;
	private ChangeSession session;
	private NioFileAccess files;
	private Agent agent;

	@BeforeEach
	void open() throws IOException {
		store = JournalChangeStore.open(state, AuditLog.NONE);
		session = store.createSession("record test");
		files = new NioFileAccess(workspace);
		agent = new Agent(session, files);
	}

	@AfterEach
	void close() throws IOException {
		store.close();
	}

	private long storedContents() throws IOException {
		try (Stream<Path> walk = Files.walk(state.resolve("blobs"))) {
			return walk.filter(Files::isRegularFile).count();
		}
	}

	@Test
	void touchedFilesShowCreatedModifiedDeletedWithOriginalAndLatestContent() throws IOException {
		files.write("mod.txt", utf8("before"));
		files.write("del.txt", utf8("doomed"));
		agent.write("mod.txt", "after");
		agent.delete("del.txt");
		agent.write("new.txt", "fresh");

		List<TouchedFile> touched = session.touchedFiles();

		assertEquals(List.of("mod.txt", "del.txt", "new.txt"), touched.stream().map(TouchedFile::path).toList());
		assertEquals(List.of(ChangeKind.MODIFIED, ChangeKind.DELETED, ChangeKind.CREATED),
				touched.stream().map(TouchedFile::kind).toList());
		assertArrayEquals(utf8("before"), session.content(touched.get(0).original()));
		assertArrayEquals(utf8("after"), session.content(touched.get(0).latest()));
		assertTrue(touched.get(1).latest().isAbsent());
		assertTrue(touched.get(2).original().isAbsent());
		assertEquals(ChangeOrigin.AGENT_TOOL, touched.get(2).lastOrigin());
	}

	@Test
	void checkpointStoresNoContentAndOriginalsAreCopiedOnlyOnTheFirstWriteAfterIt() throws IOException {
		for (int i = 0; i < 50; i++) {
			files.write("f" + i + ".txt", utf8("content " + i));
		}
		long empty = storedContents();
		session.createCheckpoint("prompt 1");
		assertEquals(empty, storedContents(), "a checkpoint copies nothing");

		agent.write("f1.txt", "one");
		assertEquals(empty + 2, storedContents(), "original and new content");
		agent.write("f1.txt", "two");
		assertEquals(empty + 3, storedContents(), "only the new content: the original is kept already");
		session.createCheckpoint("prompt 2");
		agent.write("f1.txt", "three");
		assertEquals(empty + 4, storedContents(), "the original at prompt 2 is 'two', stored already");
	}

	@Test
	void rejectedAndUndoneWritesDoNotCountAsTheSessionsLatest() throws IOException {
		files.write("a.txt", utf8("original"));
		long rejected = session.recordAgentWrite("a.txt", utf8("original"), utf8("proposed"), "supervised");
		session.mark(rejected, WriteMark.REJECTED);
		assertEquals(ChangeKind.UNCHANGED, session.touchedFiles().get(0).kind());

		agent.write("a.txt", "first");
		long second = agent.write("a.txt", "second");
		files.write("a.txt", utf8("first")); // Edit > Undo of the second write
		session.mark(second, WriteMark.UNDONE);

		TouchedFile touched = session.touchedFiles().get(0);
		assertArrayEquals(utf8("first"), session.content(touched.latest()));
		RestorePlan plan = session.planRestore(RestoreTarget.sessionStart(), files);
		assertEquals(Action.WRITE, plan.files().get(0).action(), "the undone state is what the session left");
	}

	@Test
	void commandChangeWithAnUnrecoverableOriginalIsShownAndNeverRestored() throws IOException {
		files.write("gen/Out.java", utf8("generated"));
		session.recordCommandChange("gen/Out.java", Original.unrecoverable(), utf8("generated"), "mvn generate");
		files.write("fmt.txt", utf8("formatted"));
		session.recordCommandChange("fmt.txt", Original.of(utf8("unformatted"), OriginalSource.GIT),
				utf8("formatted"), "prettier --write fmt.txt");

		List<TouchedFile> touched = session.touchedFiles();
		assertEquals(false, touched.get(0).recoverable());
		assertEquals(ChangeOrigin.COMMAND, touched.get(0).lastOrigin());
		assertEquals(OriginalSource.GIT, touched.get(1).originalSource());

		RestorePlan plan = session.planRestore(RestoreTarget.sessionStart(), files);
		assertEquals(List.of(Action.UNRECOVERABLE, Action.WRITE),
				plan.files().stream().map(f -> f.action()).toList());
		var result = session.execute(plan, Map.of(), files);
		assertEquals(Outcome.UNRECOVERABLE, result.files().get(0).outcome());
		assertEquals("generated", Files.readString(workspace.resolve("gen/Out.java")));
		assertEquals("unformatted", Files.readString(workspace.resolve("fmt.txt")));
	}

	@Test
	void commandChangeToAFileTouchedSinceTheCheckpointKeepsTheJournalsOriginal() throws IOException {
		files.write("a.txt", utf8("original"));
		agent.write("a.txt", "agent");
		assertArrayEquals(utf8("agent"), session.journalOriginal("a.txt").orElseThrow().content());
		files.write("a.txt", utf8("sed output"));
		session.recordCommandChange("a.txt", Original.unrecoverable(), utf8("sed output"), "sed -i s/a/b/ a.txt");

		TouchedFile touched = session.touchedFiles().get(0);
		assertArrayEquals(utf8("original"), session.content(touched.original()));
		assertArrayEquals(utf8("sed output"), session.content(touched.latest()));
	}

	@Test
	void badPathsAreRefusedWithAClearMessage() {
		for (String bad : new String[] { "", "../etc/passwd", "a//b", "a/./b", "a\\b", "a/\u0000" }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
					() -> session.recordAgentWrite(bad, null, utf8("x"), "bad"), bad);
			assertTrue(e.getMessage().contains("path"), e.getMessage());
		}
		assertThrows(IllegalArgumentException.class, () -> files.read("../outside"));
		assertThrows(IllegalArgumentException.class, () -> session.mark(99999, WriteMark.APPLIED));
		assertThrows(IllegalArgumentException.class, () -> session.stateAt("cp-7", "a.txt"));
	}

	@Test
	void leadingSlashIsDroppedSoBothSpellingsAreOneFile() throws IOException {
		agent.write("/p/a.txt", "one");
		agent.write("p/a.txt", "two");

		assertEquals(1, session.touchedFiles().size());
		assertEquals("p/a.txt", session.touchedFiles().get(0).path());
	}

	@Test
	void secondStoreOnTheSameDirectoryIsRefused() {
		IOException e = assertThrows(IOException.class, () -> JournalChangeStore.open(state, AuditLog.NONE));
		assertTrue(e.getMessage().contains("open already"), e.getMessage());
	}

	@Test
	void reopenedSessionAnswersAsBefore() throws IOException {
		files.write("a.txt", utf8("original"));
		session.createCheckpoint("prompt 1");
		agent.write("a.txt", "agent");
		agent.write("b.txt", "new");
		String id = session.id();
		List<TouchedFile> touched = session.touchedFiles();
		store.close();

		store = JournalChangeStore.open(state, AuditLog.NONE);
		ChangeSession reopened = store.openSession(id, "ignored");

		assertEquals(touched, reopened.touchedFiles());
		assertEquals("prompt 1", reopened.checkpoints().get(0).promptSummary());
		assertEquals("record test", reopened.info().title());
		assertTrue(reopened.recoveryNotes().isEmpty());
		assertEquals(List.of(id), store.sessions().stream().map(s -> s.id()).toList());
	}
}
