package dev.warden.core.tests.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that answers model requests from a script of replies, byte for byte from recorded
 * event streams, and records every request it receives so tests can assert headers and bodies.
 */
public final class LoopbackModelServer implements AutoCloseable {

	/** A request as the server received it. */
	public record Received(String method, String path, Map<String, String> headers, String body) {

		/** @return the header's value; names are case-insensitive */
		public String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}

		public JsonObject json() {
			return JsonParser.parseString(body).getAsJsonObject();
		}
	}

	/** One scripted answer. */
	@FunctionalInterface
	public interface Reply {
		void send(HttpExchange exchange) throws IOException;
	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Queue<Reply> replies = new ArrayDeque<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final List<Consumer<Received>> checks = new CopyOnWriteArrayList<>();

	public LoopbackModelServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		server.start();
	}

	/** @return e.g. {@code http://127.0.0.1:45678} (append {@code /v1} for OpenAI-compatible servers) */
	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	public synchronized LoopbackModelServer then(Reply reply) {
		replies.add(reply);
		return this;
	}

	/** Runs {@code check} on every request as it arrives (failures surface through {@link #received()} users). */
	public void onRequest(Consumer<Received> check) {
		checks.add(check);
	}

	public List<Received> received() {
		return List.copyOf(received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream().collect(Collectors
					.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(",", e.getValue()), (a, b) -> a));
			Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
					new String(body, StandardCharsets.UTF_8));
			received.add(request);
			checks.forEach(check -> check.accept(request));
			Reply reply;
			synchronized (this) {
				reply = replies.poll();
			}
			if (reply == null) {
				status(500, "{\"error\":{\"message\":\"no reply scripted\"}}").send(exchange);
			} else {
				reply.send(exchange);
			}
		}
	}

	/** @return the bytes of a recorded stream next to this class */
	public static byte[] resource(String name) {
		return resource(LoopbackModelServer.class, name);
	}

	/** @return the bytes of a recorded stream next to {@code anchor} */
	public static byte[] resource(Class<?> anchor, String name) {
		try (InputStream in = anchor.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("missing test resource " + name);
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A 200 event stream, sent in chunks of {@code chunkSize} bytes, each flushed. */
	public static Reply sse(byte[] stream, int chunkSize) {
		return exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			for (int i = 0; i < stream.length; i += chunkSize) {
				out.write(stream, i, Math.min(chunkSize, stream.length - i));
				out.flush();
			}
		};
	}

	/** A 200 event stream from a resource next to this class, one event per chunk. */
	public static Reply sse(String resource) {
		return sse(LoopbackModelServer.class, resource);
	}

	/** A 200 event stream from a resource next to {@code anchor}, one event per chunk. */
	public static Reply sse(Class<?> anchor, String resource) {
		byte[] stream = resource(anchor, resource);
		return exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			String text = new String(stream, StandardCharsets.UTF_8);
			for (String event : text.split("(?<=\n\n)")) {
				out.write(event.getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
		};
	}

	/** A stream that announces more bytes than it sends, then drops the connection. */
	public static Reply cutOff(byte[] stream, int sentBytes) {
		return exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, stream.length);
			OutputStream out = exchange.getResponseBody();
			out.write(stream, 0, sentBytes);
			out.flush();
			exchange.close();
		};
	}

	/** Sends {@code head}, waits until {@code release} (or 20 s), then sends {@code tail}. */
	public static Reply stall(byte[] head, CountDownLatch release, byte[] tail) {
		return exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			out.write(head);
			out.flush();
			try {
				release.await(20, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			out.write(tail);
			out.flush();
		};
	}

	/** An error status with a JSON body and extra headers given as name, value, name, value … */
	public static Reply status(int code, String body, String... headers) {
		return exchange -> {
			for (int i = 0; i + 1 < headers.length; i += 2) {
				exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
		};
	}

	/** Waits before answering with {@code reply}. */
	public static Reply delayed(Duration delay, Reply reply) {
		return exchange -> {
			try {
				Thread.sleep(delay.toMillis());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			reply.send(exchange);
		};
	}

	/** @return the byte offset of {@code text} in {@code stream} */
	public static int indexOf(byte[] stream, String text) {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		outer: for (int i = 0; i + needle.length <= stream.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (stream[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new IllegalArgumentException("not in the stream: " + text);
	}

	/** @return the text with every LF replaced by CRLF */
	public static byte[] crlf(byte[] stream) {
		return new String(stream, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	/** @return {@code stream} concatenated */
	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}
}
