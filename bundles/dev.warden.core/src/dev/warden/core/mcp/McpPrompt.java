package dev.warden.core.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A prompt as an MCP server lists it in {@code prompts/list}: a message template the user may choose in the chat.
 *
 * @param name        the server's name for it, which {@code prompts/get} takes
 * @param title       how to show it; its name when the server gives no title
 * @param description what the server says it does (untrusted text); may be empty
 * @param arguments   what it asks for
 */
public record McpPrompt(String name, String title, String description, List<Argument> arguments) {

	/**
	 * One argument of a prompt.
	 *
	 * @param name        the argument's name
	 * @param description what the server says it is; may be empty
	 * @param required    whether the prompt needs it
	 */
	public record Argument(String name, String description, boolean required) {
		public Argument {
			Objects.requireNonNull(name, "name"); //$NON-NLS-1$
			description = description == null ? "" : description; //$NON-NLS-1$
		}
	}

	public McpPrompt {
		Objects.requireNonNull(name, "name"); //$NON-NLS-1$
		title = title == null || title.isBlank() ? name : title;
		description = description == null ? "" : description; //$NON-NLS-1$
		arguments = List.copyOf(arguments == null ? List.of() : arguments);
	}

	/** Reads one entry of a {@code prompts/list} result. */
	public static McpPrompt fromJson(JsonObject prompt) {
		List<Argument> arguments = new ArrayList<>();
		JsonElement list = prompt.get("arguments"); //$NON-NLS-1$
		if (list != null && list.isJsonArray()) {
			for (JsonElement item : list.getAsJsonArray()) {
				if (item.isJsonObject() && item.getAsJsonObject().has("name")) { //$NON-NLS-1$
					JsonObject argument = item.getAsJsonObject();
					JsonElement required = argument.get("required"); //$NON-NLS-1$
					arguments.add(new Argument(argument.get("name").getAsString(), string(argument, "description"), //$NON-NLS-1$ //$NON-NLS-2$
							required != null && required.isJsonPrimitive() && required.getAsJsonPrimitive().isBoolean()
									&& required.getAsBoolean()));
				}
			}
		}
		return new McpPrompt(prompt.get("name").getAsString(), string(prompt, "title"), //$NON-NLS-1$ //$NON-NLS-2$
				string(prompt, "description"), arguments); //$NON-NLS-1$
	}

	private static String string(JsonObject object, String name) {
		JsonElement value = object.get(name);
		return value != null && value.isJsonPrimitive() ? value.getAsString() : ""; //$NON-NLS-1$
	}

	/** @return the required arguments that {@code values} leaves blank */
	public List<String> missing(java.util.Map<String, String> values) {
		return arguments.stream().filter(Argument::required)
				.filter(a -> values.getOrDefault(a.name(), "").isBlank()).map(Argument::name).toList(); //$NON-NLS-1$
	}
}
