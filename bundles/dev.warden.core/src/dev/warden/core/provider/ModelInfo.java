package dev.warden.core.provider;

import java.util.Objects;

/**
 * A model as a server's models endpoint lists it.
 *
 * @param id            the name to send as the model
 * @param contextWindow the context window in tokens, where the list says (OpenRouter, vLLM, Mistral, Groq,
 *                      Together), else 0
 */
public record ModelInfo(String id, int contextWindow) {

	public ModelInfo {
		Objects.requireNonNull(id, "id"); //$NON-NLS-1$
		contextWindow = Math.max(0, contextWindow);
	}
}
