package dev.warden.core.internal.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;

/**
 * A folder's rules narrowed once for its entries ({@link Visibility.Folder}, {@link FolderRuleFilter}), for the folder
 * itself or from its parent's, decide every entry as {@link Visibility#entryReason} decides it from the whole path,
 * reason for reason: on random trees of
 * folders with random {@code .gitignore} files at random levels, nested repositories, random {@code info/exclude},
 * global ignore file,
 * {@code .wardenignore} and sensitive patterns, on case-sensitive and case-folding roots, for names with and without
 * the rules' text, look-alikes and names ending in a dot.
 */
class FolderRulesPropertyTest {

	private static final long SEED = Long.getLong("warden.fuzz.seed", 20_261_202L);

	/** Names of folders and entries: the rules' text, pieces of it, case variants, look-alikes, plain names. */
	private static final List<String> NAMES = List.of("build", "Build", "src", "main", "gen", "sub", "a", "b", "dist",
			"x.log", "keep.log", "X.LOG", "a.txt", "b.txt", ".env", ".env.example", ".ENV", "id_rsa", "id_rsa.pub",
			"x.pem", "credentials", "Credentials.json", ".config", "git", "hosts.yml", ".ssh", "node_modules", "a.tmp",
			"name.", "name ", "caf\u00e9", ".\u0435nv", "\uff0eenv", "sub.log", "logs", "a_b", "[x]", "!x", "#x", "**",
			"gen.bak", "important.bak", "local-only.txt", "Class1.java", "README.md", "build-1", "keep");

	/** Pieces of ignore rules: anchors, negations, globs, folders only, escapes, sets, slashes inside. */
	private static final List<String> RULES = List.of("build/", "/dist", "*.log", "!keep.log", "*.tmp", "gen/",
			"!gen/", "src/**/gen", "**/sub/", "sub/*.log", "sub/a.txt", "/sub/a.txt", "a/b", "**/.config/git",
			".config/git/hosts.yml", "*.bak", "!important.bak", "/local-only.txt", "[ab].txt", "[!a]*.txt", "\\!x",
			"\\#x", "*", "!*.java", "**/*.md", "logs/**", "**/build-*/", "name.", "CREDENTIALS", "Build", "a?b", "*_b",
			"node_modules", "keep", "!keep", "main/", "src/main", "*.[pk]em", "caf\u00e9", "x/**/y", "**/a/**/b",
			"sub", "!sub", "/a", "a/", "/*.txt", "git/");

	@TempDir
	Path base;

	@Test
	void narrowedRulesDecideEveryEntryAsTheWholePathDoes() throws IOException {
		Random random = new Random(SEED);
		int compared = 0;
		int hidden = 0;
		for (int tree = 0; tree < 24; tree++) {
			Path top = Files.createDirectories(base.resolve("t" + tree));
			Path root = Files.createDirectories(top.resolve("root"));
			gitRepository(root);
			Files.writeString(root.resolve(".git/info/exclude"), rules(random, 3));
			Path config = Files.createDirectories(top.resolve("config/git"));
			Files.writeString(config.resolve("ignore"), rules(random, 3));
			if (random.nextBoolean()) {
				Files.writeString(root.resolve(Visibility.WARDEN_IGNORE), rules(random, 4));
			}
			List<String> folders = folders(random, root);
			SensitivePatterns sensitive = random.nextInt(3) == 0 ? SensitivePatterns.parse(rules(random, 8))
					: SensitivePatterns.defaults();
			Visibility visibility = new Visibility(sensitive, new IgnoreFileCache(),
					new GlobalExcludes(Map.of("HOME", top.resolve("home").toString(), "XDG_CONFIG_HOME",
							top.resolve("config").toString(), "GIT_CONFIG_NOSYSTEM", "1")));
			for (boolean folded : new boolean[] { false, true }) {
				RootContext context = new RootContext(ProtectedRoot.of(root), root.toRealPath(), folded,
						root.toRealPath());
				IgnoreRules warden = visibility.wardenRules(context);
				for (String folder : folders) {
					IgnoreChain chain = visibility.rootChain(context);
					// narrowed for the folder itself, and from its parent's narrowed rules, folder by folder
					Visibility.Folder derived = visibility.folder(context, chain, warden, "");
					for (String name : folder.isEmpty() ? new String[0] : folder.split("/")) {
						chain = chain.child(name);
						derived = derived.child(name, chain);
					}
					Visibility.Folder narrowed = visibility.folder(context, chain, warden, folder);
					for (String name : NAMES) {
						for (boolean directory : new boolean[] { false, true }) {
							String relative = folder.isEmpty() ? name : folder + "/" + name;
							String expected = visibility.entryReason(context, chain, warden, relative, name, directory);
							String where = "tree " + root + (folded ? " (folded)" : "") + ": " + relative
									+ (directory ? "/" : "");
							assertEquals(expected, narrowed.reason(name, directory), where);
							assertEquals(expected, derived.reason(name, directory), where + " (from the parent's)");
							compared++;
							hidden += expected == null ? 0 : 1;
						}
					}
				}
			}
		}
		// the trees hide some entries and show others: both answers were compared
		assertNotEquals(0, hidden);
		assertNotEquals(compared, hidden);
	}

	/** A few random rules, one a line. */
	private static String rules(Random random, int most) {
		StringBuilder text = new StringBuilder();
		for (int i = random.nextInt(most + 1); i > 0; i--) {
			text.append(RULES.get(random.nextInt(RULES.size()))).append('\n');
		}
		return text.toString();
	}

	/**
	 * Random folders below {@code root}, up to four deep, some with a {@code .gitignore}, some nested repositories;
	 * their relative paths.
	 */
	private List<String> folders(Random random, Path root) throws IOException {
		List<String> folders = new ArrayList<>(List.of(""));
		Files.writeString(root.resolve(".gitignore"), rules(random, 5));
		for (int i = 0; i < 8; i++) {
			StringBuilder relative = new StringBuilder();
			for (int depth = 1 + random.nextInt(4); depth > 0; depth--) {
				String name = NAMES.get(random.nextInt(NAMES.size()));
				if (name.equals("**") || name.endsWith(" ") || name.endsWith(".")) {
					name = "n" + depth; // kept out of folder names: not every file system allows them
				}
				relative.append(relative.length() == 0 ? "" : "/").append(name);
				Path folder = Files.createDirectories(root.resolve(relative.toString()));
				if (!folders.contains(relative.toString())) {
					folders.add(relative.toString());
					if (random.nextInt(3) == 0) {
						Files.writeString(folder.resolve(".gitignore"), rules(random, 4));
					}
					if (random.nextInt(8) == 0) { // a nested repository starts a chain of its own
						gitRepository(folder);
						Files.writeString(folder.resolve(".git/info/exclude"), rules(random, 2));
					}
				}
			}
		}
		return folders;
	}

	private static void gitRepository(Path root) throws IOException {
		Path git = Files.createDirectories(root.resolve(".git"));
		Files.createDirectories(git.resolve("info"));
		Files.createDirectories(git.resolve("objects"));
		Files.createDirectories(git.resolve("refs"));
		Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
	}
}
