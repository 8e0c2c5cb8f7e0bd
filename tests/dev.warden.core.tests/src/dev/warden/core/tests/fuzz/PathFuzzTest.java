package dev.warden.core.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

import dev.warden.core.internal.protect.PathSyntax;
import dev.warden.core.internal.protect.Visibility;
import dev.warden.core.protect.PathDecision;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;

/**
 * Path syntax, the path policy and {@code .wardenignore} reading under hostile input, on a real folder with links,
 * ignore files and secrets: nothing throws or takes long; an allowed path lies inside the root and is never
 * sensitive; a hidden or allowed verdict names the canonical location.
 */
class PathFuzzTest {

	@TempDir
	static Path base;

	static Path root;
	static PathPolicy policy;
	static final Map<String, String> NO_USER_GIT = Map.of("HOME", "/nonexistent-home", "GIT_CONFIG_NOSYSTEM", "1");

	private static final List<String> SEGMENTS = List.of("/", "/", "/", ".", "..", "src", "main", "App.java", ".env",
			".ENV", "id_rsa", ".ssh", "config", ".git", "build", "x.log", "link-out", "link-up", "link-in", "loop",
			"caf\u00e9.txt", "cafe\u0301.txt", "~", "~root", "$HOME", "${X}", "%TEMP%", "\\", "C:", "//", "file://",
			" ", ".", "\u0000", "\r", "\u202e", "\uff0e", "\u0435", "README.md", "Mixed.txt", "MIXED.TXT", "a".repeat(255),
			"a".repeat(256), "\u00e9".repeat(128), "*", "?", "[", "]", "!", ":", "\u2044");

	private static final Gen<String> PATHS = Fuzz.mostly(Fuzz.soup(SEGMENTS, 30),
			Fuzz.repeated(List.of("../", "a/", "./", "/", "link-up/", "\\", "x"), 3_000));

	private static final List<String> IGNORE_TOKENS = List.of("*", "**", "**/", "/", "!", "\\", "[", "]", "[!", "[^",
			"a-z", "[[:alpha:]]", "?", "#", " ", "\n", "\n", "\r\n", "\t", "src", ".env", "build/", "*.log", "a", "b",
			"a*a*a*a*a*a*a*a*b", "\\!", "\\#", "\\ ", "{", "}", ",", "\u00e9", "\uffff", "\u0000");

	@BeforeAll
	static void createTree() throws IOException {
		root = Files.createDirectories(base.resolve("proj"));
		for (String name : List.of("src/main/App.java", ".env", "id_rsa", ".ssh/config", "build/out.class", "x.log",
				"README.md", "Mixed.txt", "caf\u00e9.txt", "a".repeat(200) + "/" + "b".repeat(200))) {
			Path p = root.resolve(name);
			Files.createDirectories(p.getParent());
			Files.writeString(p, name);
		}
		Files.writeString(root.resolve(".gitignore"), "build/\n*.log\n", StandardCharsets.UTF_8);
		Files.createDirectories(base.resolve("outside"));
		Files.createSymbolicLink(root.resolve("link-out"), Path.of("../outside"));
		Files.createSymbolicLink(root.resolve("link-up"), Path.of(".."));
		Files.createSymbolicLink(root.resolve("link-in"), Path.of("src/main"));
		Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
		policy = PathPolicy.of(List.of(ProtectedRoot.of(root)), SensitivePatterns.defaults(), NO_USER_GIT);
	}

	@AfterAll
	static void report() {
		Fuzz.report("path-syntax");
		Fuzz.report("path-policy");
		Fuzz.report("wardenignore");
	}

	@Test
	void pathSyntaxNeverFails() {
		PathSyntax unix = new PathSyntax(false);
		PathSyntax windows = new PathSyntax(true);
		Fuzz.theory(30_000).forAll(PATHS).checkAssert(path -> Fuzz.timed("path-syntax", path, () -> {
			PathSyntax.Result a = unix.parse(path);
			PathSyntax.Result b = windows.parse(path);
			assertTrue(a.ok() != (a.refusal() != null));
			assertTrue(b.ok() != (b.refusal() != null));
		}));
	}

	@Test
	void policyNeverFailsAndAllowsOnlyInsideTheRoot() throws IOException {
		Path real = root.toRealPath();
		Fuzz.theory(6_000).forAll(PATHS).checkAssert(path -> Fuzz.timed("path-policy", path, () -> {
			checkDecision(policy, policy.decide(path), real);
			checkDecision(policy, policy.decideWrite(path), real);
		}));
	}

	@Test
	void wardenIgnoreOfAnyTextNeverFailsTheDecisions() throws IOException {
		Gen<String> ignoreFiles = Fuzz.soup(IGNORE_TOKENS, 60);
		Gen<String> paths = Fuzz.soup(List.of("/", "/", "src", "main", "App.java", "a", "b", "x.log", ".env", "aaaa",
				"a".repeat(60), "!", "#", " ", "[", "\\", "*"), 12);
		Path real = root.toRealPath();
		Fuzz.theory(3_000).forAll(ignoreFiles, paths).checkAssert((text, path) -> Fuzz.timed("wardenignore",
				text + "\u0000" + path, () -> {
					Files.write(root.resolve(".wardenignore"), text.getBytes(StandardCharsets.UTF_8));
					PathPolicy fresh = PathPolicy.of(List.of(ProtectedRoot.of(root)), SensitivePatterns.defaults(),
							NO_USER_GIT);
					checkDecision(fresh, fresh.decide(path), real);
					fresh.list("src");
				}));
		Files.deleteIfExists(root.resolve(".wardenignore"));
	}

	private static void checkDecision(PathPolicy policy, PathDecision decision, Path real) {
		assertNotNull(decision.reason());
		if (decision.verdict() == PathVerdict.REFUSED) {
			return;
		}
		assertTrue(decision.path().startsWith(real), "inside the root: " + decision.path());
		if (decision.verdict() == PathVerdict.ALLOWED && !decision.relativePath().isEmpty()) {
			String[] parts = decision.relativePath().split("/");
			StringBuilder prefix = new StringBuilder();
			for (int i = 0; i < parts.length; i++) {
				prefix.append(i == 0 ? "" : "/").append(parts[i]);
				boolean directory = i < parts.length - 1 || Files.isDirectory(decision.path());
				assertNull(Visibility.sensitiveReason(SENSITIVE, prefix.toString(), directory),
						"an allowed path is not sensitive: " + decision.relativePath());
			}
		}
	}

	private static final SensitivePatterns SENSITIVE = SensitivePatterns.defaults();
}
