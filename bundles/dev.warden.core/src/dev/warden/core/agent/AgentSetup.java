package dev.warden.core.agent;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.tools.Tool;
import dev.warden.core.tools.ToolCapabilities;

/**
 * Everything an {@link AgentSession} works with.
 *
 * @param provider     the model
 * @param tools        the tools offered to the model
 * @param gateway      the policy every tool call passes
 * @param approvals    how to ask the user
 * @param capabilities what tools may use once allowed; only the dispatcher sees these
 * @param audit        where every decision and action is recorded
 * @param mode         the current mode, read before every tool call (e.g. {@code modeService::getMode})
 * @param context      what the system prompt says about the workspace
 * @param maxSteps     the most model requests per prompt
 * @param budget       the model's context window and when to compact the conversation
 */
public record AgentSetup(ModelProvider provider, List<Tool> tools, ToolGateway gateway, Approvals approvals,
		ToolCapabilities capabilities, AuditLog audit, Supplier<Mode> mode, WorkspaceContext context, int maxSteps,
		ContextBudget budget) {

	public static final int DEFAULT_MAX_STEPS = 25;

	public AgentSetup {
		Objects.requireNonNull(provider, "provider"); //$NON-NLS-1$
		tools = List.copyOf(tools);
		Objects.requireNonNull(gateway, "gateway"); //$NON-NLS-1$
		approvals = approvals == null ? Approvals.NONE : approvals;
		Objects.requireNonNull(capabilities, "capabilities"); //$NON-NLS-1$
		audit = audit == null ? AuditLog.NONE : audit;
		mode = mode == null ? () -> Mode.DEFAULT : mode;
		context = context == null ? new WorkspaceContext("", "", "") : context; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (maxSteps < 1) {
			throw new IllegalArgumentException("maxSteps must be at least 1, was " + maxSteps); //$NON-NLS-1$
		}
		budget = budget == null ? ContextBudget.UNKNOWN : budget;
	}

	/** A setup whose model's context window is not known. */
	public AgentSetup(ModelProvider provider, List<Tool> tools, ToolGateway gateway, Approvals approvals,
			ToolCapabilities capabilities, AuditLog audit, Supplier<Mode> mode, WorkspaceContext context, int maxSteps) {
		this(provider, tools, gateway, approvals, capabilities, audit, mode, context, maxSteps, null);
	}
}
