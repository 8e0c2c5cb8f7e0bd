package dev.warden.core.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

/**
 * A tool call's arguments after they were checked against the tool's schema: every required argument is present,
 * every argument is known and has its declared type ({@code string}, {@code integer}, {@code boolean},
 * {@code array} of strings) and lies within {@code enum}, {@code minimum} and {@code maximum}. Nothing half-checked
 * reaches a tool: {@link #parse(String, String, com.google.gson.JsonObject)} either returns valid arguments or says,
 * in words for the model, what is wrong.
 */
public final class ToolArguments {

	private final JsonObject values;

	private ToolArguments(JsonObject values) {
		this.values = values;
	}

	/**
	 * @param tool   the tool's name, for messages
	 * @param json   the arguments as the model wrote them
	 * @param schema the tool's input schema
	 * @throws ToolException if the JSON is malformed or does not fit the schema
	 */
	public static ToolArguments parse(String tool, String json, JsonObject schema) throws ToolException {
		JsonObject arguments = object(tool, json);
		JsonObject properties = schema.has("properties") ? schema.getAsJsonObject("properties") : new JsonObject(); //$NON-NLS-1$ //$NON-NLS-2$
		List<String> problems = new ArrayList<>();
		if (schema.has("required")) { //$NON-NLS-1$
			for (JsonElement name : schema.getAsJsonArray("required")) { //$NON-NLS-1$
				JsonElement value = arguments.get(name.getAsString());
				if (value == null || value.isJsonNull()) {
					problems.add("missing required argument '" + name.getAsString() + "'"); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
		}
		for (Map.Entry<String, JsonElement> entry : arguments.entrySet()) {
			JsonElement property = properties.get(entry.getKey());
			if (property == null) {
				problems.add("unknown argument '" + entry.getKey() + "'"); //$NON-NLS-1$ //$NON-NLS-2$
			} else if (!entry.getValue().isJsonNull()) {
				check(entry.getKey(), entry.getValue(), property.getAsJsonObject(), problems);
			}
		}
		if (!problems.isEmpty()) {
			Set<String> known = new TreeSet<>(properties.keySet());
			throw new ToolException("Invalid arguments for " + tool + ": " + String.join("; ", problems) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ ". Nothing was done. Arguments of " + tool + ": " + String.join(", ", known) + '.'); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new ToolArguments(arguments.deepCopy());
	}

	/**
	 * Checks only that {@code json} is one JSON object: for tools whose arguments their own side validates (MCP
	 * servers check against their schema, which may use more of JSON Schema than Warden's tools do).
	 *
	 * @throws ToolException if the JSON is malformed or not an object
	 */
	public static ToolArguments parseObject(String tool, String json) throws ToolException {
		return new ToolArguments(object(tool, json));
	}

	private static JsonObject object(String tool, String json) throws ToolException {
		JsonElement root;
		try {
			JsonReader reader = new JsonReader(new java.io.StringReader(json.isBlank() ? "{}" : json)); //$NON-NLS-1$
			reader.setStrictness(Strictness.STRICT);
			root = JsonParser.parseReader(reader);
			if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
				throw new ToolException("The arguments for " + tool + " are not valid JSON: unexpected text after " //$NON-NLS-1$ //$NON-NLS-2$
						+ "the object. Send one JSON object."); //$NON-NLS-1$
			}
		} catch (JsonParseException | java.io.IOException e) {
			throw new ToolException("The arguments for " + tool + " are not valid JSON (" + rootMessage(e) //$NON-NLS-1$ //$NON-NLS-2$
					+ "). Nothing was done; send the call again with a valid JSON object."); //$NON-NLS-1$
		}
		if (!root.isJsonObject()) {
			throw new ToolException("The arguments for " + tool + " must be a JSON object, not " + root + '.'); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return root.getAsJsonObject();
	}

	private static void check(String name, JsonElement value, JsonObject property, List<String> problems) {
		String type = property.has("type") ? property.get("type").getAsString() : "string"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		switch (type) {
		case "string" -> { //$NON-NLS-1$
			if (!isString(value)) {
				problems.add("'" + name + "' must be a string"); //$NON-NLS-1$ //$NON-NLS-2$
			} else if (property.has("enum")) { //$NON-NLS-1$
				JsonArray allowed = property.getAsJsonArray("enum"); //$NON-NLS-1$
				if (!allowed.contains(value)) {
					problems.add("'" + name + "' must be one of " + allowed); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
		}
		case "integer" -> { //$NON-NLS-1$
			Long integer = integer(value);
			if (integer == null) {
				problems.add("'" + name + "' must be an integer"); //$NON-NLS-1$ //$NON-NLS-2$
			} else {
				long number = integer;
				if (property.has("minimum") && number < property.get("minimum").getAsLong()) { //$NON-NLS-1$ //$NON-NLS-2$
					problems.add("'" + name + "' must be at least " + property.get("minimum")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
				if (property.has("maximum") && number > property.get("maximum").getAsLong()) { //$NON-NLS-1$ //$NON-NLS-2$
					problems.add("'" + name + "' must be at most " + property.get("maximum")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
			}
		}
		case "boolean" -> { //$NON-NLS-1$
			if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
				problems.add("'" + name + "' must be true or false"); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		case "array" -> { //$NON-NLS-1$
			if (!value.isJsonArray()) {
				problems.add("'" + name + "' must be an array of strings"); //$NON-NLS-1$ //$NON-NLS-2$
			} else {
				for (JsonElement item : value.getAsJsonArray()) {
					if (!isString(item)) {
						problems.add("'" + name + "' must contain only strings"); //$NON-NLS-1$ //$NON-NLS-2$
						break;
					}
				}
			}
		}
		default -> problems.add("'" + name + "' has the unsupported schema type " + type); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/**
	 * The value as a {@code long} when it is an integral JSON number, clamped to the range of {@code long}; else
	 * {@code null}. Exponents are bounded first: {@code 1e999999999} is refused, not expanded.
	 */
	private static Long integer(JsonElement value) {
		if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
			return null;
		}
		java.math.BigDecimal number;
		try {
			number = new java.math.BigDecimal(value.getAsJsonPrimitive().getAsString());
		} catch (NumberFormatException e) {
			return null;
		}
		if (number.signum() == 0) {
			return 0L;
		}
		number = number.stripTrailingZeros();
		if (number.scale() > 0 || number.precision() - number.scale() > 19) {
			// a fraction, or more digits than any long: an integer far out of every range is no valid argument
			return number.scale() > 0 ? null : number.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
		}
		return number.max(java.math.BigDecimal.valueOf(Long.MIN_VALUE))
				.min(java.math.BigDecimal.valueOf(Long.MAX_VALUE)).longValueExact();
	}

	private static boolean isString(JsonElement value) {
		return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		int see = message.indexOf("\nSee "); //$NON-NLS-1$
		return see < 0 ? message : message.substring(0, see);
	}

	/** @return whether the argument is present (and not JSON null) */
	public boolean has(String name) {
		JsonElement value = values.get(name);
		return value != null && !value.isJsonNull();
	}

	/** @return a required string argument (validated to be present) */
	public String string(String name) {
		return values.get(name).getAsString();
	}

	/** @return a string argument, or {@code fallback} if absent */
	public String string(String name, String fallback) {
		return has(name) ? values.get(name).getAsString() : fallback;
	}

	/** @return an integer argument, or {@code fallback} if absent */
	public long integer(String name, long fallback) {
		Long value = has(name) ? integer(values.get(name)) : null;
		return value != null ? value : fallback;
	}

	/** @return a boolean argument, or {@code fallback} if absent */
	public boolean bool(String name, boolean fallback) {
		return has(name) ? values.get(name).getAsBoolean() : fallback;
	}

	/** @return an array-of-strings argument, or the empty list if absent */
	public List<String> strings(String name) {
		if (!has(name)) {
			return List.of();
		}
		List<String> list = new ArrayList<>();
		for (JsonElement item : values.getAsJsonArray(name)) {
			list.add(item.getAsString());
		}
		return List.copyOf(list);
	}

	/** @return these arguments with the string argument {@code name} set to {@code value} */
	public ToolArguments with(String name, String value) {
		JsonObject copy = values.deepCopy();
		copy.addProperty(name, value);
		return new ToolArguments(copy);
	}

	/** @return the arguments as compact JSON */
	public String toJson() {
		return values.toString();
	}

	@Override
	public String toString() {
		return toJson();
	}
}
