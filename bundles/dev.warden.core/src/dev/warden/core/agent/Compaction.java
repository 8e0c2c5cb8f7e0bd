package dev.warden.core.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * A summary that stands in for the start of a conversation when it is sent to the model. The conversation keeps
 * every message: a compaction changes only what is sent, never what is saved or shown.
 *
 * @param upTo         how many messages, from the first, the summary stands for; the messages from this index on
 *                     are sent as they are
 * @param summary      the summary the model wrote (goal, decisions, files touched, open tasks)
 * @param created      when it was written
 * @param tokensBefore the estimated size of the request before the compaction, in tokens
 * @param tokensAfter  the estimated size of the request after it, in tokens
 */
public record Compaction(int upTo, String summary, Instant created, long tokensBefore, long tokensAfter) {

	public Compaction {
		if (upTo < 1) {
			throw new IllegalArgumentException("A compaction stands for at least one message, not " + upTo); //$NON-NLS-1$
		}
		Objects.requireNonNull(summary, "summary"); //$NON-NLS-1$
		Objects.requireNonNull(created, "created"); //$NON-NLS-1$
	}
}
