package dev.warden.core.trust;

/** How the policy judged one simple command of a command line. Listed from mildest to most severe. */
public enum PartStatus {
	/** A trusted pattern covers it (or it runs nothing, such as a lone assignment). */
	COVERED,
	/** No trusted pattern covers its words; adding one would (see {@link CommandPart#suggestions()}). */
	NOT_COVERED,
	/**
	 * Something no pattern can cover: an assignment to a variable that changes what runs, an output redirection
	 * outside the workspace, an option that runs code under a wildcard, a protected file.
	 */
	NOT_COVERABLE,
	/** The policy does not fully understand what it would run (see the reason): it always asks. */
	FAILED_CLOSED,
	/** A deny rule matches. */
	DENIED
}
