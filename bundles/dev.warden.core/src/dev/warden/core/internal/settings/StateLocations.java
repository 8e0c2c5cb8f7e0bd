package dev.warden.core.internal.settings;

import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.FrameworkUtil;

/**
 * Where Warden keeps its state in the workspace's metadata ({@code .metadata/.plugins/dev.warden.core}): the audit
 * trail, conversations, the change journal.
 */
public final class StateLocations {

	private StateLocations() {
	}

	public static Path root() {
		return Platform.getStateLocation(FrameworkUtil.getBundle(StateLocations.class)).toFile().toPath();
	}

	public static Path audit() {
		return root().resolve("audit"); //$NON-NLS-1$
	}

	public static Path conversations() {
		return root().resolve("conversations"); //$NON-NLS-1$
	}

	public static Path changes() {
		return root().resolve("changes"); //$NON-NLS-1$
	}
}
