package dev.warden.core.internal.settings;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.warden.core.agent.ContextBudget;
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

	@Override
	public int contextWindow() {
		return Math.max(0, getInt(CONTEXT_WINDOW));
	}

	@Override
	public int compactAtPercent() {
		int percent = getInt(COMPACT_AT);
		return percent < 10 || percent > 100 ? ContextBudget.DEFAULT_COMPACT_AT_PERCENT : percent;
	}

	@Override
	public void setContext(int tokens, int percent) {
		if (tokens < 0 || percent < 10 || percent > 100) {
			throw new IllegalArgumentException("A context window of 0 or more tokens and a threshold of 10 to 100 %"); //$NON-NLS-1$
		}
		put(CONTEXT_WINDOW, Integer.toString(tokens));
		put(COMPACT_AT, Integer.toString(percent));
		flushQuietly();
	}
}
