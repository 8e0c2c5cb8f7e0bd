package dev.warden.core.provider;

import java.util.Objects;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A tool as it is offered to the model: name, description and a JSON schema of its argument object.
 *
 * @param name        unique, {@code [a-z_]+}
 * @param description what the tool does and when to use it, for the model
 * @param inputSchema the JSON schema of the arguments, as JSON text (kept as text so this record stays immutable)
 */
public record ToolSpec(String name, String description, String inputSchema) {

	public ToolSpec {
		Objects.requireNonNull(name, "name"); //$NON-NLS-1$
		Objects.requireNonNull(description, "description"); //$NON-NLS-1$
		Objects.requireNonNull(inputSchema, "inputSchema"); //$NON-NLS-1$
		try {
			if (!JsonParser.parseString(inputSchema).isJsonObject()) {
				throw new IllegalArgumentException("The schema of tool " + name + " is not a JSON object"); //$NON-NLS-1$ //$NON-NLS-2$
			}
		} catch (JsonParseException e) {
			throw new IllegalArgumentException("The schema of tool " + name + " is not valid JSON", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** @return a fresh, mutable copy of the schema */
	public JsonObject schema() {
		return JsonParser.parseString(inputSchema).getAsJsonObject();
	}
}
