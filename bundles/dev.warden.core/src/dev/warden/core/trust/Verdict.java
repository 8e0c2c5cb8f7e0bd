package dev.warden.core.trust;

/** What the policy decides for a command line. */
public enum Verdict {
	/** Every command it would run is covered by a trusted pattern: it may run without asking. */
	TRUSTED,
	/** Something is not covered or not understood: the user is asked. */
	ASK,
	/** A deny rule matches: it never runs without an explicit approval that states why it was flagged. */
	DENIED
}
