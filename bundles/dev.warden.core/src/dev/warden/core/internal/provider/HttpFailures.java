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

	/**
	 * Server errors that say the request itself can never succeed, however often it is repeated: llama.cpp's
	 * "tools param requires --jinja flag" (HTTP 500), templates that do not support tools, a model that cannot use
	 * tools.
	 */
	private static final Pattern PERMANENT_SERVER_ERROR = Pattern.compile(
			"--jinja|requires .*flag|not supported|unsupported|does not support|template|not implemented", //$NON-NLS-1$
			Pattern.CASE_INSENSITIVE);

	/** Bodies of a 400 or 413 that say the prompt is longer than the model's window. */
	private static final Pattern CONTEXT_EXCEEDED = Pattern.compile(
			"context_length_exceeded|context length|context window|prompt is too long|too many tokens" //$NON-NLS-1$
					+ "|maximum context|exceeds the (model's )?(maximum|context)|request_too_large|input is too long", //$NON-NLS-1$
			Pattern.CASE_INSENSITIVE);

	/** One part of OpenAI's {@code x-ratelimit-reset-*} durations, e.g. {@code 1h}, {@code 6m}, {@code 0.5s}. */
	private static final Pattern RESET_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)"); //$NON-NLS-1$

	/** @return whether a request answered with {@code status} should be repeated */
	static boolean retryable(int status) {
		return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
				|| status == 529;
	}

	/**
	 * @return whether a request answered with {@code status} and {@code body} should be repeated: a retryable status,
	 *         unless the body says that waiting cannot help (a server missing a feature, an exhausted quota)
	 */
	static boolean retryable(int status, String body) {
		if (!retryable(status)) {
			return false;
		}
		if (status == 429) {
			return !quotaExhausted(body);
		}
		return !(status == 500 && PERMANENT_SERVER_ERROR.matcher(serverMessage(body)).find());
	}

	/** @return whether the body is OpenAI's {@code insufficient_quota} (or a similar billing refusal) */
	static boolean quotaExhausted(String body) {
		String type = errorField(body, "code") + ' ' + errorField(body, "type"); //$NON-NLS-1$ //$NON-NLS-2$
		return type.contains("insufficient_quota") || type.contains("billing"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/**
	 * @return when the server's rate limits reset according to OpenAI's {@code x-ratelimit-reset-requests} and
	 *         {@code x-ratelimit-reset-tokens} (the later of the two, as {@code 1s}, {@code 6m0s}, {@code 20ms}), or
	 *         {@code null} if the headers are absent or unreadable
	 */
	static Duration rateLimitReset(HttpHeaders headers) {
		Duration latest = null;
		for (String name : new String[] { "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens" }) { //$NON-NLS-1$ //$NON-NLS-2$
			Optional<String> value = headers.firstValue(name);
			if (value.isEmpty()) {
				continue;
			}
			Duration parsed = parseResetDuration(value.get().strip());
			if (parsed != null && (latest == null || parsed.compareTo(latest) > 0)) {
				latest = parsed;
			}
		}
		return latest;
	}

	/** @return {@code 1h2m3.5s}, {@code 250ms} or a plain number of seconds as a duration, or {@code null} */
	static Duration parseResetDuration(String text) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(text) * 1000)));
		} catch (NumberFormatException e) {
			// a Go-style duration
		}
		var matcher = RESET_PART.matcher(text);
		double millis = 0;
		int end = 0;
		while (matcher.find()) {
			if (matcher.start() != end) {
				return null;
			}
			double value = Double.parseDouble(matcher.group(1));
			millis += value * switch (matcher.group(2)) {
			case "h" -> 3_600_000; //$NON-NLS-1$
			case "m" -> 60_000; //$NON-NLS-1$
			case "s" -> 1_000; //$NON-NLS-1$
			default -> 1;
			};
			end = matcher.end();
		}
		return end == text.length() && end > 0 ? Duration.ofMillis(Math.round(millis)) : null;
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
		if ((status == 400 || status == 413) && CONTEXT_EXCEEDED.matcher(serverText + ' ' + errorField(body, "code") //$NON-NLS-1$
				+ ' ' + errorField(body, "type")).find()) { //$NON-NLS-1$
			return new ProviderException(Kind.CONTEXT_WINDOW, "The conversation is too long for the model '" + model //$NON-NLS-1$
					+ "' at " + host + ": start a new chat, or choose a model with a larger context window." //$NON-NLS-1$ //$NON-NLS-2$
					+ suffix(serverText));
		}
		boolean modelComplaint = status == 404 ? serverText.toLowerCase(Locale.ROOT).contains("model") //$NON-NLS-1$
				: (status == 400 || status == 422) && UNKNOWN_MODEL.matcher(serverText).find();
		if (modelComplaint) {
			return new ProviderException(Kind.UNKNOWN_MODEL, "The model '" + model + "' is not known to " + host //$NON-NLS-1$ //$NON-NLS-2$
					+ ": check the model name in " + PREFERENCES + ". The server said: " + serverText); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (status == 429 && quotaExhausted(body)) {
			return new ProviderException(Kind.QUOTA, "The account at " + host + " has no quota or credit left: check " //$NON-NLS-1$ //$NON-NLS-2$
					+ "its plan and billing; waiting will not help." + suffix(serverText)); //$NON-NLS-1$
		}
		if (status == 500 && !retryable(status, body)) {
			return new ProviderException(Kind.BAD_REQUEST, host + " cannot serve this request (HTTP 500); repeating it " //$NON-NLS-1$
					+ "will not help: check the server's settings." + suffix(serverText)); //$NON-NLS-1$
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

	/**
	 * @return the member {@code name} of the body's {@code error} object (or of the body itself, as llama.cpp sends
	 *         it), or the empty string
	 */
	static String errorField(String body, String name) {
		if (body == null || body.isBlank()) {
			return ""; //$NON-NLS-1$
		}
		try {
			JsonElement root = JsonParser.parseString(body);
			if (!root.isJsonObject()) {
				return ""; //$NON-NLS-1$
			}
			JsonObject error = Json.object(root.getAsJsonObject(), "error"); //$NON-NLS-1$
			String value = Json.string(error == null ? root.getAsJsonObject() : error, name);
			return value == null ? "" : value; //$NON-NLS-1$
		} catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
			return ""; //$NON-NLS-1$
		}
	}

	/**
	 * @return the error text inside a JSON error body in plain words: {@code error.message} (OpenAI
	 *         {@code {"error":{"message","type","param","code"}}}, Anthropic
	 *         {@code {"type":"error","error":{"type","message"}}}), a string {@code error}, or {@code message}; a
	 *         rejected parameter is named
	 */
	static String serverMessage(String body) {
		if (body == null || body.isBlank()) {
			return ""; //$NON-NLS-1$
		}
		try {
			JsonElement root = JsonParser.parseString(body);
			if (root.isJsonObject()) {
				JsonObject object = root.getAsJsonObject();
				JsonElement error = object.get("error"); //$NON-NLS-1$
				String message = error != null && error.isJsonObject() ? Json.string(error.getAsJsonObject(), "message") //$NON-NLS-1$
						: null;
				if (message != null) {
					String param = Json.string(error.getAsJsonObject(), "param"); //$NON-NLS-1$
					if (param != null && !param.isBlank() && !message.contains(param)) {
						message += " (parameter '" + param + "')"; //$NON-NLS-1$ //$NON-NLS-2$
					}
					return clip(message);
				}
				if (error != null && error.isJsonPrimitive()) {
					return clip(error.getAsString());
				}
				String topMessage = Json.string(object, "message"); //$NON-NLS-1$
				if (topMessage != null) {
					return clip(topMessage);
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
