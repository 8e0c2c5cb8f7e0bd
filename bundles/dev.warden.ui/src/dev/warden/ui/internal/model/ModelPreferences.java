package dev.warden.ui.internal.model;

import java.time.Duration;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.provider.RetryPolicy;

/**
 * Where the model settings are kept: the workspace's preferences of this bundle for everything but the API key, which
 * lives only in Eclipse secure storage (encrypted), under {@value #SECURE_NODE}.
 */
public final class ModelPreferences {

	public static final String PAGE_ID = "dev.warden.ui.preferences.model"; //$NON-NLS-1$
	public static final String QUALIFIER = "dev.warden.ui"; //$NON-NLS-1$
	public static final String PRESET = "model.preset"; //$NON-NLS-1$
	public static final String BASE_URL = "model.baseUrl"; //$NON-NLS-1$
	public static final String MODEL = "model.name"; //$NON-NLS-1$
	public static final String MAX_OUTPUT_TOKENS = "model.maxOutputTokens"; //$NON-NLS-1$
	public static final String TEMPERATURE = "model.temperature"; //$NON-NLS-1$
	public static final String TIMEOUT_SECONDS = "model.timeoutSeconds"; //$NON-NLS-1$
	public static final String SECURE_NODE = "/dev.warden/model"; //$NON-NLS-1$
	static final String SECURE_KEY = "apiKey"; //$NON-NLS-1$

	/** The values of the page, as typed; the key only while the page is open. */
	public record Values(ProviderPreset preset, String baseUrl, String model, int maxOutputTokens, Double temperature,
			int timeoutSeconds) {

		public ProviderConfig toConfig(ApiKey key) {
			return new ProviderConfig(preset.kind(), baseUrl, model, maxOutputTokens, temperature,
					Duration.ofSeconds(timeoutSeconds), key, RetryPolicy.DEFAULT);
		}
	}

	private ModelPreferences() {
	}

	static IEclipsePreferences node() {
		return InstanceScope.INSTANCE.getNode(QUALIFIER);
	}

	public static Values load() {
		IEclipsePreferences node = node();
		ProviderPreset preset = preset(node.get(PRESET, ProviderPreset.ANTHROPIC.name()));
		String temperature = node.get(TEMPERATURE, ""); //$NON-NLS-1$
		return new Values(preset, node.get(BASE_URL, preset.baseUrl()), node.get(MODEL, ""), //$NON-NLS-1$
				node.getInt(MAX_OUTPUT_TOKENS, ProviderConfig.DEFAULT_MAX_OUTPUT_TOKENS),
				temperature.isBlank() ? null : Double.valueOf(temperature),
				node.getInt(TIMEOUT_SECONDS, (int) ProviderConfig.DEFAULT_REQUEST_TIMEOUT.toSeconds()));
	}

	public static void save(Values values) throws BackingStoreException {
		IEclipsePreferences node = node();
		node.put(PRESET, values.preset().name());
		node.put(BASE_URL, values.baseUrl());
		node.put(MODEL, values.model());
		node.putInt(MAX_OUTPUT_TOKENS, values.maxOutputTokens());
		node.put(TEMPERATURE, values.temperature() == null ? "" : values.temperature().toString()); //$NON-NLS-1$
		node.putInt(TIMEOUT_SECONDS, values.timeoutSeconds());
		node.flush();
	}

	static ProviderPreset preset(String name) {
		try {
			return ProviderPreset.valueOf(name);
		} catch (IllegalArgumentException e) {
			return ProviderPreset.CUSTOM;
		}
	}

	/** Whether a model has been chosen; without one the chat view shows its setup notice instead of sending. */
	public static boolean isConfigured() {
		Values values = load();
		return !values.model().isBlank() && !values.baseUrl().isBlank();
	}

	/** The configuration the agent uses: the saved values, and a key read from secure storage at each request. */
	public static ProviderConfig config() {
		return load().toConfig(ApiKey.of(ModelPreferences::readKey));
	}

	private static ISecurePreferences secureNode() {
		return SecurePreferencesFactory.getDefault().node(SECURE_NODE);
	}

	/** @return the stored key, or an empty array when there is none or secure storage cannot be opened */
	static char[] readKey() {
		try {
			String key = secureNode().get(SECURE_KEY, ""); //$NON-NLS-1$
			return key.toCharArray();
		} catch (StorageException e) {
			ILog.of(ModelPreferences.class).warn("The model's API key could not be read from secure storage.", e); //$NON-NLS-1$
			return new char[0];
		}
	}

	/** Stores the key encrypted in secure storage; an empty key removes it. */
	static void writeKey(String key) throws StorageException, java.io.IOException {
		ISecurePreferences node = secureNode();
		if (key == null || key.isBlank()) {
			node.remove(SECURE_KEY);
		} else {
			node.put(SECURE_KEY, key.strip(), true);
		}
		node.flush();
	}
}
