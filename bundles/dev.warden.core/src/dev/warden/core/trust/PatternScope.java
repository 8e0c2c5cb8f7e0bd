package dev.warden.core.trust;

/** Where a list of patterns comes from. */
public enum PatternScope {
	/** The deny list shipped with Warden (see {@link DefaultDenyList}). */
	DEFAULT,
	/** The user's own list for the whole workspace. */
	WORKSPACE,
	/**
	 * A list shared in a project's {@code .settings/}: its trust patterns are honoured only after the user has
	 * accepted exactly this content; its deny rules always apply.
	 */
	PROJECT
}
