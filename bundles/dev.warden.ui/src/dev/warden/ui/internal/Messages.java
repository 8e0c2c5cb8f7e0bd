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

	public static String RootPage_description;
	public static String RootPage_mode;
	public static String RootPage_autopilotDescription;
	public static String RootPage_supervisedDescription;
	public static String RootPage_links;

	public static String ModelPage_description;
	public static String ModelPage_model;
	public static String TrustPage_description;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
