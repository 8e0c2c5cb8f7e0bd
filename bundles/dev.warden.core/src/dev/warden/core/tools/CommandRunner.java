package dev.warden.core.tools;

import java.util.function.Consumer;

import dev.warden.core.operations.Cancellation;

/** Runs shell commands and kills their whole process tree on timeout or cancellation. */
@FunctionalInterface
public interface CommandRunner {

	/**
	 * Runs {@code request}, passing output to {@code output} as it arrives (on a reader thread), and waits for the end.
	 *
	 * @throws ToolException if the command cannot be started
	 */
	CommandResult run(CommandRequest request, Consumer<String> output, Cancellation cancellation)
			throws ToolException;

	/**
	 * A prompt in which commands may run is starting: gets ready for its first command where that makes it start
	 * sooner (a sandbox set up ahead). Returns at once; the work, if any, runs in the background and its failures
	 * only mean that the command sets itself up when it comes.
	 */
	default void prepare() {
		// nothing to set up ahead
	}
}
