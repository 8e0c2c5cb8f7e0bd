package dev.warden.core.provider;

/**
 * Ready-made settings for the services users point Warden at. A preset fills in the protocol and base URL; the user
 * still chooses the model and, where needed, enters a key.
 */
public enum ProviderPreset {

	ANTHROPIC("Anthropic", ProviderKind.ANTHROPIC, "https://api.anthropic.com", true, "claude-sonnet-4-5"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	OPENAI("OpenAI", ProviderKind.OPENAI_COMPATIBLE, "https://api.openai.com/v1", true, "gpt-4.1"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	OPENROUTER("OpenRouter", ProviderKind.OPENAI_COMPATIBLE, "https://openrouter.ai/api/v1", true, //$NON-NLS-1$ //$NON-NLS-2$
			"anthropic/claude-sonnet-4.5"), //$NON-NLS-1$

	/** The base URL follows the region chosen on the page; the credentials come from AWS or a Bedrock API key. */
	BEDROCK("Amazon Bedrock", ProviderKind.BEDROCK, AwsAccess.runtimeEndpoint(AwsAccess.DEFAULT_REGION), false, //$NON-NLS-1$
			"us.anthropic.claude-sonnet-4-5-20250929-v1:0"), //$NON-NLS-1$

	/** Azure's v1 API speaks OpenAI's protocol; the model is the user's deployment name. */
	AZURE_OPENAI("Azure OpenAI", ProviderKind.OPENAI_COMPATIBLE, "https://YOUR-RESOURCE.openai.azure.com/openai/v1", //$NON-NLS-1$ //$NON-NLS-2$
			true, ""), //$NON-NLS-1$

	OLLAMA("Ollama", ProviderKind.OPENAI_COMPATIBLE, "http://localhost:11434/v1", false, "qwen2.5-coder:7b"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	LM_STUDIO("LM Studio", ProviderKind.OPENAI_COMPATIBLE, "http://localhost:1234/v1", false, ""), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	VLLM("vLLM", ProviderKind.OPENAI_COMPATIBLE, "http://localhost:8000/v1", false, ""), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	LLAMA_CPP("llama.cpp server", ProviderKind.OPENAI_COMPATIBLE, "http://localhost:8080/v1", false, ""), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	/** Any other OpenAI-compatible server: the user types the base URL. */
	CUSTOM("Other OpenAI-compatible server", ProviderKind.OPENAI_COMPATIBLE, "http://localhost:8000/v1", false, ""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	private final String label;

	private final ProviderKind kind;

	private final String baseUrl;

	private final boolean keyRequired;

	private final String suggestedModel;

	ProviderPreset(String label, ProviderKind kind, String baseUrl, boolean keyRequired, String suggestedModel) {
		this.label = label;
		this.kind = kind;
		this.baseUrl = baseUrl;
		this.keyRequired = keyRequired;
		this.suggestedModel = suggestedModel;
	}

	public String label() {
		return label;
	}

	public ProviderKind kind() {
		return kind;
	}

	public String baseUrl() {
		return baseUrl;
	}

	/** @return whether the service refuses requests without a key (local servers accept any or none) */
	public boolean keyRequired() {
		return keyRequired;
	}

	/** @return a model name to pre-fill, or the empty string where the user's own download decides */
	public String suggestedModel() {
		return suggestedModel;
	}

	/** @return a configuration for this preset with default limits */
	public ProviderConfig toConfig(String model, ApiKey apiKey) {
		return ProviderConfig.defaults(kind, baseUrl, model, apiKey);
	}
}
