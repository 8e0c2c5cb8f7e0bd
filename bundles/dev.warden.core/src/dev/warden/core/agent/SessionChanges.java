package dev.warden.core.agent;

import java.util.Optional;
import java.util.function.Function;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;

import dev.warden.core.tools.ChangeSink;

/**
 * How one chat session's file changes are carried out and recorded: the agent's edits go through {@link #sink}, and
 * the files a command changes are found by {@link #watchCommand}. {@link AgentFactory#journalChanges} gives the
 * plain implementation over a change journal; the IDE adds the workbench's undo history to it.
 */
public interface SessionChanges {

	/**
	 * The sink the agent's file tools propose changes to.
	 *
	 * @param workspaceFiles finds the workspace file for a path as the agent gave it
	 */
	ChangeSink sink(Function<String, Optional<IFile>> workspaceFiles);

	/**
	 * Watches {@code project} while a command runs; closing the watch (when the command has ended) refreshes the
	 * project and records the files the command changed.
	 */
	AutoCloseable watchCommand(IProject project, String commandLine);
}
