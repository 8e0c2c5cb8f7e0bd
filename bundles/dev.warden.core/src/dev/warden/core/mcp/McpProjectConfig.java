package dev.warden.core.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.trust.Acceptance;

/**
 * A project's shared MCP servers: the {@code .mcp.json} at its root, in the shape other tools use
 * ({@code {"mcpServers": {"name": {"command": "…", "args": […], "env": {…}}}}}, or for a remote server over
 * Streamable HTTP {@code {"url": "https://…", "headers": {…}}}). Like a project's trusted-command list it counts only
 * after the user accepted exactly this content: acceptance is keyed by the SHA-256 of the canonical JSON (object keys
 * sorted, no spacing), so reformatting does not ask again but any change of a command, an argument, a variable, a URL
 * or a header does. A remote server's address still passes the URL policy when Warden connects.
 */
public final class McpProjectConfig {

	private final List<McpServerConfig> servers;

	private final String canonical;

	private McpProjectConfig(List<McpServerConfig> servers, String canonical) {
		this.servers = List.copyOf(servers);
		this.canonical = canonical;
	}

	/**
	 * @throws IllegalArgumentException with a message naming what is wrong (malformed JSON, a server with neither or
	 *                                  both of a command and a URL, a URL that is not http or https, a transport
	 *                                  other than Streamable HTTP)
	 */
	public static McpProjectConfig parse(String json) {
		JsonElement root;
		try {
			root = JsonParser.parseString(json);
		} catch (JsonParseException e) {
			throw new IllegalArgumentException(".mcp.json is not valid JSON: " + e.getMessage(), e); //$NON-NLS-1$
		}
		if (!root.isJsonObject() || !root.getAsJsonObject().has("mcpServers") //$NON-NLS-1$
				|| !root.getAsJsonObject().get("mcpServers").isJsonObject()) { //$NON-NLS-1$
			throw new IllegalArgumentException(".mcp.json must be an object with an object \"mcpServers\"."); //$NON-NLS-1$
		}
		List<McpServerConfig> servers = new ArrayList<>();
		for (Map.Entry<String, JsonElement> entry : root.getAsJsonObject().getAsJsonObject("mcpServers").entrySet()) { //$NON-NLS-1$
			String name = entry.getKey();
			if (!entry.getValue().isJsonObject()) {
				throw new IllegalArgumentException(".mcp.json: the server '" + name + "' must be an object."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			JsonObject server = entry.getValue().getAsJsonObject();
			if (server.has("url") && server.has("command") || !server.has("url") && !server.has("command")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				throw new IllegalArgumentException(".mcp.json: the server '" + name //$NON-NLS-1$
						+ "' needs either a \"command\" (stdio) or a \"url\" (Streamable HTTP)."); //$NON-NLS-1$
			}
			if (server.has("url")) { //$NON-NLS-1$
				servers.add(http(name, server));
				continue;
			}
			List<String> args = new ArrayList<>();
			if (server.has("args")) { //$NON-NLS-1$
				if (!server.get("args").isJsonArray()) { //$NON-NLS-1$
					throw new IllegalArgumentException(".mcp.json: \"args\" of '" + name + "' must be an array of strings."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				server.getAsJsonArray("args").forEach(a -> args.add(string(a, name, "args"))); //$NON-NLS-1$ //$NON-NLS-2$
			}
			Map<String, String> env = new LinkedHashMap<>();
			if (server.has("env")) { //$NON-NLS-1$
				if (!server.get("env").isJsonObject()) { //$NON-NLS-1$
					throw new IllegalArgumentException(".mcp.json: \"env\" of '" + name + "' must be an object of strings."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				server.getAsJsonObject("env").entrySet().forEach(e -> env.put(e.getKey(), string(e.getValue(), name, "env"))); //$NON-NLS-1$ //$NON-NLS-2$
			}
			servers.add(new McpServerConfig(name, string(server.get("command"), name, "command"), args, env)); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new McpProjectConfig(servers, McpToolInfo.canonical(root).toString());
	}

	/**
	 * A remote server: its {@code url} and optional {@code headers}; a {@code type} other than Streamable HTTP (such as
	 * the old {@code sse} transport) is refused.
	 */
	private static McpServerConfig http(String name, JsonObject server) {
		if (server.has("type")) { //$NON-NLS-1$
			String type = string(server.get("type"), name, "type"); //$NON-NLS-1$ //$NON-NLS-2$
			if (!type.equals("http") && !type.equals("streamable-http") && !type.equals("streamableHttp")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				throw new IllegalArgumentException(".mcp.json: the server '" + name + "' is of type '" + type //$NON-NLS-1$ //$NON-NLS-2$
						+ "'; Warden speaks Streamable HTTP (\"type\": \"http\") to a server with a URL."); //$NON-NLS-1$
			}
		}
		Map<String, String> headers = new LinkedHashMap<>();
		if (server.has("headers")) { //$NON-NLS-1$
			if (!server.get("headers").isJsonObject()) { //$NON-NLS-1$
				throw new IllegalArgumentException(".mcp.json: \"headers\" of '" + name + "' must be an object of strings."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			server.getAsJsonObject("headers").entrySet() //$NON-NLS-1$
					.forEach(e -> headers.put(e.getKey(), string(e.getValue(), name, "headers"))); //$NON-NLS-1$
		}
		try {
			return McpServerConfig.http(name, string(server.get("url"), name, "url"), headers); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(".mcp.json: " + e.getMessage(), e); //$NON-NLS-1$
		}
	}

	private static String string(JsonElement value, String server, String field) {
		if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
			throw new IllegalArgumentException(".mcp.json: \"" + field + "\" of '" + server + "' must hold strings."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return value.getAsString();
	}

	public List<McpServerConfig> servers() {
		return servers;
	}

	/** The SHA-256 (hex) of the canonical content: what an acceptance is keyed by. */
	public String contentHash() {
		return McpToolInfo.sha256(canonical);
	}

	/** Whether the servers may be offered for starting, given the hash the user accepted (empty: never). */
	public Acceptance acceptance(Optional<String> acceptedHash) {
		if (acceptedHash.isEmpty()) {
			return Acceptance.NOT_ACCEPTED;
		}
		return acceptedHash.get().equals(contentHash()) ? Acceptance.ACCEPTED : Acceptance.CHANGED;
	}
}
