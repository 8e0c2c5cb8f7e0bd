package dev.warden.core.internal.tools;

import java.util.ArrayList;
import java.util.List;

import dev.warden.core.tools.ToolException;

/**
 * Unified-diff hunks as a model writes them, applied strictly: each hunk's old side (context and removed lines) must
 * occur exactly once in the file; the line numbers in {@code @@} headers are not trusted. Hunks may not overlap.
 * {@code ---}/{@code +++} headers and {@code \ No newline at end of file} markers are accepted.
 */
final class UnifiedDiff {

	private record Hunk(int number, List<String> oldLines, List<String> newLines) {
	}

	private final List<Hunk> hunks;

	private UnifiedDiff(List<Hunk> hunks) {
		this.hunks = hunks;
	}

	int hunkCount() {
		return hunks.size();
	}

	static UnifiedDiff parse(String diff) throws ToolException {
		List<Hunk> hunks = new ArrayList<>();
		List<String> oldLines = null;
		List<String> newLines = null;
		for (String line : diff.split("\n", -1)) { //$NON-NLS-1$
			if (line.startsWith("@@")) { //$NON-NLS-1$
				if (oldLines != null) {
					hunks.add(new Hunk(hunks.size() + 1, oldLines, newLines));
				}
				oldLines = new ArrayList<>();
				newLines = new ArrayList<>();
			} else if (oldLines == null) {
				if (!line.isBlank() && !line.startsWith("---") && !line.startsWith("+++") //$NON-NLS-1$ //$NON-NLS-2$
						&& !line.startsWith("diff ") && !line.startsWith("index ")) { //$NON-NLS-1$ //$NON-NLS-2$
					throw new ToolException("The diff must consist of hunks starting with '@@'; found: " + line); //$NON-NLS-1$
				}
			} else if (line.startsWith("-")) { //$NON-NLS-1$
				oldLines.add(line.substring(1));
			} else if (line.startsWith("+")) { //$NON-NLS-1$
				newLines.add(line.substring(1));
			} else if (line.startsWith(" ")) { //$NON-NLS-1$
				oldLines.add(line.substring(1));
				newLines.add(line.substring(1));
			} else if (line.isEmpty()) {
				// an empty context line whose leading space was lost, or the end of the text
				oldLines.add(line);
				newLines.add(line);
			} else if (!line.startsWith("\\")) { //$NON-NLS-1$
				throw new ToolException("Line '" + line + "' of the diff starts with neither ' ', '-', '+' nor '@@'."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		if (oldLines != null) {
			hunks.add(new Hunk(hunks.size() + 1, oldLines, newLines));
		}
		if (hunks.isEmpty()) {
			throw new ToolException("The diff contains no hunk ('@@ ... @@' followed by lines)."); //$NON-NLS-1$
		}
		List<Hunk> trimmed = new ArrayList<>();
		for (Hunk hunk : hunks) {
			List<String> o = new ArrayList<>(hunk.oldLines);
			List<String> n = new ArrayList<>(hunk.newLines);
			while (!o.isEmpty() && !n.isEmpty() && o.get(o.size() - 1).isEmpty() && n.get(n.size() - 1).isEmpty()) {
				o.remove(o.size() - 1); // trailing blank lines from the end of the argument text
				n.remove(n.size() - 1);
			}
			if (o.isEmpty()) {
				throw new ToolException("Hunk " + hunk.number + " has no context or removed lines, so it cannot be " //$NON-NLS-1$ //$NON-NLS-2$
						+ "placed; include some unchanged lines around the insertion."); //$NON-NLS-1$
			}
			trimmed.add(new Hunk(hunk.number, o, n));
		}
		return new UnifiedDiff(trimmed);
	}

	String apply(String path, String content) throws ToolException {
		List<String> lines = new ArrayList<>(List.of(content.split("\n", -1))); //$NON-NLS-1$
		int[] starts = new int[hunks.size()];
		for (int h = 0; h < hunks.size(); h++) {
			Hunk hunk = hunks.get(h);
			int found = -1;
			int count = 0;
			for (int i = 0; i + hunk.oldLines.size() <= lines.size(); i++) {
				if (lines.subList(i, i + hunk.oldLines.size()).equals(hunk.oldLines)) {
					found = found < 0 ? i : found;
					count++;
				}
			}
			if (count == 0) {
				throw new ToolException("Hunk " + hunk.number + " does not match " + path //$NON-NLS-1$ //$NON-NLS-2$
						+ ": its context and '-' lines were not found exactly as written. Read the file again."); //$NON-NLS-1$
			}
			if (count > 1) {
				throw new ToolException("Hunk " + hunk.number + " matches " + count + " places in " + path //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						+ "; include more context lines so that it matches exactly once."); //$NON-NLS-1$
			}
			starts[h] = found;
		}
		Integer[] order = new Integer[hunks.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, (a, b) -> Integer.compare(starts[b], starts[a]));
		int previousStart = Integer.MAX_VALUE;
		for (int index : order) {
			Hunk hunk = hunks.get(index);
			if (starts[index] + hunk.oldLines.size() > previousStart) {
				throw new ToolException("Hunks overlap in " + path + "; merge them into one hunk."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			List<String> region = lines.subList(starts[index], starts[index] + hunk.oldLines.size());
			region.clear();
			region.addAll(hunk.newLines);
			previousStart = starts[index];
		}
		return String.join("\n", lines); //$NON-NLS-1$
	}
}
