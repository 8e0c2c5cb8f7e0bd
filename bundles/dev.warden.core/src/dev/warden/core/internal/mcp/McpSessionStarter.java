package dev.warden.core.internal.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.WeakHashMap;

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
import dev.warden.core.mcp.McpProjectConfig;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.mcp.McpServers;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.settings.McpSettings;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;
import dev.warden.core.trust.Acceptance;

/**
 * Brings the configured MCP servers up before a prompt: the workspace's servers and the accepted servers of the
 * projects in scope. A server whose launch the user approved before starts at once (its tools are offered to this
 * prompt); for any other, the user is asked in the chat without holding up the prompt, and an approved server starts
 * in the background, its tools offered from the next prompt on. A server is asked about at most once at a time, and
 * a start the user rejected is not asked about again in the same chat (the {@link Approvals} that answered); a new chat,
 * or a start from the MCP Servers page, asks again.
 */
public final class McpSessionStarter {

	/** The name of the question in the chat ("may this server start?"). */
	public static final String START_QUESTION = "start_mcp_server"; //$NON-NLS-1$

	/** The name of the question in the chat ("accept this project's .mcp.json?"). */
	public static final String ACCEPT_QUESTION = "accept_mcp_json"; //$NON-NLS-1$

	private final McpServers servers;

	private final McpSettings settings;

	private final Executor background;

	private final Set<String> asking = ConcurrentHashMap.newKeySet();

	/** The launches ({@link McpServerConfig#launchKey()}) each chat rejected; a chat's entry goes with the chat. */
	private final Map<Approvals, Set<String>> rejected = Collections.synchronizedMap(new WeakHashMap<>());

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
			askToAccept(project, approvals);
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
			} else if (!rejectedIn(approvals).contains(config.launchKey()) && asking.add(config.name())) {
				background.execute(() -> {
					try {
						start(launch, remembering(viaChat(approvals), approvals), audit);
					} finally {
						asking.remove(config.name());
					}
				});
			}
		}
	}

	/**
	 * A project's {@code .mcp.json} not accepted in its current form is shown in the chat (its exact content, as
	 * servers and command lines) without holding up the prompt; accepting it offers its servers from the next prompt
	 * on, each still to be approved before it starts.
	 */
	private void askToAccept(IProject project, Approvals approvals) {
		Acceptance acceptance = settings.projectAcceptance(project);
		if (acceptance.isHonoured() || !asking.add("project:" + project.getName())) { //$NON-NLS-1$
			return;
		}
		McpProjectConfig shown;
		try {
			shown = settings.projectConfig(project).orElse(null);
		} catch (IllegalArgumentException e) {
			asking.remove("project:" + project.getName()); //$NON-NLS-1$
			ILog.of(McpSessionStarter.class).warn(e.getMessage());
			return;
		}
		if (shown == null) {
			asking.remove("project:" + project.getName()); //$NON-NLS-1$
			return;
		}
		StringBuilder reason = new StringBuilder("The project ").append(project.getName()) //$NON-NLS-1$
				.append(acceptance == Acceptance.CHANGED ? " changed its " : " shares MCP servers in ") //$NON-NLS-1$ //$NON-NLS-2$
				.append(McpSettings.PROJECT_FILE).append(". Accept exactly this content?"); //$NON-NLS-1$
		shown.servers().forEach(config -> reason.append("\n").append(config.name()).append(": ") //$NON-NLS-1$ //$NON-NLS-2$
				.append(config.commandLine()).append(config.environmentNames().isEmpty() ? "" //$NON-NLS-1$
						: " (variables " + String.join(", ", config.environmentNames()) + ')')); //$NON-NLS-1$ //$NON-NLS-2$
		reason.append("\nEach server is still asked about before it starts."); //$NON-NLS-1$
		background.execute(() -> {
			try {
				ToolInvocation question = new ToolInvocation("-", "mcp-accept-" + project.getName(), ACCEPT_QUESTION, //$NON-NLS-1$ //$NON-NLS-2$
						Set.of(), project.getName() + '/' + McpSettings.PROJECT_FILE,
						ToolArguments.parseObject(ACCEPT_QUESTION, "{}")); //$NON-NLS-1$
				Approval answer = approvals.approveAction(question, reason.toString()).get();
				if (answer != null && answer.approved()) {
					settings.acceptProjectConfig(project, shown);
				}
			} catch (Exception e) {
				ILog.of(McpSessionStarter.class).warn("The project's .mcp.json could not be accepted: " + e.getMessage()); //$NON-NLS-1$
			} finally {
				asking.remove("project:" + project.getName()); //$NON-NLS-1$
			}
		});
	}

	private Set<String> rejectedIn(Approvals approvals) {
		return rejected.computeIfAbsent(approvals, a -> ConcurrentHashMap.newKeySet());
	}

	/** Notes a rejection of {@code approvals}' chat, so that the chat is not asked again at every prompt. */
	private LaunchApprovals remembering(LaunchApprovals asked, Approvals approvals) {
		return launch -> asked.approveLaunch(launch).thenApply(answer -> {
			if (answer == null || !answer.approved()) {
				rejectedIn(approvals).add(launch.config().launchKey());
			}
			return answer;
		});
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
			if (config.isHttp()) {
				String reason = "Connect to the MCP server '" + config.name() + "' (from " + launch.origin() //$NON-NLS-1$ //$NON-NLS-2$
						+ ") at this URL" + (config.headerNames().isEmpty() ? "" //$NON-NLS-1$ //$NON-NLS-2$
								: ", sending the headers " + String.join(", ", config.headerNames())) //$NON-NLS-1$ //$NON-NLS-2$
						+ "? Its tools are offered from the next prompt on; each call is still approved or trusted."; //$NON-NLS-1$
				return approvals.approveAction(question, reason);
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
