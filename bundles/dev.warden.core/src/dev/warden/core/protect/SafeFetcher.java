package dev.warden.core.protect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import dev.warden.core.internal.protect.Deadline;
import dev.warden.core.internal.protect.HtmlText;
import dev.warden.core.internal.protect.HttpExchange;

/**
 * Fetches a URL the {@link UrlPolicy} allows, for the agent's {@code fetch_url} tool and for URLs pasted in the chat.
 * The connection goes to the address the policy checked (no second lookup, so no DNS-rebinding window); every
 * redirect is decided again the same way, at most {@link FetchLimits#maxRedirects()} of them; the body is cut at
 * {@link FetchLimits#maxBytes()} and the whole fetch at {@link FetchLimits#timeout()}; only text, HTML, JSON, XML and
 * Markdown are accepted, gzip is decoded, and HTML becomes readable text. Blocking: call it off the UI thread.
 */
public final class SafeFetcher {

	private static final String ACCEPT = "text/html, text/plain;q=0.9, text/markdown;q=0.9, application/json;q=0.9, "
			+ "application/xml;q=0.8, text/*;q=0.5";

	private final UrlPolicy policy;
	private final FetchLimits limits;
	private final SSLSocketFactory tls;

	/** A fetcher using the JVM's default TLS trust. */
	public SafeFetcher(UrlPolicy policy, FetchLimits limits) {
		this(policy, limits, defaultTls());
	}

	/** A fetcher using {@code tls} for {@code https} (for example one trusting a test certificate). */
	public SafeFetcher(UrlPolicy policy, FetchLimits limits, SSLSocketFactory tls) {
		this.policy = policy;
		this.limits = limits;
		this.tls = tls;
	}

	/**
	 * Fetches {@code url}.
	 *
	 * @throws FetchException if the URL or a redirect is refused, the server fails or answers with something that is
	 *                        not text, or the time limit is reached
	 */
	public FetchedContent fetch(String url) throws FetchException {
		Deadline deadline = Deadline.after(limits.timeout());
		String current = url;
		for (int redirects = 0;; redirects++) {
			UrlDecision decision = policy.decide(current);
			if (!decision.isAllowed()) {
				String what = redirects == 0 ? "refused: " : "redirect to " + current + " refused: ";
				throw new FetchException(what + decision.reason(), decision, null);
			}
			try (HttpExchange exchange = HttpExchange.get(decision.target(), decision.address(), deadline, tls,
					ACCEPT)) {
				int status = exchange.status();
				if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
					String location = exchange.header("location");
					if (location == null || location.isBlank()) {
						throw new FetchException("redirect (HTTP " + status + ") without a Location from " + current);
					}
					if (redirects >= limits.maxRedirects()) {
						throw new FetchException("more than " + limits.maxRedirects() + " redirects, starting at " + url);
					}
					current = resolve(decision.target(), location);
					continue;
				}
				if (status < 200 || status > 299) {
					throw new FetchException("the server answered HTTP " + status + " for " + current);
				}
				return read(exchange, decision);
			} catch (SocketTimeoutException e) {
				throw new FetchException("took longer than the time limit of " + limits.timeout().toMillis()
						+ " ms: " + current, null, e);
			} catch (IOException e) {
				throw new FetchException("cannot fetch " + current + ": " + e.getMessage(), null, e);
			}
		}
	}

	private FetchedContent read(HttpExchange exchange, UrlDecision decision) throws IOException, FetchException {
		String contentType = exchange.header("content-type");
		String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		if (!isText(mediaType)) {
			throw new FetchException("content type '" + (contentType == null ? "none" : contentType)
					+ "' is not text, HTML, JSON, XML or Markdown: " + decision.target());
		}
		String encoding = exchange.header("content-encoding");
		InputStream body = exchange.body();
		if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
			if (!encoding.equalsIgnoreCase("gzip") && !encoding.equalsIgnoreCase("x-gzip")) {
				throw new FetchException("unsupported content encoding '" + encoding + "'");
			}
			body = new GZIPInputStream(body);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		boolean truncated = false;
		for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
			int room = limits.maxBytes() - bytes.size();
			if (n > room) {
				bytes.write(buffer, 0, room);
				truncated = true;
				break;
			}
			bytes.write(buffer, 0, n);
		}
		String charset = charset(contentType);
		String url = decision.target().toString();
		String text = mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml")
				? HtmlText.toText(bytes.toByteArray(), charset, url)
				: decode(bytes.toByteArray(), charset);
		return new FetchedContent(url, decision.address(), mediaType, text, truncated);
	}

	private static boolean isText(String mediaType) {
		return mediaType.startsWith("text/") || mediaType.equals("application/json") || mediaType.endsWith("+json")
				|| mediaType.equals("application/xml") || mediaType.endsWith("+xml")
				|| mediaType.equals("application/markdown") || mediaType.equals("application/x-markdown");
	}

	private static String resolve(HttpTarget base, String location) throws FetchException {
		try {
			return URI.create(base.toString()).resolve(location.trim()).toString();
		} catch (IllegalArgumentException e) {
			throw new FetchException("malformed redirect location '" + location + "'", null, e);
		}
	}

	private static String charset(String contentType) {
		if (contentType == null) {
			return null;
		}
		for (String parameter : contentType.split(";")) {
			String p = parameter.trim();
			if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
				String name = p.substring("charset=".length()).replace("\"", "").trim();
				try {
					return Charset.isSupported(name) ? name : null;
				} catch (IllegalArgumentException e) {
					// an illegal charset name: decode as the default instead
					return null;
				}
			}
		}
		return null;
	}

	private static String decode(byte[] bytes, String charset) {
		Charset cs = charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
		String text = new String(bytes, cs);
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

	private static SSLSocketFactory defaultTls() {
		try {
			return SSLContext.getDefault().getSocketFactory();
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("no TLS available in this Java runtime", e);
		}
	}
}
