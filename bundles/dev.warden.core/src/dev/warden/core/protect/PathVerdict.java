package dev.warden.core.protect;

/**
 * What the path policy says about a path the agent named.
 */
public enum PathVerdict {
	/** Inside a root and visible: the agent may use it. */
	ALLOWED,
	/** Outside every root, or not a usable path (malformed, control characters, an alternate spelling …). */
	REFUSED,
	/** Inside a root but invisible to the agent: ignored by a {@code .gitignore}/{@code .wardenignore} rule or sensitive. */
	HIDDEN
}
