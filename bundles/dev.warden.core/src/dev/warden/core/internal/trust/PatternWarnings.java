package dev.warden.core.internal.trust;

import java.util.Optional;
import java.util.Set;

import dev.warden.core.trust.TrustPattern;

/** The warnings a user confirms before adding a pattern that trusts more than it seems to. */
public final class PatternWarnings {

	private static final Set<String> RUNS_ANYTHING = Set.of("sh", "bash", "zsh", "dash", "ksh", "fish", "python",
			"python3", "perl", "ruby", "node", "deno", "bun", "php", "lua", "env", "xargs", "npx", "eval", "exec",
			"ssh", "docker", "kubectl", "sudo", "su", "doas", "make", "bunx", "pnpx", "uv", "uvx", "pipx");

	private PatternWarnings() {
	}

	/** The warning for a pattern, if it needs one. */
	public static Optional<String> warning(TrustPattern pattern) {
		if (pattern.isUniversal()) {
			return Optional.of("`*` trusts every command the agent runs, in every mode, without asking. Only deny rules"
					+ " and commands Warden cannot fully understand will still be asked about.");
		}
		if (pattern.wildcard() && pattern.words().size() == 1 && RUNS_ANYTHING.contains(pattern.words().get(0))) {
			return Optional.of("`" + pattern.canonical() + "` trusts `" + pattern.words().get(0)
					+ "` with any arguments, which lets it run any script or command.");
		}
		return Optional.empty();
	}
}
