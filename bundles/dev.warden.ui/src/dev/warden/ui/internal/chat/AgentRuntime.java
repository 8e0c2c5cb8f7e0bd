package dev.warden.ui.internal.chat;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.core.resources.IProject;

import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandRules;
import dev.warden.core.agent.PathRules;
import dev.warden.core.agent.StandardToolGateway;
import dev.warden.core.agent.WorkspaceContext;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.internal.agent.PolicyAdapters;
import dev.warden.core.internal.settings.ProtectionSettings;
import dev.warden.core.internal.settings.TrustSettings;
import dev.warden.core.internal.tools.NioWorkspaceFiles;
import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.FetchLimits;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;
import dev.warden.core.protect.PolicyPathGuard;
import dev.warden.core.protect.SafeFetcher;
import dev.warden.core.protect.ScrubbedEnvironment;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.Providers;
import dev.warden.core.tools.BuiltinTools;
import dev.warden.core.tools.CommandRunner;
import dev.warden.core.tools.ToolCapabilities;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.changes.ChatChanges;
import dev.warden.ui.internal.chat.ChatPreferences;
import dev.warden.ui.internal.model.ModelPreferences;

/**
 * Puts together what one chat session's agent works with: the model, the tools, and the one gateway every tool call
 * passes, fed by Warden's policies (confinement and invisible files, trusted commands, URL rules) for the projects of
 * its {@link AgentScope}.
 */
public final class AgentRuntime {

	private AgentRuntime() {
	}

	/**
	 * @param changes the session's record of changes: the agent's edits go through it, and commands are watched for
	 *                the files they change
	 * @throws ProviderException when the model settings cannot be used
	 */
	public static AgentSetup setup(AgentScope scope, Approvals approvals, AuditLog audit, ChatChanges changes)
			throws ProviderException {
		PathPolicy paths = scope.pathPolicy();
		IProject commandProject = scope.commandProject();
		PolicyPathGuard guard = new PolicyPathGuard(paths);
		Function<String, CommandVerdict> commandPolicy = line -> TrustSettings.policy(commandProject, guard, AuditLog.NONE)
				.decide(line);
		CommandRules commands = PolicyAdapters.commands(commandPolicy);
		if (scope.readOnly().contains(commandProject.getName())) {
			commands = readOnlyCommands(commandProject.getName());
		}
		UrlPolicy urls = ProtectionSettings.urlPolicy();
		StandardToolGateway gateway = new StandardToolGateway(commands, readOnlyAware(paths, scope), PolicyAdapters.urls(urls));

		Map<String, java.nio.file.Path> roots = scope.roots();
		NioWorkspaceFiles files = new NioWorkspaceFiles(roots, path -> paths.decide(path).verdict() == PathVerdict.HIDDEN);
		EnvironmentPolicy environment = ProtectionSettings.environmentPolicy();
		ProcessCommandRunner processes = new ProcessCommandRunner(env -> {
			ScrubbedEnvironment scrubbed = environment.scrub(env);
			env.clear();
			env.putAll(scrubbed.asMap());
		});
		CommandRunner runner = (request, output, cancellation) -> {
			AutoCloseable watch = changes.watchCommand(commandProject, request.commandLine());
			try {
				return processes.run(request, output, cancellation);
			} finally {
				closeQuietly(watch);
			}
		};
		ToolCapabilities capabilities = new ToolCapabilities(files, changes.sink(path -> AgentScope.file(paths, path)), runner,
				PolicyAdapters.fetcher(new SafeFetcher(urls, FetchLimits.DEFAULT)));

		ModelProvider provider = Providers.create(ModelPreferences.config());
		String name = roots.size() == 1 ? roots.keySet().iterator().next() : "workspace"; //$NON-NLS-1$
		WorkspaceContext context = WorkspaceContext.describe(name, files, 200, instructions(scope));
		return new AgentSetup(provider, BuiltinTools.all(), gateway, approvals, capabilities, audit,
				() -> WardenServices.mode().getMode(), context, ChatPreferences.maxSteps());
	}

	private static void closeQuietly(AutoCloseable watch) {
		try {
			watch.close();
		} catch (Exception e) {
			org.eclipse.core.runtime.ILog.of(AgentRuntime.class).warn("The files a command changed could not be recorded.", e); //$NON-NLS-1$
		}
	}

	private static String instructions(AgentScope scope) {
		StringBuilder text = new StringBuilder();
		if (scope.projects().size() > 1) {
			text.append("Paths start with the project name: ") //$NON-NLS-1$
					.append(String.join(", ", scope.roots().keySet())).append(".\n"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (!scope.readOnly().isEmpty()) {
			text.append("These projects are read-only for you: ").append(String.join(", ", scope.readOnly())) //$NON-NLS-1$ //$NON-NLS-2$
					.append(".\n"); //$NON-NLS-1$
		}
		text.append("Commands run in ").append(scope.commandProject().getName()).append('.'); //$NON-NLS-1$
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
					.map(project -> "The project " + project + " is read-only for the agent: the user has not trusted it."); //$NON-NLS-1$ //$NON-NLS-2$
		};
	}

	private static CommandRules readOnlyCommands(String project) {
		return new CommandRules() {
			@Override
			public Verdict check(String commandLine) {
				return new Verdict(Level.REFUSED,
						"Commands cannot run in " + project + ": the user has not trusted the project."); //$NON-NLS-1$ //$NON-NLS-2$
			}

			@Override
			public void trust(String commandLine) {
				// nothing is trusted in an untrusted project
			}
		};
	}
}
