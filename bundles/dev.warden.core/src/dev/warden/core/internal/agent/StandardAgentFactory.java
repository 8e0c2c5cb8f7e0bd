package dev.warden.core.internal.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.agent.AgentFactory;
import dev.warden.core.agent.AgentScope;
import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.ContextBudget;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandRules;
import dev.warden.core.agent.ModeService;
import dev.warden.core.agent.PathRules;
import dev.warden.core.agent.SessionChanges;
import dev.warden.core.agent.StandardToolGateway;
import dev.warden.core.agent.WorkspaceContext;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.internal.edits.JournalSessionChanges;
import dev.warden.core.internal.mcp.McpSessionStarter;
import dev.warden.core.internal.mcp.McpToolSet;
import dev.warden.core.mcp.McpServers;
import dev.warden.core.mcp.McpTrust;
import dev.warden.core.mcp.ToolPins;
import dev.warden.core.settings.InstructionSettings;
import dev.warden.core.settings.McpSettings;
import dev.warden.core.tools.Tool;
import dev.warden.core.internal.tools.NioWorkspaceFiles;
import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.internal.tools.SandboxCommandRunner;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.FetchLimits;
import dev.warden.core.protect.PathDecision;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PolicyPathGuard;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SafeFetcher;
import dev.warden.core.protect.ScrubbedEnvironment;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ContextWindow;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.Providers;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxSpec;
import dev.warden.core.settings.ChatSettings;
import dev.warden.core.settings.ModelSettings;
import dev.warden.core.settings.ProtectionSettings;
import dev.warden.core.settings.TrustSettings;
import dev.warden.core.tools.BuiltinTools;
import dev.warden.core.tools.ChangeSink;
import dev.warden.core.tools.CommandRunner;
import dev.warden.core.tools.ToolCapabilities;
import dev.warden.core.trust.CommandVerdict;

/**
 * Assembles a chat session's agent from the settings services: the model, the tools, and the gateway fed by the
 * path policy of the scope, the trusted-command policy of the project commands run in (read afresh for every
 * command, so patterns saved a moment ago count), and the URL policy.
 */
@Component(service = AgentFactory.class)
public final class StandardAgentFactory implements AgentFactory {

	@Reference
	private TrustSettings trust;
	@Reference
	private ProtectionSettings protection;
	@Reference
	private ModelSettings model;
	@Reference
	private ChatSettings chat;
	@Reference
	private ModeService modes;
	@Reference
	private McpServers mcpServers;
	@Reference
	private McpSettings mcp;
	@Reference
	private InstructionSettings instructionSettings;

	/** How long one MCP tool call may take. */
	static final Duration MCP_CALL_TIMEOUT = Duration.ofMinutes(5);

	public StandardAgentFactory() {
		// for Declarative Services, which sets the fields
	}

	/** For use outside OSGi (tests, tools): the services the factory works with. */
	public StandardAgentFactory(TrustSettings trust, ProtectionSettings protection, ModelSettings model,
			ChatSettings chat, ModeService modes) {
		this.trust = trust;
		this.protection = protection;
		this.model = model;
		this.chat = chat;
		this.modes = modes;
	}

	/** For use outside OSGi (tests, tools): the services the factory works with, MCP included. */
	public StandardAgentFactory(TrustSettings trust, ProtectionSettings protection, ModelSettings model,
			ChatSettings chat, ModeService modes, McpServers mcpServers, McpSettings mcp) {
		this(trust, protection, model, chat, modes);
		this.mcpServers = mcpServers;
		this.mcp = mcp;
	}

	@Override
	public AgentSetup create(AgentScope scope, Approvals approvals, AuditLog audit, SessionChanges changes)
			throws ProviderException {
		if (scope.isEmpty()) {
			throw new IllegalArgumentException("The agent needs at least one project to work in."); //$NON-NLS-1$
		}
		PathPolicy paths = scope.pathPolicy();
		PolicyPathGuard guard = new PolicyPathGuard(paths);
		CommandRules commands = commandRules(scope, paths, guard);
		UrlPolicy urls = protection.urlPolicy();
		if (mcpServers != null && mcp != null) {
			starter().prepare(scope.projects(), approvals, audit == null ? AuditLog.NONE : audit);
		}
		McpToolSet mcpTools = mcpTools(audit);
		StandardToolGateway gateway = new StandardToolGateway(commands, readOnlyAware(paths, scope),
				PolicyAdapters.urls(urls), mcpTools);

		Map<String, Path> roots = scope.roots();
		NioWorkspaceFiles files = NioWorkspaceFiles.governedBy(roots, paths);
		CommandRunner processes = commandRunner(protection.environmentPolicy());
		CommandRunner unsandboxed = (request, output, cancellation) -> {
			AutoCloseable watch = changes.watchCommand(projectAt(scope, request.workingDirectory()), request.commandLine());
			try {
				return processes.run(request, output, cancellation);
			} finally {
				closeQuietly(watch);
			}
		};
		ChangeSink sink = changes.sink(path -> AgentScope.file(paths, path));
		SandboxChangeHandler sandboxChanges = new SandboxChangeHandler(sink, approvals, modes::getMode,
				() -> changes.watchCommand(scope.commandProject(), "sandboxed command"), roots.size() > 1); //$NON-NLS-1$
		CommandRunner runner = new SandboxCommandRunner(sandbox(urls), () -> sandboxSpec(scope),
				scrubbing(protection.environmentPolicy()), sandboxChanges, unsandboxed, protection::requireSandbox);
		ToolCapabilities capabilities = new ToolCapabilities(files, sink, runner,
				PolicyAdapters.fetcher(new SafeFetcher(urls, FetchLimits.DEFAULT)));

		ProviderConfig config = model.config();
		ModelProvider provider = Providers.create(config);
		String name = roots.size() == 1 ? roots.keySet().iterator().next() : "workspace"; //$NON-NLS-1$
		WorkspaceContext context = WorkspaceContext.describe(name, files, 200, instructions(scope));
		String standing = instructionSettings.instructions(scope.projects()).promptText();
		if (!standing.isEmpty()) {
			context = new WorkspaceContext(context.name(), context.overview(),
					context.instructions() + "\n\n" + standing); //$NON-NLS-1$
		}
		List<Tool> tools = new ArrayList<>(BuiltinTools.all());
		tools.addAll(mcpTools.tools());
		tools.addAll(mcpTools.resourceReaders()); // not offered to the model: they read what the user attaches
		return new AgentSetup(provider, tools, gateway, approvals, capabilities, audit, modes::getMode,
				context, chat.maxSteps(), budget(config));
	}

	/** The context budget: the window the user set, else the one the server or the table of known models gives. */
	private ContextBudget budget(ProviderConfig config) {
		ContextWindow window = chat.contextWindow() > 0
				? new ContextWindow(chat.contextWindow(), ContextWindow.FROM_SETTINGS)
				: Providers.contextWindow(config, new Cancellation());
		return new ContextBudget(window.tokens(), window.source(), chat.compactAtPercent());
	}

	private McpSessionStarter starter;

	private synchronized McpSessionStarter starter() {
		if (starter == null) {
			starter = new McpSessionStarter(mcpServers, mcp, command -> {
				Thread thread = new Thread(command, "Warden MCP start"); //$NON-NLS-1$
				thread.setDaemon(true);
				thread.start();
			});
		}
		return starter;
	}

	/**
	 * The tools of the MCP servers running now (started after the user's approval), under the trusted tools and pins
	 * of the settings, read afresh for every call.
	 */
	private McpToolSet mcpTools(AuditLog given) {
		AuditLog audit = given == null ? AuditLog.NONE : given;
		if (mcpServers == null || mcp == null) {
			return new McpToolSet(List.of(), McpTrust::none, ToolPins.inMemory(), MCP_CALL_TIMEOUT, audit);
		}
		McpSettings settings = mcp;
		return new McpToolSet(mcpServers.running(), settings::trust, settings.pins(), MCP_CALL_TIMEOUT, audit);
	}

	@Override
	public SessionChanges journalChanges(ChangeSession session, Runnable beforeApply, Consumer<List<Long>> applied) {
		return new JournalSessionChanges(session, beforeApply, applied);
	}

	/**
	 * Commands are judged by the lists of the project they run in (its shared list counts there only), read afresh
	 * for every command so that patterns saved a moment ago count; in a read-only project they are refused.
	 */
	private CommandRules commandRules(AgentScope scope, PathPolicy paths, PolicyPathGuard guard) {
		return new CommandRules() {
			@Override
			public Verdict check(String commandLine) {
				return check(commandLine, "."); //$NON-NLS-1$
			}

			@Override
			public Verdict check(String commandLine, String workingDirectory) {
				PathDecision where = paths.decide(workingDirectory);
				IProject project = where.root() == null ? scope.commandProject() : projectNamed(scope, where.root().name());
				if (scope.readOnly().contains(project.getName())) {
					return new Verdict(Level.REFUSED, NLS.bind(AgentMessages.Scope_commandsRefused, project.getName()));
				}
				Path directory = where.path() == null ? project.getLocation().toFile().toPath() : where.path();
				Function<String, CommandVerdict> policy = line -> trust.policy(project, guard, AuditLog.NONE)
						.decide(line, directory);
				return PolicyAdapters.commands(policy).check(commandLine);
			}

			@Override
			public void trust(String commandLine) {
				// "Always trust" saves the patterns the user ticked before it answers; see PolicyAdapters
			}
		};
	}

	private static IProject projectNamed(AgentScope scope, String name) {
		return scope.projects().stream().filter(p -> p.getName().equals(name)).findFirst()
				.orElse(scope.commandProject());
	}

	/** The project a command's folder lies in; the first project when none holds it. */
	private static IProject projectAt(AgentScope scope, Path directory) {
		for (IProject project : scope.projects()) {
			if (directory.startsWith(project.getLocation().toFile().toPath())) {
				return project;
			}
		}
		return scope.commandProject();
	}

	/** Runs commands with the environment scrubbed of secrets as the protection settings say. */
	private static CommandRunner commandRunner(EnvironmentPolicy environment) {
		return new ProcessCommandRunner(scrubbing(environment));
	}

	private static Consumer<Map<String, String>> scrubbing(EnvironmentPolicy environment) {
		return env -> {
			ScrubbedEnvironment scrubbed = environment.scrub(env);
			env.clear();
			env.putAll(scrubbed.asMap());
		};
	}

	/** The sandbox commands run in; its proxy applies the URL policy. */
	private static Sandbox sandbox(UrlPolicy urls) {
		return new BubblewrapSandbox(urls);
	}

	/**
	 * The sandbox for the next command, from the settings as they are now: the scope's projects copy-on-write, the
	 * sensitive patterns, the standard masks with the workspace {@code .metadata} and the user's list, each project's
	 * masked files that commands may read, and the hosts commands may reach.
	 */
	private SandboxSpec sandboxSpec(AgentScope scope) {
		List<ProtectedRoot> roots = scope.roots().entrySet().stream()
				.map(e -> new ProtectedRoot(e.getKey(), e.getValue())).toList();
		Path home = Path.of(System.getProperty("user.home")); //$NON-NLS-1$
		List<Path> masked = new ArrayList<>(
				SandboxSpec.standardMasks(roots, home, List.copyOf(protection.names(ProtectionSettings.SANDBOX_MASKED))));
		workspaceMetadata().ifPresent(masked::add);
		Set<Path> readable = new HashSet<>();
		for (ProtectedRoot root : roots) {
			for (String file : protection.names(ProtectionSettings.SANDBOX_READABLE_PREFIX + root.name())) {
				readable.add(root.path().resolve(file).toAbsolutePath().normalize());
			}
		}
		return new SandboxSpec(roots, protection.sensitivePatterns(), masked, readable,
				protection.names(ProtectionSettings.SANDBOX_HOSTS), false);
	}

	/** The running workspace's {@code .metadata} (journal, audit trail, preferences), when there is a workspace. */
	private static Optional<Path> workspaceMetadata() {
		try {
			IPath location = ResourcesPlugin.getWorkspace().getRoot().getLocation();
			return location == null ? Optional.empty() : Optional.of(location.toPath().resolve(".metadata")); //$NON-NLS-1$
		} catch (IllegalStateException e) {
			return Optional.empty(); // no workspace is running (a plain test)
		}
	}

	private static void closeQuietly(AutoCloseable watch) {
		try {
			watch.close();
		} catch (Exception e) {
			ILog.of(StandardAgentFactory.class).warn("The files a command changed could not be recorded.", e); //$NON-NLS-1$
		}
	}

	private static String instructions(AgentScope scope) {
		StringBuilder text = new StringBuilder();
		if (scope.projects().size() > 1) {
			text.append(NLS.bind(AgentMessages.Scope_severalProjects, String.join(", ", scope.roots().keySet()))) //$NON-NLS-1$
					.append('\n');
		} else {
			text.append(NLS.bind(AgentMessages.Scope_oneProject, scope.commandProject().getName())).append('\n');
		}
		if (!scope.readOnly().isEmpty()) {
			text.append(NLS.bind(AgentMessages.Scope_readOnly, String.join(", ", scope.readOnly()))).append('\n'); //$NON-NLS-1$
		}
		text.append(NLS.bind(scope.projects().size() > 1 ? AgentMessages.Scope_commandsRunInNamed
				: AgentMessages.Scope_commandsRunIn, scope.commandProject().getName()));
		return text.toString();
	}

	/** Writes into a read-only (untrusted) project are refused like paths outside the scope. */
	private static PathRules readOnlyAware(PathPolicy paths, AgentScope scope) {
		PathRules rules = PolicyAdapters.paths(paths);
		if (scope.readOnly().isEmpty()) {
			return rules;
		}
		return (path, write) -> {
			Optional<String> refusal = rules.refusal(path, write);
			if (refusal.isPresent() || !write) {
				return refusal;
			}
			return AgentScope.projectOf(paths, path).filter(scope.readOnly()::contains)
					.map(project -> NLS.bind(AgentMessages.Scope_readOnlyRefusal, project));
		};
	}
}
