package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;

/**
 * Rules are skipped for a path that lacks their plain text; a set of characters ({@code [pk]}) is no such text, in
 * the sensitive patterns and in {@code .gitignore} files alike.
 */
class IgnoreLiteralTest {

	@TempDir
	Path root;

	@Test
	void aSetOfCharactersIsNoTextAPathMustContain() throws Exception {
		Files.writeString(root.resolve(".gitignore"), "*.[oa]\nbuild-[0-9]/\n");
		for (String file : List.of("x.key", "x.pey", "main.o", "lib.a", "main.c", "build-1/out.txt", "build-x/out.txt")) {
			Files.createDirectories(root.resolve(file).getParent());
			Files.writeString(root.resolve(file), "");
		}
		PathPolicy policy = PathPolicy.of(List.of(ProtectedRoot.of(root)), SensitivePatterns.parse("*.[pk]ey\n"),
				Map.of("HOME", root.resolve("home").toString(), "GIT_CONFIG_NOSYSTEM", "1"));
		for (String hidden : List.of("x.key", "x.pey", "main.o", "lib.a", "build-1/out.txt")) {
			assertEquals(PathVerdict.HIDDEN, policy.decide(hidden).verdict(), hidden);
		}
		for (String visible : List.of("main.c", "build-x/out.txt")) {
			assertEquals(PathVerdict.ALLOWED, policy.decide(visible).verdict(), visible);
		}
	}
}
