package dev.warden.core.internal.protect;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A moment by which a whole fetch, redirects included, must be done.
 *
 * @param endNanos the {@link System#nanoTime()} value at which time is up
 * @param limit    the time that was allowed, for messages
 */
public record Deadline(long endNanos, Duration limit) {

	public static Deadline after(Duration limit) {
		return new Deadline(System.nanoTime() + limit.toNanos(), limit);
	}

	/**
	 * The milliseconds left, at least 1.
	 *
	 * @throws SocketTimeoutException if none are left
	 */
	public int remainingMillis() throws SocketTimeoutException {
		long left = (endNanos - System.nanoTime()) / 1_000_000;
		if (left <= 0) {
			throw new SocketTimeoutException("time limit of " + limit.toMillis() + " ms reached");
		}
		return (int) Math.min(Integer.MAX_VALUE, left);
	}
}
