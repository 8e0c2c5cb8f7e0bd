package dev.warden.core.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a failed model request is repeated: HTTP 429, 5xx and connections reset before any
 * answer arrived. The delay doubles from {@code initialDelay} up to {@code maxDelay}; a server's {@code Retry-After}
 * takes precedence but is also capped at {@code maxDelay}.
 *
 * @param maxAttempts  total attempts including the first, at least 1
 * @param initialDelay the wait before the second attempt
 * @param maxDelay     the longest single wait
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

	/** Four attempts, waiting 1, 2 and 4 seconds (or what the server asks for, up to a minute). */
	public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60));

	/** A single attempt. */
	public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts); //$NON-NLS-1$
		}
		Objects.requireNonNull(initialDelay, "initialDelay"); //$NON-NLS-1$
		Objects.requireNonNull(maxDelay, "maxDelay"); //$NON-NLS-1$
		if (initialDelay.isNegative() || maxDelay.isNegative()) {
			throw new IllegalArgumentException("delays must not be negative"); //$NON-NLS-1$
		}
	}

	/**
	 * @param attempt    the attempt that just failed, starting at 1
	 * @param retryAfter what the server asked for, or {@code null}
	 * @return the wait before the next attempt
	 */
	public Duration delayAfter(int attempt, Duration retryAfter) {
		Duration delay;
		if (retryAfter != null) {
			delay = retryAfter;
		} else {
			delay = initialDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
		}
		return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
	}

	/**
	 * The wait after a rate-limit answer (HTTP 429) that said neither {@code Retry-After} nor when its limits reset:
	 * four times the ordinary backoff (4, 8, 16 s by default), because a rate limit window rarely clears within a
	 * second or two.
	 *
	 * @param attempt the attempt that just failed, starting at 1
	 */
	public Duration rateLimitDelayAfter(int attempt) {
		Duration delay = initialDelay.multipliedBy(4L << Math.min(attempt - 1, 20));
		return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
	}
}
