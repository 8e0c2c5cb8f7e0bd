package dev.warden.core.tests.changes;

import dev.warden.core.internal.changes.JournalChangeStore;
import static dev.warden.core.tests.changes.Bytes.binary;
import static dev.warden.core.tests.changes.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.changes.BlobException;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.changes.ContentHash;
import dev.warden.core.changes.FileOutcome.Outcome;
import dev.warden.core.changes.FileRestore;
import dev.warden.core.changes.NioFileAccess;
import dev.warden.core.changes.RestorePlan;
import dev.warden.core.changes.RestoreTarget;
import dev.warden.core.internal.changes.FileBlobStore;

class BlobStoreTest {

	@TempDir
	Path folder;

	private Path stored(Path blobs, ContentHash hash) {
		return blobs.resolve(hash.hex().substring(0, 2)).resolve(hash.hex().substring(2));
	}

	@Test
	void contentIsStoredOnceUnderItsSha256AndReadBackExactly() throws IOException {
		FileBlobStore store = new FileBlobStore(folder);
		byte[] content = binary(10_000, 5);

		ContentHash first = store.put(content);
		ContentHash second = store.put(content.clone());

		assertEquals(first, second);
		assertEquals(Bytes.sha(content), first.hex());
		assertArrayEquals(content, store.get(first));
		assertArrayEquals(content, Files.readAllBytes(stored(folder, first)));
		try (Stream<Path> walk = Files.walk(folder)) {
			assertEquals(1, walk.filter(Files::isRegularFile).count());
		}
		assertArrayEquals(new byte[0], store.get(store.put(new byte[0])));
	}

	@Test
	void damagedContentIsReportedAsCorruptNeverReturned() throws IOException {
		FileBlobStore store = new FileBlobStore(folder);
		ContentHash hash = store.put(utf8("precious original"));
		Path file = stored(folder, hash);
		byte[] bytes = Files.readAllBytes(file);
		bytes[3] ^= 0x01;
		Files.write(file, bytes);

		BlobException e = assertThrows(BlobException.class, () -> store.get(hash));

		assertEquals(BlobException.Reason.CORRUPT, e.reason());
		assertEquals(hash, e.hash());
	}

	@Test
	void missingContentIsReportedAsMissing() throws IOException {
		FileBlobStore store = new FileBlobStore(folder);
		ContentHash hash = ContentHash.of(utf8("never stored"));

		assertFalse(store.contains(hash));
		assertEquals(BlobException.Reason.MISSING, assertThrows(BlobException.class, () -> store.get(hash)).reason());
	}

	@Test
	void restoreWhoseOriginalWasDamagedMarksTheFileUnrecoverableAndWritesNothing(@TempDir Path workspace)
			throws IOException {
		Path state = folder.resolve("state");
		try (ChangeStore store = JournalChangeStore.open(state, AuditLog.NONE)) {
			ChangeSession session = store.createSession("corruption");
			NioFileAccess files = new NioFileAccess(workspace);
			files.write("a.txt", utf8("original a"));
			files.write("b.txt", utf8("original b"));
			Agent agent = new Agent(session, files);
			agent.write("a.txt", "agent a");
			agent.write("b.txt", "agent b");
			Path damaged = stored(state.resolve("blobs"), ContentHash.of(utf8("original a")));
			Files.write(damaged, utf8("original A"));

			RestorePlan plan = session.planRestore(RestoreTarget.sessionStart(), files);

			assertEquals(FileRestore.Action.UNRECOVERABLE, plan.files().get(0).action());
			assertTrue(plan.files().get(0).reason().contains("damaged"), plan.files().get(0).reason());
			var result = session.execute(plan, Map.of(), files);
			assertEquals(Outcome.UNRECOVERABLE, result.files().get(0).outcome());
			assertEquals("agent a", Files.readString(workspace.resolve("a.txt")));
			assertEquals("original b", Files.readString(workspace.resolve("b.txt")));
		}
	}
}
