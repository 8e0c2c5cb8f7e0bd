package dev.warden.core.internal.protect;

import java.util.List;

/**
 * A path as the agent wrote it, checked for syntax and split into segments.
 *
 * @param anchor        where an absolute path starts ({@code /}, or a drive such as {@code C:/} on Windows);
 *                      {@code null} for a relative path
 * @param segments      its segments in order; {@code .} and {@code ..} are kept, empty segments dropped
 * @param directoryHint whether it ended with a separator, i.e. names a folder
 */
public record ParsedPath(String anchor, List<String> segments, boolean directoryHint) {

	public ParsedPath {
		segments = List.copyOf(segments);
	}

	public boolean absolute() {
		return anchor != null;
	}
}
