import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The start-up benchmark: starts the real IDE product as a child process with Warden and without it, on an empty
 * workspace and on one of 5 projects and 20,000 files, Warden's views closed, the two IDEs taking turns, and reports
 * the time from launch to a workbench window that takes input and the heap in use after start-up (after a full
 * collection), as medians and ratios, with the load average at the start and the end.
 *
 * <p>Both IDEs are throw-away copies of the built product with the probe bundle dev.warden.startupprobe added to their
 * {@code bundles.info}; the copy without Warden also has the bundles of Warden's feature (its own and the libraries it
 * installs) removed from it, so that it is the IDE as it was before Warden was installed. Each workspace is set up by
 * one start that makes its projects, then started once more untimed (with class loading logged, to list the classes
 * of Warden that loaded) before the timed starts.
 *
 * <pre>java StartupBenchmark.java IDE_DIR PROBE_JAR WORK_DIR RUNS WARDEN_BUNDLES</pre>
 *
 * WARDEN_BUNDLES: the symbolic names of the bundles Warden's feature installs, separated by commas.
 */
public final class StartupBenchmark {

	static final int PROJECTS = 5;
	static final int FOLDERS = 40;
	static final int FILES_PER_FOLDER = 100;
	static final long START_LIMIT_MINUTES = 10;

	record Start(long millis, long heap, String active, String views, String idle) {
	}

	private final Path work;
	private final Map<String, Path> ides = new LinkedHashMap<>();

	StartupBenchmark(Path work) {
		this.work = work;
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 5) {
			System.err.println("usage: java StartupBenchmark.java IDE_DIR PROBE_JAR WORK_DIR RUNS WARDEN_BUNDLES");
			System.exit(2);
		}
		Path product = Path.of(args[0]);
		Path probe = Path.of(args[1]);
		Path work = Path.of(args[2]);
		int runs = Integer.parseInt(args[3]);
		Set<String> warden = new TreeSet<>(Arrays.asList(args[4].split(",")));
		StartupBenchmark benchmark = new StartupBenchmark(work);
		benchmark.ides.put("with Warden", copyProduct(product, work.resolve("ide-with"), probe, Set.of()));
		benchmark.ides.put("without Warden", copyProduct(product, work.resolve("ide-without"), probe, warden));
		System.exit(benchmark.run(runs));
	}

	/** A copy of the product with the probe listed among its bundles and the bundles named in {@code drop} removed. */
	static Path copyProduct(Path product, Path copy, Path probe, Set<String> drop) throws Exception {
		Process cp = new ProcessBuilder("cp", "-a", product.toString(), copy.toString()).inheritIO().start();
		if (cp.waitFor() != 0) {
			throw new IOException("could not copy " + product);
		}
		String version;
		try (JarFile jar = new JarFile(probe.toFile())) {
			version = jar.getManifest().getMainAttributes().getValue("Bundle-Version");
		}
		String name = "dev.warden.startupprobe_" + version + ".jar";
		Files.copy(probe, copy.resolve("plugins").resolve(name), StandardCopyOption.REPLACE_EXISTING);
		Path info = copy.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info");
		List<String> kept = new ArrayList<>();
		int dropped = 0;
		for (String line : Files.readAllLines(info)) {
			if (!line.startsWith("#") && drop.contains(line.split(",", 2)[0])) {
				dropped++;
			} else {
				kept.add(line);
			}
		}
		if (dropped != drop.size()) {
			throw new IOException("expected " + drop.size() + " of Warden's bundles in " + info + ", found " + dropped);
		}
		kept.add("dev.warden.startupprobe," + version + ",plugins/" + name + ",4,false");
		Files.write(info, kept);
		return copy;
	}

	int run(int runs) throws Exception {
		Map<String, Path> template = new LinkedHashMap<>();
		template.put("empty", null);
		template.put(PROJECTS + " projects, " + PROJECTS * FOLDERS * FILES_PER_FOLDER + " files", bigWorkspace());
		System.out.printf("start-up benchmark: %d timed starts per IDE and workspace, taking turns; load average %s%n",
				runs, load());
		StringBuilder classes = new StringBuilder();
		Map<String, Map<String, List<Start>>> results = new LinkedHashMap<>();
		for (Map.Entry<String, Path> kind : template.entrySet()) {
			Map<String, Path> workspaces = new LinkedHashMap<>();
			for (Map.Entry<String, Path> ide : ides.entrySet()) {
				Path workspace = work.resolve("ws-" + workspaces.size() + "-" + results.size());
				if (kind.getValue() == null) {
					Files.createDirectories(workspace);
				} else if (new ProcessBuilder("cp", "-a", kind.getValue().toString(), workspace.toString()).inheritIO()
						.start().waitFor() != 0) {
					throw new IOException("could not copy " + kind.getValue());
				}
				workspaces.put(ide.getKey(), workspace);
				Map<String, String> setup = start(ide.getValue(), workspace, "setup", List.of("-Dwarden.startupprobe.setup=true"));
				Path log = work.resolve("classes-" + workspaces.size() + "-" + results.size() + ".txt");
				Map<String, String> warm = start(ide.getValue(), workspace, "warm-up",
						List.of("-Xlog:class+load=info:file=" + log));
				List<String> loaded = wardenClasses(log);
				classes.append(String.format("  %s, %s: %s projects; after start-up active: [%s], Warden's views: [%s];"
						+ " %d classes of Warden loaded%s%n", kind.getKey(), ide.getKey(), setup.get("projects"),
						warm.get("active"), warm.get("views"), loaded.size(), loaded.isEmpty() ? "" : ": " + String.join(", ", loaded.subList(0, Math.min(12, loaded.size())))
								+ (loaded.size() > 12 ? ", ... (all in " + log + ")" : "")));
			}
			Map<String, List<Start>> byIde = new LinkedHashMap<>();
			ides.keySet().forEach(name -> byIde.put(name, new ArrayList<>()));
			List<String> names = new ArrayList<>(ides.keySet());
			for (int round = 0; round < runs; round++) {
				for (int i = 0; i < names.size(); i++) {
					String name = names.get(round % 2 == 0 ? i : names.size() - 1 - i);
					long launched = System.currentTimeMillis();
					Map<String, String> values = start(ides.get(name), workspaces.get(name), "run " + (round + 1), List.of());
					Start start = new Start(Long.parseLong(values.get("ready")) - launched, Long.parseLong(values.get("heap")),
							values.get("active"), values.get("views"), values.get("idle"));
					byIde.get(name).add(start);
					System.out.printf("  %-26s %-15s run %d: %6d ms, heap %6.1f MB, Warden active: [%s], views: [%s], jobs idle %s%n",
							kind.getKey(), name, round + 1, start.millis(), start.heap() / 1e6, start.active(), start.views(),
							start.idle());
				}
			}
			results.put(kind.getKey(), byIde);
		}
		System.out.println();
		System.out.println("Warden's footprint after start-up (untimed start after the set-up, class loading logged):");
		System.out.print(classes);
		System.out.println();
		System.out.printf("%-26s %28s %28s %8s %22s %10s%n", "workspace", "with Warden: median (min-max)",
				"without: median (min-max)", "ratio", "heap with / without", "difference");
		for (Map.Entry<String, Map<String, List<Start>>> kind : results.entrySet()) {
			List<Start> with = kind.getValue().get("with Warden");
			List<Start> without = kind.getValue().get("without Warden");
			double timeWith = median(with.stream().mapToLong(Start::millis).toArray());
			double timeWithout = median(without.stream().mapToLong(Start::millis).toArray());
			double heapWith = median(with.stream().mapToLong(Start::heap).toArray()) / 1e6;
			double heapWithout = median(without.stream().mapToLong(Start::heap).toArray()) / 1e6;
			System.out.printf("%-26s %28s %28s %7.3fx %22s %+8.1f MB%n", kind.getKey(), range(with), range(without),
					timeWith / timeWithout, String.format("%.1f / %.1f MB", heapWith, heapWithout), heapWith - heapWithout);
		}
		System.out.printf("load average at the end: %s%n", load());
		return 0;
	}

	/** One start of {@code ide} on {@code workspace}; the values the probe wrote. */
	private Map<String, String> start(Path ide, Path workspace, String what, List<String> vmArgs) throws Exception {
		Path out = work.resolve("probe.txt");
		Files.deleteIfExists(out);
		Path console = work.resolve("console-" + workspace.getFileName() + ".txt");
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx2g", "-Dosgi.requiredJavaVersion=21",
				"-Dwarden.startupprobe=" + out));
		command.addAll(vmArgs);
		command.addAll(List.of("-jar", launcher(ide), "-data", workspace.toString(), "-consoleLog"));
		Process process = new ProcessBuilder(command).directory(ide.toFile()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
		if (!process.waitFor(START_LIMIT_MINUTES, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor();
			throw new IOException(what + " of " + ide.getFileName() + " on " + workspace + " did not end within "
					+ START_LIMIT_MINUTES + " minutes; see " + console);
		}
		if (!Files.exists(out)) {
			throw new IOException(what + " of " + ide.getFileName() + " on " + workspace + " wrote no figures (exit "
					+ process.exitValue() + "); see " + console);
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : Files.readAllLines(out)) {
			int eq = line.indexOf('=');
			values.put(line.substring(0, eq), line.substring(eq + 1));
		}
		if (values.containsKey("error")) {
			throw new IOException(what + " of " + ide.getFileName() + " on " + workspace + ": " + values.get("error"));
		}
		return values;
	}

	/** The classes of Warden's bundles in a class loading log, in the order they loaded. */
	private static List<String> wardenClasses(Path log) throws IOException {
		try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
			return lines.map(l -> l.replaceFirst("^(\\[[^]]*\\])+ *", "")).map(l -> l.split(" ", 2)[0])
					.filter(c -> c.startsWith("dev.warden.") && !c.startsWith("dev.warden.startupprobe."))
					.collect(Collectors.toList());
		}
	}

	/** A workspace folder of {@link #PROJECTS} projects of small text files, made once. */
	private Path bigWorkspace() throws IOException {
		Path root = work.resolve("template-big");
		for (int p = 1; p <= PROJECTS; p++) {
			Path project = root.resolve("project" + p);
			Files.createDirectories(project);
			Files.writeString(project.resolve(".project"), """
					<?xml version="1.0" encoding="UTF-8"?>
					<projectDescription>
						<name>project%d</name>
						<comment></comment>
						<projects></projects>
						<buildSpec></buildSpec>
						<natures></natures>
					</projectDescription>
					""".formatted(p));
			Files.writeString(project.resolve(".gitignore"), "build/\n*.log\n");
			for (int f = 0; f < FOLDERS; f++) {
				Path folder = project.resolve("src/module" + f);
				Files.createDirectories(folder);
				for (int i = 0; i < FILES_PER_FOLDER; i++) {
					Files.writeString(folder.resolve("File" + i + ".txt"), "project " + p + ", module " + f + ", file " + i + "\n");
				}
			}
		}
		return root;
	}

	private static String range(List<Start> starts) {
		long[] millis = starts.stream().mapToLong(Start::millis).sorted().toArray();
		return String.format("%.0f ms (%d-%d)", median(millis), millis[0], millis[millis.length - 1]);
	}

	private static double median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
	}

	private static String load() throws IOException {
		return Files.readString(Path.of("/proc/loadavg")).trim();
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String launcher(Path ide) throws IOException {
		try (Stream<Path> plugins = Files.list(ide.resolve("plugins"))) {
			return plugins.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_"))
					.findFirst().orElseThrow(() -> new IOException("no launcher in " + ide)).toString();
		}
	}
}
