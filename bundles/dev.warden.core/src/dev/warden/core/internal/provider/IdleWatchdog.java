package dev.warden.core.internal.provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Aborts a response stream that stays silent for longer than the request timeout, or when asked to. The HTTP
 * client's own timeout covers only the wait for the response headers; a model server can stall after that.
 * Aborting closes the stream, which wakes a reader blocked in {@code read} and cancels the exchange.
 * <p>
 * The check runs on the JDK's delayed executor, once per timeout period rather than once per read.
 */
final class IdleWatchdog {

	private final InputStream stream;

	private final long timeoutNanos;

	private volatile long lastActivity = System.nanoTime();

	private volatile boolean stopped;

	private volatile boolean timedOut;

	IdleWatchdog(InputStream stream, Duration timeout) {
		this.stream = stream;
		this.timeoutNanos = timeout.toNanos();
		schedule(timeoutNanos);
	}

	/** @return {@code in}, wrapped so that each read counts as activity */
	InputStream guard(InputStream in) {
		return new FilterInputStream(in) {
			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				int n = super.read(b, off, len);
				lastActivity = System.nanoTime();
				return n;
			}
		};
	}

	boolean timedOut() {
		return timedOut;
	}

	void stop() {
		stopped = true;
	}

	/** Closes the stream now (cancellation). */
	void abort() {
		stopped = true;
		closeStream();
	}

	/**
	 * Checks again after {@code delayNanos}. The timer holds the watchdog weakly: the reader of the stream holds it
	 * while it reads, and once the answer is read, the stream and its buffers must not wait for the timer (as long as
	 * the request timeout) to be let go.
	 */
	private void schedule(long delayNanos) {
		WeakReference<IdleWatchdog> watched = new WeakReference<>(this);
		CompletableFuture.runAsync(() -> {
			IdleWatchdog watchdog = watched.get();
			if (watchdog != null) {
				watchdog.check();
			}
		}, CompletableFuture.delayedExecutor(Math.max(delayNanos, 1_000_000), TimeUnit.NANOSECONDS));
	}

	private void check() {
		if (stopped) {
			return;
		}
		long idle = System.nanoTime() - lastActivity;
		if (idle >= timeoutNanos) {
			timedOut = true;
			stopped = true;
			closeStream();
		} else {
			schedule(timeoutNanos - idle);
		}
	}

	private void closeStream() {
		try {
			stream.close();
		} catch (IOException e) {
			// nothing more to do: the abort is the close itself, and the blocked reader reports the broken stream
		}
	}
}
