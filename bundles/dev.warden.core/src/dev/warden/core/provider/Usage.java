package dev.warden.core.provider;

/**
 * Tokens billed for one or more requests. The prompt as a whole is
 * {@code inputTokens + cacheReadTokens + cacheWriteTokens}.
 *
 * @param inputTokens      prompt tokens read neither from nor into the prompt cache
 * @param outputTokens     tokens the model generated
 * @param cacheReadTokens  prompt tokens served from the provider's prompt cache (billed cheaper)
 * @param cacheWriteTokens prompt tokens written to the prompt cache (Anthropic bills these a little higher)
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {

	public static final Usage ZERO = new Usage(0, 0, 0, 0);

	public Usage plus(Usage other) {
		return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
				cacheReadTokens + other.cacheReadTokens, cacheWriteTokens + other.cacheWriteTokens);
	}

	/** @return all prompt tokens, cached or not */
	public long promptTokens() {
		return inputTokens + cacheReadTokens + cacheWriteTokens;
	}
}
