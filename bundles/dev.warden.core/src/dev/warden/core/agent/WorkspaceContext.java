package dev.warden.core.agent;

import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.WorkspaceFiles;

/**
 * What the system prompt tells the model about the workspace, limited to what the agent may see.
 *
 * @param name         the workspace or project name
 * @param overview     a short listing of the top of the tree
 * @param instructions the user's or project's standing instructions, may be empty
 */
public record WorkspaceContext(String name, String overview, String instructions) {

	public WorkspaceContext {
		name = name == null ? "" : name; //$NON-NLS-1$
		overview = overview == null ? "" : overview; //$NON-NLS-1$
		instructions = instructions == null ? "" : instructions; //$NON-NLS-1$
	}

	/**
	 * Describes the workspace through {@code files}, so hidden paths stay hidden.
	 *
	 * @param maxEntries the most entries to list (two levels deep)
	 */
	public static WorkspaceContext describe(String name, WorkspaceFiles files, int maxEntries, String instructions) {
		StringBuilder overview = new StringBuilder();
		int[] count = { 0 };
		try {
			files.walk(".", 2, entry -> { //$NON-NLS-1$
				if (count[0]++ >= maxEntries) {
					overview.append("…\n"); //$NON-NLS-1$
					return false;
				}
				overview.append(entry.path()).append(entry.directory() ? "/" : "").append('\n'); //$NON-NLS-1$ //$NON-NLS-2$
				return true;
			});
		} catch (ToolException e) {
			overview.append("(the workspace could not be listed: ").append(e.getMessage()).append(")\n"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new WorkspaceContext(name, overview.toString(), instructions);
	}
}
