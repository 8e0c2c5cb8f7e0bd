package dev.warden.core.agent;

import java.util.Objects;

/**
 * How much of the model's context window a conversation may fill before it is compacted.
 *
 * @param windowTokens     the model's context window in tokens, or 0 when it is not known (then the conversation is
 *                         compacted only when the service says it is too long)
 * @param source           where the window size comes from, in words for the user (e.g. "the provider's model list")
 * @param compactAtPercent the share of the window a request may fill before the conversation is compacted
 */
public record ContextBudget(int windowTokens, String source, int compactAtPercent) {

	/** The share of the window at which a conversation is compacted unless the user chose another. */
	public static final int DEFAULT_COMPACT_AT_PERCENT = 80;

	/** No known window: compaction only after the service refused a request as too long. */
	public static final ContextBudget UNKNOWN = new ContextBudget(0, "", DEFAULT_COMPACT_AT_PERCENT); //$NON-NLS-1$

	public ContextBudget {
		windowTokens = Math.max(0, windowTokens);
		Objects.requireNonNull(source, "source"); //$NON-NLS-1$
		if (compactAtPercent < 10 || compactAtPercent > 100) {
			throw new IllegalArgumentException("The compaction threshold must be 10 to 100 %, was " + compactAtPercent); //$NON-NLS-1$
		}
	}

	/** @return whether the window is known */
	public boolean known() {
		return windowTokens > 0;
	}

	/** @return the most tokens a request may hold before the conversation is compacted, or 0 when not known */
	public long threshold() {
		return (long) windowTokens * compactAtPercent / 100;
	}
}
