package dev.warden.ui.tests.chat;

import dev.warden.core.settings.WardenPreferences;
import dev.warden.ui.internal.WardenServices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.ui.internal.chat.MarkdownRenderer;
import dev.warden.ui.internal.chat.MessageEntry;
import dev.warden.ui.internal.chat.RichText;
import dev.warden.core.settings.ModelSettings;
import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/**
 * Benchmark, not part of the normal suite (its name does not end in Test): streams a long answer from a loopback
 * model server at a steady rate into the real chat view and measures how long runnables posted to the UI thread
 * wait before they run. A probe thread posts one {@code Display.asyncExec} every {@value #PROBE_MILLIS} ms for the
 * whole stream; the distribution of the waits is the UI thread's stall as a user's keystrokes and paints feel it.
 * Before the measured answer the same chat sees {@value #IDLE_SECONDS} s of idle UI (the noise of the machine itself,
 * which other builds share) and a warm-up answer of {@value #WARM_UP_TOKENS} tokens (the first answer runs cold
 * code); both are reported on a line of their own. Prints the figures and writes them to
 * {@code target/benchmarks/chat-stream.txt}. Only correctness is asserted (the whole answer arrived and was drawn),
 * never time.
 * <p>
 * Run on demand:
 * {@code releng/bin/benchmark chat [TOKENS [RATE]]}, which runs this class in the workbench under {@code xvfb-run}.
 * {@code -Dtycho.testArgLine="-Dwarden.bench.tokens=20000 -Dwarden.bench.rate=2000"} changes the size and pace.
 * <p>
 * The answer comes from {@link ScriptedModelServer#paced}: prepared before the stream and sent in bursts on a fixed
 * clock, so that the server adds no jitter of its own.
 */
class ChatStreamBenchmark {

	private static final int TOKENS = Integer.getInteger("warden.bench.tokens", 100_000);
	private static final int TOKENS_PER_SECOND = Integer.getInteger("warden.bench.rate", 2_000);
	private static final int WARM_UP_TOKENS = 10_000;
	private static final int IDLE_SECONDS = 5;
	private static final int BURST_MILLIS = 10;
	private static final int PROBE_MILLIS = StallProbe.PROBE_MILLIS;
	private static final String PROJECT = "chat-bench";

	private ChatFixture chat;
	private ScriptedModelServer model;
	private IProject project;
	private ChatView view;
	private Display display;

	@BeforeEach
	void setUp() throws Exception {
		chat = ChatFixture.project(PROJECT).file("README.md", "# Bench\n").model("paced", 120).maximized().open();
		model = chat.model;
		view = chat.view;
		display = chat.display;
	}

	@AfterEach
	void tearDown() throws Exception {
		chat.close();
	}

	private static ModeService mode() {
		return PlatformUI.getWorkbench().getService(ModeService.class);
	}

	@Test
	void streamsALongAnswerIntoTheChatView() throws Exception {
		List<String> warmUp = AnswerWriter.tokens(WARM_UP_TOKENS, new Random(3));
		List<String> tokens = AnswerWriter.tokens(TOKENS, new Random(7));
		String answer = String.join("", tokens);
		model.paced(warmUp, TOKENS_PER_SECOND, BURST_MILLIS);
		model.paced(tokens, TOKENS_PER_SECOND, BURST_MILLIS);
		Workbenches.settle(display);
		String loadBefore = loadAverage();
		System.gc();

		Measured idle = measure(() -> {
		}, new IdleFor(IDLE_SECONDS));
		Measured warm = measure(() -> view.send("Give a short overview"), new AnswerArrived(String.join("", warmUp).length()));
		System.gc();
		long heapBefore = usedHeap();
		AnswerArrived arrived = new AnswerArrived(answer.length());
		long[] sendNanos = new long[1];
		Measured stream = measure(() -> {
			long sendStart = System.nanoTime();
			view.send("Write a long explanation");
			sendNanos[0] = System.nanoTime() - sendStart;
		}, arrived);
		long heapAfter = usedHeap();
		String loadAfter = loadAverage();
		MessageEntry entry = arrived.entry;
		Point size = view.conversation().getControl().getSize();
		Screenshots.take(view.getSite().getShell(), "chat-stream-benchmark");

		List<String> expected = texts(MarkdownRenderer.render(answer));
		List<String> rendered = entry.renderedTexts();
		int expectedChars = expected.stream().mapToInt(String::length).sum();
		int renderedChars = rendered.stream().mapToInt(String::length).sum();
		boolean complete = answer.equals(entry.markdown()) && expected.equals(rendered);

		long[] stalls = stream.stalls();
		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT, "Chat stream benchmark: %,d tokens at %,d tokens/s into the chat view%n",
				tokens.size(), TOKENS_PER_SECOND));
		report.append("UI-thread stall (ms): ").append(stream.summary()).append(System.lineSeparator());
		report.append(String.format(Locale.ROOT, "stalls over 16 ms: %d, over 50 ms: %d; longest stall in each 5 s (ms): %s%n",
				count(stalls, 16), count(stalls, 50), stream.maxima()));
		report.append(String.format(Locale.ROOT, "target: p99 < 16 ms, max < 50 ms: %s%n",
				percentile(stalls, 99) < 16 && percentile(stalls, 100) < 50 ? "met" : "MISSED"));
		report.append(String.format(Locale.ROOT, "stream wall time %.1f s (ideal %.1f s); UI thread busy %.1f s (%.0f%%)%n",
				stream.wallNanos() / 1e9, tokens.size() / (double) TOKENS_PER_SECOND, stream.uiCpuNanos() / 1e9,
				100.0 * stream.uiCpuNanos() / stream.wallNanos()));
		report.append(String.format(Locale.ROOT, "answer: %,d Markdown chars received of %,d sent; rendered %,d of %,d chars in %d segments: %s%n",
				entry.markdown().length(), answer.length(), renderedChars, expectedChars, expected.size(),
				complete ? "complete" : "INCOMPLETE"));
		report.append(String.format(Locale.ROOT, "sending the prompt (user entry, checkpoint, job start) held the UI thread %.1f ms%n",
				sendNanos[0] / 1e6));
		report.append(String.format(Locale.ROOT, "heap used %,d MB before, %,d MB after the stream; GC %d collections, %d ms during it%n",
				heapBefore >> 20, heapAfter >> 20, stream.gcCount(), stream.gcMillis()));
		report.append(String.format(Locale.ROOT, "before it, same chat: idle UI %d s: %s; warm-up answer of %,d tokens: %s%n",
				IDLE_SECONDS, idle.summary(), warmUp.size(), warm.summary()));
		report.append(String.format(Locale.ROOT, "conversation area %dx%d px; load average before %s, after %s; %d processors%n",
				size.x, size.y, loadBefore, loadAfter, Runtime.getRuntime().availableProcessors()));
		System.out.print(report);
		Path file = Screenshots.directory().getParent().resolve("benchmarks").resolve("chat-stream.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);

		assertEquals(answer, entry.markdown(), "the whole answer arrived");
		assertEquals(expected, rendered, "the whole answer is drawn as a full render draws it");
	}

	/** What the probe saw while the event loop ran from {@code start} until {@code done}. */
	private record Measured(long[] stalls, String maxima, long wallNanos, long uiCpuNanos, long gcCount, long gcMillis) {

		String summary() {
			return String.format(Locale.ROOT, "p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%,d samples, one posted every %d ms)",
					percentile(stalls, 50), percentile(stalls, 90), percentile(stalls, 99), percentile(stalls, 99.9),
					percentile(stalls, 100), stalls.length, PROBE_MILLIS);
		}
	}

	/** Runs {@code start}, then the event loop until {@code done}, with the probe running all along. */
	private Measured measure(Runnable start, Condition done) throws InterruptedException {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long uiCpuBefore = threads.getCurrentThreadCpuTime();
		long gcCountBefore = gcCount(), gcMillisBefore = gcMillis();
		StallProbe probe = new StallProbe(display);
		long started = System.nanoTime();
		probe.start();
		start.run();
		done.begin(started);
		while (!done.reached()) {
			if (!display.readAndDispatch()) {
				display.sleep();
			}
		}
		long wall = System.nanoTime() - started;
		probe.stop();
		Workbenches.waitUntil(display, probe::allRan, 10, "the probe's last runnables run");
		long[] stalls = probe.samples();
		Arrays.sort(stalls);
		return new Measured(stalls, probe.maxPerWindow(5), wall, threads.getCurrentThreadCpuTime() - uiCpuBefore,
				gcCount() - gcCountBefore, gcMillis() - gcMillisBefore);
	}

	/** When a measured run ends; checked on the UI thread after each event. */
	private interface Condition {
		void begin(long started);

		boolean reached();
	}

	private static final class IdleFor implements Condition {

		private final int seconds;
		private long until;

		IdleFor(int seconds) {
			this.seconds = seconds;
		}

		@Override
		public void begin(long started) {
			until = started + TimeUnit.SECONDS.toNanos(seconds);
		}

		@Override
		public boolean reached() {
			return System.nanoTime() >= until;
		}
	}

	/** The agent is done and the answer's entry has all of its text; fails after a generous time. */
	private final class AnswerArrived implements Condition {

		private final int length;
		private int firstNew;
		private long until;
		MessageEntry entry;

		AnswerArrived(int length) {
			this.length = length;
		}

		@Override
		public void begin(long started) {
			firstNew = view.conversation().entries().size();
			until = started + TimeUnit.SECONDS.toNanos(120 + length / 1000);
		}

		@Override
		public boolean reached() {
			if (entry == null) {
				List<Object> entries = view.conversation().entries();
				for (int i = firstNew; i < entries.size() && entry == null; i++) {
					if (entries.get(i) instanceof MessageEntry message) {
						entry = message;
					}
				}
			}
			if (entry != null && !view.controller().isRunning() && entry.markdown().length() >= length) {
				return true;
			}
			if (System.nanoTime() > until) {
				throw new AssertionError("timed out waiting for the answer; received "
						+ (entry == null ? 0 : entry.markdown().length()) + " of " + length + " chars");
			}
			return false;
		}
	}

	private static List<String> texts(RichText text) {
		List<String> texts = new ArrayList<>();
		for (RichText.Segment segment : text.segments()) {
			texts.add(segment instanceof RichText.CodeBlock code ? code.code() : ((RichText.Prose) segment).text());
		}
		return texts;
	}

	private static double percentile(long[] sorted, double percent) {
		return StallProbe.percentile(sorted, percent);
	}

	private static long count(long[] sorted, long overMillis) {
		return Arrays.stream(sorted).filter(n -> n > overMillis * 1_000_000).count();
	}

	private static long usedHeap() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long gcCount() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
	}

	private static long gcMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
	}

	private static String loadAverage() {
		return StallProbe.loadAverage();
	}

	/**
	 * Writes a long answer of the kind a model gives, as tokens: sentences of words with punctuation, some bold and
	 * inline code, headings, bullet and numbered lists, and a fenced code block every few thousand tokens.
	 */
	private static final class AnswerWriter {

		private static final String[] WORDS = ("the a of to in is that it for on with as this be are by an or from at "
				+ "which not can when each method class value file test build change call returns new so if then we "
				+ "you use should because first next also its into only more most other than these those through while "
				+ "parser stream token buffer layout widget thread listener handler request response project workspace "
				+ "editor resource builder marker session model answer render segment paragraph list block fence "
				+ "cache index offset length width height event queue batch frame update refresh display control")
				.split(" ");
		private static final String[] IDENTIFIERS = { "parse", "render", "StyledText", "refresh()", "null", "Display",
				"asyncExec", "layout", "IResource", "getText()", "List<String>", "Job", "monitor", "offset" };
		private static final String[] CODE_LINES = { "public final class Sample {", "\tprivate final List<String> items = new ArrayList<>();",
				"\tint count(String prefix) {", "\t\tint total = 0;", "\t\tfor (String item : items) {",
				"\t\t\tif (item.startsWith(prefix)) {", "\t\t\t\ttotal++;", "\t\t\t}", "\t\t}", "\t\treturn total;", "\t}",
				"\tvoid add(String item) {", "\t\titems.add(Objects.requireNonNull(item));", "\t}", "}" };

		private final List<String> tokens = new ArrayList<>();
		private final Random random;

		private AnswerWriter(Random random) {
			this.random = random;
		}

		static List<String> tokens(int count, Random random) {
			AnswerWriter writer = new AnswerWriter(random);
			writer.write(count);
			return writer.tokens;
		}

		private void write(int count) {
			int nextCode = 1500;
			while (tokens.size() < count - 400) {
				if (tokens.size() >= nextCode) {
					codeBlock();
					nextCode += 5000 + random.nextInt(3000);
				}
				int kind = random.nextInt(10);
				if (kind == 0) {
					heading();
				} else if (kind == 1) {
					list(false);
				} else if (kind == 2) {
					list(true);
				} else {
					sentences(2 + random.nextInt(6));
					tokens.add("\n\n");
				}
			}
			tokens.add("In");
			while (tokens.size() < count - 1) {
				tokens.add(" " + word());
			}
			tokens.add(".");
		}

		private String word() {
			return WORDS[random.nextInt(WORDS.length)];
		}

		private void sentences(int count) {
			for (int s = 0; s < count; s++) {
				String first = word();
				tokens.add((s == 0 ? "" : " ") + Character.toUpperCase(first.charAt(0)) + first.substring(1));
				int words = 6 + random.nextInt(18);
				for (int w = 0; w < words; w++) {
					int decoration = random.nextInt(40);
					if (decoration == 0) {
						tokens.add(" `");
						tokens.add(IDENTIFIERS[random.nextInt(IDENTIFIERS.length)]);
						tokens.add("`");
					} else if (decoration == 1) {
						tokens.add(" **");
						tokens.add(word());
						tokens.add("**");
					} else if (decoration == 2) {
						tokens.add(",");
					} else {
						tokens.add(" " + word());
					}
				}
				tokens.add(random.nextInt(8) == 0 ? ":" : ".");
			}
		}

		private void heading() {
			tokens.add("## ");
			String first = word();
			tokens.add(Character.toUpperCase(first.charAt(0)) + first.substring(1));
			for (int w = 0, words = 2 + random.nextInt(4); w < words; w++) {
				tokens.add(" " + word());
			}
			tokens.add("\n\n");
		}

		private void list(boolean numbered) {
			for (int item = 1, items = 3 + random.nextInt(4); item <= items; item++) {
				tokens.add(numbered ? item + ". " : "- ");
				sentences(1);
				tokens.add(item == items ? "\n\n" : "\n");
			}
		}

		private void codeBlock() {
			tokens.add("```");
			tokens.add("java\n");
			int start = random.nextInt(CODE_LINES.length);
			for (int line = 0, lines = 12 + random.nextInt(24); line < lines; line++) {
				String code = CODE_LINES[(start + line) % CODE_LINES.length];
				for (String piece : code.split("(?<=[ .(){};])")) {
					tokens.add(piece);
				}
				tokens.add("\n");
			}
			tokens.add("```");
			tokens.add("\n\n");
		}
	}
}
