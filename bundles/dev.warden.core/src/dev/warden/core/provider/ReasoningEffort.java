package dev.warden.core.provider;

import java.util.Locale;

/**
 * How much the model may reason before it answers. Anthropic's extended thinking gets a budget of tokens for its
 * thinking ({@link #budgetTokens()}, on top of the output limit); OpenAI-compatible servers get
 * {@code reasoning_effort} ({@link #wireName()}). {@link #OFF} sends neither, so a server keeps its own default (a
 * reasoning model such as DeepSeek's still reasons, and what it streams is still shown).
 */
public enum ReasoningEffort {

	OFF(0), LOW(2048), MEDIUM(8192), HIGH(24576);

	private final int budgetTokens;

	ReasoningEffort(int budgetTokens) {
		this.budgetTokens = budgetTokens;
	}

	/** @return the thinking budget for Anthropic (at least the 1024 the API requires), 0 for {@link #OFF} */
	public int budgetTokens() {
		return budgetTokens;
	}

	/** @return the value of {@code reasoning_effort}: {@code low}, {@code medium} or {@code high} */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean enabled() {
		return this != OFF;
	}

	/** @return the effort named {@code name} (any case), or {@link #OFF} for anything else */
	public static ReasoningEffort parse(String name) {
		for (ReasoningEffort effort : values()) {
			if (effort.name().equalsIgnoreCase(name == null ? "" : name.strip())) { //$NON-NLS-1$
				return effort;
			}
		}
		return OFF;
	}
}
