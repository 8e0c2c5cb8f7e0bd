package dev.warden.core.settings;

/**
 * The one preference node of Warden: every setting of the workspace lives in the instance scope of
 * {@value #QUALIFIER}, its defaults in the default scope (set by one initializer), and a project's shared
 * trusted-command list in the project's {@code .settings/dev.warden.core.prefs}.
 */
public final class WardenPreferences {

	/** The node's name. */
	public static final String QUALIFIER = "dev.warden.core"; //$NON-NLS-1$

	/** The node the model and chat settings lived in before they moved here; read once to carry them over. */
	public static final String FORMER_UI_QUALIFIER = "dev.warden.ui"; //$NON-NLS-1$

	private WardenPreferences() {
	}
}
