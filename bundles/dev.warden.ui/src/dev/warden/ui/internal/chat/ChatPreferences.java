package dev.warden.ui.internal.chat;

import dev.warden.ui.internal.model.ModelPreferences;

import org.eclipse.core.runtime.preferences.InstanceScope;

/** How the chat view behaves, in the workspace's preferences of this bundle. */
public final class ChatPreferences {

	/** Enter sends and Shift+Enter adds a line (true, the default), or Ctrl+Enter sends and Enter adds a line. */
	public static final String ENTER_SENDS = "chat.enterSends"; //$NON-NLS-1$

	/** The change history of the newest this many chats is kept... */
	public static final String KEEP_CHATS = "changes.keepChats"; //$NON-NLS-1$
	/** ...and of every chat active in the last this many days. */
	public static final String KEEP_DAYS = "changes.keepDays"; //$NON-NLS-1$
	public static final int DEFAULT_KEEP_CHATS = 50;
	public static final int DEFAULT_KEEP_DAYS = 30;

	/** How many steps (model turns with tool calls) the agent may take for one prompt. */
	public static final String MAX_STEPS = "agent.maxSteps"; //$NON-NLS-1$

	private ChatPreferences() {
	}

	public static boolean enterSends() {
		return InstanceScope.INSTANCE.getNode(ModelPreferences.QUALIFIER).getBoolean(ENTER_SENDS, true);
	}

	public static int keepChats() {
		return InstanceScope.INSTANCE.getNode(ModelPreferences.QUALIFIER).getInt(KEEP_CHATS, DEFAULT_KEEP_CHATS);
	}

	public static int keepDays() {
		return InstanceScope.INSTANCE.getNode(ModelPreferences.QUALIFIER).getInt(KEEP_DAYS, DEFAULT_KEEP_DAYS);
	}

	public static void setRetention(int chats, int days) {
		InstanceScope.INSTANCE.getNode(ModelPreferences.QUALIFIER).putInt(KEEP_CHATS, chats);
		InstanceScope.INSTANCE.getNode(ModelPreferences.QUALIFIER).putInt(KEEP_DAYS, days);
	}

	/** How much change history the journal keeps. */
	public static dev.warden.core.changes.RetentionPolicy retention() {
		return new dev.warden.core.changes.RetentionPolicy(keepChats(), java.time.Duration.ofDays(keepDays()));
	}

	public static int maxSteps() {
		return InstanceScope.INSTANCE.getNode(ModelPreferences.QUALIFIER).getInt(MAX_STEPS,
				dev.warden.core.agent.AgentSetup.DEFAULT_MAX_STEPS);
	}

	public static void setMaxSteps(int steps) {
		InstanceScope.INSTANCE.getNode(ModelPreferences.QUALIFIER).putInt(MAX_STEPS, steps);
	}

	public static void setEnterSends(boolean value) {
		InstanceScope.INSTANCE.getNode(ModelPreferences.QUALIFIER).putBoolean(ENTER_SENDS, value);
	}
}
