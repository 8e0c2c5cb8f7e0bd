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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IDE killed while a command ran in the sandbox leaves that command's staging folder behind (its copy-on-write
 * layer, unreadable work folders and masks); the next process that makes one sweeps away those whose process has
 * ended, and leaves those of live processes and of other programs alone.
 */
class StagingSweepTest {

	@Test
	void foldersOfEndedProcessesAreSweptAndOthersKept(@TempDir Path temp) throws Exception {
		Process process = new ProcessBuilder("sleep", "30").start();
		String ended = Staging.owner(process.toHandle());
		process.destroy();
		assertTrue(process.waitFor(10, TimeUnit.SECONDS));

		Path dead = staging(temp, "warden-sandbox-1", ended);
		Path live = staging(temp, "warden-sandbox-2", Staging.owner(ProcessHandle.current()));
		// the id of a live process with another start time: the id was used again after its owner ended
		Path reused = staging(temp, "warden-sandbox-3", ProcessHandle.current().pid() + " 12345");
		Path unownedNew = staging(temp, "warden-sandbox-4", null);
		Path unownedOld = staging(temp, "warden-sandbox-5", null);
		Files.setLastModifiedTime(unownedOld, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
		Path other = staging(temp, "other-sandbox-1", ended);
		Path strange = staging(temp, "warden-sandbox-6", "not a process");

		assertEquals(3, Staging.sweep(temp, Instant.now()));
		assertFalse(Files.exists(dead));
		assertFalse(Files.exists(reused));
		assertFalse(Files.exists(unownedOld));
		for (Path kept : new Path[] { live, unownedNew, other, strange }) {
			assertTrue(Files.isDirectory(kept.resolve("r0/upper")), kept + " is kept whole");
		}
	}

	@Test
	void aNewStagingFolderNamesItsProcess() throws Exception {
		try (Staging staging = Staging.create()) {
			assertEquals(Staging.owner(ProcessHandle.current()), Files.readString(staging.dir().resolve(Staging.OWNER)));
			Staging.sweep(staging.dir().getParent(), Instant.now());
			assertTrue(Files.isDirectory(staging.dir()), "a live process's folder is not swept");
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
