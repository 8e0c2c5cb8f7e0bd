package dev.warden.core.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths {@link GlobMatches} finds for a glob are those bash and dash expand it to, in a folder with dot files,
 * nested folders and symbolic links; a bracket expression finds at least what the shells find.
 */
class GlobMatchesTest {

	@TempDir
	static Path folder;

	@BeforeAll
	static void createFiles() throws IOException {
		for (String file : List.of("README.md", "notes.txt", ".env", "src/Main.java", "src/util/Helper.java",
				"src/.hidden/x.java", "docs/guide.md", "docs/a b.md", "weird/*", "weird/q?.txt")) {
			Path path = folder.resolve(file);
			Files.createDirectories(path.getParent());
			Files.writeString(path, file);
		}
		Files.createSymbolicLink(folder.resolve("docs/hosts.txt"), Path.of("/etc/hosts"));
		Files.createSymbolicLink(folder.resolve("linked"), Path.of("src"));
		Files.createSymbolicLink(folder.resolve("docs/dangling"), Path.of("nowhere"));
	}

	@Test
	void globsFindWhatTheShellsExpand() throws Exception {
		for (String glob : List.of("*", "*.md", "*/*", "*/*.java", "docs/*", "docs/h*", "?ocs/*.txt", "*/util/*",
				"src/*/*.java", "*/Main.java", "*/missing", "docs/*/x", "nothing*", ".e*", "*/",
				"linked/*", "l*/util/H*", "weird/*", "docs/*.md", "src/../docs/*", "./*.txt", "docs/dan*")) {
			List<String> found = GlobMatches.of(glob, folder, false);
			for (String shell : List.of("bash", "dash")) {
				assertEquals(expansion(shell, glob), found, shell + " expands " + glob);
			}
		}
	}

	@Test
	void dotFilesMatchWhenTheShellMayMatchThem() throws Exception {
		assertEquals(List.of(".env", "README.md", "docs", "linked", "notes.txt", "src", "weird"),
				GlobMatches.of("*", folder, true));
	}

	@Test
	void bracketsFindAtLeastWhatTheShellsFind() throws Exception {
		for (String glob : List.of("docs/[h]*", "[!d]*/*.java", "[[:upper:]]*", "docs/[^g]*", "[sd]*/[a-z]*")) {
			List<String> found = GlobMatches.of(glob, folder, false);
			for (String shell : List.of("bash", "dash")) {
				List<String> expanded = expansion(shell, glob);
				assertTrue(found.containsAll(expanded), () -> shell + " expands " + glob + " to " + expanded
						+ ", not all found: " + found);
			}
		}
	}

	@Test
	void tooManyNamesAreNotLookedAt(@TempDir Path big) throws IOException {
		for (int i = 0; i <= GlobMatches.MAX_NAMES; i++) {
			Files.createFile(big.resolve("f" + i));
		}
		assertNull(GlobMatches.of("*", big, false));
		assertNull(GlobMatches.of("f1234*", big, false)); // every name is looked at, whatever the glob
	}

	/** What the shell expands the glob to, in the folder; empty when it matches nothing. */
	private static List<String> expansion(String shell, String glob) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(shell, "-c",
				"for f in " + glob + "; do printf '%s\\n' \"$f\"; done").directory(folder.toFile())
				.redirectErrorStream(true);
		builder.environment().put("LC_ALL", "C"); // sorted by bytes, as the names found are
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(10, TimeUnit.SECONDS));
		List<String> names = new ArrayList<>(output.lines().toList());
		if (names.equals(List.of(glob))) {
			return List.of(); // no match: the shell passes the glob as written
		}
		return names;
	}
}
