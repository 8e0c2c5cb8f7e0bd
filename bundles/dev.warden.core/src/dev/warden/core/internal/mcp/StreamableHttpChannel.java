package dev.warden.core.internal.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import javax.net.ssl.SSLSocketFactory;

import dev.warden.core.internal.protect.Deadline;
import dev.warden.core.internal.protect.HttpExchange;
import dev.warden.core.internal.provider.SseParser;
import dev.warden.core.protect.HttpTarget;

/**
 * MCP's Streamable HTTP transport framed as the lines of the stdio transport, so that one JSON-RPC layer serves both:
 * each line the client writes is POSTed to the server's URL ({@code Accept: application/json, text/event-stream});
 * the answer, a JSON body or an event stream (with the server's notifications and requests before the response), is
 * handed back as lines. The session id the server gives at {@code initialize} ({@code Mcp-Session-Id}) and the
 * negotiated protocol revision ({@code MCP-Protocol-Version}) go with every later request; closing sends
 * {@code DELETE}. Every request goes to the address the URL policy judged ({@link HttpExchange}, no second lookup of
 * the name, so no DNS-rebinding window), one request a connection. An HTTP failure of a request is handed back as a JSON-RPC error of that request, saying the status
 * and the start of the body. Written here rather than taken from the MCP Java SDK for the reasons in
 * {@code releng/README.md}; the event streams are read by the providers' {@link SseParser}.
 */
final class StreamableHttpChannel implements McpChannel {

	private static final byte[] END = new byte[0];

	private static final int ERROR_TAIL_CHARS = 4096;

	/** How long one exchange may take, an answer streamed during a call included (a call times out after 5 minutes). */
	private static final Duration EXCHANGE_LIMIT = Duration.ofMinutes(6);

	private final String name;

	/** Where the messages go: the URL the policy judged, and the address it judged (no second lookup). */
	private final HttpTarget target;

	private final InetAddress address;

	private final SSLSocketFactory tls;

	/** The exchanges under way, closed when the session ends so that no POST outlives it. */
	private final Set<HttpExchange> open = ConcurrentHashMap.newKeySet();

	private final Map<String, String> headers;


	private final ExecutorService posts;

	private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();

	private final StringBuilder errors = new StringBuilder();

	private final InputStream in = new QueueInputStream();

	private final OutputStream out = new LineOutputStream();

	private volatile String sessionId;

	private volatile String protocolVersion;

	private volatile boolean closed;

	StreamableHttpChannel(String name, HttpTarget target, InetAddress address, Map<String, String> headers,
			SSLSocketFactory tls) {
		this.name = name;
		this.target = target;
		this.address = address;
		this.headers = Map.copyOf(headers);
		this.tls = tls;
		this.posts = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "Warden MCP HTTP: " + name); //$NON-NLS-1$
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public InputStream in() {
		return in;
	}

	@Override
	public OutputStream out() {
		return out;
	}

	@Override
	public boolean isAlive() {
		return !closed;
	}

	@Override
	public String errorOutput() {
		synchronized (errors) {
			return errors.toString();
		}
	}

	@Override
	public String whyClosed() {
		String tail = errorOutput().strip();
		return "the HTTP session ended" + (tail.isEmpty() ? "" : "; its last failures: " + tail); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	private Map<String, String> requestHeaders() {
		Map<String, String> request = new LinkedHashMap<>(headers);
		String session = sessionId;
		if (session != null) {
			request.put("Mcp-Session-Id", session); //$NON-NLS-1$
		}
		String version = protocolVersion;
		if (version != null) {
			request.put("MCP-Protocol-Version", version); //$NON-NLS-1$
		}
		return request;
	}

	/** POSTs one message of the client, off the writer's thread: an answer may stream for as long as a call runs. */
	private void send(String line) {
		if (closed) {
			return;
		}
		JsonElement id = null;
		try {
			JsonObject message = JsonParser.parseString(line).getAsJsonObject();
			id = message.get("id"); //$NON-NLS-1$
			if ("initialize".equals(message.has("method") ? message.get("method").getAsString() : "")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				sessionId = null;
			}
		} catch (RuntimeException e) {
			// the JSON-RPC layer writes well-formed objects; anything else is sent as it is
		}
		JsonElement requestId = id;
		posts.execute(() -> post(line, requestId));
	}

	private void post(String line, JsonElement id) {
		Map<String, String> request = requestHeaders();
		request.put("Content-Type", "application/json"); //$NON-NLS-1$ //$NON-NLS-2$
		request.put("Accept", "application/json, text/event-stream"); //$NON-NLS-1$ //$NON-NLS-2$
		try (HttpExchange response = HttpExchange.send("POST", target, address, request, //$NON-NLS-1$
				line.getBytes(StandardCharsets.UTF_8), Deadline.after(EXCHANGE_LIMIT), tls)) {
			open.add(response);
			try {
				String session = response.header("Mcp-Session-Id"); //$NON-NLS-1$
				if (session != null) {
					sessionId = session;
				}
				InputStream body = response.body();
				int status = response.status();
				String type = String.valueOf(response.header("Content-Type")).toLowerCase(java.util.Locale.ROOT); //$NON-NLS-1$
				if (status >= 200 && status < 300) {
					if (type.startsWith("text/event-stream")) { //$NON-NLS-1$
						readEvents(body);
					} else if (type.startsWith("application/json")) { //$NON-NLS-1$
						deliverJson(new String(readCapped(body), StandardCharsets.UTF_8));
					} else if (id != null && status != 202) {
						failRequest(id, "HTTP " + status + " with content type '" + type + "'"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					}
				} else {
					String text = new String(readCapped(body), StandardCharsets.UTF_8).strip();
					String why = "HTTP " + status + (text.isEmpty() ? "" : ": " + shorten(text)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					noteError(why);
					if (id != null) {
						failRequest(id, why);
					}
				}
			} finally {
				open.remove(response);
			}
		} catch (IOException | IllegalArgumentException e) {
			if (closed) {
				return; // the session ended under this request
			}
			String why = "the request failed: " + e.getMessage(); //$NON-NLS-1$
			noteError(why);
			if (id != null) {
				failRequest(id, why);
			}
		}
	}

	private static String shorten(String text) {
		String flat = text.replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
		return flat.length() <= 300 ? flat : flat.substring(0, 300) + '\u2026';
	}

	private static byte[] readCapped(InputStream body) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while ((n = body.read(buffer)) > 0) {
			if (bytes.size() + n > JsonRpcConnection.MAX_MESSAGE_BYTES) {
				throw new IOException("the answer is larger than " + JsonRpcConnection.MAX_MESSAGE_BYTES / (1024 * 1024) //$NON-NLS-1$
						+ " MB"); //$NON-NLS-1$
			}
			bytes.write(buffer, 0, n);
		}
		return bytes.toByteArray();
	}

	private void readEvents(InputStream body) throws IOException {
		SseParser parser = new SseParser((type, data) -> {
			if (!data.isBlank()) {
				deliverJson(data);
			}
		});
		byte[] buffer = new byte[8192];
		int n;
		while (!closed && (n = body.read(buffer)) > 0) {
			parser.feed(buffer, 0, n);
		}
		parser.finish();
	}

	/** Hands a message (or a batch) of the server back as lines; malformed JSON is handed back as it is. */
	private void deliverJson(String json) {
		JsonElement element;
		try {
			element = JsonParser.parseString(json);
		} catch (JsonParseException e) {
			deliver(json.replace('\n', ' '));
			return;
		}
		if (element.isJsonArray()) {
			for (JsonElement each : (JsonArray) element) {
				deliver(each.toString());
			}
		} else {
			noteProtocolVersion(element);
			deliver(element.toString());
		}
	}

	/** The revision the server chose in its answer to {@code initialize} goes with every later request. */
	private void noteProtocolVersion(JsonElement message) {
		if (protocolVersion == null && message.isJsonObject() && message.getAsJsonObject().has("result")) { //$NON-NLS-1$
			JsonElement result = message.getAsJsonObject().get("result"); //$NON-NLS-1$
			if (result.isJsonObject() && result.getAsJsonObject().has("protocolVersion")) { //$NON-NLS-1$
				protocolVersion = result.getAsJsonObject().get("protocolVersion").getAsString(); //$NON-NLS-1$
			}
		}
	}

	private void failRequest(JsonElement id, String why) {
		JsonObject error = new JsonObject();
		error.addProperty("code", -32000); //$NON-NLS-1$
		error.addProperty("message", why); //$NON-NLS-1$
		JsonObject answer = new JsonObject();
		answer.addProperty("jsonrpc", "2.0"); //$NON-NLS-1$ //$NON-NLS-2$
		answer.add("id", id); //$NON-NLS-1$
		answer.add("error", error); //$NON-NLS-1$
		deliver(answer.toString());
	}

	private void deliver(String line) {
		incoming.add((line + '\n').getBytes(StandardCharsets.UTF_8));
	}

	private void noteError(String why) {
		synchronized (errors) {
			errors.append(why).append('\n');
			if (errors.length() > ERROR_TAIL_CHARS) {
				errors.delete(0, errors.length() - ERROR_TAIL_CHARS);
			}
		}
	}

	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		String session = sessionId;
		if (session != null) {
			try (HttpExchange ended = HttpExchange.send("DELETE", target, address, requestHeaders(), null, //$NON-NLS-1$
					Deadline.after(Duration.ofSeconds(5)), tls)) {
				ended.status();
			} catch (IOException | IllegalArgumentException e) {
				// the session ends on the server's side in time
			}
		}
		for (HttpExchange exchange : open) {
			try {
				exchange.close();
			} catch (IOException e) {
				// closing anyway
			}
		}
		posts.shutdownNow();
		incoming.add(END);
	}

	/** The server's messages as one stream of lines. */
	private final class QueueInputStream extends InputStream {

		private byte[] current = new byte[0];

		private int position;

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			while (position >= current.length) {
				if (current == END) {
					return -1;
				}
				try {
					current = incoming.take();
					position = 0;
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted", e); //$NON-NLS-1$
				}
				if (current == END) {
					incoming.add(END); // later reads end too
					return -1;
				}
			}
			int n = Math.min(length, current.length - position);
			System.arraycopy(current, position, buffer, offset, n);
			position += n;
			return n;
		}
	}

	/** Collects what the JSON-RPC layer writes and sends each complete line. */
	private final class LineOutputStream extends OutputStream {

		private final ByteArrayOutputStream line = new ByteArrayOutputStream();

		@Override
		public synchronized void write(int b) throws IOException {
			if (closed) {
				throw new IOException("The HTTP session of the MCP server '" + name + "' ended."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (b == '\n') {
				String text = line.toString(StandardCharsets.UTF_8);
				line.reset();
				if (!text.isBlank()) {
					send(text);
				}
			} else {
				line.write(b);
			}
		}

		@Override
		public synchronized void write(byte[] buffer, int offset, int length) throws IOException {
			for (int i = offset; i < offset + length; i++) {
				write(buffer[i]);
			}
		}
	}
}
