package dev.warden.core.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A tool as an MCP server describes it in {@code tools/list}.
 *
 * @param name            the server's name for the tool
 * @param description     what the server says the tool does (untrusted text)
 * @param inputSchema     the JSON schema of its arguments, as JSON text
 * @param readOnlyHint    the server's {@code readOnlyHint}: shown, never relied on
 * @param destructiveHint the server's {@code destructiveHint}: shown, never relied on
 */
public record McpToolInfo(String name, String description, String inputSchema, boolean readOnlyHint,
		boolean destructiveHint) {

	public McpToolInfo {
		Objects.requireNonNull(name, "name"); //$NON-NLS-1$
		description = description == null ? "" : description; //$NON-NLS-1$
		inputSchema = inputSchema == null || inputSchema.isBlank() ? "{\"type\":\"object\"}" : inputSchema; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Reads one entry of a {@code tools/list} result. */
	public static McpToolInfo fromJson(JsonObject tool) {
		JsonObject annotations = tool.has("annotations") && tool.get("annotations").isJsonObject() //$NON-NLS-1$ //$NON-NLS-2$
				? tool.getAsJsonObject("annotations") //$NON-NLS-1$
				: new JsonObject();
		JsonElement schema = tool.get("inputSchema"); //$NON-NLS-1$
		return new McpToolInfo(tool.get("name").getAsString(), //$NON-NLS-1$
				tool.has("description") && !tool.get("description").isJsonNull() //$NON-NLS-1$ //$NON-NLS-2$
						? tool.get("description").getAsString() //$NON-NLS-1$
						: "", //$NON-NLS-1$
				schema != null && schema.isJsonObject() ? schema.toString() : null, flag(annotations, "readOnlyHint"), //$NON-NLS-1$
				flag(annotations, "destructiveHint")); //$NON-NLS-1$
	}

	private static boolean flag(JsonObject annotations, String name) {
		JsonElement value = annotations.get(name);
		return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean() && value.getAsBoolean();
	}

	/**
	 * The pin of this tool: the SHA-256 (hex) of its description and input schema in a canonical form (object keys
	 * sorted), so that a server that reorders keys does not look changed but any other change does.
	 */
	public String pinHash() {
		JsonObject pinned = new JsonObject();
		pinned.addProperty("description", description); //$NON-NLS-1$
		pinned.add("inputSchema", JsonParser.parseString(inputSchema)); //$NON-NLS-1$
		return sha256(canonical(pinned).toString());
	}

	static JsonElement canonical(JsonElement element) {
		if (element.isJsonObject()) {
			Map<String, JsonElement> sorted = new TreeMap<>();
			element.getAsJsonObject().entrySet().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
			JsonObject result = new JsonObject();
			sorted.forEach(result::add);
			return result;
		}
		if (element.isJsonArray()) {
			JsonArray result = new JsonArray();
			element.getAsJsonArray().forEach(item -> result.add(canonical(item)));
			return result;
		}
		return element;
	}

	static String sha256(String text) {
		try {
			return java.util.HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))); //$NON-NLS-1$
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("the Java runtime lacks SHA-256", e); //$NON-NLS-1$
		}
	}
}
