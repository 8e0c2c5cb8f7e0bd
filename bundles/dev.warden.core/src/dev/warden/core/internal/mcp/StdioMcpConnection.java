package dev.warden.core.internal.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.warden.core.mcp.McpCallResult;
import dev.warden.core.mcp.McpConnection;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpProgress;
import dev.warden.core.mcp.McpPrompt;
import dev.warden.core.mcp.McpPromptMessage;
import dev.warden.core.mcp.McpResource;
import dev.warden.core.mcp.McpResourceContents;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.mcp.McpToolInfo;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.UrlDecision;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.sandbox.SandboxException;

/**
 * An MCP server started as a process and spoken to over its standard input and output. The process gets the
 * scrubbed environment plus the variables its configuration sets; its error output is kept (the last few kilobytes)
 * to explain a failure. A remote server over Streamable HTTP ({@link #connect}) is spoken to by the same session
 * logic, its HTTP exchanges framed as the same lines ({@link StreamableHttpChannel}).
 */
public final class StdioMcpConnection implements McpConnection {

	/** The protocol revision Warden speaks. */
	public static final String PROTOCOL_VERSION = "2025-11-25"; //$NON-NLS-1$

	/** Older revisions Warden accepts when a server offers one of them instead. */
	static final List<String> SUPPORTED_VERSIONS = List.of(PROTOCOL_VERSION, "2025-06-18", "2025-03-26"); //$NON-NLS-1$ //$NON-NLS-2$

	private static final int ERROR_TAIL_CHARS = 4096;

	/** The most resources listed of one server; a longer list is listed this far. */
	static final int MAX_RESOURCES = 5000;

	private final McpServerConfig config;

	private final McpChannel channel;

	private final JsonRpcConnection rpc;

	private final AtomicLong listChanges = new AtomicLong();

	private final Map<String, McpProgress> progress = new ConcurrentHashMap<>();

	private final AtomicLong progressTokens = new AtomicLong();

	private volatile boolean toolsStale = true;
	/** Whether the server declared the tools capability (a server may offer only resources or prompts). */
	private volatile boolean offersTools = true;

	private volatile List<McpToolInfo> tools = List.of();

	private String protocolVersion = ""; //$NON-NLS-1$

	private volatile boolean resources;

	private volatile boolean prompts;

	private StdioMcpConnection(McpServerConfig config, McpChannel channel) {
		this.config = config;
		this.channel = channel;
		this.rpc = new JsonRpcConnection(config.name(), channel.in(), channel.out(), this::onNotification,
				channel::whyClosed);
	}

	/**
	 * Connects to a remote server over Streamable HTTP and initialises the session. Its URL must pass the URL
	 * policy: a loopback, private or cloud-metadata address only when the user allowed the host.
	 *
	 * @throws McpException when the URL policy refuses the address, the server cannot be reached, or it does not
	 *                      initialise in time
	 */
	public static StdioMcpConnection connect(McpServerConfig config, UrlPolicy urls, Duration startTimeout,
			Cancellation cancellation) throws McpException {
		if (!config.isHttp()) {
			throw new IllegalArgumentException(config.name() + " is not an HTTP server"); //$NON-NLS-1$
		}
		UrlDecision decision = urls.decide(config.url());
		if (!decision.isAllowed()) {
			throw new McpException("The MCP server '" + config.name() + "' at " + config.url() //$NON-NLS-1$ //$NON-NLS-2$
					+ " is refused by the URL policy: " + decision.reason() //$NON-NLS-1$
					+ ". Allow its host under Preferences > Warden > Protection to use it."); //$NON-NLS-1$
		}
		// every request goes to the address the policy judged: the name is not looked up again (no DNS rebinding)
		StreamableHttpChannel channel = new StreamableHttpChannel(config.name(), decision.target(), decision.address(),
				config.headers(), defaultTls());
		return initialized(config, channel, startTimeout, cancellation);
	}

	private static javax.net.ssl.SSLSocketFactory defaultTls() throws McpException {
		try {
			return javax.net.ssl.SSLContext.getDefault().getSocketFactory();
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new McpException("No TLS is available in this Java runtime: " + e.getMessage(), e); //$NON-NLS-1$
		}
	}

	private static StdioMcpConnection initialized(McpServerConfig config, McpChannel channel, Duration startTimeout,
			Cancellation cancellation) throws McpException {
		StdioMcpConnection connection = new StdioMcpConnection(config, channel);
		try {
			connection.initialize(startTimeout, cancellation);
			return connection;
		} catch (McpException | RuntimeException e) {
			connection.close();
			throw e;
		}
	}

	/**
	 * Starts the server and initialises the session.
	 *
	 * @param environment   the policy that scrubs the inherited environment
	 * @param startTimeout  how long the server may take to answer {@code initialize}
	 * @param cancellation  stops the start
	 * @throws McpException when the program cannot start, exits, or does not initialise in time
	 */
	public static StdioMcpConnection start(McpServerConfig config, EnvironmentPolicy environment,
			Duration startTimeout, Cancellation cancellation) throws McpException {
		return start(config, environment, PLAIN, startTimeout, cancellation);
	}

	/** Starts a stdio server's program with its environment: as a plain process, or in the command sandbox. */
	@FunctionalInterface
	public interface Launcher {

		/** Starts {@code command} with exactly {@code environment}; its standard error kept apart. */
		Process launch(List<String> command, Map<String, String> environment) throws IOException, SandboxException;
	}

	/** Starts the program as an ordinary process of the user, where no sandbox can be had. */
	public static final Launcher PLAIN = (command, environment) -> {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().clear();
		builder.environment().putAll(environment);
		return builder.start();
	};

	/**
	 * Starts the server through {@code launcher} and initialises the session.
	 *
	 * @param environment   the policy that scrubs the inherited environment
	 * @param startTimeout  how long the server may take to answer {@code initialize}
	 * @param cancellation  stops the start
	 * @throws McpException when the program cannot start, exits, or does not initialise in time
	 */
	public static StdioMcpConnection start(McpServerConfig config, EnvironmentPolicy environment, Launcher launcher,
			Duration startTimeout, Cancellation cancellation) throws McpException {
		List<String> command = new ArrayList<>();
		command.add(config.command());
		command.addAll(config.arguments());
		ProcessBuilder builder = new ProcessBuilder(command);
		environment.applyTo(builder);
		Map<String, String> variables = new java.util.HashMap<>(builder.environment());
		variables.putAll(config.environment());
		Process process;
		try {
			process = launcher.launch(command, variables);
		} catch (IOException | SandboxException e) {
			throw new McpException("The MCP server '" + config.name() + "' could not be started (" //$NON-NLS-1$ //$NON-NLS-2$
					+ config.commandLine() + "): " + e.getMessage(), e); //$NON-NLS-1$
		}
		return initialized(config, new ProcessChannel(config.name(), process), startTimeout, cancellation);
	}

	private void initialize(Duration timeout, Cancellation cancellation) throws McpException {
		JsonObject params = new JsonObject();
		params.addProperty("protocolVersion", PROTOCOL_VERSION); //$NON-NLS-1$
		params.add("capabilities", new JsonObject()); //$NON-NLS-1$
		JsonObject client = new JsonObject();
		client.addProperty("name", "Warden"); //$NON-NLS-1$ //$NON-NLS-2$
		client.addProperty("version", "0.1.0"); //$NON-NLS-1$ //$NON-NLS-2$
		params.add("clientInfo", client); //$NON-NLS-1$
		JsonObject result = rpc.request("initialize", params, timeout, cancellation); //$NON-NLS-1$
		String version = result.has("protocolVersion") ? result.get("protocolVersion").getAsString() : ""; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (!SUPPORTED_VERSIONS.contains(version)) {
			throw new McpException("The MCP server '" + config.name() + "' speaks protocol revision '" + version //$NON-NLS-1$ //$NON-NLS-2$
					+ "', which Warden does not support (it speaks " + String.join(", ", SUPPORTED_VERSIONS) + ")."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		JsonObject capabilities = result.has("capabilities") && result.get("capabilities").isJsonObject() //$NON-NLS-1$ //$NON-NLS-2$
				? result.getAsJsonObject("capabilities") //$NON-NLS-1$
				: new JsonObject();
		offersTools = capabilities.has("tools"); //$NON-NLS-1$
		resources = capabilities.has("resources"); //$NON-NLS-1$
		prompts = capabilities.has("prompts"); //$NON-NLS-1$
		if (!offersTools && !resources && !prompts) {
			throw new McpException("The MCP server '" + config.name() + "' offers no tools, resources or prompts."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		protocolVersion = version;
		rpc.notify("notifications/initialized", null); //$NON-NLS-1$
	}

	private void onNotification(String method, JsonObject params) {
		switch (method) {
		case "notifications/tools/list_changed" -> { //$NON-NLS-1$
			listChanges.incrementAndGet();
			toolsStale = true;
		}
		case "notifications/progress" -> { //$NON-NLS-1$
			JsonElement token = params.get("progressToken"); //$NON-NLS-1$
			McpProgress listener = token == null ? null : progress.get(token.getAsString());
			if (listener != null) {
				listener.progress(number(params, "progress"), params.has("total") ? number(params, "total") : -1, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						params.has("message") ? params.get("message").getAsString() : ""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		default -> {
			// logging and resource notifications are not used yet
		}
		}
	}

	private static double number(JsonObject params, String name) {
		JsonElement value = params.get(name);
		return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber() ? value.getAsDouble()
				: 0;
	}

	@Override
	public String serverName() {
		return config.name();
	}

	@Override
	public String protocolVersion() {
		return protocolVersion;
	}

	@Override
	public synchronized List<McpToolInfo> tools() throws McpException {
		if (!offersTools) {
			return List.of(); // a server of resources or prompts only: it answers no tools/list
		}
		if (toolsStale) {
			toolsStale = false; // announcements from now on make it stale again
			List<McpToolInfo> fetched = new ArrayList<>();
			String cursor = null;
			do {
				JsonObject params = new JsonObject();
				if (cursor != null) {
					params.addProperty("cursor", cursor); //$NON-NLS-1$
				}
				JsonObject result = rpc.request("tools/list", params, Duration.ofSeconds(30), new Cancellation()); //$NON-NLS-1$
				JsonElement list = result.get("tools"); //$NON-NLS-1$
				if (list == null || !list.isJsonArray()) {
					throw new McpException("The MCP server '" + config.name() + "' answered tools/list without a tool list."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				for (JsonElement tool : list.getAsJsonArray()) {
					if (!tool.isJsonObject() || !tool.getAsJsonObject().has("name")) { //$NON-NLS-1$
						throw new McpException("The MCP server '" + config.name() + "' listed a tool without a name."); //$NON-NLS-1$ //$NON-NLS-2$
					}
					fetched.add(McpToolInfo.fromJson(tool.getAsJsonObject()));
				}
				cursor = result.has("nextCursor") && !result.get("nextCursor").isJsonNull() //$NON-NLS-1$ //$NON-NLS-2$
						? result.get("nextCursor").getAsString() //$NON-NLS-1$
						: null;
			} while (cursor != null);
			tools = List.copyOf(fetched);
		}
		return tools;
	}

	@Override
	public boolean offersResources() {
		return resources;
	}

	@Override
	public List<McpResource> resources() throws McpException {
		if (!resources) {
			return List.of();
		}
		List<McpResource> fetched = new ArrayList<>();
		String cursor = null;
		do {
			JsonObject params = new JsonObject();
			if (cursor != null) {
				params.addProperty("cursor", cursor); //$NON-NLS-1$
			}
			JsonObject result = rpc.request("resources/list", params, Duration.ofSeconds(30), new Cancellation()); //$NON-NLS-1$
			JsonElement list = result.get("resources"); //$NON-NLS-1$
			if (list == null || !list.isJsonArray()) {
				throw new McpException("The MCP server '" + config.name() //$NON-NLS-1$
						+ "' answered resources/list without a resource list."); //$NON-NLS-1$
			}
			for (JsonElement resource : list.getAsJsonArray()) {
				if (resource.isJsonObject() && resource.getAsJsonObject().has("uri")) { //$NON-NLS-1$
					fetched.add(McpResource.fromJson(resource.getAsJsonObject()));
				}
			}
			cursor = nextCursor(result);
		} while (cursor != null && fetched.size() < MAX_RESOURCES);
		return List.copyOf(fetched);
	}

	private static String nextCursor(JsonObject result) {
		JsonElement next = result.get("nextCursor"); //$NON-NLS-1$
		return next != null && next.isJsonPrimitive() ? next.getAsString() : null;
	}

	@Override
	public McpResourceContents readResource(String uri, Cancellation cancellation, Duration timeout)
			throws McpException {
		if (!resources) {
			throw new McpException("The MCP server '" + config.name() + "' offers no resources."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		JsonObject params = new JsonObject();
		params.addProperty("uri", uri); //$NON-NLS-1$
		JsonObject result = rpc.request("resources/read", params, timeout, cancellation); //$NON-NLS-1$
		JsonElement contents = result.get("contents"); //$NON-NLS-1$
		if (contents == null || !contents.isJsonArray()) {
			throw new McpException("The MCP server '" + config.name() + "' answered resources/read of " + uri //$NON-NLS-1$ //$NON-NLS-2$
					+ " without contents."); //$NON-NLS-1$
		}
		StringBuilder text = new StringBuilder();
		String mimeType = ""; //$NON-NLS-1$
		for (JsonElement item : contents.getAsJsonArray()) {
			if (!item.isJsonObject()) {
				continue;
			}
			JsonObject content = item.getAsJsonObject();
			String type = content.has("mimeType") && content.get("mimeType").isJsonPrimitive() //$NON-NLS-1$ //$NON-NLS-2$
					? content.get("mimeType").getAsString() //$NON-NLS-1$
					: ""; //$NON-NLS-1$
			if (mimeType.isEmpty()) {
				mimeType = type;
			}
			if (!text.isEmpty()) {
				text.append('\n');
			}
			if (content.has("text") && content.get("text").isJsonPrimitive()) { //$NON-NLS-1$ //$NON-NLS-2$
				text.append(content.get("text").getAsString()); //$NON-NLS-1$
			} else {
				int encoded = content.has("blob") && content.get("blob").isJsonPrimitive() //$NON-NLS-1$ //$NON-NLS-2$
						? content.get("blob").getAsString().length() //$NON-NLS-1$
						: 0;
				text.append("[binary content").append(type.isEmpty() ? "" : " of type " + type) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						.append(", about ").append(encoded / 4 * 3).append(" bytes, not shown]"); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		return new McpResourceContents(uri, mimeType, text.toString());
	}

	@Override
	public boolean offersPrompts() {
		return prompts;
	}

	@Override
	public List<McpPrompt> prompts() throws McpException {
		if (!prompts) {
			return List.of();
		}
		List<McpPrompt> fetched = new ArrayList<>();
		String cursor = null;
		do {
			JsonObject params = new JsonObject();
			if (cursor != null) {
				params.addProperty("cursor", cursor); //$NON-NLS-1$
			}
			JsonObject result = rpc.request("prompts/list", params, Duration.ofSeconds(30), new Cancellation()); //$NON-NLS-1$
			JsonElement list = result.get("prompts"); //$NON-NLS-1$
			if (list == null || !list.isJsonArray()) {
				throw new McpException("The MCP server '" + config.name() //$NON-NLS-1$
						+ "' answered prompts/list without a prompt list."); //$NON-NLS-1$
			}
			for (JsonElement prompt : list.getAsJsonArray()) {
				if (prompt.isJsonObject() && prompt.getAsJsonObject().has("name")) { //$NON-NLS-1$
					fetched.add(McpPrompt.fromJson(prompt.getAsJsonObject()));
				}
			}
			cursor = nextCursor(result);
		} while (cursor != null && fetched.size() < MAX_RESOURCES);
		return List.copyOf(fetched);
	}

	@Override
	public List<McpPromptMessage> getPrompt(String name, Map<String, String> arguments, Cancellation cancellation,
			Duration timeout) throws McpException {
		if (!prompts) {
			throw new McpException("The MCP server '" + config.name() + "' offers no prompts."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		JsonObject params = new JsonObject();
		params.addProperty("name", name); //$NON-NLS-1$
		JsonObject values = new JsonObject();
		arguments.forEach(values::addProperty);
		params.add("arguments", values); //$NON-NLS-1$
		JsonObject result = rpc.request("prompts/get", params, timeout, cancellation); //$NON-NLS-1$
		JsonElement messages = result.get("messages"); //$NON-NLS-1$
		if (messages == null || !messages.isJsonArray()) {
			throw new McpException("The MCP server '" + config.name() + "' answered prompts/get of " + name //$NON-NLS-1$ //$NON-NLS-2$
					+ " without messages."); //$NON-NLS-1$
		}
		List<McpPromptMessage> found = new ArrayList<>();
		for (JsonElement item : messages.getAsJsonArray()) {
			if (item.isJsonObject() && item.getAsJsonObject().get("content") instanceof JsonObject content) { //$NON-NLS-1$
				JsonElement role = item.getAsJsonObject().get("role"); //$NON-NLS-1$
				boolean assistant = role != null && role.isJsonPrimitive() && "assistant".equals(role.getAsString()); //$NON-NLS-1$
				found.add(new McpPromptMessage(assistant, promptText(content)));
			}
		}
		return found;
	}

	private static String promptText(JsonObject content) {
		String type = content.has("type") ? content.get("type").getAsString() : ""; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if ("text".equals(type) && content.has("text")) { //$NON-NLS-1$ //$NON-NLS-2$
			return content.get("text").getAsString(); //$NON-NLS-1$
		}
		if ("resource".equals(type) && content.get("resource") instanceof JsonObject resource) { //$NON-NLS-1$ //$NON-NLS-2$
			String uri = resource.has("uri") ? resource.get("uri").getAsString() : ""; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			if (resource.has("text")) { //$NON-NLS-1$
				return "Resource " + uri + ":\n" + resource.get("text").getAsString(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			return "[binary resource " + uri + " not shown]"; //$NON-NLS-1$ //$NON-NLS-2$
		}
		return '[' + (type.isEmpty() ? "content" : type) + " content not shown]"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public synchronized List<McpToolInfo> refreshTools() throws McpException {
		toolsStale = true;
		return tools();
	}

	@Override
	public long toolListChanges() {
		return listChanges.get();
	}

	@Override
	public McpCallResult call(String tool, JsonObject arguments, McpProgress listener, Cancellation cancellation,
			Duration timeout) throws McpException {
		String token = config.name() + '-' + progressTokens.incrementAndGet();
		JsonObject params = new JsonObject();
		params.addProperty("name", tool); //$NON-NLS-1$
		params.add("arguments", arguments == null ? new JsonObject() : arguments); //$NON-NLS-1$
		JsonObject meta = new JsonObject();
		meta.addProperty("progressToken", token); //$NON-NLS-1$
		params.add("_meta", meta); //$NON-NLS-1$
		progress.put(token, listener == null ? McpProgress.NONE : listener);
		try {
			return result(rpc.request("tools/call", params, timeout, cancellation)); //$NON-NLS-1$
		} finally {
			progress.remove(token);
		}
	}

	private static McpCallResult result(JsonObject result) {
		StringBuilder text = new StringBuilder();
		JsonElement content = result.get("content"); //$NON-NLS-1$
		if (content != null && content.isJsonArray()) {
			for (JsonElement item : (JsonArray) content) {
				if (!item.isJsonObject()) {
					continue;
				}
				JsonObject part = item.getAsJsonObject();
				String type = part.has("type") ? part.get("type").getAsString() : ""; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				if (!text.isEmpty()) {
					text.append('\n');
				}
				if ("text".equals(type) && part.has("text")) { //$NON-NLS-1$ //$NON-NLS-2$
					text.append(part.get("text").getAsString()); //$NON-NLS-1$
				} else {
					text.append('[').append(type.isEmpty() ? "content" : type).append(" content not shown]"); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
		}
		if (text.isEmpty() && result.has("structuredContent")) { //$NON-NLS-1$
			text.append(result.get("structuredContent")); //$NON-NLS-1$
		}
		boolean error = result.has("isError") && result.get("isError").isJsonPrimitive() //$NON-NLS-1$ //$NON-NLS-2$
				&& result.get("isError").getAsBoolean(); //$NON-NLS-1$
		return new McpCallResult(text.toString(), error);
	}

	@Override
	public boolean isAlive() {
		return channel.isAlive() && rpc.isOpen();
	}

	@Override
	public String errorOutput() {
		return channel.errorOutput();
	}

	@Override
	public void close() {
		rpc.fail("The MCP server '" + config.name() + "' was stopped."); //$NON-NLS-1$ //$NON-NLS-2$
		channel.close();
	}

	/** A server process: its standard input and output, its error output kept to explain a failure. */
	private static final class ProcessChannel implements McpChannel {

		private final Process process;

		private final StringBuilder errorTail = new StringBuilder();

		/** Reads the error output until it ends; the reason of a failure waits for it to read what is left. */
		private final Thread errors;

		ProcessChannel(String name, Process process) {
			this.process = process;
			errors = new Thread(() -> drainErrors(process.getErrorStream()), "Warden MCP stderr: " + name); //$NON-NLS-1$
			errors.setDaemon(true);
			errors.start();
		}

		@Override
		public InputStream in() {
			return process.getInputStream();
		}

		@Override
		public java.io.OutputStream out() {
			return process.getOutputStream();
		}

		@Override
		public boolean isAlive() {
			return process.isAlive();
		}

		@Override
		public String errorOutput() {
			synchronized (errorTail) {
				return errorTail.toString();
			}
		}

		private void drainErrors(InputStream errors) {
			byte[] buffer = new byte[4096];
			try {
				int n;
				while ((n = errors.read(buffer)) > 0) {
					synchronized (errorTail) {
						errorTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
						if (errorTail.length() > ERROR_TAIL_CHARS) {
							errorTail.delete(0, errorTail.length() - ERROR_TAIL_CHARS);
						}
					}
				}
			} catch (IOException e) {
				// the process ended
			}
		}

		@Override
		public String whyClosed() {
			String code;
			try {
				code = process.waitFor(2, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "its output closed"; //$NON-NLS-1$ //$NON-NLS-2$
				// what the process wrote to its error output before it ended may not all be read yet; a process it
				// started may keep the pipe open, so the wait is bounded
				errors.join(1000);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				code = "its output closed"; //$NON-NLS-1$
			}
			String errors = errorOutput().strip();
			if (errors.length() > 600) {
				errors = '…' + errors.substring(errors.length() - 600);
			}
			return code + (errors.isEmpty() ? "" : "; its last error output: " + errors); //$NON-NLS-1$ //$NON-NLS-2$
		}

		@Override
		public void close() {
			try {
				process.getOutputStream().close();
			} catch (IOException e) {
				// stopping anyway
			}
			process.descendants().forEach(ProcessHandle::destroy);
			process.destroy();
			try {
				if (!process.waitFor(2, TimeUnit.SECONDS)) {
					process.descendants().forEach(ProcessHandle::destroyForcibly);
					process.destroyForcibly();
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
		}
	}
}
