package dev.warden.ui.internal.mcp;

import org.eclipse.osgi.util.NLS;

/** Strings of the MCP servers' pages and dialogs that a user reads. */
public final class McpMessages extends NLS {

	private static final String BUNDLE_NAME = "dev.warden.ui.internal.mcp.mcpmessages"; //$NON-NLS-1$

	public static String ServersPage_description;
	public static String ServersPage_columnName;
	public static String ServersPage_columnCommand;
	public static String ServersPage_columnState;
	public static String ServersPage_add;
	public static String ServersPage_edit;
	public static String ServersPage_remove;
	public static String ServersPage_restart;
	public static String ServersPage_stateOf;
	public static String ServersPage_noSelection;
	public static String ServersPage_running;
	public static String ServersPage_failed;
	public static String ServersPage_stopped;
	public static String ServersPage_starting;
	public static String ServersPage_tools;
	public static String ServersPage_toolHints;
	public static String ServersPage_readOnly;
	public static String ServersPage_destructive;
	public static String ServersPage_notSaved;
	public static String ServersPage_saveFailed;
	public static String ServersPage_restartJob;
	public static String ServersPage_variables;
	public static String ServersPage_noVariables;
	public static String ServersPage_headers;
	public static String ServersPage_noHeaders;
	public static String ServersPage_projectServers;
	public static String ServersPage_secretsNote;
	public static String ServerDialog_titleAdd;
	public static String ServerDialog_titleEdit;
	public static String ServerDialog_message;
	public static String ServerDialog_name;
	public static String ServerDialog_command;
	public static String ServerDialog_arguments;
	public static String ServerDialog_argumentsHint;
	public static String ServerDialog_environment;
	public static String ServerDialog_environmentHint;
	public static String ServerDialog_badVariable;
	public static String ServerDialog_duplicateName;
	public static String ServerDialog_url;
	public static String ServerDialog_urlHint;
	public static String ServerDialog_headers;
	public static String ServerDialog_badHeader;
	public static String ToolsTab_title;
	public static String ToolsTab_explanation;
	public static String LaunchDialog_title;
	public static String LaunchDialog_message;
	public static String LaunchDialog_httpMessage;
	public static String LaunchDialog_rejected;

	static {
		NLS.initializeMessages(BUNDLE_NAME, McpMessages.class);
	}

	private McpMessages() {
	}
}
