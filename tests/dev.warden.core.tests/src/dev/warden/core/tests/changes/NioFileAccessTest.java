package dev.warden.core.tests.changes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.changes.NioFileAccess;

/**
 * Writing a file whole: a new file moved over the old one, which keeps the old one's permissions; a file that did not
 * exist gets the permissions of any new file, not the owner-only ones of a temporary file.
 */
class NioFileAccessTest {

	@TempDir
	Path root;

	@Test
	void aReplacedFileKeepsItsPermissionsAndANewOneGetsThoseOfAnyNewFile() throws IOException {
		NioFileAccess files = new NioFileAccess(root);
		Path script = Files.createDirectories(root.resolve("bin")).resolve("run.sh");
		Files.writeString(script, "echo one\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
		Object inode = Files.getAttribute(script, "unix:ino");

		files.write("bin/run.sh", "echo two\n".getBytes(StandardCharsets.UTF_8));
		assertEquals("echo two\n", Files.readString(script));
		assertNotEquals(inode, Files.getAttribute(script, "unix:ino"), "a new file moved over the old one");
		assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));

		files.write("bin/new.txt", "new\n".getBytes(StandardCharsets.UTF_8));
		Path reference = Files.createFile(root.resolve("reference.txt"));
		assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(root.resolve("bin/new.txt")));
		assertArrayEquals("new\n".getBytes(StandardCharsets.UTF_8), files.read("bin/new.txt").orElseThrow());
		try (Stream<Path> left = Files.list(root.resolve("bin"))) {
			assertEquals(List.of("new.txt", "run.sh"), left.map(p -> p.getFileName().toString()).sorted().toList(),
					"no temporary file is left");
		}
	}
}
