package dev.warden.core.trust;

import java.util.Optional;

/**
 * Deny rules that look at the structure of a command rather than at its words in order. In a pattern list they
 * are written {@code !@id}, for example {@code !@git-force-push}.
 */
public enum BuiltInDenyRule {
	/** Recursive {@code rm} of {@code /}, a top-level system directory, a home directory or {@code ~}/{@code $HOME}. */
	RM_ROOT_OR_HOME("rm-root-or-home",
			"recursive removal of /, a top-level system directory or a home directory (~, $HOME, /home/NAME)"),
	/** A download piped or substituted into a shell or interpreter ({@code curl … | sh}, {@code bash <(wget …)}). */
	DOWNLOAD_TO_SHELL("download-to-shell",
			"a download (curl, wget …) piped or substituted into a shell or interpreter"),
	/** Writing to a shell start-up file ({@code ~/.bashrc}, {@code ~/.profile}, {@code ~/.zshrc} …). */
	SHELL_STARTUP_WRITE("shell-startup-write",
			"writing to a shell start-up file (~/.bashrc, ~/.profile, ~/.zshrc …) by redirection, tee, cp, mv, dd …"),
	/** Any forced {@code git push}: {@code --force}, {@code -f}, {@code --force-with-lease}, {@code +refspec}. */
	GIT_FORCE_PUSH("git-force-push", "any forced git push (--force, -f, --force-with-lease, a +refspec)");

	private final String id;
	private final String description;

	BuiltInDenyRule(String id, String description) {
		this.id = id;
		this.description = description;
	}

	/** The name written after {@code !@} in a pattern list. */
	public String id() {
		return id;
	}

	/** What the rule denies, for display. */
	public String description() {
		return description;
	}

	/** The rule with this id, without the {@code @}. */
	public static Optional<BuiltInDenyRule> byId(String id) {
		for (BuiltInDenyRule rule : values()) {
			if (rule.id.equals(id)) {
				return Optional.of(rule);
			}
		}
		return Optional.empty();
	}
}
