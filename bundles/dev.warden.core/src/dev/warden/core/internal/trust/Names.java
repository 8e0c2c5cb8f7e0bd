package dev.warden.core.internal.trust;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Unmodifiable hashed sets and maps for the names that are looked up for every simple command of a line (program
 * names, built-ins, keywords). {@code Set.of} and {@code Map.of} answer a miss, the usual outcome here, after a
 * division and a linear probe; a hashed table answers it after reading one bucket, which counts when a long
 * command line has hundreds of parts.
 */
final class Names {

	private Names() {
	}

	/** An unmodifiable set of the names. */
	static Set<String> setOf(String... names) {
		return Collections.unmodifiableSet(new HashSet<>(Arrays.asList(names)));
	}

	/** An unmodifiable copy of the map. */
	static <V> Map<String, V> mapOf(Map<String, V> entries) {
		return Collections.unmodifiableMap(new HashMap<>(entries));
	}
}
