package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.protect.CaseSensitivity;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;

/**
 * Case sensitivity is asked of the file system, and links named like a case variant cannot pass for a folding one:
 * on a case-sensitive store (the test machine's temporary folder) the answer stays "case matters" whatever links
 * with flipped names stand next to the root or inside it.
 */
class CaseSensitivityTest {

	@TempDir
	Path base;

	@BeforeEach
	void onlyOnCaseSensitiveStores() throws IOException {
		Path probe = Files.createFile(base.resolve("probe"));
		assumeFalse(Files.exists(base.resolve("PROBE")), "the temporary folder is case-sensitive");
		Files.delete(probe);
	}

	@Test
	void siblingLinkWithFlippedNameDoesNotMakeTheRootLookFolding() throws IOException {
		Path root = Files.createDirectories(base.resolve("proj"));
		Files.createSymbolicLink(base.resolve("PROJ"), root);
		assertFalse(CaseSensitivity.ignoresCase(root));
	}

	@Test
	void linkAndHardLinkInsideWithFlippedNamesDoNotMakeTheRootLookFolding() throws IOException {
		Path root = Files.createDirectories(base.resolve("p"));
		Path readme = Files.writeString(root.resolve("readme.md"), "x");
		Files.createSymbolicLink(root.resolve("README.MD"), readme);
		assertFalse(CaseSensitivity.ignoresCase(root));
		Path other = Files.createDirectories(base.resolve("q"));
		Path notes = Files.writeString(other.resolve("notes.txt"), "x");
		Files.createLink(other.resolve("NOTES.TXT"), notes);
		assertFalse(CaseSensitivity.ignoresCase(other));
	}

	@Test
	void caseVariantOfASensitiveFileIsStillHiddenAndTheRealSpellingIsUsed() throws IOException {
		Path root = Files.createDirectories(base.resolve("proj"));
		Files.createSymbolicLink(base.resolve("PROJ"), root);
		Files.writeString(root.resolve("Mixed.txt"), "x");
		PathPolicy policy = PathPolicy.of(root);
		assertEquals(PathVerdict.ALLOWED, policy.decide("Mixed.txt").verdict());
		assertEquals("new, inside 'proj'", policy.decide("mixed.txt").reason(), "another file on this store");
		assertEquals(PathVerdict.HIDDEN, policy.decide(".ENV").verdict());
	}
}
