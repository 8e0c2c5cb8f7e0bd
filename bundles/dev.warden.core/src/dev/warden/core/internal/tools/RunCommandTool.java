package dev.warden.core.internal.tools;

import java.time.Duration;
import java.util.Set;

import dev.warden.core.tools.Capability;
import dev.warden.core.tools.CommandResult;
import dev.warden.core.tools.Grant;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.ToolOutput;

/** {@code run_command}: runs a shell command in the project and returns its exit code and (capped) output. */
final class RunCommandTool extends BaseTool {

	static final int DEFAULT_TIMEOUT_SECONDS = 120;

	static final int OUTPUT_CAP = 30_000;

	RunCommandTool() {
		super("run_command", //$NON-NLS-1$
				"Run a shell command (sh -c) in the project, e.g. a build or the tests. Standard input is closed; " //$NON-NLS-1$
						+ "standard error is merged into the output. Returns the exit code and the output (long " //$NON-NLS-1$
						+ "output keeps its beginning and end).", //$NON-NLS-1$
				"""
						{"type":"object","properties":{
						"command":{"type":"string","description":"The command line"},
						"cwd":{"type":"string","description":"Working directory relative to the workspace root; default '.'"},
						"timeout_seconds":{"type":"integer","minimum":1,"maximum":3600,"description":"Default 120"}
						},"required":["command"]}""", //$NON-NLS-1$
				Set.of(Capability.RUN_COMMANDS));
	}

	@Override
	public String subject(ToolArguments arguments) {
		return arguments.string("command"); //$NON-NLS-1$
	}

	@Override
	public ToolOutput execute(Grant grant) throws ToolException {
		ToolArguments args = grant.arguments();
		if (args.string("command").isBlank()) { //$NON-NLS-1$
			throw new ToolException("The command is empty."); //$NON-NLS-1$
		}
		Duration timeout = Duration.ofSeconds(args.integer("timeout_seconds", DEFAULT_TIMEOUT_SECONDS)); //$NON-NLS-1$
		CommandResult result = grant.run(grant.subject(), args.string("cwd", "."), timeout, OUTPUT_CAP); //$NON-NLS-1$ //$NON-NLS-2$
		String status;
		if (result.timedOut()) {
			status = "Timed out after " + timeout.toSeconds() + " s; the command and all its processes were killed."; //$NON-NLS-1$ //$NON-NLS-2$
		} else if (result.cancelled()) {
			status = "Cancelled by the user; the command and all its processes were killed."; //$NON-NLS-1$
		} else {
			status = "Exit code: " + result.exitCode(); //$NON-NLS-1$
		}
		String output = result.output().isEmpty() ? "(no output)" : result.output(); //$NON-NLS-1$
		String text = status + "\nOutput:\n" + output; //$NON-NLS-1$
		boolean failed = result.timedOut() || result.cancelled() || result.exitCode() != 0;
		return new ToolOutput(Truncation.cap(text), failed);
	}
}
