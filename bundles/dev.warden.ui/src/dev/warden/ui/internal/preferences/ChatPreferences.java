package dev.warden.ui.internal.preferences;

import org.eclipse.core.runtime.preferences.InstanceScope;

/** How the chat view behaves, in the workspace's preferences of this bundle. */
public final class ChatPreferences {

	/** Enter sends and Shift+Enter adds a line (true, the default), or Ctrl+Enter sends and Enter adds a line. */
	public static final String ENTER_SENDS = "chat.enterSends"; //$NON-NLS-1$

	private ChatPreferences() {
	}

	public static boolean enterSends() {
		return InstanceScope.INSTANCE.getNode(ModelPreferences.QUALIFIER).getBoolean(ENTER_SENDS, true);
	}

	public static void setEnterSends(boolean value) {
		InstanceScope.INSTANCE.getNode(ModelPreferences.QUALIFIER).putBoolean(ENTER_SENDS, value);
	}
}
