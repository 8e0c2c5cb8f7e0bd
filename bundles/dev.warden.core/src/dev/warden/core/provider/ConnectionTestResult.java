package dev.warden.core.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of {@link Providers#testConnection(ProviderConfig)}, for the preference page.
 *
 * @param ok      whether the model answered
 * @param message what happened, in words for the user
 * @param failure the kind of failure, empty when {@code ok}
 * @param elapsed how long the test took
 */
public record ConnectionTestResult(boolean ok, String message, Optional<ProviderException.Kind> failure,
		Duration elapsed) {
}
