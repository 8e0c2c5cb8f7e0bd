package dev.warden.core.internal.protect;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import dev.warden.core.protect.HttpTarget;

/**
 * One HTTP/1.1 exchange (a GET, or a request with a body) over a socket connected to an address chosen by the caller.
 * <p>
 * Hand-written because the URL policy must connect to exactly the address it checked: {@code java.net.http.HttpClient}
 * and {@code HttpURLConnection} take a URL and resolve its host themselves, leaving a window in which a name can
 * resolve to another address (DNS rebinding) between the check and the connection. Here the TCP connection goes to
 * the checked address; for {@code https} the TLS layer is put on top with the original host name for SNI and
 * certificate verification (endpoint identification {@code HTTPS}), so the server must still prove it is that host.
 * Only what a fetch and an MCP session need is supported: one request per connection ({@code Connection: close}),
 * response bodies delimited by {@code Content-Length},
 * chunked transfer coding or the end of the connection. Every read is bounded by the {@link Deadline}.
 */
public final class HttpExchange implements Closeable {

	private static final int MAX_LINE = 8 * 1024;
	private static final int MAX_HEADER_BYTES = 64 * 1024;

	private final Socket socket;
	private final int status;
	private final Map<String, List<String>> headers;
	private final InputStream body;

	private HttpExchange(Socket socket, int status, Map<String, List<String>> headers, InputStream body) {
		this.socket = socket;
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	/**
	 * Sends {@code GET target} to {@code address} and reads the status and headers; the body is left to read.
	 *
	 * @param tls the factory for {@code https} connections
	 */
	public static HttpExchange get(HttpTarget target, InetAddress address, Deadline deadline, SSLSocketFactory tls,
			String accept) throws IOException {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("User-Agent", "Warden");
		headers.put("Accept", accept);
		headers.put("Accept-Encoding", "gzip");
		return send("GET", target, address, headers, null, deadline, tls);
	}

	/**
	 * Sends {@code method target} with {@code headers} (and {@code body}, if not {@code null}, with its length) to
	 * {@code address} and reads the status and headers; the body is left to read. The connection is closed after
	 * the exchange.
	 *
	 * @param tls the factory for {@code https} connections
	 */
	public static HttpExchange send(String method, HttpTarget target, InetAddress address, Map<String, String> headers,
			byte[] body, Deadline deadline, SSLSocketFactory tls) throws IOException {
		Socket plain = new Socket();
		Socket socket = plain;
		try {
			plain.connect(new InetSocketAddress(address, target.port()), deadline.remainingMillis());
			if (target.scheme().equals("https")) {
				SSLSocket secure = (SSLSocket) tls.createSocket(plain, target.host(), target.port(), true);
				SSLParameters parameters = secure.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				if (!target.ipLiteral()) {
					parameters.setServerNames(List.of(new SNIHostName(target.host())));
				}
				secure.setSSLParameters(parameters);
				socket = secure;
				socket.setSoTimeout(deadline.remainingMillis());
				secure.startHandshake();
			}
			OutputStream out = socket.getOutputStream();
			StringBuilder request = new StringBuilder(method).append(' ').append(target.pathAndQuery())
					.append(" HTTP/1.1\r\nHost: ").append(target.authority()).append("\r\n");
			headers.forEach((name, value) -> {
				if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
						|| value.indexOf('\n') >= 0) {
					throw new IllegalArgumentException("a header may not hold a line break: " + name);
				}
				request.append(name).append(": ").append(value).append("\r\n");
			});
			if (body != null) {
				request.append("Content-Length: ").append(body.length).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				out.write(body);
			}
			out.flush();
			InputStream in = new BufferedInputStream(new DeadlineInputStream(socket, deadline));
			int status;
			Map<String, List<String>> responseHeaders;
			do {
				status = readStatus(readLine(in));
				responseHeaders = readHeaders(in);
			} while (status >= 100 && status < 200);
			return new HttpExchange(socket, status, responseHeaders, body(in, responseHeaders, status));
		} catch (IOException | RuntimeException e) {
			socket.close();
			throw e;
		}
	}

	public int status() {
		return status;
	}

	/** The header's values joined with commas, or {@code null}; names ignore case. */
	public String header(String name) {
		List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
		return values == null ? null : String.join(", ", values);
	}

	/** The body with the transfer coding removed (a content coding such as gzip is left to the caller). */
	public InputStream body() {
		return body;
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	private static int readStatus(String line) throws ProtocolException {
		String[] parts = line.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
			throw new ProtocolException("not an HTTP/1.x response: " + abbreviate(line));
		}
		return Integer.parseInt(parts[1]);
	}

	private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		int total = 0;
		for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
			total += line.length();
			if (total > MAX_HEADER_BYTES) {
				throw new ProtocolException("response headers larger than " + MAX_HEADER_BYTES + " bytes");
			}
			int colon = line.indexOf(':');
			if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
				throw new ProtocolException("malformed header line: " + abbreviate(line));
			}
			headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
					.add(line.substring(colon + 1).trim());
		}
		return headers;
	}

	private static InputStream body(InputStream in, Map<String, List<String>> headers, int status) throws IOException {
		if (status == 204 || status == 304) {
			return InputStream.nullInputStream();
		}
		List<String> transfer = headers.get("transfer-encoding");
		if (transfer != null) {
			String coding = String.join(",", transfer).toLowerCase(Locale.ROOT).replace(" ", "");
			if (!coding.equals("chunked")) {
				throw new ProtocolException("unsupported transfer encoding '" + coding + "'");
			}
			return new ChunkedInputStream(in);
		}
		List<String> lengths = headers.get("content-length");
		if (lengths != null) {
			long length = -1;
			for (String value : String.join(",", lengths).split(",")) {
				String v = value.trim();
				if (!v.matches("[0-9]{1,18}") || (length >= 0 && length != Long.parseLong(v))) {
					throw new ProtocolException("invalid Content-Length '" + String.join(",", lengths) + "'");
				}
				length = Long.parseLong(v);
			}
			return new LimitedInputStream(in, length);
		}
		return in;
	}

	static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new EOFException("connection closed in the middle of the response head");
			}
			if (line.size() >= MAX_LINE) {
				throw new ProtocolException("response line longer than " + MAX_LINE + " bytes");
			}
			line.write(c);
		}
		String text = line.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	private static String abbreviate(String line) {
		return line.length() > 80 ? line.substring(0, 80) + "…" : line;
	}

	/** Sets the socket's read time-out to what is left of the deadline before every read. */
	private static final class DeadlineInputStream extends FilterInputStream {
		private final Socket socket;
		private final Deadline deadline;

		DeadlineInputStream(Socket socket, Deadline deadline) throws IOException {
			super(socket.getInputStream());
			this.socket = socket;
			this.deadline = deadline;
		}

		@Override
		public int read() throws IOException {
			socket.setSoTimeout(deadline.remainingMillis());
			return super.read();
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			socket.setSoTimeout(deadline.remainingMillis());
			return super.read(b, off, len);
		}
	}

	/** A body of known length. */
	private static final class LimitedInputStream extends FilterInputStream {
		private long left;

		LimitedInputStream(InputStream in, long length) {
			super(in);
			this.left = length;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (left <= 0) {
				return -1;
			}
			int n = super.read(b, off, (int) Math.min(len, left));
			if (n < 0) {
				throw new EOFException("connection closed before the announced end of the body");
			}
			left -= n;
			return n;
		}
	}

	/** The chunked transfer coding of HTTP/1.1: size lines in hexadecimal, each chunk, then trailers. */
	private static final class ChunkedInputStream extends FilterInputStream {
		private long chunkLeft;
		private boolean done;

		ChunkedInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (done) {
				return -1;
			}
			if (chunkLeft == 0) {
				String sizeLine = readLine(in);
				int semicolon = sizeLine.indexOf(';');
				String size = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
				if (!size.matches("[0-9A-Fa-f]{1,15}")) {
					throw new ProtocolException("malformed chunk size '" + abbreviate(sizeLine) + "'");
				}
				chunkLeft = Long.parseLong(size, 16);
				if (chunkLeft == 0) {
					while (!readLine(in).isEmpty()) {
						// trailer fields carry nothing a fetch uses
					}
					done = true;
					return -1;
				}
			}
			int n = in.read(b, off, (int) Math.min(len, chunkLeft));
			if (n < 0) {
				throw new EOFException("connection closed in the middle of a chunk");
			}
			chunkLeft -= n;
			if (chunkLeft == 0 && !readLine(in).isEmpty()) {
				throw new ProtocolException("missing line end after a chunk");
			}
			return n;
		}
	}
}
