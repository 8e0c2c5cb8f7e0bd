package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;

/**
 * Warden hides what Git ignores, checked against the real {@code git check-ignore} in a real repository: the user's
 * {@code core.excludesFile} (set in {@code ~/.gitconfig}, or the default {@code ~/.config/git/ignore}) counts, and the
 * repository's rules go on applying below folders whose {@code .git} is not a repository (an empty file or folder, a
 * stale {@code gitdir:} pointer of a removed submodule or work tree, a {@code HEAD} that is no reference).
 */
class GitIgnoreParityTest {

	@TempDir
	static Path base;

	static Path repo;
	static Path home;
	static Map<String, String> environment;

	@BeforeAll
	static void createRepository() throws Exception {
		home = Files.createDirectories(base.resolve("home"));
		repo = Files.createDirectories(base.resolve("repo"));
		environment = Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1");
		assumeTrue(git(repo, "init", "-q", ".") == 0, "git is installed");
		write(home.resolve(".gitconfig"), "[core]\n\texcludesFile = ~/global-ignore\n");
		write(home.resolve("global-ignore"), "*.bak\n/rootonly.txt\n");
		write(repo.resolve(".gitignore"), "build/\n*.log\n!keep.log\n!important.bak\n");
		write(repo.resolve(".git/info/exclude"), "local-*\n");
		write(repo.resolve("emptyfile/.git"), "");
		Files.createDirectories(repo.resolve("emptydir/.git"));
		write(repo.resolve("stale/.git"), "gitdir: ../.git/modules/stale\n");
		write(repo.resolve("worktree/.git"), "gitdir: " + base.resolve("gone/.git/worktrees/w") + "\n");
		write(repo.resolve("badhead/.git/HEAD"), "not a reference\n");
		Files.createDirectories(repo.resolve("badhead/.git/objects"));
		Files.createDirectories(repo.resolve("badhead/.git/refs"));
		for (Object[] row : rows()) {
			write(repo.resolve((String) row[0]), "x\n");
		}
	}

	static List<Object[]> rows() {
		return Corpus.read(GitIgnoreParityTest.class, "git-ignore-parity.tsv").stream()
				.map(row -> new Object[] { row[0], row[1] }).toList();
	}

	static Stream<Arguments> cases() {
		return rows().stream().map(Arguments::of);
	}

	@ParameterizedTest(name = "[{index}] {0} is {1}")
	@MethodSource("cases")
	void wardenHidesWhatGitIgnores(String path, String expected) throws Exception {
		boolean gitIgnores = git(repo, "check-ignore", "-q", path) == 0;
		assertEquals(expected.equals("ignored"), gitIgnores, "git check-ignore " + path);
		PathPolicy policy = PathPolicy.of(List.of(ProtectedRoot.of(repo)), SensitivePatterns.parse(""), environment);
		var decision = policy.decide(path);
		assertEquals(gitIgnores ? PathVerdict.HIDDEN : PathVerdict.ALLOWED, decision.verdict(), decision.reason());
	}

	@Test
	void defaultGlobalIgnoreFileIsTheOneUnderConfig() throws Exception {
		Path otherHome = Files.createDirectories(base.resolve("home-xdg"));
		write(otherHome.resolve(".config/git/ignore"), "*.swp\n");
		Map<String, String> env = Map.of("HOME", otherHome.toString(), "GIT_CONFIG_NOSYSTEM", "1");
		PathPolicy policy = PathPolicy.of(List.of(ProtectedRoot.of(repo)), SensitivePatterns.parse(""), env);
		write(repo.resolve("notes.txt.swp"), "x\n");
		assertEquals(0, git(repo, env, "check-ignore", "-q", "notes.txt.swp"), "git reads ~/.config/git/ignore");
		assertEquals(PathVerdict.HIDDEN, policy.decide("notes.txt.swp").verdict());
		Path xdg = Files.createDirectories(base.resolve("xdg"));
		write(xdg.resolve("git/ignore"), "*.tmp\n");
		Map<String, String> withXdg = Map.of("HOME", otherHome.toString(), "XDG_CONFIG_HOME", xdg.toString(),
				"GIT_CONFIG_NOSYSTEM", "1");
		PathPolicy xdgPolicy = PathPolicy.of(List.of(ProtectedRoot.of(repo)), SensitivePatterns.parse(""), withXdg);
		assertEquals(0, git(repo, withXdg, "check-ignore", "-q", "a.tmp"), "git reads $XDG_CONFIG_HOME/git/ignore");
		assertEquals(PathVerdict.HIDDEN, xdgPolicy.decide("a.tmp").verdict());
		assertEquals(PathVerdict.ALLOWED, xdgPolicy.decide("notes.txt.swp").verdict(), "and then not ~/.config");
	}

	@Test
	void changedGlobalSettingIsReadAgain() throws Exception {
		Path otherHome = Files.createDirectories(base.resolve("home-change"));
		Map<String, String> env = Map.of("HOME", otherHome.toString(), "GIT_CONFIG_NOSYSTEM", "1");
		PathPolicy policy = PathPolicy.of(List.of(ProtectedRoot.of(repo)), SensitivePatterns.parse(""), env);
		assertEquals(PathVerdict.ALLOWED, policy.decide("data.cache").verdict());
		write(otherHome.resolve("mine.ignore"), "*.cache\n");
		write(otherHome.resolve(".gitconfig"), "[core]\n\texcludesfile = ~/mine.ignore\n");
		assertEquals(0, git(repo, env, "check-ignore", "-q", "data.cache"));
		assertEquals(PathVerdict.HIDDEN, policy.decide("data.cache").verdict());
	}

	private static void write(Path file, String text) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text, StandardCharsets.UTF_8);
	}

	private static int git(Path dir, String... args) throws Exception {
		return git(dir, environment, args);
	}

	private static int git(Path dir, Map<String, String> env, String... args) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of("git"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		builder.environment().remove("XDG_CONFIG_HOME");
		builder.environment().remove("GIT_CONFIG_GLOBAL");
		builder.environment().putAll(env);
		Process process;
		try {
			process = builder.start();
		} catch (IOException e) {
			return -1;
		}
		process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}
}
