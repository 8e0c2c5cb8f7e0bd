package dev.warden.core.internal.provider;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ProviderException.Kind;

/**
 * Turns HTTP statuses, error bodies and I/O exceptions into {@link ProviderException}s with messages a user can act
 * on, and reads {@code Retry-After}. Every text that came from the server is stripped of the key before it is used.
 */
final class HttpFailures {

	static final String PREFERENCES = "Preferences > Warden > Model"; //$NON-NLS-1$

	private static final Pattern UNKNOWN_MODEL = Pattern.compile(
			"model.*(not[ _]found|does not exist|not exist|not a valid|unknown|no such|not available|invalid)" //$NON-NLS-1$
					+ "|(unknown|invalid|no such) model|model_not_found", //$NON-NLS-1$
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final int MAX_SERVER_TEXT = 300;

	private HttpFailures() {
	}

	/** @return whether a request answered with {@code status} should be repeated */
	static boolean retryable(int status) {
		return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
				|| status == 529;
	}

	/**
	 * @return the wait the server asked for in {@code retry-after-ms} or {@code Retry-After} (seconds or an HTTP
	 *         date), or {@code null}
	 */
	static Duration retryAfter(HttpHeaders headers, Instant now) {
		Optional<String> millis = headers.firstValue("retry-after-ms"); //$NON-NLS-1$
		if (millis.isPresent()) {
			try {
				return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get().strip())));
			} catch (NumberFormatException e) {
				// fall through to Retry-After: a malformed hint is no reason to fail the request
			}
		}
		Optional<String> value = headers.firstValue("retry-after"); //$NON-NLS-1$
		if (value.isEmpty()) {
			return null;
		}
		String text = value.get().strip();
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
		} catch (NumberFormatException e) {
			try {
				Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(now, at);
				return wait.isNegative() ? Duration.ZERO : wait;
			} catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	/** @return a short description of a retryable status, for the retry notice and the final message */
	static String describeStatus(int status) {
		return switch (status) {
		case 429 -> "the server is rate limiting requests (HTTP 429)"; //$NON-NLS-1$
		case 529 -> "the server is overloaded (HTTP 529)"; //$NON-NLS-1$
		case 408 -> "the server timed out the request (HTTP 408)"; //$NON-NLS-1$
		default -> "the server failed (HTTP " + status + ')'; //$NON-NLS-1$
		};
	}

	/** @return the failure for a status that is not retried, or was retried until the attempts ran out */
	static ProviderException forStatus(int status, String body, String key, URI endpoint, String model, int attempts) {
		String serverText = redact(serverMessage(body), key);
		String host = hostOf(endpoint);
		if (status == 401 || status == 403) {
			// the server's text is not repeated: some servers echo part of the key they rejected
			return new ProviderException(Kind.AUTHENTICATION, "The API key was rejected by " + host + " (HTTP " //$NON-NLS-1$ //$NON-NLS-2$
					+ status + "): check it in " + PREFERENCES + '.'); //$NON-NLS-1$
		}
		boolean modelComplaint = status == 404 ? serverText.toLowerCase(Locale.ROOT).contains("model") //$NON-NLS-1$
				: (status == 400 || status == 422) && UNKNOWN_MODEL.matcher(serverText).find();
		if (modelComplaint) {
			return new ProviderException(Kind.UNKNOWN_MODEL, "The model '" + model + "' is not known to " + host //$NON-NLS-1$ //$NON-NLS-2$
					+ ": check the model name in " + PREFERENCES + ". The server said: " + serverText); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (status == 404) {
			return new ProviderException(Kind.NOT_FOUND, "Nothing answered at " + endpoint + " (HTTP 404): check the " //$NON-NLS-1$ //$NON-NLS-2$
					+ "base URL in " + PREFERENCES + '.' + suffix(serverText)); //$NON-NLS-1$
		}
		if (status == 429) {
			return new ProviderException(Kind.RATE_LIMITED, host + " is still rate limiting requests after " + attempts //$NON-NLS-1$
					+ " attempts: wait a minute and try again, or check the plan's limits." + suffix(serverText)); //$NON-NLS-1$
		}
		if (retryable(status)) {
			return new ProviderException(Kind.SERVER_ERROR, host + " failed " + attempts + (attempts == 1 ? " time" //$NON-NLS-1$ //$NON-NLS-2$
					: " times in a row") + " (last: " + describeStatus(status) + "): try again later." //$NON-NLS-1$ //$NON-NLS-2$
					+ suffix(serverText));
		}
		if (status >= 400 && status < 500) {
			return new ProviderException(Kind.BAD_REQUEST, host + " refused the request (HTTP " + status + ")." //$NON-NLS-1$ //$NON-NLS-2$
					+ suffix(serverText));
		}
		return new ProviderException(Kind.PROTOCOL, host + " answered with the unexpected HTTP status " + status + '.' //$NON-NLS-1$
				+ suffix(serverText));
	}

	/** @return the failure for an exception thrown while connecting or waiting for the answer to start */
	static ProviderException forConnection(Throwable e, URI endpoint, java.time.Duration timeout) {
		String host = hostOf(endpoint);
		if (e instanceof HttpConnectTimeoutException) {
			return new ProviderException(Kind.UNREACHABLE, "Could not connect to " + host + " within " //$NON-NLS-1$ //$NON-NLS-2$
					+ seconds(timeout) + ": check the base URL and your network.", e); //$NON-NLS-1$
		}
		if (e instanceof HttpTimeoutException) {
			return new ProviderException(Kind.TIMEOUT, host + " did not answer within " + seconds(timeout) //$NON-NLS-1$
					+ ": the server may be overloaded or the model still loading; try again or raise the request " //$NON-NLS-1$
					+ "timeout in " + PREFERENCES + '.', e); //$NON-NLS-1$
		}
		if (hasCause(e, UnresolvedAddressException.class) || hasCause(e, java.net.UnknownHostException.class)) {
			return new ProviderException(Kind.UNREACHABLE, "The host " + endpoint.getHost() //$NON-NLS-1$
					+ " could not be found: check the base URL in " + PREFERENCES + " and your network.", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (e instanceof ConnectException || hasCause(e, ConnectException.class)) {
			return new ProviderException(Kind.UNREACHABLE, "Could not connect to " + host //$NON-NLS-1$
					+ ": is the server running, and is the base URL in " + PREFERENCES + " right?", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (hasCause(e, SSLException.class)) {
			return new ProviderException(Kind.UNREACHABLE, "The secure connection to " + host //$NON-NLS-1$
					+ " failed: " + e.getMessage() + ". Check that the base URL uses the right scheme (http or https).", //$NON-NLS-1$
					e);
		}
		return new ProviderException(Kind.SERVER_ERROR, "The connection to " + host + " failed: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return the error text inside a JSON error body ({@code error.message}, {@code error}, {@code message}) */
	static String serverMessage(String body) {
		if (body == null || body.isBlank()) {
			return ""; //$NON-NLS-1$
		}
		try {
			JsonElement root = JsonParser.parseString(body);
			if (root.isJsonObject()) {
				JsonObject object = root.getAsJsonObject();
				JsonElement error = object.get("error"); //$NON-NLS-1$
				if (error != null && error.isJsonObject() && error.getAsJsonObject().has("message")) { //$NON-NLS-1$
					return clip(Json.string(error.getAsJsonObject(), "message")); //$NON-NLS-1$
				}
				if (error != null && error.isJsonPrimitive()) {
					return clip(error.getAsString());
				}
				if (object.has("message")) { //$NON-NLS-1$
					return clip(Json.string(object, "message")); //$NON-NLS-1$
				}
			}
		} catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
			// not JSON: an HTML error page or plain text, used as it is
		}
		return clip(body.strip());
	}

	/** @return {@code text} with every occurrence of {@code key} replaced */
	static String redact(String text, String key) {
		if (key == null || key.length() < 4 || text == null) {
			return text;
		}
		return text.replace(key, "[API key]"); //$NON-NLS-1$
	}

	static String hostOf(URI endpoint) {
		return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ':' + endpoint.getPort();
	}

	static String seconds(Duration duration) {
		long millis = duration.toMillis();
		return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String suffix(String serverText) {
		return serverText.isEmpty() ? "" : " The server said: " + serverText; //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String clip(String text) {
		String oneLine = text.replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
		return oneLine.length() <= MAX_SERVER_TEXT ? oneLine : oneLine.substring(0, MAX_SERVER_TEXT) + " …"; //$NON-NLS-1$
	}

	private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}
}
