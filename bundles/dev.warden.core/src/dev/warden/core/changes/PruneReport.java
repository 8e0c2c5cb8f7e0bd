package dev.warden.core.changes;

import java.util.List;

/**
 * What pruning removed.
 *
 * @param removedSessions the sessions whose journals were deleted
 * @param removedBlobs    how many stored contents no remaining session referred to
 * @param freedBytes      the size of those contents
 */
public record PruneReport(List<String> removedSessions, int removedBlobs, long freedBytes) {

	public PruneReport {
		removedSessions = List.copyOf(removedSessions);
	}
}
