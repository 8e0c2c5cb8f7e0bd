package dev.warden.core.internal.trust;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The program names and options that the rules written in code know, by the role the program facts give them: a
 * test checks that every one of them is in the facts table, since the judge skips those rules for a program the
 * table does not know.
 */
public final class RuleNames {

	private RuleNames() {
	}

	/** The names each rule knows, by role ({@code wrapper}, {@code interpreter} …). */
	public static Map<String, Set<String>> byRole() {
		Map<String, Set<String>> roles = new LinkedHashMap<>();
		roles.put("wrapper", Wrappers.WRAPPER_NAMES);
		roles.put("shell", Wrappers.SHELLS);
		roles.put("privileged", Wrappers.PRIVILEGED);
		roles.put("fails-closed", union(CommandJudge.FAIL_CLOSED.keySet(), Set.of("hash", "mapfile", "readarray", "set")));
		roles.put("builtin", union(CommandJudge.VARIABLE_BUILTINS, CommandJudge.DECLARATION_BUILTINS));
		roles.put("interpreter", StructuralRules.INTERPRETERS);
		roles.put("command-reader", StructuralRules.COMMAND_READERS);
		roles.put("downloader", StructuralRules.DOWNLOADERS);
		roles.put("bash-only", CommandJudge.BASH_ONLY_BUILTINS);
		roles.put("rm-root", Set.of("rm"));
		roles.put("force-push", Set.of("git"));
		return roles;
	}

	/** The options a rule reads, by program: git's global options that take a value. */
	public static Map<String, List<String>> optionsWithValue() {
		return Map.of("git", List.copyOf(StructuralRules.GIT_GLOBALS_WITH_ARGUMENT));
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new java.util.HashSet<>(a);
		all.addAll(b);
		return all;
	}
}
