package dev.warden.core.internal.settings;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.warden.core.settings.ChatSettings;

/** The chat and agent settings in the workspace's preferences. */
@Component(service = ChatSettings.class)
public final class PreferenceChatSettings extends PreferenceService implements ChatSettings {

	@Activate
	void activate() {
		carryOverFormer("chat.", "changes.", "agent."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	@Deactivate
	void deactivate() {
		stop();
	}

	@Override
	protected boolean owns(String key) {
		return key.startsWith("chat.") || key.startsWith("changes.") || key.startsWith("agent."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	@Override
	public boolean enterSends() {
		return getBoolean(ENTER_SENDS);
	}

	@Override
	public void setEnterSends(boolean value) {
		put(ENTER_SENDS, Boolean.toString(value));
		flushQuietly();
	}

	@Override
	public int keepChats() {
		return getInt(KEEP_CHATS);
	}

	@Override
	public int keepDays() {
		return getInt(KEEP_DAYS);
	}

	@Override
	public void setRetention(int chats, int days) {
		put(KEEP_CHATS, Integer.toString(chats));
		put(KEEP_DAYS, Integer.toString(days));
		flushQuietly();
	}

	@Override
	public int maxSteps() {
		return Math.max(1, getInt(MAX_STEPS));
	}

	@Override
	public void setMaxSteps(int steps) {
		put(MAX_STEPS, Integer.toString(steps));
		flushQuietly();
	}
}
