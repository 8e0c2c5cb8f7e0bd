package dev.warden.ui.tests.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.eclipse.swt.widgets.Display;

/**
 * Posts a runnable to the UI thread every {@value #PROBE_MILLIS} ms from its own thread and records, on the UI
 * thread, how long each waited before it ran.
 */
public final class StallProbe {

	public static final int PROBE_MILLIS = 5;

	private final Display display;
	private final Thread thread;
	private final AtomicLong posted = new AtomicLong();
	private volatile boolean running = true;
	private long[] samples = new long[4096];
	private long[] times = new long[4096];
	private int count;
	private long started;

	public StallProbe(Display display) {
		this.display = display;
		this.thread = new Thread(this::run, "ui-stall-probe");
		thread.setDaemon(true);
	}

	public void start() {
		started = System.nanoTime();
		thread.start();
	}

	public void stop() throws InterruptedException {
		running = false;
		thread.join();
	}

	private void run() {
		long next = System.nanoTime();
		while (running && !display.isDisposed()) {
			long postedAt = System.nanoTime();
			posted.incrementAndGet();
			display.asyncExec(() -> record(postedAt, System.nanoTime() - postedAt));
			next += TimeUnit.MILLISECONDS.toNanos(PROBE_MILLIS);
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
		}
	}

	/** On the UI thread. */
	private void record(long postedAt, long nanos) {
		if (count == samples.length) {
			samples = Arrays.copyOf(samples, count * 2);
			times = Arrays.copyOf(times, count * 2);
		}
		times[count] = postedAt - started;
		samples[count++] = nanos;
	}

	/** On the UI thread: the longest stall in each {@code seconds} of the run, in ms. */
	public String maxPerWindow(int seconds) {
		long window = TimeUnit.SECONDS.toNanos(seconds);
		long[] maxima = new long[(int) (Arrays.stream(times, 0, count).max().orElse(0) / window) + 1];
		for (int i = 0; i < count; i++) {
			int index = (int) (times[i] / window);
			maxima[index] = Math.max(maxima[index], samples[i]);
		}
		return Arrays.stream(maxima).mapToObj(n -> String.valueOf(n / 1_000_000)).collect(Collectors.joining(" "));
	}

	/** On the UI thread. */
	public boolean allRan() {
		return count == posted.get();
	}

	/** On the UI thread: the waits of the runnables posted at or after {@code nanoTime} ({@link System#nanoTime()}). */
	public long[] samplesPostedFrom(long nanoTime) {
		return java.util.stream.IntStream.range(0, count).filter(i -> started + times[i] >= nanoTime)
				.mapToLong(i -> samples[i]).toArray();
	}

	/** On the UI thread. */
	public long[] samples() {
		return Arrays.copyOf(samples, count);
	}

	/** The {@code percent} percentile of {@code sorted} nanoseconds, in ms. */
	public static double percentile(long[] sorted, double percent) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	/** The machine's load average (1, 5 and 15 minutes), printed beside every figure. */
	public static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		} catch (IOException e) {
			return "unknown (" + e.getMessage() + ")";
		}
	}
}
