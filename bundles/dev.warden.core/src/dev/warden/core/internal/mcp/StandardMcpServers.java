package dev.warden.core.internal.mcp;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.eclipse.core.resources.IProject;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import dev.warden.core.agent.Approval;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.mcp.LaunchApprovals;
import dev.warden.core.mcp.McpConnection;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpLaunch;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.mcp.McpServerState;
import dev.warden.core.mcp.McpServers;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.sandbox.SandboxAvailability;
import dev.warden.core.sandbox.SandboxSpec;
import dev.warden.core.settings.McpSettings;
import dev.warden.core.settings.ProtectionSettings;

/**
 * The workspace's running MCP servers. A start is approved by the user unless the same launch (command line and
 * variable names) was approved before; the process gets the scrubbed environment of the protection settings and runs
 * in the command sandbox where one can be had.
 */
@Component(service = McpServers.class)
public final class StandardMcpServers implements McpServers {

	/** How long a server may take to answer {@code initialize}. */
	static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final Map<String, McpConnection> running = new ConcurrentHashMap<>();

	/** The servers whose last start failed or that stopped on their own, with what went wrong. */
	private final Map<String, String> failures = new ConcurrentHashMap<>();

	@Reference
	private McpSettings settings;

	@Reference
	private ProtectionSettings protection;

	private Supplier<EnvironmentPolicy> environment;

	private Supplier<UrlPolicy> urls;

	private Supplier<StdioMcpConnection.Launcher> launcher;

	public StandardMcpServers() {
		// for Declarative Services, which sets the fields
	}

	/** For use outside OSGi (tests, tools). */
	public StandardMcpServers(McpSettings settings, Supplier<EnvironmentPolicy> environment) {
		this(settings, environment, UrlPolicy::defaults);
	}

	/** For use outside OSGi (tests, tools), with the URL policy HTTP servers are reached under. */
	public StandardMcpServers(McpSettings settings, Supplier<EnvironmentPolicy> environment, Supplier<UrlPolicy> urls) {
		this(settings, environment, urls, () -> StdioMcpConnection.PLAIN);
	}

	/**
	 * For use outside OSGi (tests, tools), with the URL policy HTTP servers are reached under and the way stdio
	 * servers' programs are started (e.g. in a sandbox).
	 */
	public StandardMcpServers(McpSettings settings, Supplier<EnvironmentPolicy> environment, Supplier<UrlPolicy> urls,
			Supplier<StdioMcpConnection.Launcher> launcher) {
		this.settings = settings;
		this.environment = environment;
		this.urls = urls;
		this.launcher = launcher;
	}

	/**
	 * How a stdio server's program starts: in the command sandbox where one can be had (the workspace's projects and
	 * the rest of the file system read-only, the masks of commands, the hosts commands may reach through the proxy
	 * and no other network), else as an ordinary process — unless a sandbox is required.
	 */
	private StdioMcpConnection.Launcher launcher() throws McpException {
		if (launcher != null) {
			return launcher.get();
		}
		BubblewrapSandbox sandbox = BubblewrapSandbox.oneShot(urls());
		SandboxAvailability availability = sandbox.availability();
		if (!availability.available()) {
			if (protection.requireSandbox()) {
				throw new McpException("MCP servers are not started: a sandbox is required (Protection > Commands), " //$NON-NLS-1$
						+ "and " + availability.reason()); //$NON-NLS-1$
			}
			return StdioMcpConnection.PLAIN;
		}
		SandboxSpec spec = WorkspaceSandbox.spec(protection);
		Path directory = Path.of(System.getProperty("user.dir")); //$NON-NLS-1$
		return (command, variables) -> sandbox.start(spec, command, directory, variables);
	}

	private UrlPolicy urls() {
		return urls != null ? urls.get() : protection.urlPolicy();
	}

	private EnvironmentPolicy environment() {
		return environment != null ? environment.get() : protection.environmentPolicy();
	}

	@Override
	public List<McpConnection> running() {
		running.values().removeIf(connection -> {
			if (connection.isAlive()) {
				return false;
			}
			failures.put(connection.serverName(), stoppedOnItsOwn(connection));
			return true;
		});
		return new ArrayList<>(running.values());
	}

	private static String stoppedOnItsOwn(McpConnection connection) {
		String errors = connection.errorOutput().strip();
		return "The server stopped on its own." + (errors.isEmpty() ? "" : "\n" + errors); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	@Override
	public McpServerState state(String name) {
		running(); // notes the servers that died
		McpConnection connection = running.get(name);
		if (connection != null) {
			try {
				return new McpServerState(name, McpServerState.Status.RUNNING,
						"protocol " + connection.protocolVersion(), connection.tools()); //$NON-NLS-1$
			} catch (McpException e) {
				return new McpServerState(name, McpServerState.Status.RUNNING, e.getMessage(), List.of());
			}
		}
		String failure = failures.get(name);
		return failure == null ? new McpServerState(name, McpServerState.Status.STOPPED, "", List.of()) //$NON-NLS-1$
				: new McpServerState(name, McpServerState.Status.FAILED, failure, List.of());
	}

	@Override
	public Optional<McpConnection> find(String name) {
		McpConnection connection = running.get(name);
		return connection != null && connection.isAlive() ? Optional.of(connection) : Optional.empty();
	}

	@Override
	public McpConnection start(McpLaunch launch, LaunchApprovals approvals, AuditLog audit, Cancellation cancellation)
			throws McpException {
		McpServerConfig config = launch.config();
		Optional<McpConnection> existing = find(config.name());
		if (existing.isPresent()) {
			return existing.get();
		}
		String subject = config.name() + ": " + config.commandLine(); //$NON-NLS-1$
		String names = config.environmentNames().isEmpty() ? "no variables" //$NON-NLS-1$
				: "variables " + String.join(", ", config.environmentNames()); //$NON-NLS-1$ //$NON-NLS-2$
		if (config.isHttp()) {
			names = "over HTTP, " + (config.headerNames().isEmpty() ? "no headers" //$NON-NLS-1$ //$NON-NLS-2$
					: "headers " + String.join(", ", config.headerNames())); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (settings.launchApproved(config)) {
			record(audit, subject, "APPROVED", "approved before; " + names + "; from " + launch.origin(), "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		} else {
			record(audit, subject, "ASK", names + "; from " + launch.origin(), "policy"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			Approval answer = await(approvals.approveLaunch(launch), cancellation);
			if (!answer.approved()) {
				record(audit, subject, "REJECTED", answer.reason(), "user"); //$NON-NLS-1$ //$NON-NLS-2$
				throw new McpException("The user did not allow the MCP server '" + config.name() + "' to start" //$NON-NLS-1$ //$NON-NLS-2$
						+ (answer.reason().isBlank() ? "." : ": " + answer.reason())); //$NON-NLS-1$ //$NON-NLS-2$
			}
			record(audit, subject, "APPROVED", names, "user"); //$NON-NLS-1$ //$NON-NLS-2$
			settings.approveLaunch(config);
		}
		try {
			StdioMcpConnection connection = config.isHttp()
					? StdioMcpConnection.connect(config, urls(), START_TIMEOUT, cancellation)
					: StdioMcpConnection.start(config, environment(), launcher(), START_TIMEOUT, cancellation);
			running.put(config.name(), connection);
			failures.remove(config.name());
			record(audit, subject, "STARTED", "protocol " + connection.protocolVersion(), "agent"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return connection;
		} catch (McpException e) {
			record(audit, subject, "FAILED", e.getMessage(), "agent"); //$NON-NLS-1$ //$NON-NLS-2$
			failures.put(config.name(), e.getMessage());
			throw e;
		}
	}

	private static Approval await(java.util.concurrent.CompletableFuture<Approval> future, Cancellation cancellation)
			throws McpException {
		try (Cancellation.Registration r = cancellation.onCancel(() -> future.cancel(true))) {
			Approval answer = future.get();
			return answer == null ? Approval.reject("") : answer; //$NON-NLS-1$
		} catch (CancellationException e) {
			throw new McpException("Cancelled while waiting for the user's approval.", e); //$NON-NLS-1$
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new McpException("Interrupted while waiting for the user's approval.", e); //$NON-NLS-1$
		} catch (ExecutionException e) {
			throw new McpException("The user could not be asked: " + e.getCause().getMessage(), e.getCause()); //$NON-NLS-1$
		}
	}

	@Override
	public void stop(String name, AuditLog audit) {
		McpConnection connection = running.remove(name);
		failures.remove(name);
		if (connection != null) {
			connection.close();
			record(audit, name, "STOPPED", "", "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	@Override
	public List<McpServerConfig> acceptedProjectServers(IProject project) {
		try {
			return settings.projectAcceptance(project) == dev.warden.core.trust.Acceptance.ACCEPTED
					? settings.projectConfig(project).map(c -> c.servers()).orElse(List.of())
					: List.of();
		} catch (IllegalArgumentException e) {
			return List.of();
		}
	}

	/** Stops every server with the IDE. */
	@Deactivate
	public void stopAll() {
		running.values().forEach(McpConnection::close);
		running.clear();
	}

	private static void record(AuditLog audit, String subject, String verdict, String detail, String actor) {
		audit.record(new AuditEvent(Instant.now(), null, "mcp.server", subject, verdict, detail, actor)); //$NON-NLS-1$
	}
}
