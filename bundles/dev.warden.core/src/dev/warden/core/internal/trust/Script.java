package dev.warden.core.internal.trust;

import java.util.List;

/**
 * A list of pipelines as the shell reads it: the operators {@code ;}, {@code &}, {@code &&}, {@code ||} and
 * newlines only decide <em>whether</em> a pipeline runs, so every pipeline counts as one that may run.
 */
public record Script(List<Pipeline> pipelines) {

	public Script {
		pipelines = List.copyOf(pipelines);
	}

	public boolean isEmpty() {
		return pipelines.isEmpty();
	}
}
