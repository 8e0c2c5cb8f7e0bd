package dev.warden.core.internal.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.PreferenceChangeEvent;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;

/**
 * Keeps the mode in the instance (workspace) scope of this bundle's preferences, under {@value #KEY}. Edits made
 * elsewhere (the preference page, an import of preferences) reach the listeners too, because they observe the
 * preference node rather than this class.
 */
@Component(service = ModeService.class)
public final class PreferenceModeService implements ModeService {

	public static final String QUALIFIER = "dev.warden.core"; //$NON-NLS-1$
	public static final String KEY = "mode"; //$NON-NLS-1$

	private final List<Consumer<Mode>> listeners = new CopyOnWriteArrayList<>();
	private final IPreferenceChangeListener preferenceListener = this::preferenceChanged;
	private IEclipsePreferences node;

	@Activate
	void activate() {
		node = InstanceScope.INSTANCE.getNode(QUALIFIER);
		node.addPreferenceChangeListener(preferenceListener);
	}

	@Deactivate
	void deactivate() {
		node.removePreferenceChangeListener(preferenceListener);
		listeners.clear();
	}

	@Override
	public Mode getMode() {
		return Mode.parse(node.get(KEY, Mode.DEFAULT.name()));
	}

	@Override
	public void setMode(Mode mode) {
		if (mode == getMode()) {
			return;
		}
		node.put(KEY, mode.name());
		try {
			node.flush();
		} catch (BackingStoreException e) {
			ILog.of(getClass()).error("Could not save the Warden mode; it holds until the workbench closes.", e); //$NON-NLS-1$
		}
	}

	@Override
	public Registration addListener(Consumer<Mode> listener) {
		listeners.add(listener);
		return () -> listeners.remove(listener);
	}

	private void preferenceChanged(PreferenceChangeEvent event) {
		if (!KEY.equals(event.getKey())) {
			return;
		}
		Mode mode = Mode.parse((String) event.getNewValue());
		for (Consumer<Mode> listener : listeners) {
			listener.accept(mode);
		}
	}
}
