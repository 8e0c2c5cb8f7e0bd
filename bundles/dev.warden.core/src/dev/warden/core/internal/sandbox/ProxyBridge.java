package dev.warden.core.internal.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs inside the sandbox, whose network namespace has only a loopback interface: accepts connections on
 * {@code 127.0.0.1:PORT} (what {@code HTTP(S)_PROXY} names) and carries each, byte for byte, to the host's proxy
 * through the Unix socket bound into the sandbox. It decides nothing; the host's {@link ConnectProxy} does.
 * <p>
 * The sandbox runs this one class from a copy of its class file, so it uses nothing of Warden but itself (no nested
 * classes either).
 */
public final class ProxyBridge {

	private ProxyBridge() {
	}

	/** Arguments: port, socket path, a file to create once listening. */
	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		Path socket = Path.of(args[1]);
		try (ServerSocketChannel server = ServerSocketChannel.open()) {
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
			Files.createFile(Path.of(args[2]));
			while (true) {
				SocketChannel client = server.accept();
				Thread.ofPlatform().daemon().start(() -> serve(client, socket));
			}
		}
	}

	private static void serve(SocketChannel client, Path socket) {
		try (client; SocketChannel host = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
			Thread back = Thread.ofPlatform().daemon().start(() -> pump(host, client));
			pump(client, host);
			back.join();
		} catch (IOException e) {
			// the connection ends; the client sees it closed
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void pump(SocketChannel from, SocketChannel to) {
		ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
		try {
			while (from.read(buffer) >= 0) {
				buffer.flip();
				while (buffer.hasRemaining()) {
					to.write(buffer);
				}
				buffer.clear();
			}
			to.shutdownOutput();
		} catch (IOException e) {
			try {
				to.close();
				from.close();
			} catch (IOException ignored) {
				// both ends are going away
			}
		}
	}
}
