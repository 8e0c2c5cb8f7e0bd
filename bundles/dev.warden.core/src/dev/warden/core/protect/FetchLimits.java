package dev.warden.core.protect;

import java.time.Duration;

/**
 * Bounds on one fetch.
 *
 * @param maxBytes     the most body bytes kept (after gzip decoding); more is cut off and the result marked truncated
 * @param timeout      the time the whole fetch may take, redirects included
 * @param maxRedirects the most redirects followed
 */
public record FetchLimits(int maxBytes, Duration timeout, int maxRedirects) {

	/** 2 MB, 20 seconds, 5 redirects. */
	public static final FetchLimits DEFAULT = new FetchLimits(2 * 1024 * 1024, Duration.ofSeconds(20), 5);

	public FetchLimits {
		if (maxBytes <= 0 || timeout.isNegative() || timeout.isZero() || maxRedirects < 0) {
			throw new IllegalArgumentException("invalid fetch limits");
		}
	}
}
