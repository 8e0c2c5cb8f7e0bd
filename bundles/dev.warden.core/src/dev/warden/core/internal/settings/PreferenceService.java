package dev.warden.core.internal.settings;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.settings.Registration;
import dev.warden.core.settings.WardenPreferences;

/**
 * What the settings services share: the one preference node, its defaults (set by
 * {@link WardenPreferenceInitializer}), and listeners told about changes to the keys a service owns. The listeners
 * observe the node, so edits made elsewhere (an import of preferences, another page) reach them too.
 */
abstract class PreferenceService {

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
	private final IPreferenceChangeListener watcher = event -> {
		if (owns(event.getKey())) {
			listeners.forEach(Runnable::run);
		}
	};
	private IEclipsePreferences watched;

	/** Whether {@code key} is one of this service's settings. */
	protected abstract boolean owns(String key);

	/** Starts watching the node for the listeners, once the first one registers. */
	private synchronized void watch() {
		if (watched == null) {
			watched = node();
			watched.addPreferenceChangeListener(watcher);
		}
	}

	protected final synchronized void stop() {
		if (watched != null) {
			watched.removePreferenceChangeListener(watcher);
			watched = null;
		}
		listeners.clear();
	}

	protected static IEclipsePreferences node() {
		return InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER);
	}

	protected static IEclipsePreferences defaults() {
		return DefaultScope.INSTANCE.getNode(WardenPreferences.QUALIFIER);
	}

	/** The value of {@code key}: the user's, else the default the initializer set. */
	protected static String get(String key) {
		return node().get(key, defaults().get(key, "")); //$NON-NLS-1$
	}

	protected static int getInt(String key) {
		return node().getInt(key, defaults().getInt(key, 0));
	}

	protected static boolean getBoolean(String key) {
		return node().getBoolean(key, defaults().getBoolean(key, false));
	}

	/** Stores {@code value}, or removes the user's value when it equals the default. */
	protected static void put(String key, String value) {
		if (value.equals(defaults().get(key, null))) {
			node().remove(key);
		} else {
			node().put(key, value);
		}
	}

	protected static void flush() throws BackingStoreException {
		node().flush();
	}

	/** Flushes, logging rather than throwing: for settings whose setters do not declare the failure. */
	protected static void flushQuietly() {
		try {
			flush();
		} catch (BackingStoreException e) {
			ILog.of(PreferenceService.class).error("Warden's settings could not be saved; they hold until the workbench closes.", e); //$NON-NLS-1$
		}
	}

	public Registration addListener(Runnable listener) {
		watch();
		listeners.add(listener);
		return () -> listeners.remove(listener);
	}

	/**
	 * Carries the keys with the given prefixes over from the node where they lived before (the UI bundle's), once:
	 * a key already set here is kept, the old node is cleared of what was carried.
	 */
	protected static void carryOverFormer(String... prefixes) {
		IEclipsePreferences former = InstanceScope.INSTANCE.getNode(WardenPreferences.FORMER_UI_QUALIFIER);
		try {
			boolean changed = false;
			for (String key : former.keys()) {
				for (String prefix : prefixes) {
					if (key.startsWith(prefix)) {
						if (node().get(key, null) == null) {
							node().put(key, former.get(key, "")); //$NON-NLS-1$
						}
						former.remove(key);
						changed = true;
					}
				}
			}
			if (changed) {
				node().flush();
				former.flush();
			}
		} catch (BackingStoreException e) {
			ILog.of(PreferenceService.class).warn("Earlier Warden settings could not be carried over.", e); //$NON-NLS-1$
		}
	}
}
