package dev.warden.core.settings;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.resources.IProject;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.mcp.McpProjectConfig;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.mcp.McpTrust;
import dev.warden.core.mcp.ToolPins;
import dev.warden.core.trust.Acceptance;

/**
 * The MCP settings, as a service: the workspace's servers (the values of their variables in secure storage only),
 * the trusted tools, the pins, the approved launches, and which content of each project's {@code .mcp.json} the user
 * accepted (kept in the workspace, never in the project).
 */
public interface McpSettings {

	String SERVERS = "mcp.servers"; //$NON-NLS-1$
	String TRUSTED = "mcp.trusted"; //$NON-NLS-1$
	String PIN_PREFIX = "mcp.pin."; //$NON-NLS-1$
	/** The description and schema a tool was pinned with, to show a later change against. */
	String PINNED_PREFIX = "mcp.pinned."; //$NON-NLS-1$
	String LAUNCH_PREFIX = "mcp.launch."; //$NON-NLS-1$
	String ACCEPTED_PREFIX = "mcp.accepted."; //$NON-NLS-1$
	/** The file a project shares its servers in, at its root. */
	String PROJECT_FILE = ".mcp.json"; //$NON-NLS-1$

	/** The servers configured for the workspace, with their variables' values read from secure storage. */
	List<McpServerConfig> workspaceServers();

	/** Saves the workspace's servers: names, commands, arguments and variable names in preferences, values in secure storage. */
	void saveWorkspaceServers(List<McpServerConfig> servers) throws BackingStoreException;

	String trustText();

	/** The trusted tools; an unreadable stored text trusts nothing. */
	McpTrust trust();

	/** @throws IllegalArgumentException naming a malformed line; nothing is saved then */
	void saveTrustText(String text) throws BackingStoreException;

	/** The pins, kept in the workspace's preferences. */
	ToolPins pins();

	boolean launchApproved(McpServerConfig config);

	void approveLaunch(McpServerConfig config);

	/**
	 * @return the project's {@code .mcp.json}, read and parsed; empty when it has none
	 * @throws IllegalArgumentException when the file is malformed (with the reason)
	 */
	Optional<McpProjectConfig> projectConfig(IProject project);

	Acceptance projectAcceptance(IProject project);

	/** Records that the user accepted exactly {@code shown}, the content they were shown. */
	void acceptProjectConfig(IProject project, McpProjectConfig shown) throws BackingStoreException;

	/** Calls {@code listener} after any MCP setting changed (on the thread that changed it). */
	Registration addListener(Runnable listener);
}
