package dev.warden.core.tests.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandApproval;
import dev.warden.core.agent.CommandRules;
import dev.warden.core.agent.GatewayDecision;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.StandardToolGateway;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.agent.UrlRules;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.internal.agent.PolicyAdapters;
import dev.warden.core.internal.agent.ToolDispatcher;
import dev.warden.core.internal.tools.NioWorkspaceFiles;
import dev.warden.core.internal.tools.UnreviewedNioChangeSink;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.tools.BuiltinTools;
import dev.warden.core.tools.ToolCapabilities;
import dev.warden.core.tools.ToolOutput;
import dev.warden.core.tools.WorkspaceFiles;

/**
 * The read tools of one project as the agent gets them: its files governed by the path policy (the built-in sensitive
 * patterns, the user's Git configuration), calls through the dispatcher and the gateway with the policy's path rules.
 */
final class SearchTools {

	private final NioWorkspaceFiles files;
	private final ToolDispatcher dispatcher;

	private SearchTools(NioWorkspaceFiles files, ToolDispatcher dispatcher) {
		this.files = files;
		this.dispatcher = dispatcher;
	}

	static SearchTools of(Path root) {
		PathPolicy policy = PathPolicy.of(root);
		NioWorkspaceFiles files = NioWorkspaceFiles.governedBy(Map.of(root.getFileName().toString(), root), policy);
		CommandRules noCommands = new CommandRules() {
			@Override
			public Verdict check(String commandLine) {
				return new Verdict(Level.REFUSED, "no commands here");
			}

			@Override
			public void trust(String commandLine) {
				// nothing to trust
			}
		};
		StandardToolGateway gateway = new StandardToolGateway(noCommands, PolicyAdapters.paths(policy),
				UrlRules.DENY_ALL);
		ToolCapabilities capabilities = new ToolCapabilities(files, new UnreviewedNioChangeSink(files),
				(request, output, cancellation) -> {
					throw new IllegalStateException("no commands here");
				}, null);
		return new SearchTools(files,
				new ToolDispatcher("search", BuiltinTools.all(), gateway, NO_APPROVALS, capabilities, AuditLog.NONE));
	}

	/** The files of {@code root} with every path decided from the root, one by one (no rules kept per folder). */
	static WorkspaceFiles perPathFiles(Path root) {
		PathPolicy policy = PathPolicy.of(root);
		return new NioWorkspaceFiles(Map.of(root.getFileName().toString(), root),
				path -> policy.decide(path).verdict() == PathVerdict.HIDDEN);
	}

	WorkspaceFiles files() {
		return files;
	}

	ToolOutput call(String tool, String arguments) {
		return call(tool, arguments, AgentListener.NONE);
	}

	ToolOutput call(String tool, String arguments, AgentListener listener) {
		return dispatcher.dispatch(new ToolCall("call", tool, arguments), Mode.AUTOPILOT, listener, new Cancellation());
	}

	private static final Approvals NO_APPROVALS = new Approvals() {
		@Override
		public CompletableFuture<CommandApproval> approveCommand(ToolInvocation invocation, GatewayDecision decision) {
			return CompletableFuture.completedFuture(CommandApproval.reject("no commands here"));
		}

		@Override
		public CompletableFuture<Approval> reviewChanges(ToolInvocation invocation,
				List<dev.warden.core.tools.ProposedChange> changes) {
			return CompletableFuture.completedFuture(Approval.reject("read only"));
		}

		@Override
		public CompletableFuture<Approval> approveAction(ToolInvocation invocation, String reason) {
			return CompletableFuture.completedFuture(Approval.reject("read only"));
		}

		@Override
		public CompletableFuture<String> answerQuestion(String question, List<String> choices) {
			return CompletableFuture.completedFuture("");
		}
	};
}
