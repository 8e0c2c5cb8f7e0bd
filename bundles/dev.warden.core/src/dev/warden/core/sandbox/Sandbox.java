package dev.warden.core.sandbox;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.warden.core.operations.Cancellation;
import dev.warden.core.tools.CommandRequest;

/**
 * Runs one command line so that it sees the file system read-only except the roots, which it sees through a
 * copy-on-write layer; sensitive and Warden's own files masked; {@code /tmp} private; no processes of the host; no
 * network except through a proxy that applies the URL policy. What it wrote to the roots comes back as a
 * {@link ChangeSet}; the roots themselves are not touched. On Linux the implementation is
 * {@code dev.warden.core.internal.sandbox.BubblewrapSandbox}; elsewhere it says it is unavailable.
 */
public interface Sandbox {

	/** Whether sandboxes can be set up here, and if not, why (found once and remembered). */
	SandboxAvailability availability();

	/**
	 * Runs {@code request} in a sandbox made after {@code spec}, passing output to {@code output} as it arrives;
	 * time-out and cancellation kill everything in the sandbox.
	 *
	 * @param environment the variables the command gets (already scrubbed of credentials)
	 * @throws SandboxException if no sandbox can be had here, or setting it up failed
	 */
	SandboxResult run(SandboxSpec spec, CommandRequest request, Map<String, String> environment,
			Consumer<String> output, Cancellation cancellation) throws SandboxException;

	/**
	 * Sets up ahead, in the background, the sandbox the next command without network will probably need, so that it
	 * starts at once when it comes (at the start of a prompt in which the agent may run commands). Returns at once,
	 * and never fails: the suppliers are read off the caller's thread, and if nothing can be set up (no sandbox here,
	 * or a spec with network) nothing is; a command that finds no fitting sandbox ready sets its own up as before.
	 *
	 * @param spec        the sandbox the next command will probably get
	 * @param environment the variables it will probably get (already scrubbed of credentials)
	 */
	default void prepare(Supplier<SandboxSpec> spec, Supplier<Map<String, String>> environment) {
		// sandboxes that are not set up ahead have nothing to prepare
	}

	/**
	 * Starts a long-lived program (a stdio MCP server) in a sandbox made after {@code spec}: the same masks, a private
	 * {@code /tmp}, no processes of the host, no network unless {@code spec} has some (then through the proxy, for as
	 * long as the program runs). Unlike a command, it sees the roots read-only like the rest of the file system: its
	 * writes there fail, since a program that runs on across many calls has no end at which its writes could be
	 * collected and reviewed. Its standard input and output are the returned process's, its standard error apart;
	 * destroying the process ends everything in the sandbox.
	 *
	 * @param command     the program and its arguments
	 * @param environment the variables it gets (already scrubbed of credentials)
	 * @throws SandboxException if no sandbox can be had here, or setting it up failed
	 */
	default Process start(SandboxSpec spec, java.util.List<String> command, java.nio.file.Path workingDirectory,
			Map<String, String> environment) throws SandboxException {
		throw new SandboxException("this sandbox cannot run a long-lived program: " + availability().reason());
	}
}
