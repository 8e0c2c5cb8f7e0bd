package dev.warden.core.trust;

import java.util.List;

/**
 * A pattern offered by "Always trust…" for one part of a command line that no pattern covers.
 *
 * @param partIndex the index of the part in {@link CommandVerdict#parts()}
 * @param partText  the part, for display
 * @param pattern   the narrowest pattern that covers the part (pre-filled in the dialog)
 * @param broader   broader patterns that also cover it, narrowest first (for example {@code npm *})
 */
public record PatternSuggestion(int partIndex, String partText, String pattern, List<String> broader) {

	public PatternSuggestion {
		broader = List.copyOf(broader);
	}
}
