package dev.warden.core.provider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.warden.core.internal.provider.AnthropicProvider;
import dev.warden.core.internal.provider.BedrockProvider;
import dev.warden.core.internal.provider.ContextWindows;
import dev.warden.core.internal.provider.ModelLister;
import dev.warden.core.internal.provider.OpenAiCompatibleProvider;
import dev.warden.core.operations.Cancellation;

/** Creates {@link ModelProvider}s and checks configurations. */
public final class Providers {

	private Providers() {
	}

	/**
	 * @return a provider for {@code config}; nothing is sent until it is used
	 * @throws ProviderException of kind {@link ProviderException.Kind#CONFIGURATION} if the configuration is unusable
	 */
	public static ModelProvider create(ProviderConfig config) throws ProviderException {
		Optional<String> problem = config.problem();
		if (problem.isPresent()) {
			throw new ProviderException(ProviderException.Kind.CONFIGURATION, problem.get());
		}
		return switch (config.kind()) {
		case ANTHROPIC -> new AnthropicProvider(config);
		case OPENAI_COMPATIBLE -> new OpenAiCompatibleProvider(config);
		case BEDROCK -> new BedrockProvider(config);
		};
	}

	/**
	 * Makes a minimal real request (one short prompt, an answer of at most a few tokens, no retries) and says in
	 * plain words whether the model answered. Never throws.
	 */
	public static ConnectionTestResult testConnection(ProviderConfig config) {
		return testConnection(config, new Cancellation());
	}

	/** As {@link #testConnection(ProviderConfig)}, stoppable through {@code cancellation}. */
	public static ConnectionTestResult testConnection(ProviderConfig config, Cancellation cancellation) {
		long start = System.nanoTime();
		ProviderConfig probe = config.withRetry(RetryPolicy.NONE).withLimits(16, config.temperature());
		try (ModelProvider provider = create(probe)) {
			ModelResponse response = provider.stream(
					new ModelRequest("", List.of(), List.of(Message.user("Reply with the word OK."))), //$NON-NLS-1$ //$NON-NLS-2$
					StreamListener.NONE, cancellation);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			if (response.interrupted()) {
				return new ConnectionTestResult(false,
						"The server accepted the request but the answer broke off: " + response.interruption(), //$NON-NLS-1$
						Optional.of(ProviderException.Kind.PROTOCOL), elapsed);
			}
			return new ConnectionTestResult(true, "Connected: " + config.model() + " at " + host(config) //$NON-NLS-1$ //$NON-NLS-2$
					+ " answered in " + seconds(elapsed) + '.' //$NON-NLS-1$
					+ config.adjustment().map(a -> ' ' + a).orElse(""), Optional.empty(), elapsed); //$NON-NLS-1$
		} catch (ProviderException e) {
			return new ConnectionTestResult(false, e.getMessage(), Optional.of(e.kind()),
					Duration.ofNanos(System.nanoTime() - start));
		}
	}

	/**
	 * Asks the server which models it offers, through its models endpoint ({@code GET {base}/models}, Anthropic
	 * {@code GET {base}/v1/models}). The model of {@code config} may be empty.
	 *
	 * @return the model names, sorted
	 * @throws ProviderException with a message for the user if the list could not be read
	 */
	public static List<String> listModels(ProviderConfig config) throws ProviderException {
		return listModels(config, new Cancellation());
	}

	/** As {@link #listModels(ProviderConfig)}, stoppable through {@code cancellation}. */
	public static List<String> listModels(ProviderConfig config, Cancellation cancellation)
			throws ProviderException {
		Optional<String> problem = config.withModel(config.model().isEmpty() ? "-" : config.model()).problem(); //$NON-NLS-1$
		if (problem.isPresent()) {
			throw new ProviderException(ProviderException.Kind.CONFIGURATION, problem.get());
		}
		return ModelLister.list(config, cancellation);
	}

	/** As {@link #listModels(ProviderConfig, Cancellation)}, with each model's context window where the list says. */
	public static List<ModelInfo> describeModels(ProviderConfig config, Cancellation cancellation)
			throws ProviderException {
		Optional<String> problem = config.withModel(config.model().isEmpty() ? "-" : config.model()).problem(); //$NON-NLS-1$
		if (problem.isPresent()) {
			throw new ProviderException(ProviderException.Kind.CONFIGURATION, problem.get());
		}
		return ModelLister.describe(config, cancellation);
	}

	/**
	 * Finds the context window of the model of {@code config}: from the server's model list where it says (asked once
	 * per server and model while the IDE runs), else from a table of well-known models. Never throws.
	 */
	public static ContextWindow contextWindow(ProviderConfig config, Cancellation cancellation) {
		return ContextWindows.find(config, cancellation);
	}

	private static String host(ProviderConfig config) {
		URI uri = URI.create(config.baseUrl());
		return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ':' + uri.getPort();
	}

	private static String seconds(Duration elapsed) {
		return String.format("%.1f s", elapsed.toMillis() / 1000.0); //$NON-NLS-1$
	}
}
