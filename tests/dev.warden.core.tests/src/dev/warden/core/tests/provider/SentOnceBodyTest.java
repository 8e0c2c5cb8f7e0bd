package dev.warden.core.tests.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.warden.core.internal.provider.SentOnceBody;

/**
 * A model request's body (the whole conversation) is not kept by the HTTP client's connection pool once the answer
 * came: a real client, a real loopback server, the client kept alive with its pooled connection.
 */
class SentOnceBodyTest {

	private HttpServer server;
	private HttpClient client;

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/chat", exchange -> {
			byte[] request = exchange.getRequestBody().readAllBytes();
			byte[] answer = ("received " + request.length).getBytes();
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
		// as Warden's providers build theirs: with a connect time-out, whose timer event keeps the first exchange
		client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(20))
				.build();
	}

	@AfterEach
	void stop() {
		client.close();
		server.stop(0);
	}

	@Test
	void theBodyIsNotHeldOnceTheAnswerCame() throws Exception {
		WeakReference<byte[]> body = send();
		for (int i = 0; i < 10 && body.get() != null; i++) {
			System.gc();
			Thread.sleep(20);
		}
		assertTrue(body.get() == null, "the pooled connection does not keep the 4 MB body");
		// the connection is still pooled and used again
		assertEquals(200, client.send(HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.ofString("again"))
				.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
	}

	@Test
	void aReleasedBodyIsNotSentAgain() throws Exception {
		SentOnceBody sent = new SentOnceBody(new byte[] { 1, 2, 3 });
		HttpRequest request = HttpRequest.newBuilder(uri()).POST(sent).build();
		assertEquals("received 3", client.send(request, HttpResponse.BodyHandlers.ofString()).body());
		sent.release();
		assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
	}

	private WeakReference<byte[]> send() throws Exception {
		byte[] bytes = new byte[4 << 20];
		Arrays.fill(bytes, (byte) 'x');
		SentOnceBody sent = new SentOnceBody(bytes);
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri()).POST(sent).build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals("received " + (4 << 20), response.body());
		sent.release();
		return new WeakReference<>(bytes);
	}

	private URI uri() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat");
	}
}
