package dev.warden.ui.internal;

import org.eclipse.osgi.util.NLS;

/** Strings of the Warden UI that a user reads. */
public final class Messages extends NLS {

	private static final String BUNDLE_NAME = "dev.warden.ui.internal.messages"; //$NON-NLS-1$

	public static String OpenChat_failed;

	public static String Mode_autopilot;
	public static String Mode_supervised;
	public static String Mode_tooltip;
	public static String Mode_autopilot_mnemonic;
	public static String Mode_supervised_mnemonic;

	public static String ChatView_send;
	public static String ChatView_stop;
	public static String ChatView_inputHint;
	public static String ChatView_welcome;
	public static String ChatView_noModel;
	public static String ChatView_noModelLink;
	public static String ChatView_you;

	public static String Chat_assistant;
	public static String Chat_copy;
	public static String Chat_code;
	public static String Chat_insertAtCursor;
	public static String Chat_insertAtCursorTooltip;
	public static String Chat_outputTruncated;
	public static String Chat_showOutput;
	public static String Chat_hideOutput;
	public static String Chat_review;

	public static String Activity_filter;
	public static String Activity_filterHint;
	public static String Activity_allKinds;
	public static String Activity_time;
	public static String Activity_kind;
	public static String Activity_verdict;
	public static String Activity_subject;
	public static String Activity_detail;
	public static String Activity_actor;
	public static String Activity_session;
	public static String Activity_refresh;
	public static String Activity_export;
	public static String Activity_reading;
	public static String Activity_readFailed;
	public static String Activity_count;
	public static String Activity_countUnreadable;
	public static String Activity_exportFailed;

	public static String Decorator_hidden;

	public static String RootPage_description;
	public static String RootPage_mode;
	public static String RootPage_autopilotDescription;
	public static String RootPage_supervisedDescription;
	public static String RootPage_links;

	public static String ModelPage_description;
	public static String ModelPage_model;
	public static String ModelPage_preset;
	public static String ModelPage_protocol;
	public static String ModelPage_baseUrl;
	public static String ModelPage_apiKey;
	public static String ModelPage_keyStored;
	public static String ModelPage_keyNotStored;
	public static String ModelPage_keyUnchanged;
	public static String ModelPage_maxOutputTokens;
	public static String ModelPage_temperature;
	public static String ModelPage_temperatureDefault;
	public static String ModelPage_temperatureInvalid;
	public static String ModelPage_timeout;
	public static String ModelPage_testConnection;
	public static String ModelPage_testing;
	public static String ModelPage_saveFailed;
	public static String TrustPage_description;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
