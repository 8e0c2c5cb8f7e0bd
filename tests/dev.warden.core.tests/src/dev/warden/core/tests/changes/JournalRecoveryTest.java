package dev.warden.core.tests.changes;

import dev.warden.core.internal.changes.JournalChangeStore;
import static dev.warden.core.tests.changes.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.changes.NioFileAccess;
import dev.warden.core.changes.RecoveryNote;
import dev.warden.core.changes.RestorePlan;
import dev.warden.core.changes.RestoreResult;
import dev.warden.core.changes.RestoreTarget;
import dev.warden.core.changes.TouchedFile;

class JournalRecoveryTest {

	private static final int FILES = 40;
	private static final int EXISTING = 20;

	@TempDir
	Path state;
	@TempDir
	Path workspace;

	static String pathOf(int n) {
		int k = n % FILES;
		return "d" + k % 5 + "/f" + k + (k % 3 == 0 ? ".bin" : ".txt");
	}

	static byte[] contentOf(int n) {
		return n % 3 == 0 ? Bytes.binary(200 + n % 50, n) : utf8("write " + n + "\n".repeat(n % 4));
	}

	private static byte[] originalOf(int k) {
		return k % 4 == 0 ? new byte[0] : Bytes.binary(100 + k, 1000 + k);
	}

	private Path journal(String id) {
		return state.resolve("sessions").resolve(id + ".jsonl");
	}

	/** The SHA-256 of every file under the workspace, by relative path. */
	private Map<String, String> snapshot() throws IOException {
		return Bytes.tree(workspace);
	}

	@Test
	void tornLastRecordIsIgnoredWithANoteAndNewRecordsFollowTheLastIntactOne() throws IOException {
		String id;
		List<TouchedFile> touched;
		try (ChangeStore store = JournalChangeStore.open(state, AuditLog.NONE)) {
			ChangeSession session = store.createSession("torn");
			id = session.id();
			Agent agent = new Agent(session, new NioFileAccess(workspace));
			agent.write("a.txt", "one");
			agent.write("b.txt", "two");
			touched = session.touchedFiles();
		}
		List<String> lines = Files.readAllLines(journal(id));
		String last = lines.get(lines.size() - 1);
		Files.writeString(journal(id), last.substring(0, last.length() / 2), StandardOpenOption.APPEND);

		try (ChangeStore store = JournalChangeStore.open(state, AuditLog.NONE)) {
			ChangeSession session = store.openSession(id, "torn");
			List<RecoveryNote> notes = session.recoveryNotes();
			assertEquals(1, notes.size());
			assertTrue(notes.get(0).torn());
			assertEquals(lines.size() + 1, notes.get(0).line());
			assertEquals(touched, session.touchedFiles());
			new Agent(session, new NioFileAccess(workspace)).write("c.txt", "three");
		}
		try (ChangeStore store = JournalChangeStore.open(state, AuditLog.NONE)) {
			ChangeSession session = store.openSession(id, "torn");
			assertEquals(List.of(), session.recoveryNotes());
			assertEquals(List.of("a.txt", "b.txt", "c.txt"),
					session.touchedFiles().stream().map(TouchedFile::path).toList());
		}
	}

	/**
	 * A process killed between making the temporary file of an atomic write and moving it over its target leaves the
	 * temporary file: a restore after the restart removes it from the folders of the files it restores, and keeps a
	 * temporary file of a write under way now and a user's file with a like name.
	 */
	@Test
	void restoreAfterARestartRemovesTheTemporaryFilesOfWritesCutShort() throws IOException {
		Files.createDirectories(workspace.resolve("src"));
		Files.writeString(workspace.resolve("src/a.txt"), "original");
		Map<String, String> before = snapshot();
		String id;
		try (ChangeStore store = JournalChangeStore.open(state, AuditLog.NONE)) {
			ChangeSession session = store.createSession("killed");
			id = session.id();
			new Agent(session, new NioFileAccess(workspace)).write("src/a.txt", "changed");
		}
		Path leftover = Files.writeString(workspace.resolve("src/.warden-01k2j3h4g5f6d.tmp"), "half a write");
		Files.setLastModifiedTime(leftover, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
		Path userFile = Files.writeString(workspace.resolve("src/.warden-notes.tmp"), "mine");
		Files.setLastModifiedTime(userFile, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

		try (ChangeStore store = JournalChangeStore.open(state, AuditLog.NONE)) {
			ChangeSession session = store.openSession(id, "killed");
			Path underWay = Files.writeString(workspace.resolve("src/.warden-00000000000z9.tmp"), "a write under way now");
			Files.setLastModifiedTime(underWay, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
			NioFileAccess files = new NioFileAccess(workspace);
			RestoreResult result = session.execute(session.planRestore(RestoreTarget.sessionStart(), files), Map.of(),
					files);
			assertTrue(result.complete());
			assertFalse(Files.exists(leftover), "the temporary file of the write cut short is removed");
			assertTrue(Files.exists(underWay), "a write under way in this process keeps its temporary file");
			Files.delete(underWay);
		}
		assertTrue(Files.exists(userFile));
		Files.delete(userFile);
		assertEquals(before, snapshot());
	}

	@Test
	void damagedRecordInTheMiddleIsSkippedWithANoteAndTheRestIsIntact() throws IOException {
		String id;
		try (ChangeStore store = JournalChangeStore.open(state, AuditLog.NONE)) {
			ChangeSession session = store.createSession("damage");
			id = session.id();
			session.createCheckpoint("first prompt");
			session.createCheckpoint("second prompt");
			new Agent(session, new NioFileAccess(workspace)).write("a.txt", "one");
		}
		List<String> lines = new ArrayList<>(Files.readAllLines(journal(id)));
		assertTrue(lines.get(2).contains("second prompt"));
		lines.set(2, lines.get(2).replace("second prompt", "secönd prompt"));
		Files.write(journal(id), lines);

		try (ChangeStore store = JournalChangeStore.open(state, AuditLog.NONE)) {
			ChangeSession session = store.openSession(id, "damage");
			assertEquals(1, session.recoveryNotes().size());
			RecoveryNote note = session.recoveryNotes().get(0);
			assertEquals(3, note.line());
			assertFalse(note.torn());
			assertEquals(List.of("first prompt"),
					session.checkpoints().stream().map(c -> c.promptSummary()).toList());
			assertEquals(1, session.touchedFiles().size());
		}
	}

	@Test
	void sessionKilledWhileWritingIsRevertedWithExactBytesAfterRestart() throws Exception {
		for (int k = 0; k < EXISTING; k++) {
			Path file = workspace.resolve(pathOf(k));
			Files.createDirectories(file.getParent());
			Files.write(file, originalOf(k));
		}
		Map<String, String> before = snapshot();
		String id = "autopilot-crash";

		Process child = new ProcessBuilder(javaExecutable(), "-cp", childClassPath(), JournalCrashWriter.class.getName(),
				state.toString(), workspace.toString(), id).redirectErrorStream(true).start();
		int reported = -1;
		List<String> output = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while (reported < 300 && (line = out.readLine()) != null) {
				output.add(line);
				if (line.startsWith("wrote ")) {
					reported = Integer.parseInt(line.substring(6));
				}
			}
			child.destroyForcibly();
		}
		assertTrue(child.waitFor(30, TimeUnit.SECONDS));
		if (reported < 300) {
			fail("The writer stopped early: " + String.join("\n", output));
		}
		assertFalse(before.equals(snapshot()));

		try (ChangeStore store = JournalChangeStore.open(state, AuditLog.NONE)) {
			ChangeSession session = store.openSession(id, "crash");
			assertTrue(session.recoveryNotes().stream().allMatch(RecoveryNote::torn), session.recoveryNotes()::toString);
			assertEquals(FILES, session.touchedFiles().size());
			assertTrue(session.checkpoints().size() > reported / 7, "every checkpoint before the kill is there");
			for (TouchedFile file : session.touchedFiles()) {
				int k = Integer.parseInt(file.path().replaceAll(".*/f(\\d+)\\..*", "$1"));
				if (k < EXISTING) {
					assertArrayEquals(originalOf(k), session.content(file.original()), file.path());
				} else {
					assertTrue(file.original().isAbsent(), file.path());
				}
			}

			NioFileAccess files = new NioFileAccess(workspace);
			RestorePlan plan = session.planRestore(RestoreTarget.sessionStart(), files);
			assertEquals(List.of(), plan.conflicts());
			RestoreResult result = session.execute(plan, Map.of(), files);
			assertTrue(result.complete());
		}
		assertEquals(before, snapshot());
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The classes the writer needs: where this test, the core and gson were loaded from (so that it also works when
	 * the tests run inside OSGi), else the test's own class path.
	 */
	private static String childClassPath() {
		Set<String> entries = new LinkedHashSet<>();
		for (Class<?> type : List.of(JournalCrashWriter.class, ChangeStore.class, AuditLog.class, Gson.class)) {
			CodeSource source = type.getProtectionDomain().getCodeSource();
			URL location = source == null ? null : source.getLocation();
			try {
				if (location == null || !"file".equals(location.getProtocol())) {
					return System.getProperty("java.class.path");
				}
				entries.add(Path.of(location.toURI()).toString());
			} catch (URISyntaxException e) {
				return System.getProperty("java.class.path");
			}
		}
		return String.join(File.pathSeparator, entries);
	}
}
