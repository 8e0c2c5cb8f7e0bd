package dev.warden.core.provider;

import java.util.function.Function;

import dev.warden.core.internal.provider.AnthropicProvider;
import dev.warden.core.internal.provider.OpenAiCompatibleProvider;

/**
 * The wire protocols Warden speaks. Adding a provider means writing one class (usually a subclass of
 * {@code dev.warden.core.internal.provider.StreamingHttpProvider}) and naming it here.
 */
public enum ProviderKind {

	/** Anthropic Messages API, {@code POST {base}/v1/messages}. */
	ANTHROPIC("Anthropic Messages API", AnthropicProvider::new), //$NON-NLS-1$

	/** OpenAI Chat Completions and the many servers that copy it, {@code POST {base}/chat/completions}. */
	OPENAI_COMPATIBLE("OpenAI-compatible Chat Completions", OpenAiCompatibleProvider::new); //$NON-NLS-1$

	private final String label;

	private final Function<ProviderConfig, ModelProvider> factory;

	ProviderKind(String label, Function<ProviderConfig, ModelProvider> factory) {
		this.label = label;
		this.factory = factory;
	}

	/** @return a name to show in the preference page */
	public String label() {
		return label;
	}

	ModelProvider create(ProviderConfig config) {
		return factory.apply(config);
	}
}
