package dev.warden.core.tests.protect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.core.protect.PathPolicy;

/**
 * Prints how long the path policy takes on a generated tree of about 50,000 files with ignore files at several
 * levels: a full walk (cold and warm cache) and single decisions. Not a test; run it as a Java program.
 */
public final class PathPolicyBenchmark {

	private PathPolicyBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Path root = Files.createTempDirectory("warden-bench");
		Files.createDirectories(root.resolve(".git/info"));
		Files.writeString(root.resolve(".gitignore"), "*.log\nbuild/\n!keep.log\n");
		for (int d = 0; d < 200; d++) {
			Path dir = Files.createDirectories(root.resolve("module" + d % 20).resolve("pkg" + d).resolve("sub"));
			if (d % 10 == 0) {
				Files.writeString(dir.resolve(".gitignore"), "*.tmp\n!important.tmp\n");
			}
			for (int f = 0; f < 250; f++) {
				Files.writeString(dir.resolve("File" + f + (f % 7 == 0 ? ".log" : ".java")), "");
			}
		}
		PathPolicy policy = PathPolicy.of(root);
		for (int round = 1; round <= 3; round++) {
			AtomicInteger visible = new AtomicInteger();
			long start = System.nanoTime();
			policy.walk(".", 100, f -> visible.incrementAndGet() > 0);
			System.out.printf("walk %d: %d visible entries in %.1f ms%n", round, visible.get(),
					(System.nanoTime() - start) / 1e6);
		}
		int n = 10_000;
		long start = System.nanoTime();
		for (int i = 0; i < n; i++) {
			policy.decide("module" + i % 20 + "/pkg" + i % 200 + "/sub/File" + i % 250 + ".java");
		}
		System.out.printf("decide: %.1f µs per path (%d paths)%n", (System.nanoTime() - start) / 1e3 / n, n);
	}
}
