package dev.warden.core.tools;

import java.util.Objects;

/**
 * The real capabilities behind the tools. Handed only to the agent's tool dispatcher, which lends them to a tool for
 * the duration of one allowed call through a {@link Grant}; tools never hold them.
 *
 * @param files    the workspace's files
 * @param changes  where proposed changes go
 * @param commands the command runner
 * @param urls     the URL fetcher, or {@code null} if fetching is not available
 */
public record ToolCapabilities(WorkspaceFiles files, ChangeSink changes, CommandRunner commands, UrlFetcher urls) {

	public ToolCapabilities {
		Objects.requireNonNull(files, "files"); //$NON-NLS-1$
		Objects.requireNonNull(changes, "changes"); //$NON-NLS-1$
		Objects.requireNonNull(commands, "commands"); //$NON-NLS-1$
	}
}
