package dev.warden.core.internal.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.mcp.McpException;
import dev.warden.core.operations.Cancellation;

/**
 * JSON-RPC 2.0 over newline-delimited messages (the MCP stdio framing): requests with their pending answers,
 * notifications both ways, and the few requests a server sends a client ({@code ping} is answered, anything else
 * gets "method not found"). One reader thread per connection; writes are serialised.
 */
final class JsonRpcConnection {

	/** The largest message accepted; a bigger one ends the connection with a clear error. */
	static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

	private final String name;

	private final InputStream in;

	private final OutputStream out;

	private final BiConsumer<String, JsonObject> notifications;

	private final Supplier<String> whyClosed;

	private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private volatile String failure;

	private final Thread reader;

	/**
	 * @param name          the server's name, for messages
	 * @param notifications hears every notification from the server (method, params); called on the reader thread
	 * @param whyClosed     explains an end of input (e.g. the process's exit code and error output)
	 */
	JsonRpcConnection(String name, InputStream in, OutputStream out, BiConsumer<String, JsonObject> notifications,
			Supplier<String> whyClosed) {
		this.name = name;
		this.in = in;
		this.out = out;
		this.notifications = notifications;
		this.whyClosed = whyClosed;
		this.reader = new Thread(this::readLoop, "Warden MCP reader: " + name); //$NON-NLS-1$
		reader.setDaemon(true);
		reader.start();
	}

	boolean isOpen() {
		return failure == null;
	}

	/** Sends a request and waits for its result. */
	JsonObject request(String method, JsonObject params, Duration timeout, Cancellation cancellation)
			throws McpException {
		long id = ids.incrementAndGet();
		CompletableFuture<JsonObject> answer = new CompletableFuture<>();
		pending.put(id, answer);
		try (Cancellation.Registration r = cancellation.onCancel(() -> {
			if (answer.cancel(false)) {
				sendCancelled(id, "The user stopped the request."); //$NON-NLS-1$
			}
		})) {
			JsonObject message = new JsonObject();
			message.addProperty("jsonrpc", "2.0"); //$NON-NLS-1$ //$NON-NLS-2$
			message.addProperty("id", id); //$NON-NLS-1$
			message.addProperty("method", method); //$NON-NLS-1$
			if (params != null) {
				message.add("params", params); //$NON-NLS-1$
			}
			send(message);
			JsonObject response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (response.has("error")) { //$NON-NLS-1$
				JsonElement error = response.get("error"); //$NON-NLS-1$
				String text = error.isJsonObject() && error.getAsJsonObject().has("message") //$NON-NLS-1$
						? error.getAsJsonObject().get("message").getAsString() //$NON-NLS-1$
						: error.toString();
				throw new McpException("The MCP server '" + name + "' answered " + method + " with an error: " + text); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			JsonElement result = response.get("result"); //$NON-NLS-1$
			if (result == null || !result.isJsonObject()) {
				throw new McpException("The MCP server '" + name + "' answered " + method //$NON-NLS-1$ //$NON-NLS-2$
						+ " without a result object; that is not valid MCP."); //$NON-NLS-1$
			}
			return result.getAsJsonObject();
		} catch (TimeoutException e) {
			sendCancelled(id, "Timed out"); //$NON-NLS-1$
			throw new McpException("The MCP server '" + name + "' did not answer " + method + " within " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s") //$NON-NLS-1$ //$NON-NLS-2$
					+ "; the request was cancelled."); //$NON-NLS-1$
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			sendCancelled(id, "Interrupted"); //$NON-NLS-1$
			throw new McpException("Interrupted while waiting for the MCP server '" + name + "'.", e); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (ExecutionException e) {
			throw e.getCause() instanceof McpException mcp ? mcp
					: new McpException("The MCP server '" + name + "' failed: " + e.getCause(), e.getCause()); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			pending.remove(id);
		}
	}

	/** Sends a notification. */
	void notify(String method, JsonObject params) throws McpException {
		JsonObject message = new JsonObject();
		message.addProperty("jsonrpc", "2.0"); //$NON-NLS-1$ //$NON-NLS-2$
		message.addProperty("method", method); //$NON-NLS-1$
		if (params != null) {
			message.add("params", params); //$NON-NLS-1$
		}
		send(message);
	}

	private void sendCancelled(long id, String reason) {
		JsonObject params = new JsonObject();
		params.addProperty("requestId", id); //$NON-NLS-1$
		params.addProperty("reason", reason); //$NON-NLS-1$
		try {
			notify("notifications/cancelled", params); //$NON-NLS-1$
		} catch (McpException e) {
			// the server is gone: nothing left to cancel
		}
	}

	private void send(JsonObject message) throws McpException {
		if (failure != null) {
			throw new McpException(failure);
		}
		byte[] bytes = (message.toString() + '\n').getBytes(StandardCharsets.UTF_8);
		try {
			synchronized (out) {
				out.write(bytes);
				out.flush();
			}
		} catch (IOException e) {
			fail(closedMessage());
			throw new McpException(failure, e);
		}
	}

	private String closedMessage() {
		return "The MCP server '" + name + "' stopped: " + whyClosed.get(); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private void readLoop() {
		LineReader lines = new LineReader(in, MAX_MESSAGE_BYTES);
		try {
			String line;
			while ((line = lines.next()) != null) {
				if (!line.isBlank()) {
					handle(line);
				}
			}
			fail(closedMessage());
		} catch (LineReader.TooLong e) {
			fail("The MCP server '" + name + "' sent a message larger than " + MAX_MESSAGE_BYTES / (1024 * 1024) //$NON-NLS-1$ //$NON-NLS-2$
					+ " MB; the connection was closed."); //$NON-NLS-1$
		} catch (IOException e) {
			fail(closedMessage());
		}
	}

	private void handle(String line) {
		JsonObject message;
		try {
			JsonElement parsed = JsonParser.parseString(line);
			if (!parsed.isJsonObject()) {
				throw new JsonParseException("not an object"); //$NON-NLS-1$
			}
			message = parsed.getAsJsonObject();
		} catch (JsonParseException e) {
			fail("The MCP server '" + name + "' sent malformed JSON-RPC (" + abbreviate(line) //$NON-NLS-1$ //$NON-NLS-2$
					+ "); the connection was closed."); //$NON-NLS-1$
			return;
		}
		JsonElement id = message.get("id"); //$NON-NLS-1$
		JsonElement method = message.get("method"); //$NON-NLS-1$
		if (method != null && method.isJsonPrimitive()) {
			JsonObject params = message.has("params") && message.get("params").isJsonObject() //$NON-NLS-1$ //$NON-NLS-2$
					? message.getAsJsonObject("params") //$NON-NLS-1$
					: new JsonObject();
			if (id == null || id.isJsonNull()) {
				notifications.accept(method.getAsString(), params);
			} else {
				answerServerRequest(id, method.getAsString());
			}
			return;
		}
		if (id != null && id.isJsonPrimitive() && id.getAsJsonPrimitive().isNumber()) {
			CompletableFuture<JsonObject> answer = pending.get(id.getAsLong());
			if (answer != null) {
				answer.complete(message);
			}
			return;
		}
		fail("The MCP server '" + name + "' sent a message that is neither a request, a notification nor an answer (" //$NON-NLS-1$ //$NON-NLS-2$
				+ abbreviate(line) + "); the connection was closed."); //$NON-NLS-1$
	}

	private void answerServerRequest(JsonElement id, String method) {
		JsonObject response = new JsonObject();
		response.addProperty("jsonrpc", "2.0"); //$NON-NLS-1$ //$NON-NLS-2$
		response.add("id", id); //$NON-NLS-1$
		if ("ping".equals(method)) { //$NON-NLS-1$
			response.add("result", new JsonObject()); //$NON-NLS-1$
		} else {
			JsonObject error = new JsonObject();
			error.addProperty("code", -32601); //$NON-NLS-1$
			error.addProperty("message", "Warden does not offer " + method); //$NON-NLS-1$ //$NON-NLS-2$
			response.add("error", error); //$NON-NLS-1$
		}
		try {
			send(response);
		} catch (McpException e) {
			// the connection has failed; the pending requests hear about it
		}
	}

	/** Ends the connection: every pending request fails with {@code message}. */
	void fail(String message) {
		synchronized (this) {
			if (failure != null) {
				return;
			}
			failure = message;
		}
		McpException error = new McpException(message);
		pending.values().forEach(answer -> answer.completeExceptionally(error));
		try {
			in.close();
		} catch (IOException e) {
			// closing is best effort; the connection is failed either way
		}
	}

	String failure() {
		return failure;
	}

	private static String abbreviate(String line) {
		return line.length() <= 80 ? line : line.substring(0, 80) + '…';
	}
}
