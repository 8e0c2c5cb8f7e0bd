package dev.warden.core.settings;

/** A listener's registration: closing it removes the listener. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

	@Override
	void close();
}
