package dev.warden.ui.internal;

import org.eclipse.ui.PlatformUI;

import dev.warden.core.agent.AgentFactory;
import dev.warden.core.agent.ModeService;
import dev.warden.core.agent.WorkspaceState;
import dev.warden.core.mcp.McpServers;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.protect.UrlFetchService;
import dev.warden.core.settings.ChatSettings;
import dev.warden.core.settings.InstructionSettings;
import dev.warden.core.settings.McpSettings;
import dev.warden.core.settings.ModelSettings;
import dev.warden.core.settings.ProtectionSettings;
import dev.warden.core.settings.TrustSettings;

/**
 * Looks up the core's OSGi services through the workbench's service locator: the UI shows what the core assembles.
 */
public final class WardenServices {

	private WardenServices() {
	}

	public static ModeService mode() {
		return required(ModeService.class);
	}

	public static TrustSettings trust() {
		return required(TrustSettings.class);
	}

	public static ProtectionSettings protection() {
		return required(ProtectionSettings.class);
	}

	public static ModelSettings model() {
		return required(ModelSettings.class);
	}

	public static ChatSettings chat() {
		return required(ChatSettings.class);
	}

	public static AgentFactory agents() {
		return required(AgentFactory.class);
	}

	public static UrlFetchService fetcher() {
		return required(UrlFetchService.class);
	}

	public static WorkspaceState state() {
		return required(WorkspaceState.class);
	}

	public static Sandbox sandbox() {
		return required(Sandbox.class);
	}

	public static McpServers mcpServers() {
		return required(McpServers.class);
	}

	public static InstructionSettings instructions() {
		return required(InstructionSettings.class);
	}

	public static McpSettings mcp() {
		return required(McpSettings.class);
	}

	private static <T> T required(Class<T> type) {
		T service = PlatformUI.getWorkbench().getService(type);
		if (service == null) {
			throw new IllegalStateException("The Warden core service " + type.getSimpleName() //$NON-NLS-1$
					+ " is not available; is the bundle dev.warden.core resolved and Declarative Services running?"); //$NON-NLS-1$
		}
		return service;
	}
}
