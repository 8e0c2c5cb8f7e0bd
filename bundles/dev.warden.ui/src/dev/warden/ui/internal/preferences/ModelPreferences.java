package dev.warden.ui.internal.preferences;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;

/**
 * Where the model settings are kept: the workspace's preferences of this bundle. The API key is not here: it lives in
 * secure storage only.
 */
public final class ModelPreferences {

	public static final String PAGE_ID = "dev.warden.ui.preferences.model"; //$NON-NLS-1$
	static final String QUALIFIER = "dev.warden.ui"; //$NON-NLS-1$
	static final String MODEL = "model.name"; //$NON-NLS-1$

	private ModelPreferences() {
	}

	static IEclipsePreferences node() {
		return InstanceScope.INSTANCE.getNode(QUALIFIER);
	}

	/** Whether a model has been chosen; without one the chat view shows its setup notice instead of sending. */
	public static boolean isConfigured() {
		return !node().get(MODEL, "").isBlank(); //$NON-NLS-1$
	}
}
