package dev.warden.core.internal.agent;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import dev.warden.core.agent.Compaction;
import dev.warden.core.agent.Conversation;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.Usage;

/**
 * The JSON form of a {@link Conversation}. Written by hand rather than by reflection so that the file format is
 * explicit, stable across refactorings of the records, and carries a version.
 */
public final class ConversationJson {

	/** The newest format: 2 added reasoning parts; a chat without reasoning is still written as format 1. */
	static final int VERSION = 2;

	private ConversationJson() {
	}

	public static String write(Conversation conversation) {
		// one pass over the messages: the start of a released conversation is read from disk for it
		JsonArray messages = new JsonArray();
		boolean reasoning = false;
		for (Message message : conversation.messages()) {
			messages.add(message(message));
			reasoning |= message.parts().stream().anyMatch(ContentPart.Reasoning.class::isInstance);
		}
		JsonObject root = new JsonObject();
		root.addProperty("version", reasoning ? VERSION : 1); // older versions of Warden read those //$NON-NLS-1$
		root.addProperty("id", conversation.id()); //$NON-NLS-1$
		root.addProperty("title", conversation.title()); //$NON-NLS-1$
		root.addProperty("created", conversation.created().toString()); //$NON-NLS-1$
		root.addProperty("updated", conversation.updated().toString()); //$NON-NLS-1$
		root.add("usage", usage(conversation.usage())); //$NON-NLS-1$
		root.add("messages", messages); //$NON-NLS-1$
		if (!conversation.compactions().isEmpty()) {
			JsonArray compactions = new JsonArray();
			for (Compaction compaction : conversation.compactions()) {
				JsonObject c = new JsonObject();
				c.addProperty("upTo", compaction.upTo()); //$NON-NLS-1$
				c.addProperty("summary", compaction.summary()); //$NON-NLS-1$
				c.addProperty("created", compaction.created().toString()); //$NON-NLS-1$
				c.addProperty("tokensBefore", compaction.tokensBefore()); //$NON-NLS-1$
				c.addProperty("tokensAfter", compaction.tokensAfter()); //$NON-NLS-1$
				compactions.add(c);
			}
			root.add("compactions", compactions); //$NON-NLS-1$
		}
		return toJson(root);
	}

	private static JsonObject message(Message message) {
		JsonObject m = new JsonObject();
		m.addProperty("role", message.role().name()); //$NON-NLS-1$
		if (message.interrupted()) {
			m.addProperty("interrupted", true); //$NON-NLS-1$
		}
		JsonArray parts = new JsonArray();
		for (ContentPart part : message.parts()) {
			JsonObject p = new JsonObject();
			switch (part) {
			case ContentPart.Text t -> {
				p.addProperty("type", "text"); //$NON-NLS-1$ //$NON-NLS-2$
				p.addProperty("text", t.text()); //$NON-NLS-1$
			}
			case ContentPart.Reasoning r -> {
				p.addProperty("type", "reasoning"); //$NON-NLS-1$ //$NON-NLS-2$
				p.addProperty("text", r.text()); //$NON-NLS-1$
				if (!r.signature().isEmpty()) {
					p.addProperty("signature", r.signature()); //$NON-NLS-1$
				}
				if (r.redacted()) {
					p.addProperty("redacted", r.redactedData()); //$NON-NLS-1$
				}
			}
			case ContentPart.ToolUse u -> {
				p.addProperty("type", "tool_use"); //$NON-NLS-1$ //$NON-NLS-2$
				p.addProperty("id", u.id()); //$NON-NLS-1$
				p.addProperty("name", u.name()); //$NON-NLS-1$
				p.addProperty("arguments", u.argumentsJson()); //$NON-NLS-1$
			}
			case ContentPart.ToolResult r -> {
				p.addProperty("type", "tool_result"); //$NON-NLS-1$ //$NON-NLS-2$
				p.addProperty("tool_use_id", r.toolUseId()); //$NON-NLS-1$
				p.addProperty("content", r.content()); //$NON-NLS-1$
				p.addProperty("error", r.error()); //$NON-NLS-1$
			}
			}
			parts.add(p);
		}
		m.add("parts", parts); //$NON-NLS-1$
		return m;
	}

	/**
	 * @throws com.google.gson.JsonParseException, IllegalArgumentException, IllegalStateException if the text is not a
	 *                                             conversation
	 */
	public static Conversation read(String json) {
		return answered(readSaved(json));
	}

	/**
	 * The conversation exactly as saved: a tool call left without its result stays so (see {@link #answered}).
	 *
	 * @throws com.google.gson.JsonParseException, IllegalArgumentException, IllegalStateException if the text is not a
	 *                                             conversation
	 */
	public static Conversation readSaved(String json) {
		// read as a stream, straight into the records: a long chat's file is tens of megabytes, mostly tool outputs,
		// and a tree of it first would cost as much again
		try (JsonReader in = new JsonReader(new StringReader(json))) {
			Conversation conversation = readSaved(in);
			if (in.peek() != JsonToken.END_DOCUMENT) {
				throw new JsonSyntaxException("more after the conversation at " + in.getPath()); //$NON-NLS-1$
			}
			return conversation;
		} catch (IOException e) {
			throw new JsonSyntaxException(e.getMessage(), e);
		}
	}

	private static Conversation readSaved(JsonReader in) throws IOException {
		int version = -1;
		String id = null;
		String title = null;
		Instant created = null;
		Instant updated = null;
		Usage usage = null;
		List<Message> messages = null;
		JsonArray compactionArray = null;
		in.beginObject();
		while (in.hasNext()) {
			switch (in.nextName()) {
			case "version" -> { //$NON-NLS-1$
				version = in.nextInt();
				if (version > VERSION) {
					throw new IllegalArgumentException("written by a newer version of Warden (format " + version + ')'); //$NON-NLS-1$
				}
			}
			case "id" -> id = in.nextString(); //$NON-NLS-1$
			case "title" -> title = in.nextString(); //$NON-NLS-1$
			case "created" -> created = Instant.parse(in.nextString()); //$NON-NLS-1$
			case "updated" -> updated = Instant.parse(in.nextString()); //$NON-NLS-1$
			case "usage" -> usage = usage(JsonParser.parseReader(in).getAsJsonObject()); //$NON-NLS-1$
			case "messages" -> messages = messages(in); //$NON-NLS-1$
			case "compactions" -> compactionArray = JsonParser.parseReader(in).getAsJsonArray(); //$NON-NLS-1$
			default -> in.skipValue();
			}
		}
		in.endObject();
		if (version < 0 || messages == null || usage == null) {
			throw new IllegalArgumentException("not a conversation: no version, messages or usage"); //$NON-NLS-1$
		}
		List<Compaction> compactions = new ArrayList<>();
		if (compactionArray != null) {
			for (JsonElement element : compactionArray) {
				JsonObject c = element.getAsJsonObject();
				int upTo = c.get("upTo").getAsInt(); //$NON-NLS-1$
				if (upTo <= messages.size()) { // a summary of more than the file holds would stand for nothing
					compactions.add(new Compaction(upTo, c.get("summary").getAsString(), //$NON-NLS-1$
							Instant.parse(c.get("created").getAsString()), c.get("tokensBefore").getAsLong(), //$NON-NLS-1$ //$NON-NLS-2$
							c.get("tokensAfter").getAsLong())); //$NON-NLS-1$
				}
			}
		}
		return new Conversation(Objects.requireNonNull(id, "id"), Objects.requireNonNull(title, "title"), //$NON-NLS-1$ //$NON-NLS-2$
				Objects.requireNonNull(created, "created"), Objects.requireNonNull(updated, "updated"), messages, //$NON-NLS-1$ //$NON-NLS-2$
				usage, compactions);
	}

	private static List<Message> messages(JsonReader in) throws IOException {
		List<Message> messages = new ArrayList<>();
		in.beginArray();
		while (in.hasNext()) {
			messages.add(message(in));
		}
		in.endArray();
		return messages;
	}

	private static Message message(JsonReader in) throws IOException {
		Role role = null;
		boolean interrupted = false;
		List<ContentPart> parts = null;
		in.beginObject();
		while (in.hasNext()) {
			switch (in.nextName()) {
			case "role" -> role = Role.valueOf(in.nextString()); //$NON-NLS-1$
			case "interrupted" -> interrupted = in.nextBoolean(); //$NON-NLS-1$
			case "parts" -> { //$NON-NLS-1$
				parts = new ArrayList<>();
				in.beginArray();
				while (in.hasNext()) {
					parts.add(part(in));
				}
				in.endArray();
			}
			default -> in.skipValue();
			}
		}
		in.endObject();
		return new Message(Objects.requireNonNull(role, "role"), Objects.requireNonNull(parts, "parts"), interrupted); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static ContentPart part(JsonReader in) throws IOException {
		java.util.Map<String, String> fields = new java.util.HashMap<>();
		Boolean error = null;
		in.beginObject();
		while (in.hasNext()) {
			String name = in.nextName();
			if ("error".equals(name)) { //$NON-NLS-1$
				error = in.nextBoolean();
			} else if (in.peek() == JsonToken.STRING) {
				fields.put(name, in.nextString());
			} else {
				in.skipValue();
			}
		}
		in.endObject();
		String type = required(fields, "type"); //$NON-NLS-1$
		return switch (type) {
		case "text" -> new ContentPart.Text(required(fields, "text")); //$NON-NLS-1$ //$NON-NLS-2$
		case "reasoning" -> new ContentPart.Reasoning(required(fields, "text"), fields.getOrDefault("signature", ""), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				fields.getOrDefault("redacted", "")); //$NON-NLS-1$ //$NON-NLS-2$
		case "tool_use" -> new ContentPart.ToolUse(required(fields, "id"), required(fields, "name"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				required(fields, "arguments")); //$NON-NLS-1$
		case "tool_result" -> new ContentPart.ToolResult(required(fields, "tool_use_id"), required(fields, "content"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				Objects.requireNonNull(error, "error")); //$NON-NLS-1$
		default -> throw new IllegalArgumentException("unknown part type " + type); //$NON-NLS-1$
		};
	}

	private static String required(java.util.Map<String, String> fields, String name) {
		return Objects.requireNonNull(fields.get(name), name);
	}

	/** {@code conversation} with every tool call left without a result answered ({@link #answerOpenCalls}). */
	public static Conversation answered(Conversation conversation) {
		List<Message> messages = answerOpenCalls(conversation.messages());
		return messages == conversation.messages() ? conversation
				: new Conversation(conversation.id(), conversation.title(), conversation.created(),
						conversation.updated(), messages, conversation.usage(), conversation.compactions());
	}

	/**
	 * One line of a conversation's log: what {@code conversation} adds to its version of {@code from} messages (the
	 * messages after those, and its title, time and usage now). The line holds no line break.
	 */
	public static String logLine(Conversation conversation, int from) {
		JsonObject line = new JsonObject();
		line.addProperty("from", from); //$NON-NLS-1$
		line.addProperty("title", conversation.title()); //$NON-NLS-1$
		line.addProperty("updated", conversation.updated().toString()); //$NON-NLS-1$
		line.add("usage", usage(conversation.usage())); //$NON-NLS-1$
		JsonArray messages = new JsonArray();
		for (Message message : conversation.messages().subList(from, conversation.messages().size())) {
			messages.add(message(message));
		}
		line.add("messages", messages); //$NON-NLS-1$
		return toJson(line);
	}

	/** {@code element} as the saved chat and its log hold JSON: HTML characters as they are, lone surrogates escaped. */
	private static String toJson(JsonElement element) {
		return escapeLoneSurrogates(new GsonBuilder().disableHtmlEscaping().create().toJson(element));
	}

	/**
	 * {@code json} with each lone surrogate written as its {@code \\uXXXX} escape. Gson writes them as they are, and
	 * UTF-8 cannot carry them (a '?' would be saved instead), yet they occur: a model's JSON may send half of a pair,
	 * and an output cut at a length may end inside one. Escaped, the saved chat reads back exactly what was held. Gson
	 * writes characters other than ASCII only inside strings, so the escape is always within one.
	 */
	static String escapeLoneSurrogates(String json) {
		StringBuilder escaped = null;
		int length = json.length();
		for (int i = 0; i < length; i++) {
			char c = json.charAt(i);
			if (!Character.isSurrogate(c)) {
				if (escaped != null) {
					escaped.append(c);
				}
				continue;
			}
			boolean pair = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(json.charAt(i + 1));
			if (pair) {
				if (escaped != null) {
					escaped.append(c).append(json.charAt(i + 1));
				}
				i++;
				continue;
			}
			if (escaped == null) {
				escaped = new StringBuilder(length + 16).append(json, 0, i);
			}
			escaped.append(String.format("\\u%04x", (int) c)); //$NON-NLS-1$
		}
		return escaped == null ? json : escaped.toString();
	}

	/**
	 * {@code saved} with one line of its log applied.
	 *
	 * @throws com.google.gson.JsonParseException, IllegalArgumentException, IllegalStateException if the line is not
	 *                                             one (a torn last line) or does not follow {@code saved}
	 */
	public static Conversation applyLogLine(Conversation saved, String text) {
		int from = -1;
		String title = null;
		Instant updated = null;
		Usage usage = null;
		List<Message> added = null;
		try (JsonReader in = new JsonReader(new StringReader(text))) {
			in.beginObject();
			while (in.hasNext()) {
				switch (in.nextName()) {
				case "from" -> from = in.nextInt(); //$NON-NLS-1$
				case "title" -> title = in.nextString(); //$NON-NLS-1$
				case "updated" -> updated = Instant.parse(in.nextString()); //$NON-NLS-1$
				case "usage" -> usage = usage(JsonParser.parseReader(in).getAsJsonObject()); //$NON-NLS-1$
				case "messages" -> added = messages(in); //$NON-NLS-1$
				default -> in.skipValue();
				}
			}
			in.endObject();
			if (in.peek() != JsonToken.END_DOCUMENT) {
				throw new JsonSyntaxException("more after the log line at " + in.getPath()); //$NON-NLS-1$
			}
		} catch (IOException e) {
			throw new JsonSyntaxException(e.getMessage(), e);
		}
		if (from != saved.messages().size()) {
			throw new IllegalArgumentException("a log line that follows " + from + " messages, not " //$NON-NLS-1$ //$NON-NLS-2$
					+ saved.messages().size());
		}
		List<Message> messages = new ArrayList<>(saved.messages());
		messages.addAll(Objects.requireNonNull(added, "messages")); //$NON-NLS-1$
		return new Conversation(saved.id(), Objects.requireNonNull(title, "title"), saved.created(), //$NON-NLS-1$
				Objects.requireNonNull(updated, "updated"), messages, Objects.requireNonNull(usage, "usage"), //$NON-NLS-1$ //$NON-NLS-2$
				saved.compactions());
	}

	private static Usage usage(JsonObject usage) {
		return new Usage(usage.get("input").getAsLong(), usage.get("output").getAsLong(), //$NON-NLS-1$ //$NON-NLS-2$
				usage.get("cacheRead").getAsLong(), usage.get("cacheWrite").getAsLong()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** What a tool call left without a result by a stopped IDE is answered with. */
	public static final String INTERRUPTED_RESULT = "Interrupted: Warden was closed while this call was waiting or " //$NON-NLS-1$
			+ "running, so it may not have finished and its result is unknown. Check its effects before repeating it."; //$NON-NLS-1$

	/**
	 * Repairs a conversation saved while a tool call ran (the IDE was killed before its result was saved): both
	 * protocols refuse every later request whose tool calls lack results. Each such call is answered as interrupted, in
	 * the user message that follows the call (created when the next message is not one of tool results).
	 *
	 * @return {@code messages}, or a repaired copy
	 */
	public static List<Message> answerOpenCalls(List<Message> messages) {
		List<Message> repaired = new ArrayList<>(messages.size() + 1);
		boolean changed = false;
		for (int i = 0; i < messages.size(); i++) {
			Message message = messages.get(i);
			repaired.add(message);
			if (message.role() != Role.ASSISTANT || message.toolCalls().isEmpty()) {
				continue;
			}
			Message next = i + 1 < messages.size() ? messages.get(i + 1) : null;
			Set<String> answered = new HashSet<>();
			boolean nextHoldsResults = false;
			if (next != null && next.role() == Role.USER) {
				for (ContentPart part : next.parts()) {
					if (part instanceof ContentPart.ToolResult result) {
						answered.add(result.toolUseId());
						nextHoldsResults = true;
					}
				}
			}
			List<ContentPart> missing = new ArrayList<>();
			for (var call : message.toolCalls()) {
				if (!answered.contains(call.id())) {
					missing.add(new ContentPart.ToolResult(call.id(), INTERRUPTED_RESULT, true));
				}
			}
			if (missing.isEmpty()) {
				continue;
			}
			changed = true;
			if (nextHoldsResults) {
				List<ContentPart> parts = new ArrayList<>(next.parts());
				parts.addAll(missing);
				repaired.add(new Message(Role.USER, parts, next.interrupted()));
				i++;
			} else {
				repaired.add(new Message(Role.USER, missing, false));
			}
		}
		return changed ? repaired : messages;
	}

	private static JsonObject usage(Usage usage) {
		JsonObject u = new JsonObject();
		u.addProperty("input", usage.inputTokens()); //$NON-NLS-1$
		u.addProperty("output", usage.outputTokens()); //$NON-NLS-1$
		u.addProperty("cacheRead", usage.cacheReadTokens()); //$NON-NLS-1$
		u.addProperty("cacheWrite", usage.cacheWriteTokens()); //$NON-NLS-1$
		return u;
	}
}
