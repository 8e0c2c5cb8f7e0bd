package dev.warden.core.trust;

/** Whether the user has accepted a pattern list that needs acceptance (see {@link PatternList#acceptance}). */
public enum Acceptance {
	/** The list is the user's own or Warden's: no acceptance needed. */
	NOT_REQUIRED,
	/** The user accepted exactly this content. */
	ACCEPTED,
	/** The user has never accepted the list. */
	NOT_ACCEPTED,
	/** The user accepted an earlier content; the list changed since and must be accepted again. */
	CHANGED;

	/** Whether the list's trust patterns are honoured. */
	public boolean isHonoured() {
		return this == NOT_REQUIRED || this == ACCEPTED;
	}
}
