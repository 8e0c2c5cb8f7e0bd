package dev.warden.core.internal.settings;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.HostResolver;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.settings.ProtectionSettings;

/** The protection settings in the workspace's preferences. */
@Component(service = ProtectionSettings.class)
public final class PreferenceProtectionSettings extends PreferenceService implements ProtectionSettings {

	@Deactivate
	void deactivate() {
		stop();
	}

	@Override
	protected boolean owns(String key) {
		return key.startsWith("protect."); //$NON-NLS-1$
	}

	@Override
	public String sensitiveText() {
		return get(SENSITIVE);
	}

	@Override
	public SensitivePatterns sensitivePatterns() {
		return SensitivePatterns.parse(sensitiveText());
	}

	@Override
	public void saveSensitiveText(String text) throws BackingStoreException {
		put(SENSITIVE, text);
		flush();
	}

	@Override
	public Set<String> names(String key) {
		Set<String> names = new LinkedHashSet<>();
		Arrays.stream(get(key).split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()) //$NON-NLS-1$
				.forEach(names::add);
		return names;
	}

	@Override
	public void saveNames(String key, Set<String> names) throws BackingStoreException {
		put(key, String.join(",", names)); //$NON-NLS-1$
		flush();
	}

	@Override
	public boolean minimalEnvironment() {
		return getBoolean(ENV_MINIMAL);
	}

	@Override
	public void saveMinimalEnvironment(boolean minimal) throws BackingStoreException {
		put(ENV_MINIMAL, Boolean.toString(minimal));
		flush();
	}

	@Override
	public boolean requireSandbox() {
		return getBoolean(SANDBOX_REQUIRED);
	}

	@Override
	public void saveRequireSandbox(boolean required) throws BackingStoreException {
		put(SANDBOX_REQUIRED, Boolean.toString(required));
		flush();
	}

	@Override
	public EnvironmentPolicy environmentPolicy() {
		return new EnvironmentPolicy(minimalEnvironment(), names(ENV_ALLOWED));
	}

	@Override
	public UrlPolicy urlPolicy() {
		return UrlPolicy.of(names(URL_ALLOWED), HostResolver.SYSTEM);
	}

	@Override
	public UntrustedProjects untrustedProjects() {
		try {
			return UntrustedProjects.valueOf(get(UNTRUSTED_PROJECTS));
		} catch (IllegalArgumentException e) {
			return UntrustedProjects.EXCLUDED;
		}
	}

	@Override
	public void saveUntrustedProjects(UntrustedProjects choice) throws BackingStoreException {
		put(UNTRUSTED_PROJECTS, choice.name());
		flush();
	}

	@Override
	public boolean isProjectTrusted(String name) {
		return node().getBoolean(TRUSTED_PROJECT_PREFIX + name, false);
	}

	@Override
	public void setProjectTrusted(String name, boolean trusted) throws BackingStoreException {
		if (trusted) {
			node().putBoolean(TRUSTED_PROJECT_PREFIX + name, true);
		} else {
			node().remove(TRUSTED_PROJECT_PREFIX + name);
		}
		flush();
	}

	@Override
	public boolean urlNoteShown() {
		return getBoolean(URL_NOTE_SHOWN);
	}

	@Override
	public void setUrlNoteShown() throws BackingStoreException {
		put(URL_NOTE_SHOWN, Boolean.TRUE.toString());
		flush();
	}
}
