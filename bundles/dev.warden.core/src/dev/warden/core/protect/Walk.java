package dev.warden.core.protect;

import java.util.List;

/**
 * The outcome of {@link PathPolicy#walk}: the verdict on the starting folder (nothing is visited unless it is
 * {@link PathVerdict#ALLOWED}) and the folders that could not be read.
 *
 * @param start      the verdict on the folder the walk started from
 * @param unreadable folders that were skipped because reading them failed, each with the failure
 */
public record Walk(PathDecision start, List<String> unreadable) {

	public Walk {
		unreadable = List.copyOf(unreadable);
	}
}
