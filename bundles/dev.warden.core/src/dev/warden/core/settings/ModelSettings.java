package dev.warden.core.settings;

import java.io.IOException;
import java.time.Duration;

import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.AwsAccess;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.provider.ReasoningEffort;
import dev.warden.core.provider.RetryPolicy;

/**
 * The model settings, as a service: everything but the API key in the workspace's preferences, the key only in
 * Eclipse secure storage (encrypted), under {@value #SECURE_NODE}.
 */
public interface ModelSettings {

	String PRESET = "model.preset"; //$NON-NLS-1$
	String BASE_URL = "model.baseUrl"; //$NON-NLS-1$
	String MODEL = "model.name"; //$NON-NLS-1$
	String MAX_OUTPUT_TOKENS = "model.maxOutputTokens"; //$NON-NLS-1$
	String TEMPERATURE = "model.temperature"; //$NON-NLS-1$
	String TIMEOUT_SECONDS = "model.timeoutSeconds"; //$NON-NLS-1$
	/** How much the model may reason: a {@link ReasoningEffort} name. */
	String REASONING = "model.reasoning"; //$NON-NLS-1$
	String AWS_REGION = "model.awsRegion"; //$NON-NLS-1$
	String AWS_CREDENTIALS = "model.awsCredentials"; //$NON-NLS-1$
	String AWS_PROFILE = "model.awsProfile"; //$NON-NLS-1$
	String SECURE_NODE = "/dev.warden/model"; //$NON-NLS-1$
	String SECURE_KEY = "apiKey"; //$NON-NLS-1$

	/**
	 * The values of the model settings, as typed on the page; the key is not among them, nor any AWS credential
	 * ({@code aws} says only where they come from).
	 */
	record Values(ProviderPreset preset, String baseUrl, String model, int maxOutputTokens, Double temperature,
			int timeoutSeconds, AwsAccess aws) {

		public Values {
			aws = aws == null ? AwsAccess.DEFAULT : aws;
		}

		/** Values of a provider that needs no AWS settings. */
		public Values(ProviderPreset preset, String baseUrl, String model, int maxOutputTokens, Double temperature,
				int timeoutSeconds) {
			this(preset, baseUrl, model, maxOutputTokens, temperature, timeoutSeconds, AwsAccess.DEFAULT);
		}

		public ProviderConfig toConfig(ApiKey key) {
			return new ProviderConfig(preset.kind(), baseUrl, model, maxOutputTokens, temperature,
					Duration.ofSeconds(timeoutSeconds), key, RetryPolicy.DEFAULT, aws);
		}
	}

	Values load();

	void save(Values values) throws BackingStoreException;

	/** How much the model may reason before it answers; {@link #config()} carries it. */
	ReasoningEffort reasoning();

	void setReasoning(ReasoningEffort effort) throws BackingStoreException;

	/** Whether a model has been chosen; without one the chat shows its setup notice instead of sending. */
	boolean isConfigured();

	/** The configuration the agent uses: the saved values, and a key read from secure storage at each request. */
	ProviderConfig config();

	/** @return the stored key, or an empty array when there is none or secure storage cannot be opened */
	char[] readKey();

	/** Stores the key encrypted in secure storage; an empty key removes it. */
	void writeKey(String key) throws StorageException, IOException;

	/** Calls {@code listener} after any model setting changed (on the thread that changed it). */
	Registration addListener(Runnable listener);
}
