package dev.warden.core.trust;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.internal.trust.CommandJudge;
import dev.warden.core.internal.trust.PolicyRules;

/**
 * Decides, for a command line the agent wants to run, whether it is {@link Verdict#TRUSTED}, must be asked about
 * ({@link Verdict#ASK}) or is {@link Verdict#DENIED}.
 * <p>
 * The line is parsed as the shell would read it, and every simple command it would run (also inside
 * subshells, groups, substitutions, {@code bash -c} strings, {@code find -exec}, and behind wrappers such as
 * {@code env}, {@code timeout} or {@code xargs}) must be covered by a trusted pattern. Assignments to variables
 * that change what runs ({@code PATH}, {@code LD_PRELOAD} …) and output redirections outside the workspace are
 * never covered by a pattern other than the universal {@code *}. Deny rules win over every pattern, the universal
 * one included. Anything the parser does not fully understand is asked about, with the reason. A word that names
 * a file hidden by the {@link PathGuard} is asked about even under universal trust.
 * <p>
 * Immutable and thread-safe; build one with {@link #builder(Path)} whenever the lists change.
 */
public final class TrustPolicy {

	private final Path workspaceRoot;
	private final PolicyRules rules;
	private final AuditLog auditLog;

	private TrustPolicy(Path workspaceRoot, PolicyRules rules, AuditLog auditLog) {
		this.workspaceRoot = workspaceRoot;
		this.rules = rules;
		this.auditLog = auditLog;
	}

	/**
	 * Starts a policy for a workspace.
	 *
	 * @param workspaceRoot the root that output redirections may write into, and the default working directory
	 */
	public static Builder builder(Path workspaceRoot) {
		return new Builder(workspaceRoot);
	}

	/** The workspace root. */
	public Path workspaceRoot() {
		return workspaceRoot;
	}

	/** Whether a honoured list holds the universal pattern {@code *} (the chat view shows this). */
	public boolean isUniversalTrustOn() {
		return rules.isUniversal();
	}

	/** Judges a command line run in the workspace root, without recording anything (for a "try it" box). */
	public CommandVerdict evaluate(String commandLine) {
		return evaluate(commandLine, workspaceRoot);
	}

	/** Judges a command line run in {@code workingDirectory}, without recording anything. */
	public CommandVerdict evaluate(String commandLine, Path workingDirectory) {
		Objects.requireNonNull(commandLine, "commandLine");
		Objects.requireNonNull(workingDirectory, "workingDirectory");
		return CommandJudge.judge(rules, commandLine, workingDirectory);
	}

	/** Judges a command line run in the workspace root and records the decision in the audit log. */
	public CommandVerdict decide(String commandLine) {
		return decide(commandLine, workspaceRoot);
	}

	/**
	 * Judges a command line run in {@code workingDirectory} and records the decision in the audit log: kind
	 * {@code command}, subject the command line, verdict, detail the covering patterns or the reason, actor
	 * {@code policy}.
	 */
	public CommandVerdict decide(String commandLine, Path workingDirectory) {
		CommandVerdict verdict = evaluate(commandLine, workingDirectory);
		String detail = verdict.verdict() == Verdict.TRUSTED && !verdict.coveringPatterns().isEmpty()
				? String.join(", ", verdict.coveringPatterns())
				: verdict.reason();
		auditLog.record(AuditEvent.of("command", commandLine, verdict.verdict().name(), detail, "policy"));
		return verdict;
	}

	/**
	 * The patterns "Always trust…" offers: one per part that no pattern covers (the narrowest that covers it,
	 * with broader alternatives), never one for the whole line, and none for a part that is denied, failed
	 * closed, or cannot be covered by any pattern. Parts with the same suggestion are offered once.
	 */
	public List<PatternSuggestion> suggestPatterns(CommandVerdict verdict) {
		return verdict.suggestions();
	}

	/** Collects the pattern lists, the guard and the audit log of a policy. */
	public static final class Builder {

		private final Path workspaceRoot;
		private final List<TrustPattern> trusted = new ArrayList<>();
		private final List<DenyRule> denied = new ArrayList<>();
		private PathGuard guard = PathGuard.NONE;
		private AuditLog auditLog = AuditLog.NONE;
		private ProgramFacts facts;

		private Builder(Path workspaceRoot) {
			this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot").toAbsolutePath().normalize();
		}

		/**
		 * Adds a list that needs no acceptance. For a {@link PatternScope#PROJECT} list only the deny rules are
		 * added: use {@link #add(PatternList, Optional)} with the accepted hash.
		 */
		public Builder add(PatternList list) {
			return add(list, Optional.empty());
		}

		/**
		 * Adds a list. Its deny rules always apply; its trust patterns only when {@link PatternList#acceptance}
		 * of {@code acceptedHash} says so.
		 */
		public Builder add(PatternList list, Optional<String> acceptedHash) {
			denied.addAll(list.denied());
			if (list.acceptance(acceptedHash).isHonoured()) {
				trusted.addAll(list.trusted());
			}
			return this;
		}

		/** Sets the guard that hides protected files; {@link PathGuard#NONE} by default. */
		public Builder pathGuard(PathGuard pathGuard) {
			this.guard = Objects.requireNonNull(pathGuard, "pathGuard");
			return this;
		}

		/** Sets the program facts; {@link ProgramFacts#builtIn()} by default. */
		public Builder programFacts(ProgramFacts programFacts) {
			this.facts = Objects.requireNonNull(programFacts, "programFacts");
			return this;
		}

		/** Sets where {@link TrustPolicy#decide} records decisions; {@link AuditLog#NONE} by default. */
		public Builder auditLog(AuditLog log) {
			this.auditLog = Objects.requireNonNull(log, "log");
			return this;
		}

		public TrustPolicy build() {
			ProgramFacts programFacts = facts == null ? ProgramFacts.builtIn() : facts;
			return new TrustPolicy(workspaceRoot, new PolicyRules(trusted, denied, workspaceRoot, guard,
					programFacts.table()), auditLog);
		}
	}
}
