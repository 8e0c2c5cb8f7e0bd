package dev.warden.core.provider;

/**
 * The wire protocols Warden speaks. Adding a provider means writing one class (usually a subclass of
 * {@code dev.warden.core.internal.provider.StreamingHttpProvider}), naming it here and creating it in
 * {@link Providers#create}.
 */
public enum ProviderKind {

	/** Anthropic Messages API, {@code POST {base}/v1/messages}. */
	ANTHROPIC("Anthropic Messages API"), //$NON-NLS-1$

	/** OpenAI Chat Completions and the many servers that copy it, {@code POST {base}/chat/completions}. */
	OPENAI_COMPATIBLE("OpenAI-compatible Chat Completions"), //$NON-NLS-1$

	/**
	 * Amazon Bedrock Converse API with streaming, {@code POST {base}/model/{modelId}/converse-stream}, answered as an
	 * {@code application/vnd.amazon.eventstream}; signed with AWS Signature Version 4 or sent with a Bedrock API key.
	 */
	BEDROCK("Amazon Bedrock Converse API"); //$NON-NLS-1$

	private final String label;

	ProviderKind(String label) {
		this.label = label;
	}

	/** @return a name to show in the preference page */
	public String label() {
		return label;
	}
}
