package dev.warden.core.sandbox;

import java.util.Map;
import java.util.function.Consumer;

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
