package dev.warden.core.sandbox;

/** What a sandboxed command did to one path of a root, as the change set reports it. */
public enum SandboxChangeKind {
	/** The path did not exist before; the command created it. */
	CREATED,
	/** The command changed the file's content, permissions or link target. */
	MODIFIED,
	/** The command deleted the path. */
	DELETED,
	/**
	 * The command's write is not carried over: the file decides what the agent sees ({@code .gitignore},
	 * {@code .wardenignore}), is sensitive, leads outside the roots, is not a regular file, or changed outside the
	 * command while it ran (a conflict).
	 */
	REFUSED
}
