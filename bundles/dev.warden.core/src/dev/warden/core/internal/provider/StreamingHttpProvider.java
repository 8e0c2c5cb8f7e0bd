package dev.warden.core.internal.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ProviderException.Kind;
import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.StreamListener;

/**
 * What every provider that streams server-sent events over HTTP shares: one {@link HttpClient} per provider, retries
 * with backoff that honour {@code Retry-After}, the translation of failures into words for the user, cancellation that
 * aborts the exchange, an idle timeout inside the stream, and the rule that a stream broken after output arrived
 * returns the partial answer instead of failing.
 * <p>
 * A subclass supplies the endpoint, the headers, the request body and an {@link EventDecoder}; a protocol with other
 * framing overrides {@link #readStream(InputStream, EventDecoder)}.
 */
public abstract class StreamingHttpProvider implements ModelProvider {

	private static final int BUFFER_SIZE = 8192;

	private static final int MAX_ERROR_BODY = 64 * 1024;

	/** Shared, stateless and thread-safe; used to serialize request bodies. */
	protected static final Gson GSON = new Gson();

	private final ProviderConfig config;

	private final HttpClient client;

	protected StreamingHttpProvider(ProviderConfig config) {
		this.config = config;
		Duration connect = config.requestTimeout().compareTo(Duration.ofSeconds(30)) < 0 ? config.requestTimeout()
				: Duration.ofSeconds(30);
		this.client = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NORMAL)
				.build();
	}

	@Override
	public final ProviderConfig config() {
		return config;
	}

	/** @return where requests are posted */
	protected abstract URI endpoint();

	/** Adds the protocol's headers; {@code key} is empty when none is configured. */
	protected abstract void addHeaders(HttpRequest.Builder builder, String key);

	/**
	 * Adds what proves who sends the request, once the rest of it is final. The default adds the protocol's headers
	 * with the key; a protocol that signs the request (AWS Signature Version 4) overrides it.
	 *
	 * @param body the request body exactly as it is sent
	 * @throws ProviderException if no credentials could be obtained; its message is for the user
	 */
	protected void authorize(HttpRequest.Builder builder, URI endpoint, byte[] body, String key)
			throws ProviderException {
		addHeaders(builder, key);
	}

	/** @return the media type of the streamed answer, sent as {@code Accept} */
	protected String streamMediaType() {
		return "text/event-stream"; //$NON-NLS-1$
	}

	/**
	 * Lets a protocol word a failed status in its own terms (e.g. AWS's refusal of a signature is not a wrong API
	 * key). The default keeps the common wording.
	 *
	 * @param standard the common failure for {@code status}
	 * @return the failure to report
	 */
	protected ProviderException describeFailure(int status, String body, String key, ProviderException standard) {
		return standard;
	}

	/** @return the request body for {@code request}, with streaming switched on */
	protected abstract JsonObject encode(ModelRequest request);

	/** @return a decoder for one attempt, feeding {@code assembler} */
	protected abstract EventDecoder newDecoder(ResponseAssembler assembler);

	/**
	 * Called when the server refused a request with a 4xx status. A protocol whose servers disagree on how a parameter
	 * is spelled (e.g. {@code max_tokens} against {@code max_completion_tokens}) switches to the other spelling and
	 * returns {@code true}; the request is then encoded again and sent once more, without counting as a retry.
	 *
	 * @param body the error body as received
	 * @return whether the request should be encoded again and repeated
	 */
	protected boolean adaptToRejection(int status, String body) {
		return false;
	}

	/**
	 * Checks a complete answer before it is returned: a protocol may turn it into a failure it recognises (e.g. an
	 * empty answer cut off by a local server's context window) or attach a notice.
	 *
	 * @return the answer to return
	 * @throws ProviderException if the answer means the request failed
	 */
	protected ModelResponse finish(ModelRequest request, byte[] body, ModelResponse response)
			throws ProviderException {
		return response;
	}

	/**
	 * Reads the body of a successful response and feeds it to {@code decoder} until the protocol's end marker or the
	 * end of the stream. The default reads server-sent events.
	 */
	protected void readStream(InputStream in, EventDecoder decoder) throws IOException {
		SseParser parser = new SseParser(decoder::event);
		byte[] buffer = new byte[BUFFER_SIZE];
		int n;
		while (!decoder.ended() && (n = in.read(buffer)) >= 0) {
			parser.feed(buffer, 0, n);
		}
		if (!decoder.ended()) {
			parser.finish();
		}
	}

	/** @return the base URL followed by {@code path}, without doubled slashes */
	protected final URI resolve(String path) {
		String base = config.baseUrl();
		while (base.endsWith("/")) { //$NON-NLS-1$
			base = base.substring(0, base.length() - 1);
		}
		return URI.create(base + path);
	}

	@Override
	public final ModelResponse stream(ModelRequest request, StreamListener listener, Cancellation cancellation)
			throws ProviderException {
		byte[] body = GSON.toJson(encode(request)).getBytes(StandardCharsets.UTF_8);
		URI endpoint = endpoint();
		int maxAttempts = config.retry().maxAttempts();
		ProviderException last = null;
		boolean adapted = false;
		for (int attempt = 1; attempt <= maxAttempts; attempt++) {
			if (cancellation.isCancelled()) {
				throw cancelled();
			}
			Outcome outcome = attempt(endpoint, body, listener, cancellation, attempt);
			if (outcome.response != null) {
				return finish(request, body, explain(outcome.response));
			}
			last = outcome.failure;
			if (outcome.rejection != null && !adapted
					&& adaptToRejection(outcome.rejection.status(), outcome.rejection.body())) {
				adapted = true; // once: a server that refuses both spellings gets its own message
				body = GSON.toJson(encode(request)).getBytes(StandardCharsets.UTF_8);
				attempt--;
				continue;
			}
			if (outcome.retryIn == null || attempt == maxAttempts) {
				break;
			}
			Duration delay = config.retry().delayAfter(attempt, outcome.retryIn.isNegative() ? null : outcome.retryIn);
			listener.retrying(attempt, delay, outcome.notice);
			if (!cancellation.sleep(delay)) {
				throw cancelled();
			}
		}
		throw last;
	}

	/**
	 * One attempt's result: an answer, or a failure that is final ({@code retryIn == null}) or worth repeating after
	 * {@code retryIn} (negative: use the policy's backoff).
	 */
	private record Outcome(ModelResponse response, ProviderException failure, Duration retryIn, String notice,
			Rejection rejection) {

		static Outcome answer(ModelResponse response) {
			return new Outcome(response, null, null, null, null);
		}

		static Outcome fail(ProviderException failure) {
			return new Outcome(null, failure, null, null, null);
		}

		/** A 4xx answer the protocol may adapt to. */
		static Outcome rejected(ProviderException failure, int status, String body) {
			return new Outcome(null, failure, null, null, new Rejection(status, body));
		}

		/** @param notice what went wrong, for the retry notice (the failure's message is for the final attempt) */
		static Outcome retry(ProviderException failure, Duration retryAfter, String notice) {
			return new Outcome(null, failure, retryAfter == null ? Duration.ofMillis(-1) : retryAfter, notice, null);
		}
	}

	/** A refused request: its status and error body. */
	private record Rejection(int status, String body) {
	}

	private Outcome attempt(URI endpoint, byte[] body, StreamListener listener, Cancellation cancellation,
			int attempt) {
		String key = config.apiKey().reveal();
		SentOnceBody sent = new SentOnceBody(body);
		HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(config.requestTimeout())
				.header("Content-Type", "application/json") //$NON-NLS-1$ //$NON-NLS-2$
				.header("Accept", streamMediaType()) //$NON-NLS-1$
				.POST(sent);
		if (!"https".equalsIgnoreCase(endpoint.getScheme())) { //$NON-NLS-1$
			builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with local servers
		}
		try {
			authorize(builder, endpoint, body, key);
		} catch (ProviderException e) {
			return Outcome.fail(e);
		}
		HttpRequest httpRequest = builder.build();

		HttpResponse<InputStream> response;
		CompletableFuture<HttpResponse<InputStream>> future = client.sendAsync(httpRequest,
				HttpResponse.BodyHandlers.ofInputStream());
		try (Cancellation.Registration r = cancellation.onCancel(() -> future.cancel(true))) {
			response = future.get();
		} catch (CancellationException e) {
			return Outcome.fail(cancelled());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			return Outcome.fail(cancelled());
		} catch (ExecutionException e) {
			Throwable cause = e.getCause() == null ? e : e.getCause();
			if (cancellation.isCancelled()) {
				return Outcome.fail(cancelled());
			}
			ProviderException failure = HttpFailures.forConnection(cause, endpoint, config.requestTimeout());
			boolean reset = failure.kind() == Kind.SERVER_ERROR; // connection reset or closed before an answer
			return reset ? Outcome.retry(failure, null, failure.getMessage()) : Outcome.fail(failure);
		} finally {
			sent.release(); // answered or failed: a retry sends a new request
		}

		int status = response.statusCode();
		if (status != 200) {
			String errorBody = readErrorBody(response.body());
			ProviderException failure = describeFailure(status, errorBody, key,
					HttpFailures.forStatus(status, errorBody, key, endpoint, config.model(), attempt));
			if (HttpFailures.retryable(status, errorBody)) {
				Duration wait = HttpFailures.retryAfter(response.headers(), Instant.now());
				if (wait == null && status == 429) {
					wait = HttpFailures.rateLimitReset(response.headers());
					if (wait == null) {
						wait = config.retry().rateLimitDelayAfter(attempt);
					}
				}
				return Outcome.retry(failure, wait, HttpFailures.describeStatus(status));
			}
			if (status >= 400 && status < 500) {
				return Outcome.rejected(failure, status, errorBody);
			}
			return Outcome.fail(failure);
		}
		return readAnswer(response.body(), endpoint, key, listener, cancellation, attempt);
	}

	private Outcome readAnswer(InputStream in, URI endpoint, String key, StreamListener listener,
			Cancellation cancellation, int attempt) {
		ResponseAssembler assembler = new ResponseAssembler(listener);
		EventDecoder decoder = newDecoder(assembler);
		IdleWatchdog watchdog = new IdleWatchdog(in, config.requestTimeout());
		String host = HttpFailures.hostOf(endpoint);
		try (in; Cancellation.Registration r = cancellation.onCancel(watchdog::abort)) {
			readStream(watchdog.guard(in), decoder);
		} catch (StreamFailure e) {
			String message = HttpFailures.redact(e.getMessage(), key);
			if (cancellation.isCancelled()) {
				return cancelledAnswer(assembler);
			}
			if (assembler.hasOutput()) {
				return Outcome.answer(assembler.interrupted(message));
			}
			ProviderException failure = new ProviderException(e.retryable() ? Kind.SERVER_ERROR : Kind.PROTOCOL,
					message);
			return e.retryable() ? Outcome.retry(failure, null, message) : Outcome.fail(failure);
		} catch (IOException e) {
			if (cancellation.isCancelled()) {
				return cancelledAnswer(assembler);
			}
			String why = watchdog.timedOut()
					? host + " stopped sending for " + HttpFailures.seconds(config.requestTimeout()) + '.' //$NON-NLS-1$
					: "The connection to " + host + " broke: " + HttpFailures.redact(e.getMessage(), key); //$NON-NLS-1$ //$NON-NLS-2$
			return brokenStream(assembler, why, watchdog.timedOut());
		} finally {
			watchdog.stop();
		}
		if (cancellation.isCancelled()) {
			return cancelledAnswer(assembler);
		}
		if (decoder.ended() || assembler.hasStopReason()) {
			return Outcome.answer(assembler.complete());
		}
		if (watchdog.timedOut()) {
			return brokenStream(assembler,
					host + " stopped sending for " + HttpFailures.seconds(config.requestTimeout()) + '.', true); //$NON-NLS-1$
		}
		return brokenStream(assembler, "The stream from " + host + " ended before the answer was complete.", false); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/**
	 * @return {@code response} with the words for a stop reason that means it is not a complete answer; an answer cut
	 *         off at the output limit is marked interrupted so that it is never shown or kept as complete
	 */
	private ModelResponse explain(ModelResponse response) {
		String why = switch (response.stopReason()) {
		case MAX_TOKENS -> "The answer reached the output limit of " + config.maxOutputTokens() //$NON-NLS-1$
				+ " tokens and is cut off."; //$NON-NLS-1$
		case REFUSAL -> "The model declined to answer this request."; //$NON-NLS-1$
		case CONTEXT_WINDOW_EXCEEDED -> "The conversation filled the model's context window; the answer is cut off."; //$NON-NLS-1$
		default -> ""; //$NON-NLS-1$
		};
		if (why.isEmpty()) {
			return response;
		}
		Message message = response.message();
		boolean cut = response.stopReason() != StopReason.REFUSAL;
		return new ModelResponse(cut ? new Message(message.role(), message.parts(), true) : message,
				response.stopReason(), response.usage(), why, response.notice());
	}

	private Outcome brokenStream(ResponseAssembler assembler, String why, boolean timedOut) {
		if (assembler.hasOutput()) {
			return Outcome.answer(assembler.interrupted(why));
		}
		if (timedOut) {
			return Outcome.fail(new ProviderException(Kind.TIMEOUT, why + " Try again, or raise the request timeout in " //$NON-NLS-1$
					+ HttpFailures.PREFERENCES + '.'));
		}
		return Outcome.retry(new ProviderException(Kind.SERVER_ERROR, why), null, why);
	}

	private static Outcome cancelledAnswer(ResponseAssembler assembler) {
		if (assembler.hasOutput()) {
			return Outcome.answer(assembler.interrupted("Cancelled by the user.")); //$NON-NLS-1$
		}
		return Outcome.fail(cancelled());
	}

	private static ProviderException cancelled() {
		return new ProviderException(Kind.CANCELLED, "Cancelled by the user."); //$NON-NLS-1$
	}

	private static String readErrorBody(InputStream in) {
		try (in) {
			return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
		} catch (IOException e) {
			return "(the error body could not be read: " + e.getMessage() + ')'; //$NON-NLS-1$
		}
	}

	@Override
	public void close() {
		client.shutdownNow();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + '[' + config + ']';
	}
}
