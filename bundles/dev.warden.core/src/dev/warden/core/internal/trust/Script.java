package dev.warden.core.internal.trust;

import java.util.List;
import java.util.Optional;

/**
 * A list of pipelines as the shell reads it: the operators {@code ;}, {@code &}, {@code &&}, {@code ||} and
 * newlines only decide <em>whether</em> a pipeline runs, so every pipeline counts as one that may run.
 *
 * @param unportable why dash and bash would not run the line alike (the first such construct, as a sentence), when
 *                   the parser read it as bash does but dash would refuse or read it differently; set on the script
 *                   of a whole line, empty on nested ones
 * @param braces     whether a word holds braces that bash expands into several words ({@code {a,b}}, {@code {1..3}}):
 *                   the parser keeps such a word whole, as dash reads it, so its words are not those bash gives the
 *                   program; set on the script of a whole line (such a line is also {@link #unportable})
 */
public record Script(List<Pipeline> pipelines, Optional<String> unportable, boolean braces) {

	public Script {
		pipelines = List.copyOf(pipelines);
	}

	/** A script that both shells read alike. */
	public Script(List<Pipeline> pipelines) {
		this(pipelines, Optional.empty(), false);
	}

	public boolean isEmpty() {
		return pipelines.isEmpty();
	}
}
