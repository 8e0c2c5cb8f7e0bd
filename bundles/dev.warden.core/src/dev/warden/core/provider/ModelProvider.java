package dev.warden.core.provider;

import dev.warden.core.operations.Cancellation;

/**
 * A model behind a wire protocol. Obtained from {@link Providers#create(ProviderConfig)}; holds an HTTP client, so
 * close it when its configuration is replaced. Thread-safe: several requests may run at once.
 */
public interface ModelProvider extends AutoCloseable {

	/** @return the configuration this provider was created with */
	ProviderConfig config();

	/**
	 * Sends {@code request} and streams the answer to {@code listener}. Failures that can be cured by waiting are
	 * retried as configured. If the stream breaks or {@code cancellation} fires after part of the answer arrived,
	 * the partial answer is returned, marked {@link StopReason#INTERRUPTED}; nothing received is lost.
	 *
	 * @return the answer
	 * @throws ProviderException if no answer could be obtained; its message is for the user and never contains the
	 *                           key
	 */
	ModelResponse stream(ModelRequest request, StreamListener listener, Cancellation cancellation)
			throws ProviderException;

	@Override
	void close();
}
