package dev.warden.core.internal.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.ILog;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.mcp.LaunchApprovals;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpLaunch;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.mcp.McpServers;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.settings.McpSettings;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;

/**
 * Brings the configured MCP servers up before a prompt: the workspace's servers and the accepted servers of the
 * projects in scope. A server whose launch the user approved before starts at once (its tools are offered to this
 * prompt); for any other, the user is asked in the chat without holding up the prompt, and an approved server starts
 * in the background, its tools offered from the next prompt on. A server is asked about at most once at a time.
 */
public final class McpSessionStarter {

	/** The name of the question in the chat ("may this server start?"). */
	public static final String START_QUESTION = "start_mcp_server"; //$NON-NLS-1$

	private final McpServers servers;

	private final McpSettings settings;

	private final Executor background;

	private final Set<String> asking = ConcurrentHashMap.newKeySet();

	public McpSessionStarter(McpServers servers, McpSettings settings, Executor background) {
		this.servers = servers;
		this.settings = settings;
		this.background = background;
	}

	/** Starts or asks about every configured server that is not running. */
	public void prepare(List<IProject> projects, Approvals approvals, AuditLog audit) {
		List<McpLaunch> launches = new ArrayList<>();
		settings.workspaceServers().forEach(config -> launches.add(new McpLaunch(config, "workspace settings"))); //$NON-NLS-1$
		for (IProject project : projects) {
			servers.acceptedProjectServers(project).forEach(
					config -> launches.add(new McpLaunch(config, "project " + project.getName() + ", .mcp.json"))); //$NON-NLS-1$ //$NON-NLS-2$
		}
		for (McpLaunch launch : launches) {
			McpServerConfig config = launch.config();
			if (servers.find(config.name()).isPresent()) {
				continue;
			}
			if (settings.launchApproved(config)) {
				start(launch, LaunchApprovals.NONE, audit);
			} else if (asking.add(config.name())) {
				background.execute(() -> {
					try {
						start(launch, viaChat(approvals), audit);
					} finally {
						asking.remove(config.name());
					}
				});
			}
		}
	}

	private void start(McpLaunch launch, LaunchApprovals approvals, AuditLog audit) {
		try {
			servers.start(launch, approvals, audit, new Cancellation());
		} catch (McpException e) {
			// the audit trail has the failure or the rejection; the log keeps it for the user's support
			ILog.of(McpSessionStarter.class).warn(e.getMessage());
		}
	}

	/** Asks through the chat's approvals, as a question about an action: the exact command line and variable names. */
	static LaunchApprovals viaChat(Approvals approvals) {
		return launch -> {
			McpServerConfig config = launch.config();
			JsonObject arguments = new JsonObject();
			arguments.addProperty("server", config.name()); //$NON-NLS-1$
			JsonArray names = new JsonArray();
			config.environmentNames().forEach(names::add);
			arguments.add("variables", names); //$NON-NLS-1$
			ToolInvocation question;
			try {
				question = new ToolInvocation("-", "mcp-start-" + config.name(), START_QUESTION, Set.of(), //$NON-NLS-1$ //$NON-NLS-2$
						config.commandLine(), ToolArguments.parseObject(START_QUESTION, arguments.toString()));
			} catch (ToolException e) {
				return CompletableFuture.failedFuture(e);
			}
			String reason = "Start the MCP server '" + config.name() + "' (from " + launch.origin() //$NON-NLS-1$ //$NON-NLS-2$
					+ ")? Starting it runs this command with the scrubbed environment" //$NON-NLS-1$
					+ (config.environmentNames().isEmpty() ? "" //$NON-NLS-1$
							: " and the variables " + String.join(", ", config.environmentNames())) //$NON-NLS-1$ //$NON-NLS-2$
					+ ". Its tools are offered from the next prompt on; each call is still approved or trusted."; //$NON-NLS-1$
			CompletableFuture<Approval> answer = approvals.approveAction(question, reason);
			return answer;
		};
	}
}
