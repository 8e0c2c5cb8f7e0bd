package dev.warden.core.tests.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.sandbox.SandboxSpec;
import dev.warden.core.tools.CommandRequest;

/**
 * {@code releng/bin/benchmark sandbox [ITERATIONS]}: what the sandbox adds to a short command ({@code true},
 * {@code ls}) against running it unsandboxed, median and p99, with the sandbox set up when the command comes (cold)
 * and made ready after the previous command (ready, as in the IDE); then, in workspaces of 1k, 10k and 100k files, the time
 * to collect a change set of 10 files (and, for the record, the set-up time, which walks the project for masks).
 */
public final class SandboxBenchmark {

	private SandboxBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		Sandbox sandbox = new BubblewrapSandbox(UrlPolicy.defaults());
		BubblewrapSandbox.awaitCleanUp();
		if (!sandbox.availability().available()) {
			System.err.println("no sandbox here: " + sandbox.availability().reason());
			System.exit(3);
		}
		Path base = Files.createTempDirectory("warden-sandbox-bench-");
		try {
			SandboxFixture fixture = SandboxFixture.create(base.resolve("small"));
			System.out.printf("load average at the start: %s%n", loadAverage());
			System.out.printf("short commands, %d runs each, in a small project (%d files)%n", iterations,
					count(fixture.root));
			System.out.println("cold: the sandbox set up when the command comes (as sandbox-run and commands with network"
					+ " do); ready: the sandbox made ready in the background after the previous command, as the IDE runs"
					+ " the next one; prompt: the first command of a prompt, its sandbox prepared when the prompt"
					+ " started (each run with another environment, so the sandbox ready before does not fit)");
			System.out.println("command  sandbox  plain-median  plain-p99  sandbox-median  sandbox-p99  added-median"
					+ "  added-p99  (of the sandbox: setup-median  collect-median)");
			BubblewrapSandbox cold = BubblewrapSandbox.oneShot(UrlPolicy.defaults());
			BubblewrapSandbox ready = (BubblewrapSandbox) sandbox;
			List<String> notes = new ArrayList<>();
			for (String command : List.of("true", "ls")) {
				for (String mode : List.of("cold", "ready", "prompt")) {
					BubblewrapSandbox box = mode.equals("cold") ? cold : ready;
					long servedBefore = BubblewrapSandbox.commandsServedReady();
					List<Long> plain = new ArrayList<>();
					List<Long> boxed = new ArrayList<>();
					List<Long> setups = new ArrayList<>();
					List<Long> collections = new ArrayList<>();
					CommandRequest request = new CommandRequest(command, fixture.root, Duration.ofSeconds(30), 10_000);
					for (int i = 0; i < iterations + 10; i++) {
						Map<String, String> environment = new HashMap<>(fixture.environment());
						if (mode.equals("prompt")) {
							box.awaitReady();
							environment.put("WARDEN_BENCH_PROMPT", String.valueOf(i));
							box.prepare(fixture::spec, () -> environment);
						}
						// nothing of the previous run (deleting its folder, making the next sandbox ready) overlaps
						box.awaitReady();
						long t0 = System.nanoTime();
						new ProcessCommandRunner().run(request, s -> {
						}, new Cancellation());
						long t1 = System.nanoTime();
						try (SandboxResult r = box.run(fixture.spec(), request, environment, s -> {
						}, new Cancellation())) {
							if (i >= 10) {
								setups.add(r.setup().toNanos());
								collections.add(r.collection().toNanos());
							}
						}
						long t2 = System.nanoTime();
						if (i >= 10) {
							plain.add(t1 - t0);
							boxed.add(t2 - t1);
						}
					}
					System.out.printf(
							"%-8s %-7s %10.1f ms %8.1f ms %12.1f ms %10.1f ms %10.1f ms %9.1f ms %14.1f ms %12.2f ms%n",
							command, mode, ms(median(plain)), ms(p99(plain)),
							ms(median(boxed)), ms(p99(boxed)), ms(median(boxed) - median(plain)),
							ms(p99(boxed) - p99(plain)), ms(median(setups)), ms(median(collections)));
					notes.add(command + " " + mode + ": " + (BubblewrapSandbox.commandsServedReady() - servedBefore)
							+ " of " + (iterations + 10) + " runs in a ready sandbox");
				}
			}
			notes.forEach(System.out::println);
			System.out.println();
			System.out.println("change set of 10 files (5 created, 5 modified), 20 runs per workspace");
			System.out.println("files     collect-median  collect-p99  setup-median (mask walk)");
			for (int size : new int[] { 1_000, 10_000, 100_000 }) {
				Path root = base.resolve("ws" + size);
				populate(root, size);
				SandboxSpec spec = new SandboxSpec(List.of(ProtectedRoot.of(root)), SensitivePatterns.defaults(),
						List.of(), Set.of(), Set.of(), false);
				String write = "for i in 0 1 2 3 4; do echo new > new$i.txt; echo more >> d0/f$i.txt; done";
				CommandRequest request = new CommandRequest(write, root, Duration.ofSeconds(60), 10_000);
				List<Long> collect = new ArrayList<>();
				List<Long> setup = new ArrayList<>();
				for (int i = 0; i < 22; i++) {
					ready.awaitReady();
					try (SandboxResult r = sandbox.run(spec, request, Map.of("PATH", "/usr/bin:/bin"), s -> {
					}, new Cancellation())) {
						if (r.changes().changes().size() != 10) {
							throw new IllegalStateException("expected 10 changes: " + r.changes().toTsv());
						}
						if (i >= 2) {
							collect.add(r.collection().toNanos());
							setup.add(r.setup().toNanos());
						}
					}
				}
				System.out.printf("%-9d %11.2f ms %10.2f ms %12.1f ms%n", size, ms(median(collect)), ms(p99(collect)),
						ms(median(setup)));
			}
			System.out.printf("load average at the end: %s%n", loadAverage());
		} finally {
			try (var walk = Files.walk(base)) {
				walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	/** The machine's load average (1, 5, 15 minutes), beside which the figures are read. */
	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		} catch (IOException e) {
			return "unknown (" + e.getMessage() + ")";
		}
	}

	private static void populate(Path root, int files) throws IOException {
		int perFolder = 100;
		for (int i = 0; i < files; i++) {
			Path folder = root.resolve("d" + (i / perFolder));
			if (i % perFolder == 0) {
				Files.createDirectories(folder);
			}
			Files.writeString(folder.resolve("f" + (i % perFolder) + ".txt"), "file " + i + "\n");
		}
	}

	private static long count(Path root) throws IOException {
		try (var walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).count();
		}
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private static long p99(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
	}

	private static double ms(long nanos) {
		return nanos / 1e6;
	}
}
