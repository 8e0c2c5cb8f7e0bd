package dev.warden.core.tools;

import java.net.URI;
import java.util.List;

import dev.warden.core.operations.Cancellation;

/**
 * Permission to carry out one tool call that the policy gateway allowed (and the user approved, where asked), with
 * the capabilities to do it. A tool receives its arguments and everything it may touch only through its grant: the
 * grant offers just the capabilities the tool declared, acts only on the subject the gateway examined, and is revoked
 * when the call returns. Methods throw {@link ToolException} when used outside those bounds.
 */
public interface Grant {

	/** @return the validated arguments the gateway examined */
	ToolArguments arguments();

	/** @return what the call acts on (path, command line, URL), as the gateway saw it */
	String subject();

	/** @return the user's cancellation of the current request */
	Cancellation cancellation();

	/** @return the workspace's files (requires {@link Capability#READ_FILES} or {@link Capability#CHANGE_FILES}) */
	WorkspaceFiles files() throws ToolException;

	/**
	 * Hands a change for the subject path to the change subsystem, after the user's review where the mode requires
	 * one (requires {@link Capability#CHANGE_FILES}).
	 */
	ChangeOutcome propose(ProposedChange change) throws ToolException;

	/**
	 * Runs the approved command line; its output also streams to the user (requires {@link Capability#RUN_COMMANDS}).
	 *
	 * @param commandLine      must be the subject the gateway examined
	 * @param workingDirectory workspace-relative, confined like every other path
	 * @param timeout          after which the process tree is killed
	 * @param outputCap        the most characters of output kept
	 */
	CommandResult run(String commandLine, String workingDirectory, java.time.Duration timeout, int outputCap)
			throws ToolException;

	/** Fetches the approved URL (requires {@link Capability#FETCH_URLS}). */
	FetchedPage fetch(URI url, int maxChars) throws ToolException;

	/**
	 * Asks the user and waits for the answer (requires {@link Capability#ASK_USER}).
	 *
	 * @param choices suggested answers, may be empty
	 */
	String ask(String question, List<String> choices) throws ToolException;

	/** Shows a line of progress on the call's card (e.g. an MCP server's progress notifications); needs no capability. */
	default void report(String text) {
		// a grant without a card drops progress
	}
}
