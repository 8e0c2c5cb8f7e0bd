package dev.warden.ui.internal;

import org.eclipse.ui.PlatformUI;

import dev.warden.core.agent.ModeService;

/**
 * Looks up the core's OSGi services through the workbench's service locator.
 */
public final class WardenServices {

	private WardenServices() {
	}

	public static ModeService mode() {
		return required(ModeService.class);
	}

	private static <T> T required(Class<T> type) {
		T service = PlatformUI.getWorkbench().getService(type);
		if (service == null) {
			throw new IllegalStateException("The Warden core service " + type.getSimpleName() //$NON-NLS-1$
					+ " is not available; is the bundle dev.warden.core resolved and Declarative Services running?"); //$NON-NLS-1$
		}
		return service;
	}
}
