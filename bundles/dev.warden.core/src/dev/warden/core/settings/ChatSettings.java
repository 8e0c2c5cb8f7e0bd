package dev.warden.core.settings;

import java.time.Duration;

import dev.warden.core.changes.RetentionPolicy;

/** The settings of the chat and the agent's work: how the input sends, steps per prompt, change history kept. */
public interface ChatSettings {

	String ENTER_SENDS = "chat.enterSends"; //$NON-NLS-1$
	/** The change history of the newest this many chats is kept... */
	String KEEP_CHATS = "changes.keepChats"; //$NON-NLS-1$
	/** ...and of every chat active in the last this many days. */
	String KEEP_DAYS = "changes.keepDays"; //$NON-NLS-1$
	/** How many steps (model turns with tool calls) the agent may take for one prompt. */
	String MAX_STEPS = "agent.maxSteps"; //$NON-NLS-1$

	/** The model's context window in tokens, when the user sets it; 0 lets Warden find it. */
	String CONTEXT_WINDOW = "agent.contextWindow"; //$NON-NLS-1$
	/** The share of the context window, in percent, at which the conversation is compacted. */
	String COMPACT_AT = "agent.compactAt"; //$NON-NLS-1$

	int DEFAULT_KEEP_CHATS = 50;
	int DEFAULT_KEEP_DAYS = 30;
	int DEFAULT_MAX_STEPS = 25;

	/** Whether Enter sends (else Ctrl+Enter does). */
	boolean enterSends();

	void setEnterSends(boolean value);

	int keepChats();

	int keepDays();

	void setRetention(int chats, int days);

	/** How much change history the journal keeps. */
	default RetentionPolicy retention() {
		return new RetentionPolicy(keepChats(), Duration.ofDays(keepDays()));
	}

	int maxSteps();

	void setMaxSteps(int steps);

	/** @return the context window the user set, in tokens, or 0 to let Warden find it */
	int contextWindow();

	/** @return the share of the window, in percent (10 to 100), at which the conversation is compacted */
	int compactAtPercent();

	/** @param tokens the model's context window, or 0 to let Warden find it; @param percent 10 to 100 */
	void setContext(int tokens, int percent);

	/** Calls {@code listener} after any of these settings changed (on the thread that changed it). */
	Registration addListener(Runnable listener);
}
