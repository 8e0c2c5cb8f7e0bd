package dev.warden.ui.tests.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.warden.core.operations.WardenJobs;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.changes.RestoreDialog;
import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.internal.chat.CommandApprovalCard;
import dev.warden.ui.internal.chat.MessageEntry;
import dev.warden.ui.internal.chat.ToolCard;
import dev.warden.ui.tests.Workbenches;

/**
 * A long scripted session in the real chat view: {@value #DEFAULT_STEPS} agent steps by default (5,000 in the long
 * mode, {@code -Dwarden.soak.steps=5000}, which {@code releng/bin/soak} runs) of reads, writes, trusted commands,
 * commands approved on their card, Stop during a streamed answer and during a running command, restores to a
 * checkpoint with the later messages dropped, and a new chat every {@value #PROMPTS_PER_CHAT} prompts. After a
 * warm-up chat and again at the end, with the agent idle, Warden's jobs done and the heap collected, it counts the
 * threads, the open file handles of the process ({@code /proc/self/fd}), the heap in use and the change journals;
 * the end may exceed the start by at most the bounds below, whatever the number of steps, and the journal keeps no
 * more chats than the retention preference allows (plus the chats still open), and no stopped command still runs.
 * The figures are printed and written to {@code target/benchmarks/soak.txt}.
 */
class ChatSoakTest {

	static final int DEFAULT_STEPS = 400;
	static final int PROMPTS_PER_CHAT = 4;
	/** Bounds on the growth from the warm-up to the end, for any number of steps. */
	static final int THREAD_BOUND = 8;
	static final int HANDLE_BOUND = 16;
	static final long HEAP_BOUND = 48L << 20;
	/** The retention the soak runs under: the newest chats kept, no days. */
	static final int KEEP_CHATS = 3;
	/**
	 * Chats whose journal may still be open: the one shown and those whose steps the workbench's undo history holds
	 * (its limit is counted in operations, not chats).
	 */
	static final int OPEN_CHATS_BOUND = 8;

	private ChatFixture chat;
	private ScriptedModelServer model;
	private ChatView view;
	private Display display;
	private int prompts;
	private int stops;
	private int restores;
	private int approvals;
	private int chats = 1;

	@BeforeEach
	void setUp() throws Exception {
		chat = ChatFixture.project("soak").file("README.md", "# Soak\n\nA project the agent works in for a long time.\n")
				.trusted("echo *\nsleep *\n").model("scripted", 30).open();
		model = chat.model.forgetRequests();
		view = chat.view;
		display = chat.display;
		WardenServices.chat().setRetention(KEEP_CHATS, 0);
	}

	@AfterEach
	void tearDown() throws Exception {
		chat.close();
	}

	/** What is counted before and after. */
	record Figures(int threads, long handles, long heap, long journals, Map<String, Integer> threadNames) {
	}

	@Test
	void aLongSessionLeavesNoThreadsHandlesHeapOrJournalsBehind() throws Exception {
		int steps = Integer.getInteger("warden.soak.steps", DEFAULT_STEPS);
		// warm-up: one whole chat, so that what is created once (classes, caches, pools) is there before counting
		while (prompts < PROMPTS_PER_CHAT) {
			prompt();
		}
		Figures before = measure();
		int stepsBefore = model.requestCount();
		long started = System.nanoTime();
		java.time.Instant startedAt = java.time.Instant.now();
		List<Long> heapSeries = new ArrayList<>(List.of(before.heap()));
		ManagementFactory.getThreadMXBean().resetPeakThreadCount();
		while (model.requestCount() - stepsBefore < steps) {
			prompt();
			if (prompts % PROMPTS_PER_CHAT == 0) {
				newChat();
				if ((model.requestCount() - stepsBefore) * 4L / steps >= heapSeries.size() && heapSeries.size() < 4) {
					heapSeries.add(collect()); // the heap along the way, to tell a trend from noise
				}
			}
		}
		int done = model.requestCount() - stepsBefore;
		int peakThreads = ManagementFactory.getThreadMXBean().getPeakThreadCount();
		long seconds = (System.nanoTime() - started) / 1_000_000_000L;
		Figures after = measure();
		heapSeries.add(after.heap());
		// with the workbench's undo history cleared, nothing holds an old chat any more: the journal is then exactly
		// within the retention (plus the chat shown)
		var history = org.eclipse.core.commands.operations.OperationHistoryFactory.getOperationHistory();
		history.dispose(org.eclipse.ui.ide.undo.WorkspaceUndoUtil.getWorkspaceUndoContext(), true, true, false);
		// an old chat's journal session is let go once its view parts are collected, which a prune may run ahead of:
		// prune again (a new chat schedules one) until the count settles, a few rounds at most
		long journalsPruned = measure().journals();
		for (int round = 0; round < 4 && journalsPruned > KEEP_CHATS + 1; round++) {
			journalsPruned = measure().journals();
		}

		// a stopped command must end with its stop: any of the stopped `sleep 30` still running outlived it (a process
		// that left the command's tree is no child of this one any more, so it is looked for among all processes)
		List<String> strays = ProcessHandle.allProcesses()
				.filter(p -> p.info().startInstant().map(t -> t.isAfter(startedAt)).orElse(false))
				.map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
				.filter(line -> line.endsWith(" sleep 30")).toList();

		// which kinds of threads there are more of at the end (names with their numbers taken out)
		Map<String, Integer> moreThreads = new TreeMap<>();
		after.threadNames().forEach((name, count) -> {
			int more = count - before.threadNames().getOrDefault(name, 0);
			if (more > 0) {
				moreThreads.put(name, more);
			}
		});

		String report = String.format(
				"soak: %d steps (%d prompts in %d chats: %d approvals, %d stops, %d restores) in %d s, load %s%n"
						+ "  threads  %6d -> %6d  (bound +%d; at most %d at once during the run; more of %s)%n"
						+ "  handles  %6d -> %6d  (bound +%d)%n"
						+ "  heap MB  %6.1f -> %6.1f  (bound +%d; along the way %s)%n"
						+ "  journals %6d -> %6d  (retention %d chats; %d once the undo history no longer holds old chats)%n"
						+ "  stopped commands still running: %d%n",
				done, prompts, chats, approvals, stops, restores, seconds, loadAverage(), before.threads(),
				after.threads(), THREAD_BOUND, peakThreads, moreThreads, before.handles(), after.handles(), HANDLE_BOUND, before.heap() / 1048576.0,
				after.heap() / 1048576.0, HEAP_BOUND >> 20,
				heapSeries.stream().map(h -> String.format("%.1f", h / 1048576.0)).toList(), before.journals(),
				after.journals(), KEEP_CHATS, journalsPruned, strays.size());
		System.out.print(report);
		Path out = Path.of("target", "benchmarks");
		Files.createDirectories(out);
		Files.writeString(out.resolve("soak.txt"), report);

		boolean withinBounds = after.threads() <= before.threads() + THREAD_BOUND
				&& after.handles() <= before.handles() + HANDLE_BOUND && after.heap() <= before.heap() + HEAP_BOUND
				&& after.journals() <= KEEP_CHATS + OPEN_CHATS_BOUND && journalsPruned <= KEEP_CHATS + 1
				&& strays.isEmpty();
		if (!withinBounds) {
			// what is left over, to be understood: the processes this one still has, the stacks of Warden's threads,
			// and who holds what on the heap
			String leftOver = processes() + wardenThreads();
			System.out.print(leftOver);
			Files.writeString(out.resolve("soak-left-over.txt"), leftOver);
			dumpHeap(out.resolve("soak-end.hprof"));
		}
		assertTrue(after.threads() <= before.threads() + THREAD_BOUND,
				report + "threads before " + before.threadNames() + "\nafter " + after.threadNames());
		assertTrue(after.handles() <= before.handles() + HANDLE_BOUND, report + handles());
		assertTrue(after.heap() <= before.heap() + HEAP_BOUND, report);
		assertTrue(after.journals() <= KEEP_CHATS + OPEN_CHATS_BOUND, report);
		assertTrue(journalsPruned <= KEEP_CHATS + 1, report);
		assertEquals(List.of(), strays, report);
	}

	/** The processes this one started that are still there, each with those it started in turn. */
	private static String processes() {
		StringBuilder text = new StringBuilder("processes still running:\n");
		ProcessHandle.current().children().forEach(child -> describe(child, "  ", text));
		return text.toString();
	}

	private static void describe(ProcessHandle process, String indent, StringBuilder text) {
		ProcessHandle.Info info = process.info();
		text.append(indent).append(process.pid()).append(' ').append(info.commandLine().orElse("?"))
				.append(info.startInstant().map(start -> " (started " + start + ")").orElse("")).append('\n');
		process.children().forEach(child -> describe(child, indent + "  ", text));
	}

	/** The stacks of Warden's own threads (commands' output readers, the sandbox's clean-up). */
	private static String wardenThreads() {
		StringBuilder text = new StringBuilder();
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			if (thread.getName().startsWith("Warden")) {
				text.append("thread ").append(thread.getName()).append(" (").append(thread.getState()).append(")\n");
				for (StackTraceElement frame : stack) {
					text.append("    at ").append(frame).append('\n');
				}
			}
		});
		return text.toString();
	}

	/** A heap dump of this process, for a failure that needs one to be understood; best effort. */
	private static void dumpHeap(Path file) {
		try {
			Files.deleteIfExists(file);
			Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
			new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()), "GC.heap_dump",
					file.toAbsolutePath().toString()).inheritIO().start().waitFor();
			System.out.println("soak: heap dumped to " + file.toAbsolutePath());
		} catch (IOException | InterruptedException e) {
			System.out.println("soak: no heap dump: " + e);
		}
	}

	/**
	 * One prompt of the script. Each does a read, a write and a trusted command; in turn some also run a command the
	 * user approves on its card, are stopped while the answer streams or while a command runs, or are restored to their
	 * checkpoint afterwards.
	 */
	private void prompt() throws Exception {
		int n = ++prompts;
		int requestsBefore = model.requestCount();
		boolean stopStream = n % 7 == 3;
		boolean stopCommand = n % 11 == 5;
		boolean approve = n % 5 == 1;
		boolean restore = n % 9 == 4 && !stopStream && !stopCommand;
		model.toolCall("r" + n, "read_file", args("path", "README.md"))
				.toolCall("w" + n, "write_file", args("path", "notes/step-" + n % 20 + ".txt", "content",
						("prompt " + n + " wrote this\n").repeat(1 + n % 40)))
				.toolCall("c" + n, "run_command", args("command", "echo step " + n));
		if (approve) {
			model.toolCall("a" + n, "run_command", args("command", "touch notes/approved-" + n % 20 + ".txt"));
		}
		if (stopCommand) {
			model.toolCall("s" + n, "run_command", args("command", "sleep 30"));
		} else if (stopStream) {
			model.text(10, ScriptedModelServer.splitIntoTokens("a long answer that the user stops ".repeat(12)));
		} else {
			model.text("Prompt " + n + " is done: I read the README, wrote a note and ran a command.");
		}
		view.send("Prompt " + n + ": read, write, run");
		if (approve) {
			Workbenches.waitUntil(display, () -> view.approvals().lastCard() instanceof CommandApprovalCard card
					&& !card.isAnswered(), 30, "the approval card of prompt " + n);
			((CommandApprovalCard) view.approvals().lastCard()).pressRunOnce();
			approvals++;
		}
		if (stopCommand) {
			Workbenches.waitUntil(display, () -> view.conversation().entries().stream()
					.anyMatch(e -> e instanceof ToolCard card && card.summary().equals("Ran sleep 30")), 30,
					"the command of prompt " + n + " runs");
			view.pressStop();
			stops++;
		} else if (stopStream) {
			int expected = requestsBefore + (approve ? 5 : 4);
			Workbenches.waitUntil(display, () -> model.requestCount() >= expected, 30,
					"the answer of prompt " + n + " streams");
			view.pressStop();
			stops++;
		}
		Workbenches.waitUntil(display, () -> !view.controller().isRunning(), 60, "prompt " + n + " ends");
		Workbenches.settle(display);
		if (restore) {
			restoreToLastPrompt(n);
		}
	}

	/** Restores the files to the last prompt's checkpoint through the dialog, then drops the later messages. */
	private void restoreToLastPrompt(int n) {
		List<MessageEntry> withAction = view.conversation().entries().stream()
				.filter(e -> e instanceof MessageEntry m && m.hasAction()).map(MessageEntry.class::cast).toList();
		assertTrue(!withAction.isEmpty(), "prompt " + n + " offers Restore to here");
		int messages = view.controller().conversation().messages().size();
		long noticesBefore = view.conversation().notices().size();
		withAction.get(withAction.size() - 1).runAction();
		RestoreDialog[] dialog = new RestoreDialog[1];
		Workbenches.waitUntil(display, () -> {
			for (Shell shell : display.getShells()) {
				if (shell.getData() instanceof RestoreDialog found && shell.isVisible()) {
					dialog[0] = found;
					return true;
				}
			}
			return false;
		}, 30, "the restore dialog of prompt " + n);
		dialog[0].confirm();
		Workbenches.waitUntil(display, () -> view.conversation().notices().size() > noticesBefore, 30,
				"the restore of prompt " + n + " is confirmed");
		assertTrue(view.conversation().runLastNoticeAction(), "the later messages can be dropped");
		assertTrue(view.controller().conversation().messages().size() < messages);
		restores++;
	}

	private void newChat() {
		view.controller().newChat();
		chats++;
		Workbenches.settle(display);
	}

	/**
	 * With the agent idle: the heap collected (so that nothing only garbage holds counts), a new chat (which prunes the
	 * journal of chats past the retention), Warden's jobs done, the heap collected again, then the counts.
	 */
	private Figures measure() throws Exception {
		collect();
		newChat();
		Workbenches.waitUntil(display, () -> Job.getJobManager().find(WardenJobs.FAMILY).length == 0, 60,
				"Warden's jobs end");
		long heap = collect();
		Map<String, Integer> names = new TreeMap<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			names.merge(thread.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
		}
		return new Figures(ManagementFactory.getThreadMXBean().getThreadCount(), countHandles(), heap, journals(),
				names);
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

	private static long countHandles() throws IOException {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.count();
		}
	}

	/** What the open file handles point to, grouped, for a failure message. */
	private static String handles() throws IOException {
		Map<String, Integer> targets = new TreeMap<>();
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path fd : fds) {
				try {
					targets.merge(Files.readSymbolicLink(fd).toString().replaceAll("\\d+", "#"), 1, Integer::sum);
				} catch (IOException e) {
					// closed while listing
				}
			}
		}
		List<Map.Entry<String, Integer>> sorted = new ArrayList<>(targets.entrySet());
		sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
		return "open handles: " + sorted.subList(0, Math.min(20, sorted.size()));
	}

	/** The change journals in the workspace's state: one per chat whose changes are kept. */
	private static long journals() throws IOException {
		Path sessions = WardenServices.state().auditDirectory().getParent().resolve("changes").resolve("sessions");
		if (!Files.isDirectory(sessions)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(sessions)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).count();
		}
	}

	private static JsonObject args(String... pairs) {
		JsonObject json = new JsonObject();
		for (int i = 0; i < pairs.length; i += 2) {
			json.addProperty(pairs[i], pairs[i + 1]);
		}
		return json;
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		} catch (IOException e) {
			return "unknown";
		}
	}
}
