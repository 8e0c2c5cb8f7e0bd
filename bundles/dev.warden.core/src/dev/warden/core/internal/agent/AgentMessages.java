package dev.warden.core.internal.agent;

import org.eclipse.osgi.util.NLS;

/** Text of the agent that the model or the user reads. */
public final class AgentMessages extends NLS {

	private static final String BUNDLE_NAME = "dev.warden.core.internal.agent.agentmessages"; //$NON-NLS-1$

	public static String Scope_oneProject;
	public static String Scope_severalProjects;
	public static String Scope_readOnly;
	public static String Scope_readOnlyRefusal;
	public static String Scope_commandsRefused;
	public static String Scope_commandsRunIn;
	public static String Scope_commandsRunInNamed;

	static {
		NLS.initializeMessages(BUNDLE_NAME, AgentMessages.class);
	}

	private AgentMessages() {
	}
}
