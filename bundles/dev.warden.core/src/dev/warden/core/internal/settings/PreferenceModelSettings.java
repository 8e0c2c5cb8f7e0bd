package dev.warden.core.internal.settings;

import java.io.IOException;

import org.eclipse.core.runtime.ILog;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.AwsAccess;
import dev.warden.core.provider.AwsCredentialSource;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.provider.ReasoningEffort;
import dev.warden.core.settings.ModelSettings;

/** The model settings in the workspace's preferences, the API key in secure storage. */
@Component(service = ModelSettings.class)
public final class PreferenceModelSettings extends PreferenceService implements ModelSettings {

	@Activate
	void activate() {
		carryOverFormer("model."); //$NON-NLS-1$
	}

	@Deactivate
	void deactivate() {
		stop();
	}

	@Override
	protected boolean owns(String key) {
		return key.startsWith("model."); //$NON-NLS-1$
	}

	@Override
	public Values load() {
		ProviderPreset preset = preset(get(PRESET));
		String temperature = get(TEMPERATURE);
		Double parsedTemperature;
		try {
			parsedTemperature = temperature.isBlank() ? null : Double.valueOf(temperature);
		} catch (NumberFormatException e) {
			parsedTemperature = null;
		}
		AwsAccess aws = new AwsAccess(get(AWS_REGION), credentialSource(get(AWS_CREDENTIALS)), get(AWS_PROFILE));
		return new Values(preset, node().get(BASE_URL, preset.baseUrl()), get(MODEL), getInt(MAX_OUTPUT_TOKENS),
				parsedTemperature, getInt(TIMEOUT_SECONDS), aws);
	}

	@Override
	public void save(Values values) throws BackingStoreException {
		node().put(PRESET, values.preset().name());
		node().put(BASE_URL, values.baseUrl());
		node().put(MODEL, values.model());
		node().putInt(MAX_OUTPUT_TOKENS, values.maxOutputTokens());
		node().put(TEMPERATURE, values.temperature() == null ? "" : values.temperature().toString()); //$NON-NLS-1$
		node().putInt(TIMEOUT_SECONDS, values.timeoutSeconds());
		node().put(AWS_REGION, values.aws().region());
		node().put(AWS_CREDENTIALS, values.aws().credentials().name());
		node().put(AWS_PROFILE, values.aws().profile());
		flush();
	}

	static ProviderPreset preset(String name) {
		try {
			return ProviderPreset.valueOf(name);
		} catch (IllegalArgumentException e) {
			return ProviderPreset.CUSTOM;
		}
	}

	static AwsCredentialSource credentialSource(String name) {
		try {
			return AwsCredentialSource.valueOf(name);
		} catch (IllegalArgumentException e) {
			return AwsCredentialSource.DEFAULT_CHAIN;
		}
	}

	@Override
	public ReasoningEffort reasoning() {
		return ReasoningEffort.parse(get(REASONING));
	}

	@Override
	public void setReasoning(ReasoningEffort effort) throws BackingStoreException {
		put(REASONING, effort.name());
		flush();
	}

	@Override
	public boolean isConfigured() {
		Values values = load();
		return !values.model().isBlank() && !values.baseUrl().isBlank();
	}

	@Override
	public ProviderConfig config() {
		return load().toConfig(ApiKey.of(this::readKey)).withReasoning(reasoning());
	}

	private static ISecurePreferences secureNode() {
		return SecurePreferencesFactory.getDefault().node(SECURE_NODE);
	}

	@Override
	public char[] readKey() {
		try {
			return secureNode().get(SECURE_KEY, "").toCharArray(); //$NON-NLS-1$
		} catch (StorageException e) {
			ILog.of(getClass()).warn("The model's API key could not be read from secure storage.", e); //$NON-NLS-1$
			return new char[0];
		}
	}

	@Override
	public void writeKey(String key) throws StorageException, IOException {
		ISecurePreferences node = secureNode();
		if (key == null || key.isBlank()) {
			node.remove(SECURE_KEY);
		} else {
			node.put(SECURE_KEY, key.strip(), true);
		}
		node.flush();
	}
}
