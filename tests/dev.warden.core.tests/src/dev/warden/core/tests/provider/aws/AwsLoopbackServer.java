package dev.warden.core.tests.provider.aws;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 playing one AWS endpoint (the Bedrock runtime, the IAM Identity Center portal, a
 * container's or an instance's credential endpoint): scripted replies, every request recorded with its raw path and
 * query as sent.
 */
final class AwsLoopbackServer implements AutoCloseable {

	/** A request as received. */
	record Received(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {

		String header(String name) {
			return headers.getFirst(name);
		}

		JsonObject json() {
			return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
		}
	}

	@FunctionalInterface
	interface Reply {
		void send(HttpExchange exchange) throws IOException;
	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Queue<Reply> replies = new ArrayDeque<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private Reply always;

	AwsLoopbackServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	synchronized AwsLoopbackServer then(Reply reply) {
		replies.add(reply);
		return this;
	}

	/** The reply to every request once the scripted ones are used up. */
	synchronized AwsLoopbackServer always(Reply reply) {
		always = reply;
		return this;
	}

	List<Received> received() {
		return List.copyOf(received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
			Reply reply;
			synchronized (this) {
				reply = replies.isEmpty() ? always : replies.poll();
			}
			if (reply == null) {
				json(500, "{\"message\":\"no reply scripted\"}").send(exchange);
			} else {
				reply.send(exchange);
			}
		}
	}

	/** A 200 event stream sent in pieces of {@code chunk} bytes, each flushed. */
	static Reply eventStream(byte[] stream, int chunk) {
		return exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			for (int i = 0; i < stream.length; i += chunk) {
				out.write(stream, i, Math.min(chunk, stream.length - i));
				out.flush();
			}
		};
	}

	/** A JSON answer with {@code status}. */
	static Reply json(int status, String body) {
		return text(status, "application/json", body);
	}

	static Reply text(int status, String contentType, String body) {
		return exchange -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
		};
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}
}
