package dev.warden.core.tests.changes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.warden.core.changes.ContentHash;

/** Test contents and their checksums. */
final class Bytes {

	private Bytes() {
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Deterministic binary content with every byte value, including NUL, CR and LF. */
	static byte[] binary(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		for (int i = 0; i < Math.min(256, length); i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

	/** The SHA-256 of {@code file}, or {@code "absent"} if it does not exist. */
	static String sha(Path file) throws IOException {
		return Files.exists(file) ? ContentHash.of(Files.readAllBytes(file)).hex() : "absent";
	}

	static String sha(byte[] content) {
		return content == null ? "absent" : ContentHash.of(content).hex();
	}

	/** The SHA-256 of every file under {@code root}, by relative path with {@code /} separators, sorted. */
	static Map<String, String> tree(Path root) throws IOException {
		Map<String, String> hashes = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path path : walk.filter(Files::isRegularFile).toList()) {
				hashes.put(root.relativize(path).toString().replace(File.separatorChar, '/'), sha(path));
			}
		}
		return hashes;
	}
}
