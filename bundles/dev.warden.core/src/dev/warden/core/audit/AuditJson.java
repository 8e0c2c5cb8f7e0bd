package dev.warden.core.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The JSON form of an {@link AuditEvent}, one object a line:
 * {@code {"time":"2026-01-02T03:04:05.678Z","session":"…","kind":"…","subject":"…","verdict":"…","detail":"…","actor":"…"}}.
 */
public final class AuditJson {

	private static final Gson GSON = new Gson();

	private AuditJson() {
	}

	/** The event as one line of JSON (no line break). */
	public static String toLine(AuditEvent event) {
		JsonObject o = new JsonObject();
		o.addProperty("time", event.time().toString());
		o.addProperty("session", event.sessionId());
		o.addProperty("kind", event.kind());
		o.addProperty("subject", event.subject());
		o.addProperty("verdict", event.verdict());
		o.addProperty("detail", event.detail());
		o.addProperty("actor", event.actor());
		return GSON.toJson(o);
	}

	/**
	 * The event a line holds.
	 *
	 * @throws IllegalArgumentException if the line is not an audit event
	 */
	public static AuditEvent fromLine(String line) {
		try {
			JsonElement element = JsonParser.parseString(line);
			if (!element.isJsonObject()) {
				throw new IllegalArgumentException("not a JSON object");
			}
			JsonObject o = element.getAsJsonObject();
			String time = string(o, "time");
			String kind = string(o, "kind");
			if (time == null || kind == null) {
				throw new IllegalArgumentException("no time or kind");
			}
			return new AuditEvent(Instant.parse(time), string(o, "session"), kind, string(o, "subject"),
					string(o, "verdict"), string(o, "detail"), string(o, "actor"));
		} catch (JsonParseException | DateTimeParseException | IllegalStateException | UnsupportedOperationException e) {
			throw new IllegalArgumentException("not an audit event: " + e.getMessage(), e);
		}
	}

	private static String string(JsonObject o, String name) {
		JsonElement e = o.get(name);
		return e == null || e.isJsonNull() ? null : e.getAsString();
	}
}
