package dev.warden.core.agent;

import java.util.Objects;

import dev.warden.core.trust.CommandVerdict;

/**
 * The seam to Warden's command trust rules: a verdict for a command line. The trust subsystem implements it.
 */
public interface CommandRules {

	/** The three trust levels of a command line. */
	enum Level {
		/** Runs without asking (in Autopilot). */
		TRUSTED,
		/** Waits for the user's approval. */
		ASK,
		/** Flagged by a deny rule: runs only after an explicit approval that states why it was flagged. */
		DENIED,
		/** Never runs, whatever the user says here (e.g. in a project the user has not trusted). */
		REFUSED
	}

	/**
	 * @param level  the verdict
	 * @param reason which rule decided, for the audit trail and the user
	 * @param detail the trusted-command policy's full verdict (parts, reasons, patterns to offer); {@code null} when
	 *               no policy judged the line (e.g. commands are refused in the project altogether)
	 */
	record Verdict(Level level, String reason, CommandVerdict detail) {
		public Verdict {
			Objects.requireNonNull(level, "level"); //$NON-NLS-1$
			reason = reason == null ? "" : reason; //$NON-NLS-1$
		}

		public Verdict(Level level, String reason) {
			this(level, reason, null);
		}
	}

	/** @return the verdict for {@code commandLine} run in the workspace's default folder; must not throw */
	Verdict check(String commandLine);

	/**
	 * @param workingDirectory the folder the command runs in, as the agent gave it ({@code "."} for the default);
	 *                         rules that differ per project judge by the project it names
	 * @return the verdict for {@code commandLine} run there; must not throw
	 */
	default Verdict check(String commandLine, String workingDirectory) {
		return check(commandLine);
	}

	/** Trusts {@code commandLine} from now on (the user chose "always trust"). */
	void trust(String commandLine);
}
