package dev.warden.core.tests.sandbox;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Unix-domain socket of the test in a folder of the host, such as a container engine's or a credential cache's in the
 * home folder, that answers each connection with a secret and counts the connections it accepts.
 */
final class UnixListener implements AutoCloseable {

	private final ServerSocketChannel server;
	private final Path path;
	private final AtomicInteger accepted = new AtomicInteger();

	UnixListener(Path path, String secret) throws IOException {
		this.path = path;
		Files.createDirectories(path.getParent());
		server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		server.bind(UnixDomainSocketAddress.of(path));
		Thread.ofPlatform().daemon().start(() -> {
			while (server.isOpen()) {
				try (SocketChannel socket = server.accept()) {
					accepted.incrementAndGet();
					socket.write(ByteBuffer.wrap(("HTTP/1.0 200 OK\r\n\r\n" + secret + "\n")
							.getBytes(StandardCharsets.US_ASCII)));
					// the end of the answer; then what the client sent is read until it closes (a socket closed
					// with unread data would reset the connection before the client read the answer)
					socket.shutdownOutput();
					ByteBuffer sink = ByteBuffer.allocate(4096);
					while (socket.read(sink.clear()) >= 0) {
						// drained
					}
				} catch (IOException e) {
					// closed
				}
			}
		});
	}

	int accepted() {
		return accepted.get();
	}

	@Override
	public void close() throws IOException {
		server.close();
		Files.deleteIfExists(path);
	}
}
