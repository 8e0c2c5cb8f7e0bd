package dev.warden.core.tests.protect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real project folder for the path tests, inside {@code base}: sources, ignore files at several levels with
 * negations, {@code .git/info/exclude}, a {@code .wardenignore}, sensitive files, a nested repository, symbolic links
 * leading in, out and in circles, a folder {@code outside} next to the project.
 */
final class ProjectTree {

	final Path base;
	final Path root;
	final Path outside;

	private ProjectTree(Path base) {
		this.base = base;
		this.root = base.resolve("proj");
		this.outside = base.resolve("outside");
	}

	static ProjectTree create(Path base) throws IOException {
		ProjectTree tree = new ProjectTree(base);
		tree.build();
		return tree;
	}

	private void build() throws IOException {
		file(outside, "secret.txt");
		Files.createDirectories(outside.resolve("dir"));
		repository(".git");
		write(".git/info/exclude", "local-*\n/scratch/\n");
		file(root, ".git/config");
		write(".gitignore", "build/\n*.log\n!important.log\n/target\nnode_modules/\ndocs/**/draft-*.md\n*.bin\n");
		write(".wardenignore", "private/\n*.internal.md\n");
		for (String name : new String[] { "README.md", "pom.xml", "important.log", "debug.log", "local-notes.txt",
				"src/main/App.java", "src/main/resources/app.properties", "src/test/AppTest.java",
				"src/generated/G.java", "src/x.tmp", "src/keep.tmp", "src/sub/trace.log", "build/out.class",
				"target/t.jar", "node_modules/lib/index.js", "docs/guide.md", "docs/a/draft-1.md", "private/p.txt",
				"notes.internal.md", "scratch/s.txt", ".env", ".env.local", "config/.env.production",
				"config/app.pem", "config/server.key", "certs/store.jks", "id_rsa", "id_ed25519.pub", ".ssh/config",
				"home/.aws/credentials", ".npmrc", ".pypirc", ".netrc", "credentials.json", "secrets.yaml",
				".kube/config", "deploy/.docker/config.json", "keys/c.p12", "keys/c.pfx", "app.keystore",
				"caf\u00e9.txt", "nested/x.dat", "nested/y.txt", "nested/z.bin", "Mixed.txt", "Credentials.java",
				"secrets.md", ".env.example", "config.json", "settings.xml", "home/.m2/settings.xml", "x.ppk",
				"krb5.keytab", ".my.cnf", "home/.config/gh/hosts.yml", "Outer$Inner.class", "vendored/build/v.class",
				"oldmodule/debug.log", "emptygit/a.log", "emptygit/build/e.class" }) {
			file(root, name);
		}
		write("src/.gitignore", "generated/\n*.tmp\n!keep.tmp\n");
		write("src/sub/.gitignore", "!*.log\n");
		repository("nested/.git");
		// invalid .git entries that start no repository: Git goes on applying the project's rules below them
		write("vendored/.git", "");
		write("oldmodule/.git", "gitdir: ../.git/modules/oldmodule\n");
		Files.createDirectories(root.resolve("emptygit/.git"));
		write("nested/.gitignore", "*.dat\n");
		link("link-out", "../outside");
		link("link-secret", "../outside/secret.txt");
		link("link-etc", "/etc");
		link("link-in", "src/main");
		link("link-env", ".env");
		link("link-dangling", "../outside/new.txt");
		link("link-loop1", "link-loop2");
		link("link-loop2", "link-loop1");
		link("link-readme", "./README.md");
		link("link-up", "..");
		link("src/link-build", "../build");
	}

	/** The least a folder needs for Git to take it as a repository: HEAD, objects/ and refs/. */
	private void repository(String relative) throws IOException {
		write(relative + "/HEAD", "ref: refs/heads/main\n");
		Files.createDirectories(root.resolve(relative).resolve("objects"));
		Files.createDirectories(root.resolve(relative).resolve("refs/heads"));
	}

	private void write(String relative, String text) throws IOException {
		Path p = root.resolve(relative);
		Files.createDirectories(p.getParent());
		Files.writeString(p, text, StandardCharsets.UTF_8);
	}

	private static void file(Path dir, String relative) throws IOException {
		Path p = dir.resolve(relative);
		Files.createDirectories(p.getParent());
		Files.writeString(p, relative + "\n", StandardCharsets.UTF_8);
	}

	private void link(String name, String target) throws IOException {
		Files.createSymbolicLink(root.resolve(name), Path.of(target));
	}

	/** Replaces {@code ${ROOT}}, {@code ${BASE}}, {@code ${OUTSIDE}}, {@code ${LONG}}, {@code ${LONGSEG}} and {@code \}{@code uXXXX} escapes. */
	String expand(String text) {
		String s = text.replace("${ROOT}", root.toString()).replace("${BASE}", base.toString())
				.replace("${OUTSIDE}", outside.toString()).replace("${LONG}", "a/".repeat(2100))
				.replace("${LONGSEG}", "x".repeat(300)).replace("${DEEP}", "a/".repeat(300));
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < s.length(); i++) {
			if (s.startsWith("\\u", i) && i + 6 <= s.length()) {
				out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
				i += 5;
			} else {
				out.append(s.charAt(i));
			}
		}
		return out.toString();
	}
}
