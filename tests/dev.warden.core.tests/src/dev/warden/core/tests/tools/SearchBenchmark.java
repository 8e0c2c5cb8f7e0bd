package dev.warden.core.tests.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.Mode;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.tools.ToolOutput;
import dev.warden.core.tools.WorkspaceFiles;

/**
 * Prints how long Warden's {@code search_text} and {@code list_files} take on a generated tree of 100,000 files (see
 * {@link SearchTree}) next to ripgrep ({@code rg}, {@code rg --files}) with the same ignore rules, in one run: the two
 * take turns, each case several rounds after two rounds of warm-up; median and p90 of both, the ratio of the medians,
 * what each found (files with matches, files listed) and the load average at the start and the end. Not a test; run
 * it with {@code releng/bin/benchmark search [FILES [ROUNDS]]}.
 */
public final class SearchBenchmark {

	private static final int WARM_UP = 2;

	/** ripgrep's options for Warden's rules: hidden files shown, {@code .git} left out, .wardenignore read. */
	private static final List<String> RG_RULES = List.of("--hidden", "--glob", "!.git", "--ignore-file",
			".wardenignore");

	private SearchBenchmark() {
	}

	private interface Run {
		/** Runs once; returns what it found (files with matches, or files listed). */
		long run() throws Exception;
	}

	private record Case(String name, Run warden, Run rg) {
	}

	public static void main(String[] args) throws Exception {
		int files = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
		String rg = findRg();
		String kept = System.getProperty("warden.bench.tree"); // a tree kept from an earlier run, for repeated runs
		Path root = kept != null ? Path.of(kept) : Files.createTempDirectory("warden-search-bench");
		long start = System.nanoTime();
		if (kept == null || !Files.exists(root.resolve(".gitignore"))) {
			SearchTree.generate(root, files, 20261202L);
		}
		long onDisk;
		try (Stream<Path> all = Files.walk(root)) {
			onDisk = all.filter(Files::isRegularFile).count();
		}
		System.out.printf("tree: %,d files in %s (written in %.1f s), load average %s%n", onDisk, root,
				(System.nanoTime() - start) / 1e9, loadAverage());

		SearchTools tools = SearchTools.of(root);
		List<Case> cases = List.of(
				new Case("search_text, a rare word (literal)",
						() -> matchingFiles(tools.call("search_text",
								"{\"pattern\":\"" + SearchTree.NEEDLE + "\",\"literal\":true,\"max_results\":1000}")),
						() -> rgFiles(root, rg, "--max-filesize", "2M", "-n", "-F", SearchTree.NEEDLE)),
				new Case("search_text, a rare regex",
						() -> matchingFiles(tools.call("search_text",
								"{\"pattern\":\"needle_[0-9a-f]{4}\\\\b\",\"max_results\":1000}")),
						() -> rgFiles(root, rg, "--max-filesize", "2M", "-n", "needle_[0-9a-f]{4}\\b")),
				new Case("list_files, glob *.md over the tree",
						() -> listedEntries(tools.call("list_files", "{\"glob\":\"*.md\"}")),
						() -> rgLines(root, rg, "--files", "--glob", "*.md")),
				new Case("all visible files (the walk under list_files)", () -> walkFiles(tools.files()),
						() -> rgLines(root, rg, "--files")));

		List<List<Double>> wardenTimes = new ArrayList<>();
		List<List<Double>> rgTimes = new ArrayList<>();
		long[][] found = new long[cases.size()][2];
		for (int i = 0; i < cases.size(); i++) {
			wardenTimes.add(new ArrayList<>());
			rgTimes.add(new ArrayList<>());
		}
		String loadBefore = loadAverage();
		for (int round = 0; round < WARM_UP + rounds; round++) {
			for (int i = 0; i < cases.size(); i++) {
				Case c = cases.get(i);
				boolean wardenFirst = round % 2 == 0;
				for (int turn = 0; turn < 2; turn++) {
					boolean warden = wardenFirst == (turn == 0);
					long t0 = System.nanoTime();
					long result = warden ? c.warden().run() : c.rg().run();
					double ms = (System.nanoTime() - t0) / 1e6;
					if (round >= WARM_UP) {
						(warden ? wardenTimes : rgTimes).get(i).add(ms);
					}
					found[i][warden ? 0 : 1] = result;
				}
			}
		}
		FirstMatch first = firstMatch(tools, root, rg, 5);
		String loadAfter = loadAverage();

		System.out.printf("%d rounds after %d of warm-up, taking turns; load average %s at the start, %s at the end%n",
				rounds, WARM_UP, loadBefore, loadAfter);
		System.out.printf("%-48s %21s %21s %7s %15s%n", "case", "Warden p50 / p90 ms", "rg p50 / p90 ms", "ratio",
				"found W / rg");
		for (int i = 0; i < cases.size(); i++) {
			double w = percentile(wardenTimes.get(i), 50);
			double r = percentile(rgTimes.get(i), 50);
			System.out.printf("%-48s %9.1f / %9.1f %9.1f / %9.1f %6.2fx %7d / %-7d%n", cases.get(i).name(), w,
					percentile(wardenTimes.get(i), 90), r, percentile(rgTimes.get(i), 90), w / r, found[i][0],
					found[i][1]);
		}
		System.out.printf("first match of 'import' (max_results 100), median of 5: Warden %.1f ms (whole call %.1f ms),"
				+ " rg %.1f ms (whole run %.1f ms)%n", first.warden(), first.wardenCall(), first.rg(), first.rgRun());
		System.out.println("rg: " + rg + ", " + rgVersion(rg) + "; rules: " + String.join(" ", RG_RULES));
		// the walk as it was before the rules were read once per folder: every path decided from its root
		WorkspaceFiles perPath = SearchTools.perPathFiles(root);
		long t0 = System.nanoTime();
		long perPathFound = walkFiles(perPath);
		System.out.printf("all visible files, each path decided from its root (the walk before the rules were kept per"
				+ " folder): %.1f ms once, %d files; load average %s%n", (System.nanoTime() - t0) / 1e6, perPathFound,
				loadAverage());
		if (kept == null) {
			deleteTree(root);
		}
	}

	private record FirstMatch(double warden, double wardenCall, double rg, double rgRun) {
	}

	/** How soon the first match of a common word reaches the caller: Warden's progress report, rg's first line. */
	private static FirstMatch firstMatch(SearchTools tools, Path root, String rg, int rounds) throws Exception {
		List<Double> warden = new ArrayList<>();
		List<Double> wardenCall = new ArrayList<>();
		List<Double> rgFirst = new ArrayList<>();
		List<Double> rgRun = new ArrayList<>();
		for (int i = 0; i < rounds; i++) {
			AtomicLong firstReport = new AtomicLong();
			long t0 = System.nanoTime();
			tools.call("search_text", "{\"pattern\":\"import\",\"literal\":true,\"max_results\":100}",
					new AgentListener() {
						@Override
						public void toolOutput(String callId, String chunk) {
							firstReport.compareAndSet(0, System.nanoTime());
						}
					});
			long end = System.nanoTime();
			warden.add(((firstReport.get() == 0 ? end : firstReport.get()) - t0) / 1e6);
			wardenCall.add((end - t0) / 1e6);
			List<String> command = rgCommand(rg, "--max-filesize", "2M", "-n", "-F", "import");
			t0 = System.nanoTime();
			Process process = new ProcessBuilder(command).directory(root.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
					.redirectError(ProcessBuilder.Redirect.DISCARD).start();
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				in.readLine();
				rgFirst.add((System.nanoTime() - t0) / 1e6);
				while (in.readLine() != null) {
					// read to the end, as a caller that wants every match
				}
			}
			process.waitFor();
			rgRun.add((System.nanoTime() - t0) / 1e6);
		}
		return new FirstMatch(percentile(warden, 50), percentile(wardenCall, 50), percentile(rgFirst, 50),
				percentile(rgRun, 50));
	}

	private static final Pattern SUMMARY = Pattern.compile("^(\\d+) match(?:es)? in (\\d+) files?");

	private static long matchingFiles(ToolOutput output) {
		Matcher m = SUMMARY.matcher(output.content());
		if (output.error() || !m.find()) {
			throw new IllegalStateException("search_text failed: " + output.content());
		}
		return Long.parseLong(m.group(2));
	}

	private static long listedEntries(ToolOutput output) {
		if (output.error()) {
			throw new IllegalStateException("list_files failed: " + output.content());
		}
		return Long.parseLong(output.content().substring(0, output.content().indexOf(' ')));
	}

	private static long walkFiles(WorkspaceFiles files) throws Exception {
		long[] count = { 0 };
		files.walk(".", 64, entry -> {
			if (!entry.directory()) {
				count[0]++;
			}
			return true;
		});
		return count[0];
	}

	private static List<String> rgCommand(String rg, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(rg);
		command.addAll(RG_RULES);
		command.addAll(List.of(arguments));
		return command;
	}

	/** Runs rg and counts the distinct files of its {@code path:line:text} output. */
	private static long rgFiles(Path root, String rg, String... arguments) throws Exception {
		Set<String> files = new HashSet<>();
		runRg(root, rgCommand(rg, arguments), line -> files.add(line.substring(0, line.indexOf(':'))));
		return files.size();
	}

	/** Runs rg and counts its lines of output. */
	private static long rgLines(Path root, String rg, String... arguments) throws Exception {
		long[] count = { 0 };
		runRg(root, rgCommand(rg, arguments), line -> count[0]++);
		return count[0];
	}

	private static void runRg(Path root, List<String> command, java.util.function.Consumer<String> lines)
			throws Exception {
		Process process = new ProcessBuilder(command).directory(root.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.redirectError(ProcessBuilder.Redirect.INHERIT).start();
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				lines.accept(line);
			}
		}
		int exit = process.waitFor();
		if (exit > 1) {
			throw new IllegalStateException("rg failed with exit code " + exit + ": " + command);
		}
	}

	private static String findRg() {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
			Path candidate = Path.of(dir, "rg");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new IllegalStateException("ripgrep (rg) is not on the PATH; install it ('apt-get install ripgrep')");
	}

	private static String rgVersion(String rg) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(rg, "--version").redirectErrorStream(true).start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		return text.lines().findFirst().orElse("?");
	}

	static double percentile(List<Double> values, int percent) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		} catch (IOException e) {
			return "unknown";
		}
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> all = Files.walk(root)) {
			for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}
}
