package dev.warden.core.internal.settings;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.HostResolver;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.UrlPolicy;

/**
 * The user's protection settings, in the workspace's preferences of {@value #QUALIFIER}: the sensitive patterns, the
 * environment allow-list and minimal-environment switch, the hosts URL fetching may reach although they are
 * internal, and what the agent may do in a project the user has not trusted.
 */
public final class ProtectionSettings {

	public static final String QUALIFIER = "dev.warden.core"; //$NON-NLS-1$
	public static final String SENSITIVE = "protect.sensitivePatterns"; //$NON-NLS-1$
	public static final String ENV_ALLOWED = "protect.env.allowed"; //$NON-NLS-1$
	public static final String ENV_MINIMAL = "protect.env.minimal"; //$NON-NLS-1$
	public static final String URL_ALLOWED = "protect.url.allowedHosts"; //$NON-NLS-1$
	public static final String UNTRUSTED_PROJECTS = "protect.untrustedProjects"; //$NON-NLS-1$
	public static final String TRUSTED_PROJECT_PREFIX = "protect.trustedProject."; //$NON-NLS-1$
	public static final String URL_NOTE_SHOWN = "protect.url.noteShown"; //$NON-NLS-1$

	/** What the agent may do in a project the user has not trusted. */
	public enum UntrustedProjects {
		/** The agent does not see the project at all. */
		EXCLUDED,
		/** The agent may list and read the project, but not change it or run commands in it. */
		READ_ONLY
	}

	private ProtectionSettings() {
	}

	private static IEclipsePreferences node() {
		return InstanceScope.INSTANCE.getNode(QUALIFIER);
	}

	private static void flush() throws BackingStoreException {
		node().flush();
	}

	public static String sensitiveText() {
		return node().get(SENSITIVE, SensitivePatterns.defaultText());
	}

	public static SensitivePatterns sensitivePatterns() {
		return SensitivePatterns.parse(sensitiveText());
	}

	public static void saveSensitiveText(String text) throws BackingStoreException {
		if (text.equals(SensitivePatterns.defaultText())) {
			node().remove(SENSITIVE);
		} else {
			node().put(SENSITIVE, text);
		}
		flush();
	}

	public static Set<String> names(String key) {
		Set<String> names = new LinkedHashSet<>();
		Arrays.stream(node().get(key, "").split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()) //$NON-NLS-1$ //$NON-NLS-2$
				.forEach(names::add);
		return names;
	}

	public static void saveNames(String key, Set<String> names) throws BackingStoreException {
		node().put(key, String.join(",", names)); //$NON-NLS-1$
		flush();
	}

	public static boolean minimalEnvironment() {
		return node().getBoolean(ENV_MINIMAL, false);
	}

	public static void saveMinimalEnvironment(boolean minimal) throws BackingStoreException {
		node().putBoolean(ENV_MINIMAL, minimal);
		flush();
	}

	public static EnvironmentPolicy environmentPolicy() {
		return new EnvironmentPolicy(minimalEnvironment(), names(ENV_ALLOWED));
	}

	public static UrlPolicy urlPolicy() {
		return UrlPolicy.of(names(URL_ALLOWED), HostResolver.SYSTEM);
	}

	public static UntrustedProjects untrustedProjects() {
		try {
			return UntrustedProjects.valueOf(node().get(UNTRUSTED_PROJECTS, UntrustedProjects.EXCLUDED.name()));
		} catch (IllegalArgumentException e) {
			return UntrustedProjects.EXCLUDED;
		}
	}

	public static void saveUntrustedProjects(UntrustedProjects choice) throws BackingStoreException {
		node().put(UNTRUSTED_PROJECTS, choice.name());
		flush();
	}

	/** Whether the user trusted the project named {@code name} in this workspace. */
	public static boolean isProjectTrusted(String name) {
		return node().getBoolean(TRUSTED_PROJECT_PREFIX + name, false);
	}

	public static void setProjectTrusted(String name, boolean trusted) throws BackingStoreException {
		if (trusted) {
			node().putBoolean(TRUSTED_PROJECT_PREFIX + name, true);
		} else {
			node().remove(TRUSTED_PROJECT_PREFIX + name);
		}
		flush();
	}

	/** Whether the note on the user's responsibility for fetched content was shown already. */
	public static boolean urlNoteShown() {
		return node().getBoolean(URL_NOTE_SHOWN, false);
	}

	public static void setUrlNoteShown() throws BackingStoreException {
		node().putBoolean(URL_NOTE_SHOWN, true);
		flush();
	}
}
