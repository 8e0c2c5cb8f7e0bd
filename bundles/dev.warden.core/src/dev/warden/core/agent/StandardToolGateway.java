package dev.warden.core.agent;

import java.util.Optional;

import dev.warden.core.tools.Capability;

/**
 * Warden's policy for tool calls, composed from the trust and protection rules:
 * <ul>
 * <li>reading, listing, searching: allowed where the path is allowed;</li>
 * <li>file changes: refused where the path is refused; in Supervised mode asked (the user reviews the change); in
 * Autopilot allowed (the change stays reviewable and undoable);</li>
 * <li>commands: refused when denied; in Autopilot run when trusted and asked otherwise; in Supervised mode always
 * asked;</li>
 * <li>URLs: refused where the URL rules refuse; asked in Supervised mode;</li>
 * <li>questions to the user: allowed in Supervised mode; in Autopilot refused with advice to decide and say so;</li>
 * <li>MCP tools: asked in both modes unless the user trusted {@code server/tool} or {@code server/*}; refused when the
 * tool changed since it was pinned (see {@link McpRules}); the read of a resource the user attached likewise, unless
 * the user trusted {@code server/resources:read} or {@code server/*}.</li>
 * </ul>
 */
public final class StandardToolGateway implements ToolGateway {

	private final CommandRules commands;

	private final PathRules paths;

	private final UrlRules urls;

	private final McpRules mcp;

	/** A gateway for the built-in tools only: every MCP call is refused. */
	public StandardToolGateway(CommandRules commands, PathRules paths, UrlRules urls) {
		this(commands, paths, urls, McpRules.NONE);
	}

	public StandardToolGateway(CommandRules commands, PathRules paths, UrlRules urls, McpRules mcp) {
		this.commands = commands;
		this.paths = paths;
		this.urls = urls;
		this.mcp = mcp;
	}

	@Override
	public GatewayDecision decide(ToolInvocation invocation, Mode mode) {
		var capabilities = invocation.capabilities();
		String subject = invocation.subject();
		if (capabilities.contains(Capability.CALL_MCP_TOOLS) || capabilities.contains(Capability.READ_MCP_RESOURCES)) {
			return mcpDecision(subject);
		}
		if (capabilities.contains(Capability.RUN_COMMANDS)) {
			String workingDirectory = invocation.arguments().string("cwd", "."); //$NON-NLS-1$ //$NON-NLS-2$
			Optional<String> cwd = paths.refusal(workingDirectory, false);
			if (cwd.isPresent()) {
				return GatewayDecision.refuse(cwd.get());
			}
			CommandRules.Verdict verdict = commands.check(subject, workingDirectory);
			return commandDecision(verdict, mode).withCommand(verdict.detail());
		}
		if (capabilities.contains(Capability.CHANGE_FILES)) {
			Optional<String> refusal = paths.refusal(subject, true);
			if (refusal.isPresent()) {
				return GatewayDecision.refuse(refusal.get());
			}
			return mode == Mode.SUPERVISED ? GatewayDecision.ask("Supervised mode: file changes are reviewed") //$NON-NLS-1$
					: GatewayDecision.allow("Autopilot: file changes are applied and stay reviewable"); //$NON-NLS-1$
		}
		if (capabilities.contains(Capability.FETCH_URLS)) {
			Optional<String> refusal = urls.refusal(subject);
			if (refusal.isPresent()) {
				return GatewayDecision.refuse(refusal.get());
			}
			return mode == Mode.SUPERVISED ? GatewayDecision.ask("Supervised mode: fetching a URL needs approval") //$NON-NLS-1$
					: GatewayDecision.allow("URL allowed by the URL rules"); //$NON-NLS-1$
		}
		if (capabilities.contains(Capability.ASK_USER)) {
			return mode == Mode.SUPERVISED ? GatewayDecision.allow("Supervised mode: questions are welcome") //$NON-NLS-1$
					: GatewayDecision.refuse("Autopilot: the user is not answering questions now. Make a reasonable " //$NON-NLS-1$
							+ "assumption, state it in your answer, and continue."); //$NON-NLS-1$
		}
		if (capabilities.contains(Capability.READ_FILES)) {
			Optional<String> refusal = paths.refusal(subject, false);
			return refusal.map(GatewayDecision::refuse).orElseGet(() -> GatewayDecision.allow("path allowed")); //$NON-NLS-1$
		}
		return GatewayDecision.refuse("The tool " + invocation.toolName() + " declares no capability Warden knows."); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private GatewayDecision mcpDecision(String subject) {
		McpRules.Verdict verdict;
		try {
			verdict = mcp.check(subject);
		} catch (RuntimeException e) {
			return GatewayDecision.refuse("The MCP tool " + subject + " could not be checked: " + e.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
		}
		GatewayDecision decision = switch (verdict.level()) {
		case TRUSTED -> GatewayDecision.allow(verdict.reason());
		case ASK -> GatewayDecision.ask(verdict.reason());
		case REFUSED -> GatewayDecision.refuse(verdict.reason());
		};
		return verdict.call() == null ? decision : decision.withMcp(verdict.call());
	}

	private static GatewayDecision commandDecision(CommandRules.Verdict verdict, Mode mode) {
		return switch (verdict.level()) {
		case REFUSED -> GatewayDecision.refuse(verdict.reason());
		case DENIED -> GatewayDecision.ask("Flagged by a deny rule: " + verdict.reason() //$NON-NLS-1$
				+ ". It runs only if you approve it explicitly."); //$NON-NLS-1$
		case TRUSTED -> mode == Mode.SUPERVISED
				? GatewayDecision.ask("Supervised mode: every command waits for approval (" + verdict.reason() + ')') //$NON-NLS-1$
				: GatewayDecision.allow(verdict.reason());
		case ASK -> GatewayDecision.ask(verdict.reason());
		};
	}

	@Override
	public void trustAlways(String commandLine) {
		commands.trust(commandLine);
	}

	@Override
	public void acceptToolChange(String subject) {
		mcp.reviewed(subject);
	}
}
