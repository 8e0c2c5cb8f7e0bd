package dev.warden.core.tests.changes;

import dev.warden.core.internal.changes.JournalChangeStore;
import static dev.warden.core.tests.changes.Bytes.binary;
import static dev.warden.core.tests.changes.Bytes.sha;
import static dev.warden.core.tests.changes.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.changes.Checkpoint;
import dev.warden.core.changes.ConflictDecision;
import dev.warden.core.changes.FileAccess;
import dev.warden.core.changes.FileOutcome.Outcome;
import dev.warden.core.changes.FileRestore;
import dev.warden.core.changes.FileRestore.Action;
import dev.warden.core.changes.NioFileAccess;
import dev.warden.core.changes.RestorePlan;
import dev.warden.core.changes.RestoreResult;
import dev.warden.core.changes.RestoreTarget;

class RestoreTest {

	@TempDir
	Path state;
	@TempDir
	Path workspace;

	private final List<AuditEvent> audit = new ArrayList<>();
	private ChangeStore store;
	private ChangeSession session;
	private NioFileAccess files;
	private Agent agent;

	@BeforeEach
	void open() throws IOException {
		store = JournalChangeStore.open(state, audit::add);
		session = store.createSession("restore test");
		files = new NioFileAccess(workspace);
		agent = new Agent(session, files);
	}

	@AfterEach
	void close() throws IOException {
		store.close();
	}

	private Path file(String path) {
		return workspace.resolve(path);
	}

	private void put(String path, byte[] content) throws IOException {
		Files.createDirectories(file(path).getParent());
		Files.write(file(path), content);
	}

	/** The SHA-256 of every file under the workspace, by relative path. */
	private Map<String, String> snapshot() throws IOException {
		return Bytes.tree(workspace);
	}

	@Test
	void revertAllRestoresExactBytesOfModifiedCreatedDeletedBinaryAndEmptyFiles() throws IOException {
		put("src/Main.java", utf8("class Main {}\r\n"));
		put("img/logo.png", binary(4096, 1));
		put("empty.txt", new byte[0]);
		put("gone.bin", binary(300, 2));
		put("untouched.txt", utf8("never touched\n"));
		Map<String, String> before = snapshot();

		session.createCheckpoint("make it better");
		agent.write("src/Main.java", "class Main { void run() {} }\n");
		agent.write("img/logo.png", binary(5000, 3));
		agent.write("empty.txt", "now with text");
		agent.delete("gone.bin");
		agent.write("src/New.java", "class New {}\n");
		agent.write("made/empty-new.txt", new byte[0]);
		agent.write("src/Main.java", "class Main { void run() { go(); } }\n");
		assertFalse(before.equals(snapshot()));

		RestorePlan plan = session.planRestore(RestoreTarget.sessionStart(), files);
		assertTrue(plan.conflicts().isEmpty(), plan.toString());
		RestoreResult result = session.execute(plan, Map.of(), files);

		assertEquals(before, snapshot());
		assertTrue(result.complete());
		assertEquals(2, result.with(Outcome.DELETED).size());
		assertEquals(4, result.with(Outcome.WRITTEN).size());
		assertEquals("changes.restore", audit.get(audit.size() - 1).kind());
	}

	@Test
	void restoreToMiddleCheckpointBringsBackTheStateJustBeforeThatPrompt() throws IOException {
		put("a.txt", utf8("a0"));
		put("b.txt", utf8("b0"));
		Checkpoint first = session.createCheckpoint("prompt 1");
		agent.write("a.txt", "a1");
		agent.write("c.txt", "c1");
		Map<String, String> beforeSecond = snapshot();
		Checkpoint second = session.createCheckpoint("prompt 2");
		agent.write("a.txt", "a2");
		agent.write("b.txt", "b2");
		agent.delete("c.txt");
		Checkpoint third = session.createCheckpoint("prompt 3");
		agent.write("b.txt", "b3");
		agent.write("d.txt", "d3");

		RestorePlan plan = session.planRestore(RestoreTarget.checkpoint(second), files);
		assertEquals(List.of("a.txt", "c.txt", "b.txt", "d.txt"),
				plan.files().stream().map(FileRestore::path).toList());
		session.execute(plan, Map.of(), files);

		assertEquals(beforeSecond, snapshot());
		assertEquals("a1", Files.readString(file("a.txt")));
		assertEquals("b0", Files.readString(file("b.txt")));
		assertEquals("c1", Files.readString(file("c.txt")));
		assertFalse(Files.exists(file("d.txt")));
		assertEquals(List.of(first, second, third), session.checkpoints());
	}

	@Test
	void stateAtCheckpointIsTheContentJustBeforeThatPromptOrEmptyWhenUnchangedSince() throws IOException {
		put("a.txt", utf8("a0"));
		Checkpoint first = session.createCheckpoint("prompt 1");
		agent.write("a.txt", "a1");
		agent.write("new.txt", "n1");
		Checkpoint second = session.createCheckpoint("prompt 2");
		agent.write("a.txt", "a2");
		Checkpoint third = session.createCheckpoint("prompt 3");

		assertArrayEquals(utf8("a0"), session.content(session.stateAt(first.id(), "a.txt").orElseThrow()));
		assertArrayEquals(utf8("a1"), session.content(session.stateAt(second.id(), "a.txt").orElseThrow()));
		assertTrue(session.stateAt(first.id(), "new.txt").orElseThrow().isAbsent());
		assertTrue(session.stateAt(second.id(), "new.txt").isEmpty(), "not changed since the second prompt");
		assertTrue(session.stateAt(third.id(), "a.txt").isEmpty());
	}

	@Test
	void fileChangedOnDiskAfterTheAgentIsAConflictWithThreeVersionsAndIsNotWritten() throws IOException {
		put("a.txt", utf8("original"));
		put("b.txt", utf8("b original"));
		session.createCheckpoint("prompt");
		agent.write("a.txt", "agent");
		agent.write("b.txt", "b agent");
		Files.writeString(file("a.txt"), "user edit");

		RestorePlan plan = session.planRestore(RestoreTarget.sessionStart(), files);
		FileRestore conflict = plan.conflicts().get(0);
		assertEquals(1, plan.conflicts().size());
		assertEquals("a.txt", conflict.path());
		assertArrayEquals(utf8("original"), session.content(conflict.target()));
		assertArrayEquals(utf8("agent"), session.content(conflict.latest()));
		assertEquals(sha(utf8("user edit")), conflict.onDisk().hash().hex());

		RestoreResult result = session.execute(plan, Map.of(), files);

		assertEquals("user edit", Files.readString(file("a.txt")), "never clobbered without a decision");
		assertEquals("b original", Files.readString(file("b.txt")));
		assertEquals(Outcome.SKIPPED, result.files().get(0).outcome());
	}

	@Test
	void conflictDecisionsTakeTheRestoreOrKeepTheUsersVersion() throws IOException {
		put("take.txt", utf8("take original"));
		put("keep.txt", utf8("keep original"));
		agent.write("take.txt", "take agent");
		agent.write("keep.txt", "keep agent");
		Files.writeString(file("take.txt"), "take user");
		Files.writeString(file("keep.txt"), "keep user");

		RestorePlan plan = session.planRestore(RestoreTarget.sessionStart(), files);
		RestoreResult result = session.execute(plan,
				Map.of("take.txt", ConflictDecision.TAKE_RESTORE, "keep.txt", ConflictDecision.KEEP_MINE), files);

		assertEquals("take original", Files.readString(file("take.txt")));
		assertEquals("keep user", Files.readString(file("keep.txt")));
		assertEquals(List.of(Outcome.WRITTEN, Outcome.KEPT_MINE),
				result.files().stream().map(f -> f.outcome()).toList());
		RestorePlan again = session.planRestore(RestoreTarget.sessionStart(), files);
		FileRestore kept = again.files().stream().filter(f -> f.path().equals("keep.txt")).findFirst().orElseThrow();
		assertEquals(Action.WRITE, kept.action(), "the kept version is now the session's latest, no longer a conflict");
	}

	@Test
	void undoingARestoreBringsBackEveryFileIncludingAUsersVersionItOverwrote() throws IOException {
		put("a.txt", utf8("a original"));
		put("b.txt", utf8("b original"));
		session.createCheckpoint("prompt");
		agent.write("a.txt", "a agent");
		agent.delete("b.txt");
		agent.write("c.txt", binary(1000, 7));
		Files.writeString(file("a.txt"), "a user");
		Map<String, String> beforeRestore = snapshot();

		RestoreResult restore = session.execute(session.planRestore(RestoreTarget.sessionStart(), files),
				Map.of("a.txt", ConflictDecision.TAKE_RESTORE), files);
		assertEquals("a original", Files.readString(file("a.txt")));
		assertFalse(Files.exists(file("c.txt")));

		RestorePlan undo = session.planUndoRestore(restore.restoreId(), files);
		assertTrue(undo.conflicts().isEmpty());
		RestoreResult undone = session.execute(undo, Map.of(), files);

		assertEquals(beforeRestore, snapshot());
		assertEquals("a user", Files.readString(file("a.txt")));
		assertEquals(2, session.restores().size());
		assertEquals(restore.restoreId(), session.restores().get(1).undoesRestoreId());
		RestoreResult redone = session.execute(session.planUndoRestore(undone.restoreId(), files), Map.of(), files);
		assertTrue(redone.complete());
		assertEquals("a original", Files.readString(file("a.txt")));
	}

	@Test
	void fileChangedAfterThePlanWasMadeIsLeftAlone() throws IOException {
		put("a.txt", utf8("original"));
		agent.write("a.txt", "agent");
		RestorePlan plan = session.planRestore(RestoreTarget.sessionStart(), files);
		Files.writeString(file("a.txt"), "typed meanwhile");

		RestoreResult result = session.execute(plan, Map.of(), files);

		assertEquals(Outcome.CHANGED_SINCE_PLAN, result.files().get(0).outcome());
		assertEquals("typed meanwhile", Files.readString(file("a.txt")));
		assertFalse(result.complete());
	}

	@Test
	void fileAlreadyAtTheTargetIsLeftAsItIs() throws IOException {
		put("a.txt", utf8("original"));
		agent.write("a.txt", "agent");
		Files.writeString(file("a.txt"), "original");

		FileRestore entry = session.planRestore(RestoreTarget.sessionStart(), files).files().get(0);

		assertEquals(Action.NONE, entry.action());
	}

	@Test
	void writeRecordedButNeverPerformedBeforeACrashIsNoConflict() throws IOException {
		put("a.txt", utf8("original"));
		put("b.txt", utf8("b original"));
		agent.write("b.txt", "b agent");
		session.recordAgentWrite("a.txt", utf8("original"), utf8("agent"), "interrupted");
		session.recordAgentWrite("b.txt", utf8("b agent"), utf8("b second"), "interrupted");

		RestorePlan plan = session.planRestore(RestoreTarget.sessionStart(), files);

		assertEquals(List.of(Action.WRITE, Action.NONE), plan.files().stream().map(FileRestore::action).toList());
	}

	@Test
	void writeThatFailsDuringARestoreIsReportedAndLeavesTheOthersRestored() throws IOException {
		put("a.txt", utf8("a original"));
		put("b.txt", utf8("b original"));
		agent.write("a.txt", "a agent");
		agent.write("b.txt", "b agent");
		FileAccess readOnlyA = new FileAccess() {
			@Override
			public Optional<byte[]> read(String path) throws IOException {
				return files.read(path);
			}

			@Override
			public void write(String path, byte[] content) throws IOException {
				if (path.equals("a.txt")) {
					throw new AccessDeniedException(path);
				}
				files.write(path, content);
			}

			@Override
			public void delete(String path) throws IOException {
				files.delete(path);
			}
		};

		RestoreResult result = session.execute(session.planRestore(RestoreTarget.sessionStart(), readOnlyA), Map.of(),
				readOnlyA);

		assertEquals(List.of(Outcome.FAILED, Outcome.WRITTEN), result.files().stream().map(f -> f.outcome()).toList());
		assertEquals("a agent", Files.readString(file("a.txt")));
		assertEquals("b original", Files.readString(file("b.txt")));
		assertEquals(List.of("a.txt", "b.txt"), session.restores().get(0).paths());
		RestorePlan retry = session.planRestore(RestoreTarget.sessionStart(), files);
		assertEquals(List.of(Action.WRITE, Action.NONE), retry.files().stream().map(FileRestore::action).toList());
	}
}
