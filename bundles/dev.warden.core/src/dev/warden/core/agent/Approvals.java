package dev.warden.core.agent;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.warden.core.tools.ProposedChange;

/**
 * How the agent asks the user. Implemented by the chat view: each method shows the question and completes the
 * future when the user answers. Called on the agent's thread, which waits for the future; if the user cancels the
 * request, the agent cancels the future, so implementations should remove the question when it is cancelled.
 */
public interface Approvals {

	/** Rejects everything: for contexts where no one can answer, such as a headless run. */
	Approvals NONE = new Approvals() {

		private static final String NOBODY = "No one is available to approve this."; //$NON-NLS-1$

		@Override
		public CompletableFuture<CommandApproval> approveCommand(ToolInvocation invocation, GatewayDecision decision) {
			return CompletableFuture.completedFuture(CommandApproval.reject(NOBODY));
		}

		@Override
		public CompletableFuture<Approval> reviewChanges(ToolInvocation invocation, List<ProposedChange> changes) {
			return CompletableFuture.completedFuture(Approval.reject(NOBODY));
		}

		@Override
		public CompletableFuture<Approval> approveAction(ToolInvocation invocation, String reason) {
			return CompletableFuture.completedFuture(Approval.reject(NOBODY));
		}

		@Override
		public CompletableFuture<String> answerQuestion(String question, List<String> choices) {
			return CompletableFuture.failedFuture(new IllegalStateException(NOBODY));
		}
	};

	/**
	 * Asks whether to run a command: run once, run once with network (where commands are sandboxed), always trust, or
	 * reject with a reason.
	 *
	 * @param invocation the call; its {@link ToolInvocation#subject() subject} is the command line
	 * @param decision   the gateway's decision: why it asks (e.g. "not in the trusted commands") and, when the
	 *                   trusted-command policy judged the line, its verdict with the parts and the patterns to offer;
	 *                   show these, never judge the line again
	 */
	CompletableFuture<CommandApproval> approveCommand(ToolInvocation invocation, GatewayDecision decision);

	/** Shows proposed file changes for review: approve, or reject with a reason. */
	CompletableFuture<Approval> reviewChanges(ToolInvocation invocation, List<ProposedChange> changes);

	/** Asks about any other action the policy wants confirmed (e.g. fetching a URL in Supervised mode). */
	CompletableFuture<Approval> approveAction(ToolInvocation invocation, String reason);

	/**
	 * Asks whether to call an MCP tool: run once, always trust the tool ({@code server/tool}) or all of its server's
	 * tools ({@code server/*}), or reject with a reason. The default asks as about any other action.
	 *
	 * @param decision the gateway's decision: why it asks, and what the MCP rules found (the server's hints, flags of
	 *                 an instruction-like description)
	 */
	default CompletableFuture<McpApproval> approveMcpCall(ToolInvocation invocation, GatewayDecision decision) {
		String reason = decision.reason() + "\nArguments: " + invocation.arguments().toJson(); //$NON-NLS-1$
		return approveAction(invocation, reason)
				.thenApply(answer -> answer.approved() ? McpApproval.runOnce() : McpApproval.reject(answer.reason()));
	}

	/**
	 * Shows how an MCP tool changed since it was pinned (it is refused until then); approving pins it again. The agent
	 * does not wait for this answer. The default leaves the tool disabled.
	 */
	default CompletableFuture<Approval> reviewToolChange(ToolInvocation invocation, McpCall call) {
		return CompletableFuture.completedFuture(Approval.reject("No one is available to review the change.")); //$NON-NLS-1$
	}

	/**
	 * Shows the model's clarifying question.
	 *
	 * @param choices suggested answers, may be empty
	 * @return the user's answer
	 */
	CompletableFuture<String> answerQuestion(String question, List<String> choices);
}
