package dev.warden.core.tests.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.tools.NioWorkspaceFiles;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.tools.FileEntry;
import dev.warden.core.tools.WorkspaceFiles;

/**
 * {@code walkFiles}, which may leave out the files a visitor does not want without examining them, visits exactly the
 * wanted files a whole walk visits, in the same order and with the same sizes: with folders whose names look like
 * files ({@code docs.v2}), files whose names look like folders ({@code Makefile}), links to files and folders, files
 * the ignore rules and the sensitive patterns hide, and depth limits.
 */
class WalkFilesTest {

	@TempDir
	Path root;

	@Test
	void wantedFilesAreThoseTheWholeWalkVisits() throws Exception {
		for (String file : List.of("README.md", "Makefile", "notes.md", "a/b/c/deep.md", "a/b/c/Other.java",
				"a/b/plain", "docs.v2/guide.md", "docs.v2/api.d/ref.md", "docs.v2/api.d/x.txt", "lib.d/inner",
				"build/out.md", "keep/.env.md", "keep/id_rsa", "keep/ignored.md", "leaf/one.md", "leaf/two.txt",
				"leaf/three")) {
			Path p = root.resolve(file);
			Files.createDirectories(p.getParent());
			Files.writeString(p, "x".repeat(file.length()));
		}
		Files.createDirectories(root.resolve("empty.d"));
		Files.createSymbolicLink(root.resolve("leaf/link.md"), root.resolve("README.md"));
		Files.createSymbolicLink(root.resolve("leaf/secret.md"), root.resolve("keep/id_rsa"));
		Files.createSymbolicLink(root.resolve("leaf/folder.md"), root.resolve("docs.v2"));
		Files.createSymbolicLink(root.resolve("leaf/outside.md"), Path.of("/etc/hostname"));
		Files.writeString(root.resolve(".gitignore"), "build/\nkeep/ignored.md\n");
		Files.writeString(root.resolve(".wardenignore"), "a/b/plain\n");
		WorkspaceFiles files = NioWorkspaceFiles.governedBy(Map.of(root.getFileName().toString(), root),
				PathPolicy.of(List.of(ProtectedRoot.of(root)), SensitivePatterns.defaults(),
						Map.of("HOME", root.resolve("no-home").toString(), "GIT_CONFIG_NOSYSTEM", "1")));
		int compared = 0;
		for (String glob : List.of("*.md", "**/*.md", "Makefile", "*.txt", "*", "ref.md", "*e*")) {
			PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
			Predicate<String> wanted = path -> matcher.matches(Path.of(path).getFileName());
			for (String dir : List.of(".", "docs.v2", "leaf")) {
				for (int depth : new int[] { 1, 2, 3, 20 }) {
					List<String> whole = new ArrayList<>();
					files.walk(dir, depth, entry -> {
						if (!entry.directory() && wanted.test(entry.path())) {
							whole.add(describe(entry));
						}
						return true;
					});
					List<String> only = new ArrayList<>();
					files.walkFiles(dir, depth, wanted, entry -> only.add(describe(entry)));
					assertEquals(whole, only, glob + " in " + dir + " to depth " + depth);
					compared += whole.size();
				}
			}
		}
		assertTrue(compared > 50, "files were compared: " + compared);
	}

	private static String describe(FileEntry entry) {
		return entry.path() + " " + entry.size() + " " + entry.depth() + (entry.directory() ? "/" : "");
	}
}
