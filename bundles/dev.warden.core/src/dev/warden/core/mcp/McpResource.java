package dev.warden.core.mcp;

import java.util.Objects;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A resource as an MCP server lists it in {@code resources/list}.
 *
 * @param uri         the resource's URI, which {@code resources/read} takes
 * @param name        the server's name for it
 * @param description what the server says it is (untrusted text); may be empty
 * @param mimeType    its MIME type, when the server says; may be empty
 */
public record McpResource(String uri, String name, String description, String mimeType) {

	public McpResource {
		Objects.requireNonNull(uri, "uri"); //$NON-NLS-1$
		name = name == null || name.isBlank() ? uri : name;
		description = description == null ? "" : description; //$NON-NLS-1$
		mimeType = mimeType == null ? "" : mimeType; //$NON-NLS-1$
	}

	/** Reads one entry of a {@code resources/list} result; the title, when there is one, is its name. */
	public static McpResource fromJson(JsonObject resource) {
		String title = string(resource, "title"); //$NON-NLS-1$
		return new McpResource(resource.get("uri").getAsString(), //$NON-NLS-1$
				title.isBlank() ? string(resource, "name") : title, string(resource, "description"), //$NON-NLS-1$ //$NON-NLS-2$
				string(resource, "mimeType")); //$NON-NLS-1$
	}

	private static String string(JsonObject object, String name) {
		JsonElement value = object.get(name);
		return value != null && value.isJsonPrimitive() ? value.getAsString() : ""; //$NON-NLS-1$
	}
}
