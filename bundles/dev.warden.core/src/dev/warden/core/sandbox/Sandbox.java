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
}
