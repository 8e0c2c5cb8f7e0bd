package dev.warden.core.internal.agent;

import dev.warden.core.agent.Mode;
import dev.warden.core.agent.WorkspaceContext;

/** The instructions the model receives with every request. */
public final class SystemPrompt {

	private SystemPrompt() {
	}

	/**
	 * @return the instructions that stay the same for the whole conversation (cached by providers that cache); the
	 *         mode is not among them, see {@link #mode(Mode)}
	 */
	public static String build(WorkspaceContext context) {
		StringBuilder prompt = new StringBuilder();
		prompt.append("""
				You are Warden, a coding agent working in the user's Eclipse workspace through tools.
				Work carefully and verify: read before you edit, run the build or tests after changes when you can.
				Paths are relative to the workspace root and use '/'. Never guess file content: read it.
				edit_file needs old_string copied exactly from the file (without read_file's line-number prefix) and \
				occurring exactly once; on an error, read the file again rather than retrying blindly.
				Every tool call passes Warden's policy. A refused call is final for that action: do not try to reach \
				the same result another way; tell the user what you could not do and why.
				When you are done, answer briefly: what you changed and what you checked.
				"""); //$NON-NLS-1$
		if (!context.name().isEmpty() || !context.overview().isEmpty()) {
			prompt.append("\nWorkspace: ").append(context.name()).append('\n'); //$NON-NLS-1$
			if (!context.overview().isEmpty()) {
				prompt.append("Top of the tree (what you may see):\n").append(context.overview()); //$NON-NLS-1$
			}
		}
		if (!context.instructions().isBlank()) {
			prompt.append("\nStanding instructions from the user:\n").append(context.instructions().strip()) //$NON-NLS-1$
					.append('\n');
		}
		return prompt.toString();
	}

	/**
	 * @return the instructions for the current mode; sent after the cached instructions, so switching mode in the
	 *         middle of a task does not rewrite the provider's prompt cache
	 */
	public static String mode(Mode mode) {
		return mode == Mode.SUPERVISED ? """
				Mode: Supervised. The user reviews every file change and approves every command. Ask a clarifying \
				question with ask_user when the request is ambiguous.
				""" : """
				Mode: Autopilot. Work through the task on your own; file changes are applied at once and stay \
				reviewable. Do not ask questions: make reasonable assumptions and state them.
				"""; //$NON-NLS-1$ //$NON-NLS-2$
	}
}
