package dev.warden.core.internal.tools;

import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.ToolOutput;

/** Words for the model about a proposed change's fate. */
final class FileChanges {

	private FileChanges() {
	}

	static ToolOutput outcome(ChangeOutcome outcome) {
		return outcome.applied() ? ToolOutput.ok(outcome.message())
				: ToolOutput.error("The change was not applied: " + outcome.message()); //$NON-NLS-1$
	}
}
