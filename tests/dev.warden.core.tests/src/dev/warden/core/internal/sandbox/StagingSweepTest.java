package dev.warden.core.internal.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IDE killed while a command ran in the sandbox leaves that command's staging folder behind (its copy-on-write
 * layer, unreadable work folders and masks); the next process that makes one sweeps away those whose owner file no
 * process holds locked, and leaves those in use, those just being made and those of other programs alone.
 */
class StagingSweepTest {

	@Test
	void foldersNoProcessHoldsAreSweptAndOthersKept(@TempDir Path temp) throws Exception {
		try (Staging mine = Staging.create(temp); Staging live = Staging.create(temp)) {
			// as a killed process leaves it: the owner file is there, its lock went with the process
			Path dead = staging(temp, "warden-sandbox-1", "4242 1700000000000\n");
			Path unownedNew = staging(temp, "warden-sandbox-2", null);
			Path unownedOld = staging(temp, "warden-sandbox-3", null);
			Files.setLastModifiedTime(unownedOld, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
			Path other = staging(temp, "other-sandbox-1", "4242 1700000000000\n");
			// an owner file that is no regular file (a FIFO, a link to /dev/zero) is never opened
			Path strange = staging(temp, "warden-sandbox-4", null);
			Files.createSymbolicLink(strange.resolve(Staging.OWNER), Path.of("/dev/zero"));
			Path fifo = staging(temp, "warden-sandbox-5", null);
			assertEquals(0, new ProcessBuilder("mkfifo", fifo.resolve(Staging.OWNER).toString()).start().waitFor());

			assertEquals(2, Staging.sweep(temp, Instant.now(), mine.dir()));
			assertFalse(Files.exists(dead));
			assertFalse(Files.exists(unownedOld));
			for (Path kept : List.of(unownedNew, other, strange, fifo)) {
				assertTrue(Files.isDirectory(kept.resolve("r0/upper")), kept + " is kept whole");
			}
			assertTrue(Files.isDirectory(live.dir().resolve("empty")), "a folder in use is kept");
			assertTrue(Files.isDirectory(mine.dir().resolve("empty")));

			live.close();
			assertFalse(Files.exists(live.dir()), "closed, it is deleted");
		}
	}

	@Test
	void aNewStagingFolderNamesItsProcessAndHoldsItsLock(@TempDir Path temp) throws Exception {
		Path left;
		try (Staging staging = Staging.create(temp)) {
			left = staging.dir();
			assertEquals(Staging.owner(ProcessHandle.current()), Files.readString(left.resolve(Staging.OWNER)));
			try (Staging other = Staging.create(temp)) {
				assertEquals(0, Staging.sweep(temp, Instant.now(), other.dir()), "the lock is held");
			}
			// a folder whose process let go of the lock without deleting it, as a killed one does
			Files.copy(left.resolve(Staging.OWNER), temp.resolve("owner-copy"));
		}
		Files.createDirectories(left.resolve("r0/upper"));
		Files.copy(temp.resolve("owner-copy"), left.resolve(Staging.OWNER));
		try (Staging next = Staging.create(temp)) {
			assertEquals(1, Staging.sweep(temp, Instant.now(), next.dir()));
			assertFalse(Files.exists(left));
		}
	}

	/** A staging folder as a killed sandbox leaves it: a layer with a written file, unreadable folders and masks. */
	private static Path staging(Path temp, String name, String owner) throws Exception {
		Path folder = Files.createDirectory(temp.resolve(name));
		Files.createDirectories(folder.resolve("r0/upper/src"));
		Files.writeString(folder.resolve("r0/upper/src/App.java"), "class App {}\n");
		Files.createDirectories(folder.resolve("r0/work/work"));
		Files.setPosixFilePermissions(folder.resolve("r0/work/work"), PosixFilePermissions.fromString("---------"));
		Files.createDirectory(folder.resolve("mask-dir"));
		Files.setPosixFilePermissions(folder.resolve("mask-dir"), PosixFilePermissions.fromString("---------"));
		if (owner != null) {
			Files.writeString(folder.resolve(Staging.OWNER), owner);
		}
		return folder;
	}
}
