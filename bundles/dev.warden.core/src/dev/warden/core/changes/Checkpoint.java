package dev.warden.core.changes;

import java.time.Instant;
import java.util.Objects;

/**
 * The point just before a user prompt. Restoring to it brings the files the session changed afterwards back to
 * their state at that point.
 *
 * @param id            identifies the checkpoint within its session
 * @param number        1 for the session's first prompt, 2 for the next …
 * @param promptSummary a short summary of the prompt, for display
 * @param time          when the prompt was sent
 */
public record Checkpoint(String id, int number, String promptSummary, Instant time) {

	public Checkpoint {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(time, "time");
		if (number < 1) {
			throw new IllegalArgumentException("Checkpoints are numbered from 1: " + number);
		}
		promptSummary = promptSummary == null ? "" : promptSummary;
	}
}
