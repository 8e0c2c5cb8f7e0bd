package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxAvailability;
import dev.warden.core.sandbox.SandboxSpec;

/**
 * A fixture workspace for sandbox tests, under {@code base}: an Eclipse workspace {@code ws} with its
 * {@code .metadata} and a project {@code ws/proj} (the sandbox's root) holding sensitive, {@code .wardenignore}d and
 * Git-ignored files; a fake home folder with credential stores and start-up files; and a folder {@code outside} with a
 * marker. Every secret is a unique random token, so any of its bytes in an output betrays an escape.
 */
final class SandboxFixture {

	final Path base;
	final Path workspace;
	final Path root;
	final Path home;
	final Path outside;
	final List<String> secrets = new ArrayList<>();
	private final SecureRandom random = new SecureRandom();

	private SandboxFixture(Path base) {
		this.base = base;
		this.workspace = base.resolve("ws");
		this.root = workspace.resolve("proj");
		this.home = base.resolve("home");
		this.outside = base.resolve("outside");
	}

	/** Fails loudly when no sandbox can be had: CI installs bubblewrap, so a missing one is a broken machine. */
	static Sandbox requireSandbox() {
		Sandbox sandbox = new BubblewrapSandbox(UrlPolicy.defaults());
		SandboxAvailability availability = sandbox.availability();
		if (!availability.available()) {
			fail("NO SANDBOX ON THIS MACHINE, so the sandbox tests cannot run: " + availability.reason()
					+ ". Install bubblewrap ('apt-get install bubblewrap') and allow unprivileged user namespaces.");
		}
		return sandbox;
	}

	/**
	 * A new folder for a fixture that commands in the sandbox see (read-only) where it is not masked: in
	 * {@code /var/tmp}, or the build's folder where that cannot be written, not in {@code /tmp}, which the sandbox
	 * replaces with its own.
	 */
	static Path newFolderInSight() throws IOException {
		Path varTmp = Path.of("/var/tmp");
		Path parent = Files.isDirectory(varTmp) && Files.isWritable(varTmp) ? varTmp : Path.of("target").toAbsolutePath();
		Path folder = Files.createTempDirectory(parent, "warden-sandbox-fixture").toRealPath();
		if (folder.startsWith("/tmp")) {
			throw new IOException(folder + " lies in /tmp, which commands in the sandbox do not see");
		}
		return folder;
	}

	/** Deletes a folder and all it holds, as far as it can. */
	static void delete(Path folder) throws IOException {
		if (folder == null || !Files.exists(folder)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	static SandboxFixture create(Path base) throws IOException {
		SandboxFixture f = new SandboxFixture(base);
		f.secret(f.root.resolve(".env"));
		f.secret(f.root.resolve(".env.local"));
		f.secret(f.root.resolve("config/secrets.yml"));
		f.secret(f.root.resolve("keys/server.pem"));
		f.secret(f.root.resolve("id_ed25519"));
		f.secret(f.root.resolve("private/data.txt"));
		f.secret(f.root.resolve("notes-private.txt"));
		f.secret(f.root.resolve("target/app.env"));
		f.secret(f.root.resolve(".git/config"));
		f.secret(f.home.resolve(".ssh/id_rsa"));
		f.secret(f.home.resolve(".aws/credentials"));
		f.secret(f.home.resolve(".netrc"));
		f.secret(f.home.resolve(".docker/config.json"));
		f.secret(f.home.resolve(".eclipse/org.eclipse.equinox.security/secure_storage"));
		f.secret(f.home.resolve(".claude/.credentials.json"));
		f.secret(f.home.resolve(".config/github-copilot/apps.json"));
		f.secret(f.home.resolve(".config/google-chrome/Default/Cookies"));
		f.secret(f.home.resolve(".local/share/fish/fish_history"));
		f.secret(f.home.resolve(".config/containers/auth.json"));
		f.secret(f.home.resolve(".kaggle/kaggle.json"));
		f.secret(f.home.resolve(".yarnrc.yml"));
		f.secret(f.workspace.resolve(".metadata/.log"));
		f.secret(f.workspace.resolve(".metadata/.plugins/dev.warden/journal.jsonl"));
		write(f.root.resolve(".gitignore"), "target/\nnode_modules/\n*.log\n");
		write(f.root.resolve(".wardenignore"), "private/\nnotes-private.txt\n");
		write(f.root.resolve("src/Main.java"), "class Main {}\n");
		write(f.root.resolve("README.md"), "# project\n");
		write(f.root.resolve("target/classes/Main.class"), "compiled\n");
		write(f.root.resolve("node_modules/pkg/index.js"), "module.exports = 1;\n");
		write(f.home.resolve(".bashrc"), "# marker: start-up file\n");
		write(f.home.resolve(".profile"), "# marker: start-up file\n");
		write(f.outside.resolve("marker.txt"), "marker outside the workspace\n");
		write(f.workspace.resolve("other-project/file.txt"), "another project, not in scope\n");
		return f;
	}

	private void secret(Path file) throws IOException {
		write(file, "key=" + newSecret() + "\n");
	}

	/** A new secret token, looked for in every output like those of the fixture's files. */
	String newSecret() {
		String token = "WSECRET" + secrets.size() + "x" + HexFormat.of().formatHex(random.generateSeed(12));
		secrets.add(token);
		return token;
	}

	/** The environment a command gets: this process's, plus a credential variable, scrubbed as the IDE scrubs it. */
	Map<String, String> environment() {
		String token = secrets.get(0) + "env";
		Map<String, String> environment = new TreeMap<>(System.getenv());
		environment.put("HOME", home.toString());
		environment.put("GITHUB_TOKEN", token);
		return EnvironmentPolicy.defaults().scrub(environment).asMap();
	}

	SandboxSpec spec() {
		List<ProtectedRoot> roots = List.of(ProtectedRoot.of(root));
		return new SandboxSpec(roots, dev.warden.core.protect.SensitivePatterns.defaults(),
				SandboxSpec.standardMasks(roots, home, List.of()), Set.of(), Set.of(), false);
	}

	void assertNoSecret(String where, byte[] bytes) {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		for (String secret : secrets) {
			// a secret's random part, in any position, is enough to count as a leak
			assertFalse(text.contains(secret.substring(secret.indexOf('x') + 1)),
					where + " reveals the secret " + secret);
		}
	}

	void assertNoSecret(String where, String text) {
		assertNoSecret(where, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Every path under {@code base} with its type, permissions, size, modification time and content. */
	Map<String, String> snapshot() {
		Map<String, String> entries = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(base)) {
			walk.forEach(p -> entries.put(base.relativize(p).toString(), describe(p)));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return entries;
	}

	private static String describe(Path p) {
		try {
			PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			String kind = a.isSymbolicLink() ? "link " + Files.readSymbolicLink(p)
					: a.isDirectory() ? "dir" : a.isRegularFile() ? "file" : "other";
			String content = a.isRegularFile() ? HexFormat.of().formatHex(Files.readAllBytes(p)) : "";
			return kind + " " + a.permissions() + " " + a.size() + " "
					+ a.lastModifiedTime() + " " + content;
		} catch (IOException e) {
			return "unreadable " + e.getMessage();
		}
	}

	static void write(Path file, String text) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}
}
