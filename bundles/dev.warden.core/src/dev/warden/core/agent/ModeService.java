package dev.warden.core.agent;

import java.util.function.Consumer;

/**
 * The current {@link Mode} of the workspace. It is kept in the workspace's preferences, so it survives a restart and
 * is the same for every view and for the agent loop; a change takes effect at the agent's next action.
 * <p>
 * Obtained as an OSGi service.
 */
public interface ModeService {

	Mode getMode();

	void setMode(Mode mode);

	/**
	 * Calls {@code listener} with the new mode each time it changes, on the thread that changed it.
	 *
	 * @return a handle that removes the listener when closed
	 */
	Registration addListener(Consumer<Mode> listener);

	/** Removes what it was returned for. */
	@FunctionalInterface
	interface Registration extends AutoCloseable {
		@Override
		void close();
	}
}
