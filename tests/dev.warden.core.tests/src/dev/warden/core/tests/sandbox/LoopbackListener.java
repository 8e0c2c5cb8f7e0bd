package dev.warden.core.tests.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A server of the test in the host's network namespace, on every address, counting the connections it accepts. */
final class LoopbackListener implements AutoCloseable {

	private final ServerSocket server;
	private final AtomicInteger accepted = new AtomicInteger();

	LoopbackListener() throws IOException {
		server = new ServerSocket();
		server.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
		Thread.ofPlatform().daemon().start(() -> {
			while (!server.isClosed()) {
				try (Socket socket = server.accept()) {
					accepted.incrementAndGet();
					socket.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\nreached the host\n".getBytes());
				} catch (IOException e) {
					// closed
				}
			}
		});
	}

	int port() {
		return server.getLocalPort();
	}

	int accepted() {
		return accepted.get();
	}

	@Override
	public void close() throws IOException {
		server.close();
	}
}
