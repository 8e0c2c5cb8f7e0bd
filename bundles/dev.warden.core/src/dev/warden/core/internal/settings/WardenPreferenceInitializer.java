package dev.warden.core.internal.settings;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

import dev.warden.core.agent.Mode;
import dev.warden.core.internal.agent.PreferenceModeService;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.provider.AwsAccess;
import dev.warden.core.provider.AwsCredentialSource;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.agent.ContextBudget;
import dev.warden.core.provider.ReasoningEffort;
import dev.warden.core.settings.ChatSettings;
import dev.warden.core.settings.McpSettings;
import dev.warden.core.settings.ModelSettings;
import dev.warden.core.settings.ProtectionSettings;
import dev.warden.core.settings.TrustSettings;
import dev.warden.core.settings.WardenPreferences;
import dev.warden.core.trust.DefaultDenyList;

/** Every default of Warden's settings, in one place: the default scope of the one preference node. */
public final class WardenPreferenceInitializer extends AbstractPreferenceInitializer {

	@Override
	public void initializeDefaultPreferences() {
		IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(WardenPreferences.QUALIFIER);
		defaults.put(PreferenceModeService.KEY, Mode.DEFAULT.name());

		defaults.put(TrustSettings.PATTERNS, ""); //$NON-NLS-1$
		defaults.put(TrustSettings.DENY, DefaultDenyList.text());

		defaults.put(ProtectionSettings.SENSITIVE, SensitivePatterns.defaultText());
		defaults.put(ProtectionSettings.ENV_ALLOWED, ""); //$NON-NLS-1$
		defaults.putBoolean(ProtectionSettings.ENV_MINIMAL, false);
		defaults.put(ProtectionSettings.URL_ALLOWED, ""); //$NON-NLS-1$
		defaults.put(ProtectionSettings.UNTRUSTED_PROJECTS, ProtectionSettings.UntrustedProjects.EXCLUDED.name());
		defaults.putBoolean(ProtectionSettings.URL_NOTE_SHOWN, false);
		defaults.put(ProtectionSettings.SANDBOX_HOSTS, ""); //$NON-NLS-1$
		defaults.put(ProtectionSettings.SANDBOX_MASKED, ""); //$NON-NLS-1$
		defaults.putBoolean(ProtectionSettings.SANDBOX_REQUIRED, false);

		defaults.put(ModelSettings.PRESET, ProviderPreset.ANTHROPIC.name());
		defaults.put(ModelSettings.MODEL, ""); //$NON-NLS-1$
		defaults.putInt(ModelSettings.MAX_OUTPUT_TOKENS, ProviderConfig.DEFAULT_MAX_OUTPUT_TOKENS);
		defaults.put(ModelSettings.TEMPERATURE, ""); //$NON-NLS-1$
		defaults.putInt(ModelSettings.TIMEOUT_SECONDS, (int) ProviderConfig.DEFAULT_REQUEST_TIMEOUT.toSeconds());
		defaults.put(ModelSettings.REASONING, ReasoningEffort.OFF.name());
		defaults.put(ModelSettings.AWS_REGION, AwsAccess.DEFAULT_REGION);
		defaults.put(ModelSettings.AWS_CREDENTIALS, AwsCredentialSource.DEFAULT_CHAIN.name());
		defaults.put(ModelSettings.AWS_PROFILE, ""); //$NON-NLS-1$

		defaults.putBoolean(ChatSettings.ENTER_SENDS, true);
		defaults.putInt(ChatSettings.KEEP_CHATS, ChatSettings.DEFAULT_KEEP_CHATS);
		defaults.putInt(ChatSettings.KEEP_DAYS, ChatSettings.DEFAULT_KEEP_DAYS);
		defaults.putInt(ChatSettings.MAX_STEPS, ChatSettings.DEFAULT_MAX_STEPS);
		defaults.putInt(ChatSettings.CONTEXT_WINDOW, 0);
		defaults.putInt(ChatSettings.COMPACT_AT, ContextBudget.DEFAULT_COMPACT_AT_PERCENT);

		defaults.put(McpSettings.SERVERS, ""); //$NON-NLS-1$
		defaults.put(McpSettings.TRUSTED, ""); //$NON-NLS-1$
	}
}
