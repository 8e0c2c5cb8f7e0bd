package dev.warden.core.tests.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A generated project tree for comparing Warden's file tools with ripgrep: a Git work tree of source folders with
 * {@code .gitignore} files at three levels (negations, anchored rules, folder rules), an ignored {@code node_modules},
 * ignored build output, binary files (a NUL byte near the start), a few large text files (two below and two above
 * the 2 MB that both search tools skip) and a few sensitive files that Warden hides and ripgrep shows. Text files
 * hold a rare word ({@link #NEEDLE}) in about one file in a thousand, and {@code import} in every Java file.
 */
final class SearchTree {

	/** The word a few text files hold, in about one file in a thousand. */
	static final String NEEDLE = "needle_7f3a";

	/** The share of the files that lie in the ignored {@code node_modules}. */
	private static final double NODE_MODULES_SHARE = 0.15;

	private SearchTree() {
	}

	/**
	 * Writes a tree of about {@code files} files below {@code root}.
	 *
	 * @param seed the same seed gives the same tree
	 */
	static void generate(Path root, int files, long seed) throws IOException {
		Random random = new Random(seed);
		Files.createDirectories(root.resolve(".git/objects"));
		Files.createDirectories(root.resolve(".git/refs/heads"));
		Files.createDirectories(root.resolve(".git/info"));
		write(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
		write(root.resolve(".git/info/exclude"), "*.swp\n");
		write(root.resolve(".gitignore"), """
				# build output and dependencies
				node_modules/
				build/
				/dist
				*.log
				!keep.log
				*.tmp
				""");
		write(root.resolve(".wardenignore"), "private-notes/\n");
		write(root.resolve(".env"), "TOKEN=" + NEEDLE + "\n");
		write(root.resolve("config/server.pem"), "-----BEGIN " + NEEDLE + "-----\n");
		write(root.resolve("private-notes/plan.md"), "# " + NEEDLE + "\n");
		write(root.resolve("dist/bundle.js"), "var " + NEEDLE + " = 1;\n");
		write(root.resolve("README.md"), "# Generated tree\n");
		write(root.resolve("data/keep.log"), "kept log " + NEEDLE + "\n");
		write(root.resolve("data/run.log"), "ignored log " + NEEDLE + "\n");
		write(root.resolve("data/editor.swp"), NEEDLE + "\n");
		for (int i = 0; i < 4; i++) {
			// 1.5 MB twice (searched), 3 MB twice (skipped by both tools)
			largeFile(root.resolve("data/large-" + i + ".txt"), i < 2 ? 1536 * 1024 : 3 * 1024 * 1024, random);
		}

		int nodeModules = (int) (files * NODE_MODULES_SHARE);
		for (int i = 0; i < nodeModules; i++) {
			Path file = root.resolve("node_modules/pkg" + i / 50 + "/lib/" + "index" + i % 50 + ".js");
			write(file, javaScript(random, i));
		}

		int written = nodeModules + 16;
		int module = 0;
		while (written < files) {
			Path moduleDir = root.resolve("modules/m" + module);
			write(moduleDir.resolve(".gitignore"), "generated/\n*.bak\n!important.bak\n");
			for (int pkg = 0; pkg < 10 && written < files; pkg++) {
				Path pkgDir = moduleDir.resolve("src/main/java/dev/p" + pkg);
				if (pkg % 3 == 0) {
					write(pkgDir.resolve(".gitignore"), "/local-only.txt\n*.cache\n!keep.cache\n");
					// the word only in the first module's, to keep it rare
					String word = module == 0 ? NEEDLE : "word";
					write(pkgDir.resolve("local-only.txt"), word + "\n");
					write(pkgDir.resolve("sub/local-only.txt"), "not anchored here " + word + "\n");
					write(pkgDir.resolve("a.cache"), word + "\n");
					write(pkgDir.resolve("keep.cache"), "kept\n");
					written += 5;
				}
				for (int f = 0; f < 60 && written < files; f++, written++) {
					int kind = random.nextInt(100);
					if (kind < 2) {
						binary(pkgDir.resolve("image" + f + ".png"), random);
					} else if (kind < 4) {
						write(pkgDir.resolve("notes" + f + (kind == 2 ? ".bak" : ".tmp")), text(random, written));
					} else if (kind < 6) {
						write(pkgDir.resolve("generated/Gen" + f + ".java"), java(random, written));
					} else if (kind < 10) {
						write(pkgDir.resolve("sub/deeper/Helper" + f + ".java"), java(random, written));
					} else if (kind < 11) {
						write(pkgDir.resolve("doc" + f + ".md"), text(random, written));
					} else {
						write(pkgDir.resolve("Class" + f + ".java"), java(random, written));
					}
				}
				write(pkgDir.resolve("important.bak"), "kept " + (module == 0 ? NEEDLE : "word") + "\n");
				written++;
			}
			write(moduleDir.resolve("build/classes/Out.class"), "compiled " + NEEDLE + "\n");
			written++;
			module++;
		}
	}

	private static String java(Random random, int n) {
		StringBuilder b = new StringBuilder(2048);
		b.append("package dev.p").append(n % 10).append(";\n\nimport java.util.List;\nimport java.util.Map;\n\n");
		b.append("public final class C").append(n).append(" {\n");
		int methods = 8 + random.nextInt(16);
		for (int m = 0; m < methods; m++) {
			b.append("\tint method").append(m).append("(List<String> items, Map<String, Integer> counts) {\n");
			b.append("\t\treturn items.size() + counts.getOrDefault(\"k").append(random.nextInt(1000))
					.append("\", 0);\n\t}\n\n");
		}
		if (n % 1000 == 7) {
			b.append("\t// ").append(NEEDLE).append(" here\n");
		}
		return b.append("}\n").toString();
	}

	private static String javaScript(Random random, int n) {
		StringBuilder b = new StringBuilder(1024);
		for (int i = 0; i < 20 + random.nextInt(20); i++) {
			b.append("module.exports.f").append(i).append(" = function (x) { return x * ").append(random.nextInt(100))
					.append("; };\n");
		}
		if (n % 100 == 3) {
			b.append("// ").append(NEEDLE).append('\n');
		}
		return b.toString();
	}

	private static String text(Random random, int n) {
		StringBuilder b = new StringBuilder(1024);
		for (int i = 0; i < 30; i++) {
			b.append("Line ").append(i).append(" of notes, number ").append(random.nextInt(100_000)).append('\n');
		}
		if (n % 500 == 11) {
			b.append(NEEDLE).append('\n');
		}
		return b.toString();
	}

	private static void largeFile(Path file, int bytes, Random random) throws IOException {
		StringBuilder b = new StringBuilder(bytes + 100);
		int line = 0;
		while (b.length() < bytes) {
			b.append("record ").append(line++).append(": value ").append(random.nextInt(1_000_000))
					.append(" of a long log-like data file\n");
			if (line == 20_000) {
				b.append("the ").append(NEEDLE).append(" in a large file\n");
			}
		}
		write(file, b.toString());
	}

	private static void binary(Path file, Random random) throws IOException {
		byte[] bytes = new byte[2048 + random.nextInt(4096)];
		random.nextBytes(bytes);
		bytes[10] = 0;
		byte[] needle = NEEDLE.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(needle, 0, bytes, 100, needle.length);
		Files.createDirectories(file.getParent());
		Files.write(file, bytes);
	}

	private static void write(Path file, String text) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text, StandardCharsets.UTF_8);
	}
}
