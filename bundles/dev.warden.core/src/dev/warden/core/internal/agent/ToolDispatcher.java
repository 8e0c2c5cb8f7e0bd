package dev.warden.core.internal.agent;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.google.gson.JsonObject;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandApproval;
import dev.warden.core.agent.GatewayDecision;
import dev.warden.core.agent.McpApproval;
import dev.warden.core.agent.McpCall;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ToolGateway;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.internal.tools.Truncation;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.tools.Capability;
import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.CommandRequest;
import dev.warden.core.tools.CommandResult;
import dev.warden.core.tools.FetchedPage;
import dev.warden.core.tools.Grant;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.tools.Tool;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolCapabilities;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.ToolOutput;
import dev.warden.core.tools.WorkspaceFiles;

/**
 * The only way from a model's tool call to an action. For each call it: finds the tool and validates the arguments
 * (a malformed call is answered with an error and nothing runs); asks the {@link ToolGateway}; records the decision
 * in the audit trail; asks the user where the gateway says so; and then lends the tool the capabilities it declared
 * through a {@link Grant} that is revoked when the call returns. The capabilities themselves never leave this class.
 */
public final class ToolDispatcher {

	private final String sessionId;

	private final Map<String, Tool> tools = new LinkedHashMap<>();

	private final ToolGateway gateway;

	private final Approvals approvals;

	private final ToolCapabilities capabilities;

	private final AuditLog audit;

	public ToolDispatcher(String sessionId, List<Tool> tools, ToolGateway gateway, Approvals approvals,
			ToolCapabilities capabilities, AuditLog audit) {
		this.sessionId = sessionId;
		for (Tool tool : tools) {
			this.tools.put(tool.spec().name(), tool);
		}
		this.gateway = gateway;
		this.approvals = approvals;
		this.capabilities = capabilities;
		this.audit = audit;
	}

	/**
	 * Checks and, if allowed, carries out one tool call. Never throws: every failure becomes an error result for the
	 * model.
	 */
	public ToolOutput dispatch(ToolCall call, Mode mode, AgentListener listener, Cancellation cancellation) {
		Tool tool = tools.get(call.name());
		return dispatch(call, tool == null || !tool.offeredToModel() ? null : tool, mode, listener, cancellation);
	}

	/**
	 * Reads a resource of the MCP server {@code server} that the user attached to a prompt, as a call of a tool of
	 * that server: the gateway decides, the audit trail records it ({@code mcp.resource}), the user is asked on the
	 * MCP card unless the read is trusted. Never throws.
	 *
	 * @param callId an id for the read, unique in the session
	 * @return the fenced content, or why it was not read
	 */
	public ToolOutput readResource(String callId, String server, String uri, Mode mode, AgentListener listener,
			Cancellation cancellation) {
		JsonObject arguments = new JsonObject();
		arguments.addProperty("uri", uri); //$NON-NLS-1$
		String subject = server + '/' + McpCall.RESOURCE_READ;
		for (Tool tool : tools.values()) {
			if (tool.capabilities().contains(Capability.READ_MCP_RESOURCES)) {
				ToolCall call = new ToolCall(callId, tool.spec().name(), arguments.toString());
				try {
					if (subject.equals(tool.subject(ToolArguments.parse(call.name(), call.argumentsJson(),
							tool.spec().schema())))) {
						return dispatch(call, tool, mode, listener, cancellation);
					}
				} catch (ToolException e) {
					return ToolOutput.error(e.getMessage());
				}
			}
		}
		record("mcp.resource", subject, "REFUSED", "no running server offers resources as " + server + " (" + uri //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				+ ')', "policy"); //$NON-NLS-1$
		return ToolOutput.notDone(ToolOutput.Outcome.REFUSED, ToolOutput.REFUSED_PREFIX + ": the MCP server '" + server //$NON-NLS-1$
				+ "' is not running or offers no resources. Nothing was read."); //$NON-NLS-1$
	}

	private ToolOutput dispatch(ToolCall call, Tool tool, Mode mode, AgentListener listener, Cancellation cancellation) {
		if (cancellation.isCancelled()) {
			return ToolOutput.notDone(ToolOutput.Outcome.CANCELLED, ToolOutput.CANCELLED_PREFIX + " before it ran."); //$NON-NLS-1$
		}
		if (tool == null) {
			record("tool.call", call.name(), "REFUSED", "unknown tool", "policy"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			return ToolOutput.error("There is no tool named '" + call.name() + "'. Nothing was done. Available tools: " //$NON-NLS-1$ //$NON-NLS-2$
					+ String.join(", ", tools.values().stream().filter(Tool::offeredToModel).map(t -> t.spec().name()) //$NON-NLS-1$
							.toList()) + '.');
		}
		ToolArguments arguments;
		try {
			arguments = tool.capabilities().contains(Capability.CALL_MCP_TOOLS)
					? ToolArguments.parseObject(call.name(), call.argumentsJson()) // the server checks its own schema
					: ToolArguments.parse(call.name(), call.argumentsJson(), tool.spec().schema());
		} catch (ToolException e) {
			record("tool.call", call.name(), "REFUSED", "malformed arguments", "policy"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			return ToolOutput.error(e.getMessage());
		}
		arguments = canonicalSpelling(arguments, tool);
		String kind = auditKind(tool.capabilities());
		ToolInvocation invocation = new ToolInvocation(sessionId, call.id(), call.name(), tool.capabilities(),
				tool.subject(arguments), arguments);
		GatewayDecision decision = gateway.decide(invocation, mode);
		boolean mcp = tool.capabilities().contains(Capability.CALL_MCP_TOOLS)
				|| tool.capabilities().contains(Capability.READ_MCP_RESOURCES);
		String callArguments = mcp ? " Arguments: " + arguments.toJson() : ""; //$NON-NLS-1$ //$NON-NLS-2$
		record(kind, invocation.subject(), switch (decision.verdict()) {
		case ALLOW -> "ALLOWED"; //$NON-NLS-1$
		case ASK -> "ASK"; //$NON-NLS-1$
		case REFUSE -> "REFUSED"; //$NON-NLS-1$
		}, decision.reason() + callArguments, "policy"); //$NON-NLS-1$
		if (decision.verdict() == GatewayDecision.Verdict.REFUSE) {
			decision.mcpCall().filter(c -> c.changeSincePin().isPresent())
					.ifPresent(changed -> offerReview(invocation, changed));
			return ToolOutput.notDone(ToolOutput.Outcome.REFUSED, ToolOutput.REFUSED_PREFIX + ": " + decision.reason() + " Nothing was done."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		boolean reviewChanges = false;
		boolean network = false;
		if (decision.verdict() == GatewayDecision.Verdict.ASK) {
			if (invocation.changesFiles()) {
				reviewChanges = true; // the user reviews the computed change itself, in propose()
			} else {
				listener.approvalNeeded(invocation, decision.reason());
				Answer answer = askFirst(invocation, decision, kind, cancellation);
				if (answer.rejection() != null) {
					return answer.rejection();
				}
				network = answer.network();
			}
		}
		CallGrant grant = new CallGrant(invocation, tool.capabilities(), reviewChanges, network, listener, cancellation,
				kind);
		long started = System.nanoTime();
		try {
			ToolOutput output = tool.execute(grant);
			ToolOutput capped = new ToolOutput(Truncation.cap(output.content()), output.error(), output.outcome());
			String verdict = cancellation.isCancelled() ? "CANCELLED" : capped.error() ? "FAILED" : "DONE"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			String outcome = mcp ? "took " + (System.nanoTime() - started) / 1_000_000 + " ms, result " //$NON-NLS-1$ //$NON-NLS-2$
					+ output.content().length() + " characters" : grant.outcome; //$NON-NLS-1$
			record(kind, invocation.subject(), verdict, outcome, "agent"); //$NON-NLS-1$
			return capped;
		} catch (ToolException e) {
			record(kind, invocation.subject(), "FAILED", e.getMessage(), "agent"); //$NON-NLS-1$ //$NON-NLS-2$
			return ToolOutput.error(e.getMessage());
		} catch (CancellationException e) {
			record(kind, invocation.subject(), "CANCELLED", "cancelled by the user", "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return ToolOutput.notDone(ToolOutput.Outcome.CANCELLED, ToolOutput.CANCELLED_PREFIX + "."); //$NON-NLS-1$
		} catch (RuntimeException e) {
			// a defect in a tool must not end the session; the model and the audit trail hear about it
			record(kind, invocation.subject(), "FAILED", "internal error: " + e, "agent"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return ToolOutput.error("The tool failed unexpectedly (" + e.getClass().getSimpleName() + ": " //$NON-NLS-1$ //$NON-NLS-2$
					+ e.getMessage() + "). Nothing more was done."); //$NON-NLS-1$
		} finally {
			grant.revoke();
		}
	}

	/**
	 * The file and folder arguments in the spelling the workspace knows, so that the gateway, the tool and the audit
	 * trail all see the same path (see {@link dev.warden.core.tools.WorkspaceFiles#canonicalSpelling}).
	 */
	private ToolArguments canonicalSpelling(ToolArguments arguments, Tool tool) {
		ToolArguments result = arguments;
		boolean files = tool.capabilities().contains(Capability.READ_FILES)
				|| tool.capabilities().contains(Capability.CHANGE_FILES);
		if (files && arguments.has("path")) { //$NON-NLS-1$
			result = result.with("path", capabilities.files().canonicalSpelling(arguments.string("path"))); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (tool.capabilities().contains(Capability.RUN_COMMANDS) && arguments.has("cwd")) { //$NON-NLS-1$
			result = result.with("cwd", capabilities.files().canonicalSpelling(arguments.string("cwd"))); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return result;
	}

	/**
	 * The user's answer to a question asked before a call.
	 *
	 * @param rejection {@code null} if the user approved, or the error result for the model
	 * @param network   whether the user granted a command network for this one run
	 */
	private record Answer(ToolOutput rejection, boolean network) {

		static final Answer APPROVED = new Answer(null, false);
	}

	private Answer askFirst(ToolInvocation invocation, GatewayDecision decision, String kind, Cancellation cancellation) {
		String reason = decision.reason();
		try {
			if (invocation.runsCommand()) {
				CommandApproval answer = await(approvals.approveCommand(invocation, decision), cancellation);
				switch (answer.choice()) {
				case RUN_ONCE -> record("approval", invocation.subject(), "APPROVED", "run once", "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				case RUN_ONCE_WITH_NETWORK -> record("approval", invocation.subject(), "APPROVED", //$NON-NLS-1$ //$NON-NLS-2$
						"run once with network", "user"); //$NON-NLS-1$ //$NON-NLS-2$
				case ALWAYS_TRUST -> {
					record("approval", invocation.subject(), "TRUSTED", "always trust", "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					gateway.trustAlways(invocation.subject());
				}
				case REJECT -> {
					record("approval", invocation.subject(), "REJECTED", answer.reason(), "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					return new Answer(ToolOutput.notDone(ToolOutput.Outcome.REJECTED, rejected(answer.reason())), false);
				}
				}
				return new Answer(null, answer.grantsNetwork());
			}
			if (invocation.capabilities().contains(Capability.CALL_MCP_TOOLS)
					|| invocation.capabilities().contains(Capability.READ_MCP_RESOURCES)) {
				McpApproval answer = await(approvals.approveMcpCall(invocation, decision), cancellation);
				switch (answer.choice()) {
				case RUN_ONCE -> record("approval", invocation.subject(), "APPROVED", "run once", "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				case ALWAYS_TRUST -> record("approval", invocation.subject(), "TRUSTED", //$NON-NLS-1$ //$NON-NLS-2$
						"always trust " + answer.trustEntry(), "user"); //$NON-NLS-1$ //$NON-NLS-2$
				case REJECT -> {
					record("approval", invocation.subject(), "REJECTED", answer.reason(), "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					return new Answer(ToolOutput.notDone(ToolOutput.Outcome.REJECTED, rejected(answer.reason())), false);
				}
				}
				return Answer.APPROVED;
			}
			Approval answer = await(approvals.approveAction(invocation, reason), cancellation);
			record("approval", invocation.subject(), answer.approved() ? "APPROVED" : "REJECTED", answer.reason(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					"user"); //$NON-NLS-1$
			return answer.approved() ? Answer.APPROVED
					: new Answer(ToolOutput.notDone(ToolOutput.Outcome.REJECTED, rejected(answer.reason())), false);
		} catch (ToolException e) {
			record("approval", invocation.subject(), "REJECTED", e.getMessage(), "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return new Answer(ToolOutput.error(e.getMessage()), false);
		}
	}

	/**
	 * Shows the user how a refused MCP tool changed since its pin, without waiting: the model is told at once that
	 * the tool is disabled; if the user accepts the change, the tool is pinned again and offered from the next prompt.
	 */
	private void offerReview(ToolInvocation invocation, McpCall call) {
		approvals.reviewToolChange(invocation, call).whenComplete((answer, failure) -> {
			if (failure == null && answer != null && answer.approved()) {
				gateway.acceptToolChange(call.subject());
			} else {
				record("mcp.pin", call.subject(), "KEPT_DISABLED", //$NON-NLS-1$ //$NON-NLS-2$
						answer != null ? answer.reason() : String.valueOf(failure), "user"); //$NON-NLS-1$
			}
		});
	}

	private static String rejected(String reason) {
		return ToolOutput.REJECTED_PREFIX + (reason.isBlank() ? "." : ": " + reason) + " Nothing was done."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}

	private static <T> T await(CompletableFuture<T> future, Cancellation cancellation) throws ToolException {
		try (Cancellation.Registration r = cancellation.onCancel(() -> future.cancel(true))) {
			T value = future.get();
			if (value == null) {
				throw new ToolException("No answer was given."); //$NON-NLS-1$
			}
			return value;
		} catch (CancellationException e) {
			throw new ToolException("Cancelled by the user while waiting for an answer.", e); //$NON-NLS-1$
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			throw new ToolException("Interrupted while waiting for the user's answer.", e); //$NON-NLS-1$
		} catch (ExecutionException e) {
			Throwable cause = e.getCause() == null ? e : e.getCause();
			throw new ToolException("The user could not be asked: " + cause.getMessage(), cause); //$NON-NLS-1$
		}
	}

	private void record(String kind, String subject, String verdict, String detail, String actor) {
		audit.record(new AuditEvent(Instant.now(), sessionId, kind, subject, verdict, detail, actor));
	}

	static String auditKind(Set<Capability> capabilities) {
		if (capabilities.contains(Capability.RUN_COMMANDS)) {
			return "command"; //$NON-NLS-1$
		}
		if (capabilities.contains(Capability.CHANGE_FILES)) {
			return "file.write"; //$NON-NLS-1$
		}
		if (capabilities.contains(Capability.FETCH_URLS)) {
			return "url.fetch"; //$NON-NLS-1$
		}
		if (capabilities.contains(Capability.ASK_USER)) {
			return "question"; //$NON-NLS-1$
		}
		if (capabilities.contains(Capability.CALL_MCP_TOOLS)) {
			return "mcp.call"; //$NON-NLS-1$
		}
		if (capabilities.contains(Capability.READ_MCP_RESOURCES)) {
			return "mcp.resource"; //$NON-NLS-1$
		}
		return "file.read"; //$NON-NLS-1$
	}

	/** The permission for one call: its tool's declared capabilities, bound to the examined subject, until revoked. */
	private final class CallGrant implements Grant {

		private final ToolInvocation invocation;

		private final Set<Capability> granted;

		private final boolean reviewChanges;

		private final boolean network;

		private final AgentListener listener;

		private final Cancellation cancellation;

		private final String kind;

		private volatile boolean revoked;

		String outcome = ""; //$NON-NLS-1$

		CallGrant(ToolInvocation invocation, Set<Capability> granted, boolean reviewChanges, boolean network,
				AgentListener listener, Cancellation cancellation, String kind) {
			this.invocation = invocation;
			this.granted = granted;
			this.reviewChanges = reviewChanges;
			this.network = network;
			this.listener = listener;
			this.cancellation = cancellation;
			this.kind = kind;
		}

		void revoke() {
			revoked = true;
		}

		private void require(Capability... anyOf) throws ToolException {
			if (revoked) {
				throw new ToolException("This call's permission has ended."); //$NON-NLS-1$
			}
			for (Capability capability : anyOf) {
				if (granted.contains(capability)) {
					return;
				}
			}
			throw new ToolException("The tool " + invocation.toolName() + " was not granted " + List.of(anyOf) + '.'); //$NON-NLS-1$ //$NON-NLS-2$
		}

		@Override
		public ToolArguments arguments() {
			return invocation.arguments();
		}

		@Override
		public String subject() {
			return invocation.subject();
		}

		@Override
		public Cancellation cancellation() {
			return cancellation;
		}

		@Override
		public WorkspaceFiles files() throws ToolException {
			require(Capability.READ_FILES, Capability.CHANGE_FILES);
			return capabilities.files();
		}

		@Override
		public ChangeOutcome propose(ProposedChange change) throws ToolException {
			require(Capability.CHANGE_FILES);
			WorkspaceFiles files = capabilities.files();
			if (!files.normalize(change.path()).equals(files.normalize(invocation.subject()))) {
				throw new ToolException("The change to " + change.path() + " is not the one that was allowed (" //$NON-NLS-1$ //$NON-NLS-2$
						+ invocation.subject() + ")."); //$NON-NLS-1$
			}
			cancellation.throwIfCancelled();
			if (reviewChanges) {
				listener.approvalNeeded(invocation, "review the change"); //$NON-NLS-1$
				Approval review = await(approvals.reviewChanges(invocation, List.of(change)), cancellation);
				boolean approved = review.approves(change.path());
				record("approval", change.path(), approved ? "APPROVED" : "REJECTED", review.reason(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						"user"); //$NON-NLS-1$
				if (!approved) {
					outcome = "rejected in review"; //$NON-NLS-1$
					return ChangeOutcome.rejected("the user rejected it in review" //$NON-NLS-1$
							+ (review.reason().isBlank() ? "." : ": " + review.reason())); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
			ChangeOutcome result = capabilities.changes().apply(change);
			outcome = result.message();
			return result;
		}

		@Override
		public CommandResult run(String commandLine, String workingDirectory, Duration timeout, int outputCap)
				throws ToolException {
			require(Capability.RUN_COMMANDS);
			if (!commandLine.equals(invocation.subject())) {
				throw new ToolException("Only the approved command may run."); //$NON-NLS-1$
			}
			CommandRequest request = new CommandRequest(commandLine, capabilities.files().localPath(workingDirectory),
					timeout, outputCap, network);
			CommandResult result = capabilities.commands().run(request,
					chunk -> listener.toolOutput(invocation.callId(), chunk), cancellation);
			outcome = (result.timedOut() ? "timed out" //$NON-NLS-1$
					: result.cancelled() ? "cancelled" : "exit code " + result.exitCode()) //$NON-NLS-1$ //$NON-NLS-2$
					+ (network ? ", run with network" : ""); //$NON-NLS-1$ //$NON-NLS-2$
			return result;
		}

		@Override
		public FetchedPage fetch(URI url, int maxChars) throws ToolException {
			require(Capability.FETCH_URLS);
			if (!url.toString().equals(invocation.subject())) {
				throw new ToolException("Only the approved URL may be fetched."); //$NON-NLS-1$
			}
			if (capabilities.urls() == null) {
				throw new ToolException("Fetching URLs is not available in this workspace."); //$NON-NLS-1$
			}
			FetchedPage page = capabilities.urls().fetch(url, maxChars, cancellation);
			outcome = "HTTP " + page.status(); //$NON-NLS-1$
			return page;
		}

		@Override
		public void report(String text) {
			if (!revoked) {
				listener.toolOutput(invocation.callId(), text);
			}
		}

		@Override
		public String ask(String question, List<String> choices) throws ToolException {
			require(Capability.ASK_USER);
			listener.approvalNeeded(invocation, "question"); //$NON-NLS-1$
			String answer = await(approvals.answerQuestion(question, choices), cancellation);
			record(kind, question, "ANSWERED", "", "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return answer;
		}
	}
}
