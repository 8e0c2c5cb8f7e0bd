package dev.warden.ui.internal.model;

import org.eclipse.osgi.util.NLS;

/** Strings of the model settings that a user reads. */
public final class ModelMessages extends NLS {

	private static final String BUNDLE_NAME = "dev.warden.ui.internal.model.modelmessages"; //$NON-NLS-1$

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
	public static String ModelPage_reasoning;
	public static String ModelPage_reasoningTip;
	public static String ModelPage_reasoningOff;
	public static String ModelPage_reasoningLow;
	public static String ModelPage_reasoningMedium;
	public static String ModelPage_reasoningHigh;
	public static String ModelPage_temperature;
	public static String ModelPage_temperatureDefault;
	public static String ModelPage_temperatureInvalid;
	public static String ModelPage_timeout;
	public static String ModelPage_testConnection;
	public static String ModelPage_testing;
	public static String ModelPage_saveFailed;
	public static String ModelPage_fetchModels;
	public static String ModelPage_fetchModelsTip;
	public static String ModelPage_fetching;
	public static String ModelPage_fetched;
	public static String ModelPage_noModels;
	public static String ModelPage_region;
	public static String ModelPage_awsCredentials;
	public static String ModelPage_awsProfile;
	public static String ModelPage_awsProfileDefault;
	public static String ModelPage_awsCredentialsNote;
	public static String ModelPage_bedrockKeyNote;

	static {
		NLS.initializeMessages(BUNDLE_NAME, ModelMessages.class);
	}

	private ModelMessages() {
	}
}
