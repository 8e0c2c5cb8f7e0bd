package dev.warden.core.internal.provider;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Null-tolerant accessors for the loosely specified JSON that model servers send. */
final class Json {

	private Json() {
	}

	/** @return the string member, or {@code null} if absent, JSON null or not a primitive */
	static String string(JsonObject object, String member) {
		JsonElement value = object.get(member);
		return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
	}

	/** @return the object member, or {@code null} */
	static JsonObject object(JsonObject object, String member) {
		JsonElement value = object.get(member);
		return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
	}

	/** @return the numeric member, or {@code fallback} */
	static long number(JsonObject object, String member, long fallback) {
		JsonElement value = object == null ? null : object.get(member);
		if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
			return fallback;
		}
		try {
			return value.getAsLong();
		} catch (NumberFormatException e) {
			return fallback; // e.g. 1e999999: Gson refuses to expand such an exponent
		}
	}

	/** @return the integer member, or {@code fallback} */
	static int integer(JsonObject object, String member, int fallback) {
		return (int) number(object, member, fallback);
	}
}
