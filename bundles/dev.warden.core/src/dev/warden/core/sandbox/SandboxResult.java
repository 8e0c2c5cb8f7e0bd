package dev.warden.core.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.warden.core.tools.CommandResult;

/**
 * How a sandboxed command ended and what it changed.
 *
 * @param command       exit code, output, time-out and cancellation, as for an unsandboxed command
 * @param changes       its writes to the roots; close the result (or the set) when done with them
 * @param masked        masked paths the output names (the command probably tried to use them), for telling the user
 *                      how to allow a file
 * @param network       the proxy's decisions, one line a connection attempt ({@code ALLOWED host:port} or
 *                      {@code REFUSED host:port: reason}); empty when there was no network
 * @param setup         time spent finding masks and preparing the sandbox
 * @param collection    time spent collecting the change set
 */
public record SandboxResult(CommandResult command, ChangeSet changes, List<String> masked, List<String> network,
		Duration setup, Duration collection) implements AutoCloseable {

	public SandboxResult {
		masked = List.copyOf(masked);
		network = List.copyOf(network);
	}

	@Override
	public void close() throws IOException {
		changes.close();
	}
}
