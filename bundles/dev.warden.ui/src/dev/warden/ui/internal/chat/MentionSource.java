package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;

import dev.warden.core.agent.AgentScope;
import dev.warden.core.agent.ResourceAttachment;
import dev.warden.core.mcp.McpConnection;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpResource;
import dev.warden.core.operations.WardenJobs;
import dev.warden.ui.internal.WardenServices;

/**
 * What {@code @} completion offers: the resources of the running MCP servers ({@code server:uri}) and the files the
 * agent may see, listed off the UI thread. {@link #get()} answers at
 * once with the newest list and starts a new listing in the background, so what is offered follows the workspace
 * without the input ever waiting for a walk of the projects.
 */
final class MentionSource implements Supplier<List<String>> {

	/** The most files offered; a larger workspace is listed this far. */
	static final int MAX_FILES = 5000;

	private volatile List<String> files = List.of();
	private final AtomicBoolean listing = new AtomicBoolean();

	/** Starts listing the files in the background, unless a listing is under way. */
	void refresh() {
		if (!listing.compareAndSet(false, true)) {
			return;
		}
		WardenJobs.scheduleSystem(ChatMessages.Context_listing, monitor -> {
			try {
				List<String> offered = new ArrayList<>(resources());
				offered.addAll(list());
				files = List.copyOf(offered);
			} finally {
				listing.set(false);
			}
		});
	}

	@Override
	public List<String> get() {
		refresh();
		return files;
	}

	/**
	 * The resources of the running MCP servers, as {@code server:uri}; runs on any thread. A server that cannot list
	 * them offers none (the MCP Servers page shows why it fails).
	 */
	static List<String> resources() {
		List<String> found = new ArrayList<>();
		for (McpConnection server : WardenServices.mcpServers().running()) {
			if (!server.offersResources()) {
				continue;
			}
			try {
				for (McpResource resource : server.resources()) {
					found.add(new ResourceAttachment(server.serverName(), resource.uri()).mention());
				}
			} catch (McpException e) {
				ILog.of(MentionSource.class).info("The resources of the MCP server '" + server.serverName() //$NON-NLS-1$
						+ "' could not be listed: " + e.getMessage()); //$NON-NLS-1$
			}
		}
		return found;
	}

	/** The files the agent may see now; runs on any thread. */
	static List<String> list() {
		AgentScope scope = AgentScope.of(AgentScope.candidates(), WardenServices.protection());
		List<String> found = new ArrayList<>();
		if (scope.isEmpty()) {
			return found;
		}
		boolean several = scope.projects().size() > 1;
		scope.pathPolicy().walk(".", 12, file -> { //$NON-NLS-1$
			if (!file.directory()) {
				found.add(several ? file.root().name() + '/' + file.relativePath() : file.relativePath());
			}
			return found.size() < MAX_FILES;
		});
		return List.copyOf(found);
	}
}
