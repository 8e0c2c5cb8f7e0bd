package dev.warden.core.internal.protect;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a path leads on disk.
 *
 * @param real       the canonical location: every existing segment with symbolic links followed and in its on-disk
 *                   spelling, the rest appended
 * @param exists     whether it exists
 * @param respelled  existing locations that were named with a different spelling (case on a case-insensitive file
 *                   system, or another Unicode normalisation of the name)
 * @param refusal    why it could not be resolved, or {@code null}
 */
public record Resolution(Path real, boolean exists, List<Path> respelled, String refusal) {

	public Resolution {
		respelled = respelled == null ? List.of() : List.copyOf(respelled);
	}

	static Resolution refused(String why) {
		return new Resolution(null, false, List.of(), why);
	}
}
