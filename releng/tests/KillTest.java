import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The kill test: starts the real IDE product (a throw-away copy with the driver bundle dev.warden.killtest added) as a
 * child process, plays the model on loopback, and kills the IDE with SIGKILL at random points of a turn that writes
 * several files (during the multi-file agent step, the command whose change set comes back from the sandbox, the
 * second prompt's step), during Revert All and during a restore to a checkpoint. After each kill it checks, before the
 * next start, that every file of the project is entirely before or entirely after each step (never half, never out of
 * order) and that no audit file has a torn or unreadable line; the next start checks that every saved chat reloads
 * consistent (no tool call without its result), that Revert All brings back the original bytes exactly, and goes on.
 *
 * <pre>java -cp GSON_JAR KillTest.java IDE_DIR DRIVER_JAR WORK_DIR POINTS SEED</pre>
 *
 * Prints one line per kill point and a summary; exits 1 when a check failed. Written by hand rather than with a
 * library: what it needs (a child process, SIGKILL, an HTTP server, byte comparisons) is in the JDK, and the JSON
 * parts use the Gson the product ships.
 */
public final class KillTest {

	static final String PROJECT = "kill";
	static final String PROMPT1 = "PROMPT-1 rewrite a, c and big, and add new; then run the command";
	static final String PROMPT2 = "PROMPT-2 change sub/e and new again";
	static final String COMMAND = "printf 'made by a command\\n' > cmd1.txt && sleep 0.3 && printf 'alpha from a command\\n' > a.txt"
			+ " && sleep 0.3 && rm b.txt";
	static final String TRUSTED = "printf *;sleep *;rm *";

	/** Where a kill lands: which step the harness waits for before the random delay. */
	enum Kind {
		STEP1("model step1"), COMMAND("model command"), STEP2("model step2"), REVERT("action-start revert"),
		RESTORE("action-start restore");

		final String trigger;

		Kind(String trigger) {
			this.trigger = trigger;
		}
	}

	record Event(long nanos, String text) {
	}

	/** The files of the project: path to bytes; a path mapped to null is absent. */
	static final Map<String, byte[]> ORIGINAL = new TreeMap<>();
	static final Map<String, byte[]> STEP1 = new TreeMap<>();
	static final Map<String, byte[]> COMMAND_SET = new TreeMap<>();
	static final Map<String, byte[]> STEP2 = new TreeMap<>();

	static {
		ORIGINAL.put("a.txt", bytes("alpha\n"));
		ORIGINAL.put("b.txt", bytes("bravo\nbravo two\n"));
		ORIGINAL.put("c.txt", bytes("charlie\r\nline two\r\nno newline at the end"));
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) i;
		}
		ORIGINAL.put("d.bin", binary);
		ORIGINAL.put("big.txt", bytes(lines("original line ", 1_500)));
		ORIGINAL.put("sub/e.txt", bytes("echo\n"));
		STEP1.put("a.txt", bytes("alpha from the first step\n"));
		STEP1.put("c.txt", bytes("charlie rewritten\n"));
		STEP1.put("new.txt", bytes("a new file\n"));
		STEP1.put("big.txt", bytes(lines("rewritten line ", 1_500)));
		COMMAND_SET.put("cmd1.txt", bytes("made by a command\n"));
		COMMAND_SET.put("a.txt", bytes("alpha from a command\n"));
		COMMAND_SET.put("b.txt", null);
		STEP2.put("sub/e.txt", bytes("echo from the second prompt\n"));
		STEP2.put("new.txt", bytes("the new file, second version\n"));
	}

	private final Path ide;
	private final Path workspace;
	private final Path work;
	private final Random random;
	private final HttpServer server;
	private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
	private volatile CompletableFuture<Void> proceed = new CompletableFuture<>();
	private volatile String plan = "";
	private final Map<Kind, Long> windows = new LinkedHashMap<>();
	private final List<String> failures = new ArrayList<>();
	private long cycleStart;
	static final boolean VERBOSE = System.getenv("WARDEN_KILL_VERBOSE") != null;

	KillTest(Path ide, Path work, long seed) throws IOException {
		this.ide = ide;
		this.work = work;
		this.workspace = work.resolve("workspace");
		this.random = new Random(seed);
		windows.put(Kind.STEP1, TimeUnit.SECONDS.toNanos(3));
		windows.put(Kind.COMMAND, TimeUnit.SECONDS.toNanos(3));
		windows.put(Kind.STEP2, TimeUnit.SECONDS.toNanos(1));
		windows.put(Kind.REVERT, TimeUnit.MILLISECONDS.toNanos(500));
		windows.put(Kind.RESTORE, TimeUnit.MILLISECONDS.toNanos(500));
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/chat/completions", this::model);
		server.createContext("/plan", exchange -> reply(exchange, plan));
		server.createContext("/event", exchange -> {
			String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			events.add(new Event(System.nanoTime(), text));
			reply(exchange, "");
		});
		server.createContext("/continue", exchange -> {
			proceed.join();
			reply(exchange, "go");
		});
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		server.start();
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 5) {
			System.err.println("usage: KillTest IDE_DIR DRIVER_JAR WORK_DIR POINTS SEED");
			System.exit(2);
		}
		Path product = Path.of(args[0]);
		Path work = Path.of(args[2]);
		int points = Integer.parseInt(args[3]);
		long seed = Long.parseLong(args[4]);
		Path ide = work.resolve("ide");
		copyProduct(product, ide, Path.of(args[1]));
		KillTest test = new KillTest(ide, work, seed);
		int status = test.run(points, seed);
		test.server.stop(0);
		System.exit(status);
	}

	/** A copy of the product with the driver bundle listed among its bundles (the product itself stays as built). */
	static void copyProduct(Path product, Path copy, Path driver) throws Exception {
		Process cp = new ProcessBuilder("cp", "-a", product.toString(), copy.toString()).inheritIO().start();
		if (cp.waitFor() != 0) {
			throw new IOException("could not copy " + product);
		}
		String version;
		try (JarFile jar = new JarFile(driver.toFile())) {
			version = jar.getManifest().getMainAttributes().getValue("Bundle-Version");
		}
		String name = "dev.warden.killtest_" + version + ".jar";
		Files.copy(driver, copy.resolve("plugins").resolve(name), StandardCopyOption.REPLACE_EXISTING);
		Path info = copy.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info");
		Files.writeString(info, "dev.warden.killtest," + version + ",plugins/" + name + ",4,false\n",
				java.nio.file.StandardOpenOption.APPEND);
	}

	int run(int points, long seed) throws Exception {
		Path project = workspace.resolve(PROJECT);
		for (Map.Entry<String, byte[]> file : ORIGINAL.entrySet()) {
			Files.createDirectories(project.resolve(file.getKey()).getParent());
			Files.write(project.resolve(file.getKey()), file.getValue());
		}
		System.out.printf("kill test: %d kill points, seed %d, workspace %s%n", points, seed, workspace);
		long started = System.nanoTime();
		int survived = 0;
		int afterTheEnd = 0;
		// a kill that lands after the IDE finished its work does not count; the start after the last kill only checks
		int cycles = 0;
		for (int cycle = 1; failures.isEmpty(); cycle++) {
			boolean last = survived == points || cycle > 2 * points;
			cycles = cycle;
			Kind kind = last ? null : Kind.values()[random.nextInt(Kind.values().length)];
			String action = kind == Kind.REVERT ? "revert" : kind == Kind.RESTORE ? "restore"
					: random.nextBoolean() ? "revert" : "restore";
			String outcome = cycle(cycle, kind, action, last);
			if (outcome.startsWith("killed ")) {
				survived++;
			} else if (outcome.startsWith("late ")) {
				afterTheEnd++;
			}
			if (kind != null) {
				System.out.printf("kill %3d  %-8s %s%n", cycle, kind, outcome);
			}
			if (last) {
				break;
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		String load = Files.readString(Path.of("/proc/loadavg")).trim();
		System.out.printf("kill test: %d kill points survived (%d more landed after the IDE had finished), %d starts of the"
				+ " IDE, %d failures, %.0f s, windows %s, load average %s%n", survived, afterTheEnd, cycles, failures.size(),
				seconds, windowsInMillis(), load);
		failures.forEach(f -> System.out.println("FAILED " + f));
		if (survived < points) {
			System.out.println("FAILED only " + survived + " of " + points + " kills landed before the IDE had finished");
		}
		return failures.isEmpty() && survived >= points ? 0 : 1;
	}

	/** One start of the IDE: check what the last kill left, revert, a turn and an action, and a kill somewhere. */
	String cycle(int cycle, Kind kind, String action, boolean last) throws Exception {
		plan = String.join("\n", "project=" + PROJECT, "model=" + base() + "v1", "trusted=" + TRUSTED,
				"prompt1=" + PROMPT1, "prompt2=" + PROMPT2, "action=" + (last ? "none" : action)) + "\n";
		proceed = new CompletableFuture<>();
		events.clear();
		cycleStart = System.nanoTime();
		Path console = work.resolve("console-" + cycle + ".txt");
		Process ide = new ProcessBuilder(java(), "-Xmx1g", "-XX:TieredStopAtLevel=1", "-Dwarden.killtest=" + base(),
				"-jar", launcher(), "-data", workspace.toString(), "-consoleLog").directory(this.ide.toFile())
				.redirectErrorStream(true).redirectOutput(console.toFile()).start();
		try {
			// the start: every saved chat reloads consistent, Revert All of the latest brings the originals back (at a load
			// average of 32 on two cores the workbench took more than three minutes to come up)
			while (true) {
				Event e = next(ide, Duration.ofMinutes(10), cycle, "the driver to report the saved chats");
				if (e == null) {
					return "failed";
				}
				if (e.text().startsWith("saved ") || e.text().startsWith("opened ")) {
					String[] words = e.text().split(" ", 4);
					if (!words[2].equals("ok")) {
						fail(cycle, "a chat did not reload consistent: " + e.text());
					}
				} else if (e.text().startsWith("reverted ")) {
					if (!e.text().equals("reverted nothing") && !e.text().startsWith("reverted complete")) {
						fail(cycle, "Revert All after the restart: " + e.text());
					}
					String difference = difference(ORIGINAL);
					if (difference != null) {
						fail(cycle, "after Revert All the project is not byte for byte the original: " + difference);
					}
					break;
				}
			}
			if (!failures.isEmpty() || last) {
				return "checked";
			}
			proceed.complete(null);
			String trigger = kind.trigger;
			long triggered = 0;
			Map<String, Long> seen = new LinkedHashMap<>();
			while (true) {
				Event e = next(ide, Duration.ofMinutes(10), cycle, "the driver to reach '" + trigger + "'");
				if (e == null) {
					return "failed";
				}
				seen.put(key(e), e.nanos());
				if (e.text().startsWith("action-done") && !e.text().contains(" complete")) {
					fail(cycle, "the action did not complete: " + e.text());
				}
				if (e.text().startsWith(trigger)) {
					triggered = e.nanos();
					break;
				}
			}
			long window = windows.get(kind);
			long delay = (long) (random.nextDouble() * window);
			long sleep = triggered + delay - System.nanoTime();
			if (sleep > 0) {
				TimeUnit.NANOSECONDS.sleep(sleep);
			}
			ide.destroyForcibly(); // SIGKILL
			ide.waitFor();
			String lastEvent = "";
			for (Event e; (e = events.poll()) != null;) {
				lastEvent = e.text();
				seen.put(key(e), e.nanos());
			}
			measure(seen);
			String state = checkAfterKill(cycle, action);
			checkAudit(cycle);
			String where = String.format("+%3d ms of %3d ms  %s", TimeUnit.NANOSECONDS.toMillis(delay),
					TimeUnit.NANOSECONDS.toMillis(window), state);
			return lastEvent.equals("finished") ? "late " + where : "killed " + where;
		} finally {
			ide.destroyForcibly();
			ide.waitFor();
		}
	}

	private String windowsInMillis() {
		Map<Kind, Long> millis = new LinkedHashMap<>();
		windows.forEach((kind, nanos) -> millis.put(kind, TimeUnit.NANOSECONDS.toMillis(nanos)));
		return millis + " ms";
	}

	private static String key(Event e) {
		String[] words = e.text().split(" ");
		return words[0] + (words.length > 1 && (words[0].equals("model") || words[0].startsWith("action")) ? " " + words[1] : "");
	}

	/** The windows of the steps as last seen whole; the first kill of each kind takes a guess. */
	void measure(Map<String, Long> seen) {
		window(Kind.STEP1, seen.get("model step1"), seen.get("model command"));
		window(Kind.COMMAND, seen.get("model command"), seen.get("model step2"));
		window(Kind.STEP2, seen.get("model step2"), seen.get("model final2"));
		window(Kind.RESTORE, seen.get("action-start restore"), seen.get("action-done restore"));
		window(Kind.REVERT, seen.get("action-start revert"), seen.get("action-done revert"));
	}

	private void window(Kind kind, Long from, Long to) {
		if (from != null && to != null) {
			windows.put(kind, Math.max(TimeUnit.MILLISECONDS.toNanos(20), to - from));
		}
	}

	/**
	 * What a kill may leave: steps 1..t-1 whole, step t per file either before or after, nothing of the later steps.
	 * Returns which step was cut, or records a failure.
	 */
	String checkAfterKill(int cycle, String action) throws IOException {
		List<Map<String, byte[]>> steps = new ArrayList<>(List.of(STEP1, COMMAND_SET, STEP2));
		Map<String, byte[]> afterStep2 = apply(apply(apply(ORIGINAL, STEP1), COMMAND_SET), STEP2);
		Map<String, byte[]> target = finalState(action);
		Map<String, byte[]> restore = new TreeMap<>();
		for (String path : union(afterStep2, target)) {
			if (!Arrays.equals(afterStep2.get(path), target.get(path))) {
				restore.put(path, target.get(path));
			}
		}
		steps.add(restore);
		Map<String, byte[]> actual = actual();
		String[] names = { "step 1", "command", "step 2", action };
		// the same bytes may be a point of two steps (a restore ends where the command ended): all are named
		List<String> points = new ArrayList<>();
		Map<String, byte[]> before = ORIGINAL;
		for (int t = 0; t < steps.size(); t++) {
			Map<String, byte[]> after = apply(before, steps.get(t));
			if (withinStep(actual, before, after)) {
				int changed = 0;
				for (String path : steps.get(t).keySet()) {
					if (!Arrays.equals(actual.get(path), before.get(path))) {
						changed++;
					}
				}
				points.add(String.format("%s %d/%d", names[t], changed, steps.get(t).size()));
			}
			before = after;
		}
		if (points.isEmpty()) {
			fail(cycle, "the files are not before or after each step: " + difference(actual, before));
			return "torn";
		}
		return "files done: " + String.join(" or ", points);
	}

	/** The files after the whole turn and the action. */
	static Map<String, byte[]> finalState(String action) {
		return action.equals("revert") ? ORIGINAL : apply(apply(ORIGINAL, STEP1), COMMAND_SET);
	}

	private static boolean withinStep(Map<String, byte[]> actual, Map<String, byte[]> before, Map<String, byte[]> after) {
		for (String path : Stream.of(actual, before, after).flatMap(m -> m.keySet().stream()).distinct().toList()) {
			byte[] is = actual.get(path);
			if (!Arrays.equals(is, before.get(path)) && !Arrays.equals(is, after.get(path))) {
				return false;
			}
		}
		return true;
	}

	private static Map<String, byte[]> apply(Map<String, byte[]> state, Map<String, byte[]> step) {
		Map<String, byte[]> next = new TreeMap<>(state);
		next.putAll(step);
		next.values().removeIf(v -> v == null);
		return next;
	}

	private static List<String> union(Map<String, byte[]> a, Map<String, byte[]> b) {
		return Stream.concat(a.keySet().stream(), b.keySet().stream()).distinct().sorted().toList();
	}

	/** The project's files as they are on disk, without Eclipse's own (.project, .settings). */
	Map<String, byte[]> actual() throws IOException {
		Path project = workspace.resolve(PROJECT);
		Map<String, byte[]> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(project)) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				String path = project.relativize(file).toString();
				if (!path.equals(".project") && !path.startsWith(".settings/")) {
					files.put(path, Files.readAllBytes(file));
				}
			}
		}
		return files;
	}

	String difference(Map<String, byte[]> expected) throws IOException {
		return difference(actual(), expected);
	}

	static String difference(Map<String, byte[]> actual, Map<String, byte[]> expected) {
		List<String> differences = new ArrayList<>();
		for (String path : union(actual, expected)) {
			byte[] is = actual.get(path);
			byte[] want = expected.get(path);
			if (!Arrays.equals(is, want)) {
				differences.add(path + " is " + describe(is) + ", expected " + describe(want));
			}
		}
		return differences.isEmpty() ? null : String.join("; ", differences);
	}

	private static String describe(byte[] content) {
		if (content == null) {
			return "absent";
		}
		String text = new String(content, 0, Math.min(40, content.length), StandardCharsets.UTF_8).replace("\n", "\\n")
				.replace("\r", "\\r");
		return content.length + " bytes \"" + text + (content.length > 40 ? "…" : "") + "\"";
	}

	/** Every audit file: whole lines only, each one JSON object. */
	void checkAudit(int cycle) throws IOException {
		Path audit = workspace.resolve(".metadata/.plugins/dev.warden.core/audit");
		if (!Files.isDirectory(audit)) {
			return;
		}
		try (Stream<Path> files = Files.list(audit)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				if (!text.isEmpty() && !text.endsWith("\n")) {
					fail(cycle, "torn last line in the audit file " + file.getFileName());
				}
				int number = 0;
				for (String line : text.split("\n")) {
					number++;
					if (line.isEmpty()) {
						continue;
					}
					try {
						JsonParser.parseString(line).getAsJsonObject();
					} catch (RuntimeException e) {
						fail(cycle, "unreadable line " + number + " in the audit file " + file.getFileName() + ": " + e.getMessage());
					}
				}
			}
		}
	}

	private Event next(Process ide, Duration timeout, int cycle, String what) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Event e = events.poll(100, TimeUnit.MILLISECONDS);
			if (e != null) {
				if (VERBOSE) {
					System.out.printf("  %6d ms  %s%n", TimeUnit.NANOSECONDS.toMillis(e.nanos() - cycleStart), e.text());
				}
				if (e.text().startsWith("error ")) {
					fail(cycle, "the driver failed: " + e.text().replace('|', '\n'));
					return null;
				}
				return e;
			}
			if (!ide.isAlive()) {
				fail(cycle, "the IDE exited while waiting for " + what + "; see " + work.resolve("console-" + cycle + ".txt"));
				return null;
			}
		}
		fail(cycle, "timed out waiting for " + what);
		return null;
	}

	private void fail(int cycle, String message) {
		failures.add("start " + cycle + ": " + message);
	}

	private String base() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
	}

	private String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private String launcher() throws IOException {
		try (Stream<Path> plugins = Files.list(ide.resolve("plugins"))) {
			return plugins.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_"))
					.findFirst().orElseThrow(() -> new IOException("no launcher in " + ide)).toString();
		}
	}

	// ---- the model: an OpenAI-compatible streaming server that answers by what the conversation's last message is

	private void model(HttpExchange exchange) throws IOException {
		JsonObject request = JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(),
				StandardCharsets.UTF_8)).getAsJsonObject();
		JsonArray messages = request.getAsJsonArray("messages");
		JsonObject lastMessage = messages.get(messages.size() - 1).getAsJsonObject();
		String role = lastMessage.get("role").getAsString();
		String key = role.equals("tool") ? lastMessage.get("tool_call_id").getAsString()
				: lastMessage.get("content").toString().contains("PROMPT-2") ? "prompt2" : "prompt1";
		List<String> chunks = new ArrayList<>();
		String step;
		switch (key) {
		case "prompt1" -> {
			step = "step1";
			chunks.add(text("Rewriting four files."));
			int index = 0;
			for (Map.Entry<String, byte[]> file : STEP1.entrySet()) {
				chunks.add(writeFile(index, "s1-" + index, file.getKey(), file.getValue()));
				index++;
			}
			chunks.add(finish("tool_calls"));
		}
		case "s1-3" -> {
			step = "command";
			JsonObject arguments = new JsonObject();
			arguments.addProperty("command", COMMAND);
			arguments.addProperty("cwd", PROJECT);
			chunks.add(toolCall(0, "cmd-1", "run_command", arguments));
			chunks.add(finish("tool_calls"));
		}
		case "cmd-1" -> {
			step = "final1";
			chunks.add(text("Done with the first prompt."));
			chunks.add(finish("stop"));
		}
		case "prompt2" -> {
			step = "step2";
			int index = 0;
			for (Map.Entry<String, byte[]> file : STEP2.entrySet()) {
				chunks.add(writeFile(index, "s2-" + index, file.getKey(), file.getValue()));
				index++;
			}
			chunks.add(finish("tool_calls"));
		}
		default -> {
			step = "final2";
			chunks.add(text("Done with the second prompt."));
			chunks.add(finish("stop"));
		}
		}
		events.add(new Event(System.nanoTime(), "model " + step));
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			for (String chunk : chunks) {
				out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
			}
			out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		} catch (IOException e) {
			// the IDE was killed while reading
		}
	}

	private static String writeFile(int index, String id, String path, byte[] content) {
		JsonObject arguments = new JsonObject();
		arguments.addProperty("path", PROJECT + "/" + path);
		arguments.addProperty("content", new String(content, StandardCharsets.UTF_8));
		return toolCall(index, id, "write_file", arguments);
	}

	private static String toolCall(int index, String id, String name, JsonObject arguments) {
		JsonObject function = new JsonObject();
		function.addProperty("name", name);
		function.addProperty("arguments", arguments.toString());
		JsonObject call = new JsonObject();
		call.addProperty("index", index);
		call.addProperty("id", id);
		call.addProperty("type", "function");
		call.add("function", function);
		JsonArray calls = new JsonArray();
		calls.add(call);
		JsonObject delta = new JsonObject();
		delta.add("tool_calls", calls);
		return chunk(delta, null);
	}

	private static String text(String text) {
		JsonObject delta = new JsonObject();
		delta.addProperty("content", text);
		return chunk(delta, null);
	}

	private static String finish(String reason) {
		return chunk(new JsonObject(), reason);
	}

	private static String chunk(JsonObject delta, String finishReason) {
		JsonObject choice = new JsonObject();
		choice.addProperty("index", 0);
		choice.add("delta", delta);
		if (finishReason != null) {
			choice.addProperty("finish_reason", finishReason);
		}
		JsonArray choices = new JsonArray();
		choices.add(choice);
		JsonObject chunk = new JsonObject();
		chunk.addProperty("id", "chatcmpl-kill");
		chunk.addProperty("object", "chat.completion.chunk");
		chunk.addProperty("model", "scripted");
		chunk.add("choices", choices);
		return chunk.toString();
	}

	private static void reply(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		exchange.close();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String lines(String prefix, int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(prefix).append(i).append('\n');
		}
		return text.toString();
	}
}
