package dev.warden.core.protect;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The environment a command gets after {@link EnvironmentPolicy#scrub}, and what was left out.
 *
 * @param environment the variables the command gets, by name
 * @param removed     the variables left out, in name order, names only
 */
public record ScrubbedEnvironment(SortedMap<String, String> environment, List<RemovedVariable> removed) {

	public ScrubbedEnvironment {
		environment = Collections.unmodifiableSortedMap(new TreeMap<>(environment));
		removed = List.copyOf(removed);
	}

	/** The names the command gets, in order; what a preference page shows as the effective environment. */
	public List<String> names() {
		return List.copyOf(environment.keySet());
	}

	/** The names left out, in order. */
	public List<String> removedNames() {
		return removed.stream().map(RemovedVariable::name).toList();
	}

	/** The variables as a plain map, for handing to a process. */
	public Map<String, String> asMap() {
		return environment;
	}
}
