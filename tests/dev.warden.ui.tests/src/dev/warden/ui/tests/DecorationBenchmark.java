package dev.warden.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.widgets.Widget;
import org.eclipse.ui.IDecoratorManager;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPreferenceConstants;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.ui.internal.protect.HiddenFromAgentDecorator;
import dev.warden.ui.tests.chat.StallProbe;

/**
 * Benchmark, not part of the normal suite (its name does not end in Test): expands a folder of
 * {@value #DEFAULT_FILES} files (one in ten ignored by the folder's {@code .gitignore}) in a fresh Project Explorer
 * with the hidden-files decorator on and off, taking turns, and measures the time from the expansion until the labels
 * are decorated (the decoration jobs are done) and the longest wait of runnables posted to the UI thread meanwhile.
 * Each round with the decorator on starts with a new decorator (disabling it disposes it), so that no decision is
 * remembered from the round before. Prints the figures and writes them to {@code target/benchmarks/decoration.txt}.
 * Only correctness is asserted (the ignored files, and only they, are marked when the decorator is on), never time.
 * <p>
 * Run on demand: {@code releng/bin/benchmark decoration [FILES [ROUNDS]]}.
 */
class DecorationBenchmark {

	private static final int DEFAULT_FILES = 10_000;
	private static final int FILES = Integer.getInteger("warden.bench.files", DEFAULT_FILES);
	private static final int ROUNDS = Integer.getInteger("warden.bench.rounds", 5);
	private static final String EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer"; //$NON-NLS-1$
	private static final String SUFFIX = "[hidden from agent]";
	private static final long QUIET_NANOS = 1_000_000_000L;

	private IProject project;
	private IFolder folder;
	private Display display;
	private boolean enabledBefore;
	private int limitBefore;

	/**
	 * One expansion: until the labels were decorated; the UI thread's waits while the viewer made the items (the
	 * expansion itself, the same with the decorator on or off) and after it, while the decorations came; the files
	 * marked.
	 */
	private record Round(boolean on, long nanos, long[] expanding, long[] stalls, int shown, int ignoredShown,
			int marked) {
	}

	@BeforeEach
	void setUp() throws Exception {
		display = PlatformUI.getWorkbench().getDisplay();
		enabledBefore = decorators().getEnabled(HiddenFromAgentDecorator.ID);
		// the Project Explorer shows the first 1,000 entries of a folder by default: ask for them all (the report says
		// how many it showed)
		limitBefore = PlatformUI.getPreferenceStore().getInt(IWorkbenchPreferenceConstants.LARGE_VIEW_LIMIT);
		PlatformUI.getPreferenceStore().setValue(IWorkbenchPreferenceConstants.LARGE_VIEW_LIMIT, FILES + 100);
		project = ResourcesPlugin.getWorkspace().getRoot().getProject("decoration-bench");
		project.create(null);
		project.open(null);
		Path big = project.getLocation().toFile().toPath().resolve("big");
		Files.createDirectories(big);
		Files.writeString(big.resolve(".gitignore"), "*.log\n");
		for (int i = 0; i < FILES; i++) {
			Files.writeString(big.resolve(String.format(Locale.ROOT, "file%05d.%s", i, i % 10 == 0 ? "log" : "txt")),
					"line " + i + "\n");
		}
		project.refreshLocal(IResource.DEPTH_INFINITE, null);
		folder = project.getFolder("big");
	}

	@AfterEach
	void tearDown() throws Exception {
		decorators().setEnabled(HiddenFromAgentDecorator.ID, enabledBefore);
		PlatformUI.getPreferenceStore().setValue(IWorkbenchPreferenceConstants.LARGE_VIEW_LIMIT, limitBefore);
		project.delete(true, true, null);
	}

	private static IDecoratorManager decorators() {
		return PlatformUI.getWorkbench().getDecoratorManager();
	}

	@Test
	void expandsAFolderOfTenThousandFiles() throws Exception {
		String loadBefore = StallProbe.loadAverage();
		expand(true); // warm-up: the first expansion runs cold code
		expand(false);
		List<Round> rounds = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			boolean first = round % 2 == 0;
			rounds.add(expand(first));
			rounds.add(expand(!first));
		}
		String loadAfter = StallProbe.loadAverage();

		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT,
				"Decoration benchmark: expanding a folder of %,d files (%,d ignored) in the Project Explorer, %d rounds each, taking turns%n",
				FILES, ignored(), ROUNDS));
		report.append(String.format(Locale.ROOT, "entries the Project Explorer showed: %s%n",
				rounds.stream().map(r -> String.valueOf(r.shown())).distinct().toList()));
		double on = median(rounds, true);
		double off = median(rounds, false);
		report.append(String.format(Locale.ROOT, "until decorated: decorator on %.0f ms, off %.0f ms (medians): %.2fx%n",
				on / 1e6, off / 1e6, on / off));
		for (boolean state : new boolean[] { true, false }) {
			report.append(String.format(Locale.ROOT,
					"decorator %-3s rounds (ms): %s; UI-thread stall after the expansion: longest %.1f ms, p99 %.1f ms;"
							+ " the expansion itself held the UI thread up to %.0f ms%n",
					state ? "on" : "off",
					rounds.stream().filter(r -> r.on() == state).map(r -> String.valueOf(r.nanos() / 1_000_000))
							.toList(), longest(rounds, state, 100), longest(rounds, state, 99),
					rounds.stream().filter(r -> r.on() == state).flatMapToLong(r -> Arrays.stream(r.expanding())).max()
							.orElse(0) / 1e6));
		}
		report.append(String.format(Locale.ROOT, "load average before %s, after %s; %d processors%n", loadBefore,
				loadAfter, Runtime.getRuntime().availableProcessors()));
		System.out.print(report);
		Path file = Screenshots.directory().getParent().resolve("benchmarks").resolve("decoration.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);

		for (Round round : rounds) {
			assertEquals(round.on() ? round.ignoredShown() : 0, round.marked(),
					"the files marked hidden with the decorator " + (round.on() ? "on" : "off"));
		}
	}

	/** Expands the folder in a new Project Explorer with the decorator on or off. */
	private Round expand(boolean on) throws Exception {
		decorators().setEnabled(HiddenFromAgentDecorator.ID, on);
		IWorkbenchPage page = Workbenches.page();
		IViewReference old = page.findViewReference(EXPLORER);
		if (old != null) {
			page.hideView(old);
		}
		CommonNavigator explorer = (CommonNavigator) page.showView(EXPLORER);
		waitForQuiet();
		StallProbe probe = new StallProbe(display);
		probe.start();
		long started = System.nanoTime();
		explorer.getCommonViewer().expandToLevel(folder, 1);
		long expanded = System.nanoTime();
		long decorated = waitForQuiet();
		probe.stop();
		Workbenches.waitUntil(display, probe::allRan, 60, "the probe's last runnables run");
		long[] stalls = probe.samplesPostedFrom(expanded);
		Arrays.sort(stalls);
		long[] all = probe.samples();
		long[] expanding = Arrays.copyOf(all, all.length - stalls.length);
		int marked = 0;
		int shown = 0;
		int ignoredShown = 0;
		Widget item = explorer.getCommonViewer().testFindItem(folder);
		for (TreeItem child : ((TreeItem) item).getItems()) {
			if (child.getData() instanceof IResource file) {
				shown++;
				ignoredShown += file.getName().endsWith(".log") ? 1 : 0;
				marked += child.getText().endsWith(SUFFIX) ? 1 : 0;
			}
		}
		return new Round(on, Math.max(0, decorated - started), expanding, stalls, shown, ignoredShown, marked);
	}

	/**
	 * Runs the event loop until no job has run for {@link #QUIET_NANOS}; the time the jobs were last seen busy (the
	 * decoration jobs compute and apply the labels).
	 */
	private long waitForQuiet() {
		long lastBusy = System.nanoTime();
		long limit = lastBusy + 600_000_000_000L;
		while (System.nanoTime() - lastBusy < QUIET_NANOS) {
			if (!Job.getJobManager().isIdle()) {
				lastBusy = System.nanoTime();
			}
			if (lastBusy > limit) {
				throw new AssertionError("the workbench's jobs did not finish within 10 minutes");
			}
			if (!display.readAndDispatch()) {
				display.timerExec(20, () -> {
				});
				display.sleep();
			}
		}
		return lastBusy;
	}

	private static int ignored() {
		return (FILES + 9) / 10;
	}

	private static double median(List<Round> rounds, boolean on) {
		long[] nanos = rounds.stream().filter(r -> r.on() == on).mapToLong(Round::nanos).sorted().toArray();
		int n = nanos.length;
		return n % 2 == 1 ? nanos[n / 2] : (nanos[n / 2 - 1] + nanos[n / 2]) / 2.0;
	}

	/** The {@code percent} percentile of the UI thread's waits over the rounds with the decorator on or off, in ms. */
	private static double longest(List<Round> rounds, boolean on, double percent) {
		long[] all = rounds.stream().filter(r -> r.on() == on).flatMapToLong(r -> Arrays.stream(r.stalls())).sorted()
				.toArray();
		return StallProbe.percentile(all, percent);
	}
}
