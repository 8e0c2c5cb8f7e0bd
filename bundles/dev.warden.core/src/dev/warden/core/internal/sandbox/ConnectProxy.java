package dev.warden.core.internal.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.warden.core.protect.UrlDecision;
import dev.warden.core.protect.UrlPolicy;

/**
 * The only way out of a sandbox's network namespace: an HTTP proxy on a Unix socket bound into the sandbox (reached
 * there through {@link ProxyBridge}). It understands {@code CONNECT host:port} (HTTPS and any TLS) and plain-HTTP
 * requests in absolute form. A host must be on the sandbox's allowed list (unless the run was granted network) and
 * the URL policy must allow it — no loopback, private or metadata addresses — and the connection goes to exactly the
 * address the policy checked. Every decision is recorded for the command's result.
 */
public final class ConnectProxy implements AutoCloseable {

	private static final int MAX_HEADER = 16 * 1024;

	private final UrlPolicy policy;
	private final Set<String> allowedHosts;
	private final boolean anyHost;
	private final ServerSocketChannel server;
	private final List<String> decisions = new ArrayList<>();
	private final Thread acceptor;

	/**
	 * Listens on {@code socket}.
	 *
	 * @param allowedHosts names ({@code registry.npmjs.org}) or {@code *.domain}
	 * @param anyHost      whether every host the URL policy allows may be reached
	 */
	public ConnectProxy(Path socket, UrlPolicy policy, Set<String> allowedHosts, boolean anyHost) throws IOException {
		this.policy = policy;
		this.allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).collect(
				java.util.stream.Collectors.toUnmodifiableSet());
		this.anyHost = anyHost;
		this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		server.bind(UnixDomainSocketAddress.of(socket));
		this.acceptor = Thread.ofPlatform().daemon().name("Warden sandbox proxy").start(this::accept);
	}

	/** The decisions so far, one line each. */
	public synchronized List<String> decisions() {
		return List.copyOf(decisions);
	}

	private synchronized void record(String line) {
		decisions.add(line);
	}

	private void accept() {
		while (server.isOpen()) {
			try {
				SocketChannel client = server.accept();
				Thread.ofPlatform().daemon().name("Warden sandbox proxy connection").start(() -> serve(client));
			} catch (IOException e) {
				return; // closed
			}
		}
	}

	private void serve(SocketChannel channel) {
		try (channel; InputStream in = Channels.newInputStream(channel);
				OutputStream out = Channels.newOutputStream(channel)) {
			byte[] header = readHeader(in);
			if (header == null) {
				return;
			}
			String text = new String(header, StandardCharsets.ISO_8859_1);
			String requestLine = text.substring(0, text.indexOf("\r\n"));
			String[] parts = requestLine.split(" ");
			if (parts.length != 3) {
				refuse(out, 400, "malformed request line");
				return;
			}
			boolean connect = parts[0].equalsIgnoreCase("CONNECT");
			String url = connect ? "https://" + parts[1] + "/" : parts[1];
			if (!connect && !url.toLowerCase(Locale.ROOT).startsWith("http://")) {
				refuse(out, 400, "only CONNECT and absolute http:// requests are proxied");
				return;
			}
			UrlDecision decision = policy.decide(url);
			String where = decision.target() == null ? parts[1] : decision.target().host() + ":" + decision.target().port();
			if (decision.target() != null && !hostAllowed(decision.target().host())) {
				record("REFUSED " + where + ": not on the list of hosts commands may reach");
				refuse(out, 403, where + " is not on the list of hosts commands may reach (Warden's Protection settings)");
				return;
			}
			if (!decision.isAllowed()) {
				record("REFUSED " + where + ": " + decision.reason());
				refuse(out, 403, decision.reason());
				return;
			}
			record("ALLOWED " + where);
			try (Socket upstream = new Socket()) {
				upstream.connect(new InetSocketAddress(decision.address(), decision.target().port()), 15_000);
				if (connect) {
					out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
				} else {
					upstream.getOutputStream().write(originForm(text, parts).getBytes(StandardCharsets.ISO_8859_1));
				}
				Thread back = Thread.ofPlatform().daemon().start(() -> pump(in, upstream));
				pump(upstream.getInputStream(), out);
				back.join(1000);
			}
		} catch (IOException e) {
			// the client or the server went away
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean hostAllowed(String host) {
		if (anyHost || allowedHosts.contains(host)) {
			return true;
		}
		for (String allowed : allowedHosts) {
			if (allowed.startsWith("*.") && host.endsWith(allowed.substring(1))) {
				return true;
			}
		}
		return false;
	}

	/** The request with its line in origin form ({@code GET /path HTTP/1.1}) and the connection closed afterwards. */
	private static String originForm(String header, String[] parts) {
		String url = parts[1];
		int pathStart = url.indexOf('/', "http://".length());
		String path = pathStart < 0 ? "/" : url.substring(pathStart);
		StringBuilder rest = new StringBuilder();
		for (String line : header.substring(header.indexOf("\r\n") + 2).split("\r\n")) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (!line.isEmpty() && !lower.startsWith("proxy-") && !lower.startsWith("connection:")) {
				rest.append(line).append("\r\n");
			}
		}
		return parts[0] + " " + path + " " + parts[2] + "\r\n" + rest + "Connection: close\r\n\r\n";
	}

	private static void pump(InputStream from, Socket to) {
		try {
			from.transferTo(to.getOutputStream());
			to.shutdownOutput();
		} catch (IOException e) {
			// one side closed
		}
	}

	private static void pump(InputStream from, OutputStream to) throws IOException {
		from.transferTo(to);
		to.flush();
	}

	private static void refuse(OutputStream out, int status, String reason) throws IOException {
		String body = "Warden: " + reason + "\n";
		String response = "HTTP/1.1 " + status + (status == 403 ? " Forbidden" : " Bad Request") + "\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\nContent-Length: "
				+ body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n";
		out.write(response.getBytes(StandardCharsets.ISO_8859_1));
		out.write(body.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** The request head up to and including the blank line, or {@code null} if the client closed first. */
	private static byte[] readHeader(InputStream in) throws IOException {
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		int matched = 0;
		int b;
		while ((b = in.read()) >= 0) {
			header.write(b);
			matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
					? matched + 1
					: (b == '\r' ? 1 : 0);
			if (matched == 4) {
				return header.toByteArray();
			}
			if (header.size() > MAX_HEADER) {
				return null;
			}
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		server.close();
		acceptor.interrupt();
	}
}
