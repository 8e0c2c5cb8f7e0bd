package dev.warden.ui.tests.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.warden.core.agent.ConversationStore;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.internal.chat.ToolCard;
import dev.warden.ui.tests.Workbenches;

/**
 * Benchmark, not part of the normal suite (its name does not end in Test): the memory of long work. A scripted
 * conversation of {@code warden.bench.turns} turns (1,000 by default), each a command whose output is
 * {@code warden.bench.outputKb} KB (200 by default) and an answer, held in the real chat view, against a model with a
 * context window of {@code warden.bench.window} tokens (200,000 by default, as today's large models): old tool outputs
 * are trimmed from the requests and the conversation is compacted as it would be with such a model. It reports the heap in use
 * after full collections before the chat, after it and after the chat was closed (a new chat), the UI thread's stalls
 * over the whole conversation (probed every {@value StallProbe#PROBE_MILLIS} ms), the time to save the conversation at
 * its end and to open it again in the view. Prints the figures and writes them to
 * {@code target/benchmarks/long-chat.txt}; asserts only that the work happened and that closing the chat returns what
 * it held (a heap bound), never a time.
 * <p>
 * Run on demand: {@code releng/bin/benchmark long-chat [TURNS [OUTPUT_KB]]}.
 */
class LongChatBenchmark {

	private static final int TURNS = Integer.getInteger("warden.bench.turns", 1000);
	private static final int OUTPUT_KB = Integer.getInteger("warden.bench.outputKb", 200);
	/** The model's context window: that of today's large models, so that the chat is trimmed and compacted as with one. */
	private static final int WINDOW_TOKENS = Integer.getInteger("warden.bench.window", 200_000);

	private ChatFixture chat;
	private ChatView view;
	private Display display;

	@BeforeEach
	void setUp() throws Exception {
		StringBuilder output = new StringBuilder(OUTPUT_KB * 1024);
		for (int line = 0; output.length() < OUTPUT_KB * 1024; line++) {
			output.append(String.format("%06d [INFO] compiling module-%03d/src/main/java/Sample%04d.java ... ok%n", line,
					line % 97, line));
		}
		output.setLength(OUTPUT_KB * 1024);
		chat = ChatFixture.project("long-chat").file("build.log", output.toString()).trusted("cat *\n")
				.model("scripted", 60).maximized().open();
		chat.model.forgetRequests().window(WINDOW_TOKENS);
		view = chat.view;
		display = chat.display;
	}

	@AfterEach
	void tearDown() throws Exception {
		chat.close();
	}

	@Test
	void aThousandTurnChatIsHeldClosedAndOpenedAgain() throws Exception {
		long heapEmpty = collect();
		// the machine's own noise first: the same probe over an idle UI (other builds share this machine)
		StallProbe idle = new StallProbe(display);
		idle.start();
		long idleUntil = System.nanoTime() + 5_000_000_000L;
		Workbenches.waitUntil(display, () -> System.nanoTime() >= idleUntil, 10, "five idle seconds pass");
		idle.stop();
		Workbenches.waitUntil(display, idle::allRan, 10, "the idle probe's last runnables run");
		long[] idleStalls = idle.samples();
		Arrays.sort(idleStalls);

		StallProbe probe = new StallProbe(display);
		probe.start();
		long started = System.nanoTime();
		long lastMark = started;
		int lastMarkTurn = 0;
		StringBuilder progress = new StringBuilder();
		for (int turn = 1; turn <= TURNS; turn++) {
			JsonObject command = new JsonObject();
			command.addProperty("command", "cat build.log");
			chat.model.toolCall("call_" + turn, "run_command", command)
					.text("Turn " + turn + ": the build log shows every module compiled.");
			view.send("Turn " + turn + ": show me the build log");
			int n = turn;
			Workbenches.waitUntil(display, () -> !view.controller().isRunning(), 120, "turn " + n + " ends");
			if (turn % 100 == 0 || turn == TURNS) {
				long now = System.nanoTime();
				progress.append(String.format("  turns %4d: %5.0f ms a turn over the last %d, heap in use %4d MB, load %s%n",
						turn, (now - lastMark) / 1e6 / (turn - lastMarkTurn), turn - lastMarkTurn,
						ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20, StallProbe.loadAverage()));
				lastMark = now;
				lastMarkTurn = turn;
				System.out.print(progress.substring(progress.lastIndexOf("  turns")));
			}
		}
		Workbenches.settle(display);
		probe.stop();
		Workbenches.waitUntil(display, probe::allRan, 10, "the probe's last runnables run");
		long[] stalls = probe.samples();
		Arrays.sort(stalls);
		long wallSeconds = (System.nanoTime() - started) / 1_000_000_000L;

		String id = view.controller().conversation().id();
		assertEquals(TURNS * 4, view.controller().conversation().messages().size(), "every turn is in the conversation");
		// the view keeps widgets for the newest prompts only (the earlier ones behind a link)
		assertTrue(view.conversation().entries().stream().filter(ToolCard.class::isInstance).count() >= Math.min(TURNS,
				50));
		int summaries = view.controller().conversation().compactions().size();
		int summarized = summaries == 0 ? 0 : view.controller().conversation().lastCompaction().upTo();
		long heapHeld = collect();

		ConversationStore store = WardenServices.state().conversations();
		long saveStart = System.nanoTime();
		store.save(view.controller().conversation());
		long saveMillis = (System.nanoTime() - saveStart) / 1_000_000;
		Path saved = WardenServices.state().auditDirectory().getParent().resolve("conversations").resolve(id + ".json");
		long savedBytes = Files.size(saved);

		view.controller().newChat();
		Workbenches.settle(display);
		long heapClosed = collect();

		long loadStart = System.nanoTime();
		assertTrue(store.load(id).isPresent());
		long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
		collect();
		long openStart = System.nanoTime();
		assertTrue(view.controller().open(id));
		long openMillis = (System.nanoTime() - openStart) / 1_000_000;
		Workbenches.settle(display);
		long heapReopened = collect();
		view.controller().newChat();
		Workbenches.settle(display);

		String report = String.format("long chat: %d turns, %d KB of command output each, a %,d-token window (%d summaries,"
				+ " the last standing for the first %d messages), in %d s, load %s%n%s"
				+ "  heap in use after full GC: empty chat %d MB, holding the chat %d MB (+%d MB), after closing it %d MB"
				+ " (+%d MB), opened again %d MB%n"
				+ "  UI stalls over the conversation: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d probes);"
				+ " idle UI before it: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
				+ "  saved conversation %d MB; one save at the end %d ms; reading it %d ms; opening it again in the"
				+ " view (reading and showing it) %d ms%n",
				TURNS, OUTPUT_KB, WINDOW_TOKENS, summaries, summarized, wallSeconds, StallProbe.loadAverage(), progress, heapEmpty >> 20, heapHeld >> 20,
				(heapHeld - heapEmpty) >> 20, heapClosed >> 20, (heapClosed - heapEmpty) >> 20, heapReopened >> 20,
				StallProbe.percentile(stalls, 50), StallProbe.percentile(stalls, 99), StallProbe.percentile(stalls, 100),
				stalls.length, StallProbe.percentile(idleStalls, 50), StallProbe.percentile(idleStalls, 99),
				StallProbe.percentile(idleStalls, 100), savedBytes >> 20, saveMillis, loadMillis, openMillis);
		System.out.print(report);
		Path out = Path.of("target", "benchmarks");
		Files.createDirectories(out);
		Files.writeString(out.resolve("long-chat.txt"), report);
		assertTrue(heapClosed - heapEmpty < 16L << 20, "closing the chat returns what it held: " + report);
	}

	/** Full collections with the event loop running between them; the smallest heap in use seen. */
	private long collect() {
		long heap = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			Workbenches.settle(display);
			heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return heap;
	}
}
