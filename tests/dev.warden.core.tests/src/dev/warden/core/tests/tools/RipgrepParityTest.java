package dev.warden.core.tests.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.protect.PathPolicy;
import dev.warden.core.tools.ToolOutput;

/**
 * Warden's {@code list_files} and {@code search_text} against ripgrep on a generated tree (see {@link SearchTree}:
 * nested {@code .gitignore} files with negations and anchored rules, {@code info/exclude}, an ignored
 * {@code node_modules}, binary and large files, a {@code .wardenignore}). ripgrep runs with the options that give it
 * Warden's rules: {@code --hidden} (Warden shows dot files), {@code --glob !.git}, {@code --ignore-file .wardenignore}
 * and, for the search, {@code --max-filesize 2M} (search_text skips larger files). The one deliberate difference:
 * the files Warden's sensitive patterns hide, which ripgrep shows.
 */
class RipgrepParityTest {

	/** What Warden hides in the tree and ripgrep shows: the sensitive files. */
	private static final Set<String> SENSITIVE = Set.of(".env", "config/server.pem");

	private static final List<String> RG_RULES = List.of("--hidden", "--glob", "!.git", "--ignore-file",
			".wardenignore");

	@TempDir
	static Path folder;

	private static Path root;

	private static SearchTools tools;

	@BeforeAll
	static void generate() throws IOException {
		root = Files.createDirectories(folder.resolve("tree"));
		SearchTree.generate(root, 3000, 7L);
		tools = SearchTools.of(root);
	}

	@Test
	void theWalkShowsWhatTheIgnoreRulesLeaveAndHidesTheRest() throws Exception {
		Set<String> files = wardenFiles();
		for (String visible : List.of("README.md", ".gitignore", ".wardenignore", "data/keep.log",
				"data/large-0.txt", "data/large-3.txt", "modules/m0/src/main/java/dev/p0/important.bak",
				"modules/m0/src/main/java/dev/p0/keep.cache", "modules/m0/src/main/java/dev/p0/sub/local-only.txt")) {
			assertTrue(files.contains(visible), visible + " is visible");
		}
		for (String hidden : List.of(".env", "config/server.pem", "private-notes/plan.md", "dist/bundle.js",
				"data/run.log", "data/editor.swp", "modules/m0/build/classes/Out.class",
				"modules/m0/src/main/java/dev/p0/local-only.txt", "modules/m0/src/main/java/dev/p0/a.cache")) {
			assertFalse(files.contains(hidden), hidden + " is hidden");
		}
		assertTrue(files.stream().noneMatch(f -> f.startsWith("node_modules/") || f.contains("/generated/")),
				"ignored folders are not entered");
		assertTrue(files.stream().anyMatch(f -> f.endsWith(".png")), "binary files are listed");
	}

	@Test
	void theWalkListsWhatRgFilesListsButTheSensitiveFiles() throws Exception {
		Set<String> rg = rg("--files");
		Set<String> warden = wardenFiles();
		Set<String> onlyWarden = new TreeSet<>(warden);
		onlyWarden.removeAll(rg);
		assertEquals(Set.of(), onlyWarden, "files Warden lists and rg does not");
		Set<String> onlyRg = new TreeSet<>(rg);
		onlyRg.removeAll(warden);
		assertEquals(new TreeSet<>(SENSITIVE), onlyRg, "files rg lists and Warden does not");
		PathPolicy policy = PathPolicy.of(root);
		for (String file : onlyRg) {
			assertTrue(policy.decide(file).reason().startsWith("sensitive"), file + ": " + policy.decide(file));
		}
	}

	@Test
	void listFilesWithAGlobListsWhatRgListsWithIt() throws Exception {
		ToolOutput output = tools.call("list_files", "{\"glob\":\"*.md\"}");
		assertFalse(output.error(), output.content());
		Set<String> listed = new TreeSet<>();
		for (String line : output.content().lines().skip(1).toList()) {
			listed.add(line.substring(0, line.lastIndexOf(" (")));
		}
		assertTrue(listed.size() > 10, output.content());
		assertEquals(rg("--files", "--glob", "*.md"), listed);
	}

	@Test
	void searchTextFindsTheFilesRgFinds() throws Exception {
		assertSameFiles("{\"pattern\":\"" + SearchTree.NEEDLE + "\",\"literal\":true,\"max_results\":1000}",
				"-l", "-F", SearchTree.NEEDLE);
		assertSameFiles("{\"pattern\":\"needle_[0-9a-f]{4}\\\\b\",\"max_results\":1000}", "-l",
				"needle_[0-9a-f]{4}\\b");
		assertSameFiles("{\"pattern\":\"^kept\",\"max_results\":1000}", "-l", "^kept");
	}

	private void assertSameFiles(String arguments, String... rgArguments) throws Exception {
		ToolOutput output = tools.call("search_text", arguments);
		assertFalse(output.error(), output.content());
		assertFalse(output.content().contains("[truncated"), output.content());
		Set<String> warden = new TreeSet<>();
		for (String line : output.content().lines().skip(1).toList()) {
			warden.add(line.substring(0, line.indexOf(':')));
		}
		List<String> command = new ArrayList<>(List.of("--max-filesize", "2M"));
		command.addAll(List.of(rgArguments));
		Set<String> rg = rg(command.toArray(String[]::new));
		rg.removeAll(SENSITIVE);
		assertTrue(warden.size() > 5, output.content());
		assertEquals(rg, warden, arguments);
	}

	private static Set<String> wardenFiles() throws Exception {
		Set<String> files = new TreeSet<>();
		tools.files().walk(".", 64, entry -> {
			if (!entry.directory()) {
				files.add(entry.path());
			}
			return true;
		});
		return files;
	}

	/** The lines rg prints in the tree's root with Warden's rules and {@code arguments}; skipped without rg. */
	private static Set<String> rg(String... arguments) throws Exception {
		String rg = null;
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
			if (Files.isExecutable(Path.of(dir, "rg"))) {
				rg = Path.of(dir, "rg").toString();
				break;
			}
		}
		Assumptions.assumeTrue(rg != null, "ripgrep (rg) is not installed ('apt-get install ripgrep')");
		List<String> command = new ArrayList<>(List.of(rg));
		command.addAll(RG_RULES);
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(root.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true).start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		assertTrue(exit <= 1, "rg failed: " + text);
		return new TreeSet<>(text.lines().toList());
	}
}
