package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;
import dev.warden.core.protect.VisibleFile;
import dev.warden.core.protect.Walk;

/** Listing and walking show exactly the visible files, never a hidden one, and do not enter hidden folders. */
class PathWalkTest {

	@TempDir
	Path base;

	ProjectTree tree;
	PathPolicy policy;

	@BeforeEach
	void createTree() throws IOException {
		tree = ProjectTree.create(base);
		policy = PathPolicy.of(tree.root);
	}

	@Test
	void walkReportsExactlyTheVisibleFiles() {
		Set<String> seen = new TreeSet<>();
		Walk walk = policy.walk(".", 50, f -> seen.add(f.relativePath()));
		assertEquals(PathVerdict.ALLOWED, walk.start().verdict());
		Set<String> expected = new TreeSet<>(List.of(".gitignore", ".wardenignore", "Mixed.txt", "README.md",
				"caf\u00e9.txt", "docs", "docs/a", "docs/guide.md", "home", "important.log", "link-in", "link-readme",
				"nested", "nested/.gitignore", "nested/y.txt", "nested/z.bin", "pom.xml", "src", "src/.gitignore",
				"src/keep.tmp", "src/main", "src/main/App.java", "src/main/resources",
				"src/main/resources/app.properties", "src/sub", "src/sub/.gitignore", "src/sub/trace.log", "src/test",
				"src/test/AppTest.java", "config", "certs", "deploy", "deploy/.docker", "keys", ".env.example",
				"Credentials.java", "Outer$Inner.class", "config.json", "secrets.md", "settings.xml", "home/.config",
				"home/.config/gh", "home/.m2", "emptygit", "oldmodule", "vendored"));
		assertEquals(expected, seen);
	}

	@Test
	void everyWalkedEntryIsAllowedByDecide() {
		List<VisibleFile> all = new ArrayList<>();
		policy.walk("", 50, all::add);
		for (VisibleFile f : all) {
			assertEquals(PathVerdict.ALLOWED, policy.decide(f.relativePath()).verdict(), f.relativePath());
		}
	}

	@Test
	void hiddenFolderIsNotEntered() throws IOException {
		Files.createDirectories(tree.root.resolve("build/deep/er"));
		Files.writeString(tree.root.resolve("build/deep/er/visible-name.txt"), "x");
		Files.writeString(tree.root.resolve(".gitignore"), "!build/deep/er/visible-name.txt\n", 
				java.nio.file.StandardOpenOption.APPEND);
		List<String> seen = new ArrayList<>();
		policy.walk(".", 50, f -> seen.add(f.relativePath()));
		assertFalse(seen.stream().anyMatch(p -> p.startsWith("build")), seen.toString());
		assertEquals(PathVerdict.HIDDEN, policy.decide("build/deep/er/visible-name.txt").verdict());
	}

	@Test
	void listShowsOneLevelWithoutHiddenEntries() {
		List<String> names = policy.list("src").stream().map(VisibleFile::relativePath).toList();
		assertEquals(List.of("src/.gitignore", "src/keep.tmp", "src/main", "src/sub", "src/test"), names);
	}

	@Test
	void listingAHiddenOrOutsideFolderShowsNothing() {
		assertTrue(policy.list("build").isEmpty());
		assertTrue(policy.list(".ssh").isEmpty());
		assertTrue(policy.list("link-out").isEmpty());
		assertEquals(PathVerdict.REFUSED, policy.walk("..", 5, f -> true).start().verdict());
	}

	@Test
	void visitorCanStopTheWalk() {
		List<String> seen = new ArrayList<>();
		policy.walk(".", 50, f -> seen.add(f.relativePath()) && seen.size() < 3);
		assertEquals(3, seen.size());
	}
}
