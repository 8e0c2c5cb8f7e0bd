package dev.warden.core.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything needed to talk to one model. Immutable; {@link #toString()} never contains the key.
 *
 * @param kind            the wire protocol
 * @param baseUrl         e.g. {@code https://api.anthropic.com} or {@code http://localhost:11434/v1}
 * @param model           the model name the server knows
 * @param maxOutputTokens the longest answer per request
 * @param temperature     sampling temperature, or {@code null} for the server's default
 * @param requestTimeout  how long to wait for the server to start answering, and the longest silence within a
 *                        streamed answer
 * @param apiKey          how to obtain the key when a request is sent
 * @param retry           how failed requests are repeated
 * @param aws             the region and credential source, used by {@link ProviderKind#BEDROCK} only
 * @param reasoning       how much the model may reason before it answers (Anthropic's thinking budget, OpenAI's
 *                        {@code reasoning_effort})
 */
public record ProviderConfig(ProviderKind kind, String baseUrl, String model, int maxOutputTokens, Double temperature,
		Duration requestTimeout, ApiKey apiKey, RetryPolicy retry, AwsAccess aws,
		ReasoningEffort reasoning) {

	public static final int DEFAULT_MAX_OUTPUT_TOKENS = 8192;

	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);

	public ProviderConfig {
		kind = kind == null ? ProviderKind.OPENAI_COMPATIBLE : kind;
		baseUrl = baseUrl == null ? "" : baseUrl.strip(); //$NON-NLS-1$
		model = model == null ? "" : model.strip(); //$NON-NLS-1$
		requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
		apiKey = apiKey == null ? ApiKey.NONE : apiKey;
		retry = retry == null ? RetryPolicy.DEFAULT : retry;
		aws = aws == null ? AwsAccess.DEFAULT : aws;
		reasoning = reasoning == null ? ReasoningEffort.OFF : reasoning;
	}

	/** A configuration without a reasoning preference ({@link ReasoningEffort#OFF}). */
	public ProviderConfig(ProviderKind kind, String baseUrl, String model, int maxOutputTokens, Double temperature,
			Duration requestTimeout, ApiKey apiKey, RetryPolicy retry, AwsAccess aws) {
		this(kind, baseUrl, model, maxOutputTokens, temperature, requestTimeout, apiKey, retry, aws,
				ReasoningEffort.OFF);
	}

	/** A configuration of a protocol that needs no AWS settings. */
	public ProviderConfig(ProviderKind kind, String baseUrl, String model, int maxOutputTokens, Double temperature,
			Duration requestTimeout, ApiKey apiKey, RetryPolicy retry) {
		this(kind, baseUrl, model, maxOutputTokens, temperature, requestTimeout, apiKey, retry, AwsAccess.DEFAULT,
				ReasoningEffort.OFF);
	}

	/** A configuration with the default output limit, timeout and retries, and the server's default temperature. */
	public static ProviderConfig defaults(ProviderKind kind, String baseUrl, String model, ApiKey apiKey) {
		return new ProviderConfig(kind, baseUrl, model, DEFAULT_MAX_OUTPUT_TOKENS, null, DEFAULT_REQUEST_TIMEOUT,
				apiKey, RetryPolicy.DEFAULT);
	}

	public ProviderConfig withModel(String newModel) {
		return new ProviderConfig(kind, baseUrl, newModel, maxOutputTokens, temperature, requestTimeout, apiKey, retry,
				aws, reasoning);
	}

	public ProviderConfig withBaseUrl(String newBaseUrl) {
		return new ProviderConfig(kind, newBaseUrl, model, maxOutputTokens, temperature, requestTimeout, apiKey, retry,
				aws, reasoning);
	}

	public ProviderConfig withApiKey(ApiKey newKey) {
		return new ProviderConfig(kind, baseUrl, model, maxOutputTokens, temperature, requestTimeout, newKey, retry,
				aws, reasoning);
	}

	public ProviderConfig withRequestTimeout(Duration timeout) {
		return new ProviderConfig(kind, baseUrl, model, maxOutputTokens, temperature, timeout, apiKey, retry, aws,
				reasoning);
	}

	public ProviderConfig withRetry(RetryPolicy policy) {
		return new ProviderConfig(kind, baseUrl, model, maxOutputTokens, temperature, requestTimeout, apiKey, policy,
				aws, reasoning);
	}

	public ProviderConfig withReasoning(ReasoningEffort effort) {
		return new ProviderConfig(kind, baseUrl, model, maxOutputTokens, temperature, requestTimeout, apiKey, retry,
				aws, effort);
	}

	public ProviderConfig withAws(AwsAccess newAws) {
		return new ProviderConfig(kind, baseUrl, model, maxOutputTokens, temperature, requestTimeout, apiKey, retry,
				newAws, reasoning);
	}

	public ProviderConfig withLimits(int newMaxOutputTokens, Double newTemperature) {
		return new ProviderConfig(kind, baseUrl, model, newMaxOutputTokens, newTemperature, requestTimeout, apiKey,
				retry, aws, reasoning);
	}

	/**
	 * Checks the values a user typed.
	 *
	 * @return what is wrong, in words for the user, or empty if the configuration can be used
	 */
	public Optional<String> problem() {
		if (baseUrl.isEmpty()) {
			return Optional.of("Enter the base URL of the model server."); //$NON-NLS-1$
		}
		try {
			URI uri = new URI(baseUrl);
			String scheme = uri.getScheme();
			if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) //$NON-NLS-1$ //$NON-NLS-2$
					|| uri.getHost() == null) {
				return Optional.of("The base URL must start with http:// or https:// and name a host, e.g. " //$NON-NLS-1$
						+ "http://localhost:11434/v1."); //$NON-NLS-1$
			}
		} catch (URISyntaxException e) {
			return Optional.of("The base URL is not a valid address: " + e.getReason() + '.'); //$NON-NLS-1$
		}
		if (model.isEmpty()) {
			return Optional.of(kind == ProviderKind.BEDROCK //
					? "Enter the Bedrock model ID or inference profile, e.g. us.anthropic.claude-sonnet-4-5-20250929-v1:0." //$NON-NLS-1$
					: "Enter the name of the model to use."); //$NON-NLS-1$
		}
		if (kind == ProviderKind.BEDROCK && aws.problem().isPresent()) {
			return aws.problem();
		}
		if (maxOutputTokens < 1) {
			return Optional.of("The maximum output tokens must be at least 1."); //$NON-NLS-1$
		}
		if (temperature != null && (temperature < 0 || temperature > 2 || temperature.isNaN())) {
			return Optional.of("The temperature must be between 0 and 2."); //$NON-NLS-1$
		}
		if (requestTimeout.isNegative() || requestTimeout.isZero()) {
			return Optional.of("The request timeout must be longer than zero."); //$NON-NLS-1$
		}
		return Optional.empty();
	}

	/** The highest temperature the Anthropic Messages API accepts. */
	public static final double ANTHROPIC_MAX_TEMPERATURE = 1.0;

	/** @return the temperature as it is sent: Anthropic and Bedrock's models accept 0 to 1, so a higher value is sent as 1 */
	public Double effectiveTemperature() {
		if (temperature != null && (kind == ProviderKind.ANTHROPIC || kind == ProviderKind.BEDROCK)
				&& temperature > ANTHROPIC_MAX_TEMPERATURE) {
			return ANTHROPIC_MAX_TEMPERATURE;
		}
		return temperature;
	}

	/**
	 * @return what Warden changes in this configuration when it sends it, in words for the user (e.g. a temperature
	 *         above what the protocol accepts), or empty
	 */
	public Optional<String> adjustment() {
		Double sent = effectiveTemperature();
		if (sent != null && !sent.equals(temperature)) {
			return Optional.of((kind == ProviderKind.BEDROCK ? "Bedrock's models accept" : "Anthropic accepts") //$NON-NLS-1$ //$NON-NLS-2$
					+ " temperatures from 0 to 1: " + temperature + " is sent as " + sent //$NON-NLS-1$ //$NON-NLS-2$
					+ '.');
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return "ProviderConfig[kind=" + kind + ", baseUrl=" + baseUrl + ", model=" + model + ", maxOutputTokens=" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				+ maxOutputTokens + ", temperature=" + temperature + ", requestTimeout=" + requestTimeout //$NON-NLS-1$ //$NON-NLS-2$
				+ ", apiKey=" + apiKey + ", retry=" + retry + ", aws=" + aws + ", reasoning=" + reasoning + ']'; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}
}
