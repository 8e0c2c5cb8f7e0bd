package dev.warden.core.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A shell command to run.
 *
 * @param commandLine      the command, run by dash, bash in POSIX mode or {@code /bin/sh} ({@code cmd.exe /c} on
 *                         Windows), see {@code CommandShell}
 * @param workingDirectory inside the project
 * @param timeout          after which the whole process tree is killed
 * @param outputCap        the most characters of output kept (the rest is dropped from the middle)
 * @param network          whether the user granted this one run network to any host the URL policy allows (a
 *                         sandboxed command has none otherwise; an unsandboxed one has the user's own network anyway)
 */
public record CommandRequest(String commandLine, Path workingDirectory, Duration timeout, int outputCap,
		boolean network) {

	/** A request without a grant of network. */
	public CommandRequest(String commandLine, Path workingDirectory, Duration timeout, int outputCap) {
		this(commandLine, workingDirectory, timeout, outputCap, false);
	}

	public CommandRequest {
		Objects.requireNonNull(commandLine, "commandLine"); //$NON-NLS-1$
		Objects.requireNonNull(workingDirectory, "workingDirectory"); //$NON-NLS-1$
		Objects.requireNonNull(timeout, "timeout"); //$NON-NLS-1$
	}
}
