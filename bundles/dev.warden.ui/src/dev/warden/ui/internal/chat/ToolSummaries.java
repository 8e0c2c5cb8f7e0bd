package dev.warden.ui.internal.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.eclipse.osgi.util.NLS;

import dev.warden.core.provider.ToolCall;
import dev.warden.core.tools.ToolOutput;

/** One line saying what a tool call does, for its card: "Read src/Foo.java lines 1–80", "Ran mvn test". */
final class ToolSummaries {

	private ToolSummaries() {
	}

	static String summary(ToolCall call) {
		JsonObject args = arguments(call.argumentsJson());
		return switch (call.name()) {
		case "read_file" -> NLS.bind(ChatMessages.Tool_read, string(args, "path"), range(args)); //$NON-NLS-1$ //$NON-NLS-2$
		case "list_files" -> NLS.bind(ChatMessages.Tool_list, string(args, "path", "."), string(args, "glob", "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		case "search_text" -> NLS.bind(ChatMessages.Tool_search, string(args, "query", string(args, "pattern", ""))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		case "write_file" -> NLS.bind(ChatMessages.Tool_write, string(args, "path")); //$NON-NLS-1$ //$NON-NLS-2$
		case "edit_file" -> NLS.bind(ChatMessages.Tool_edit, string(args, "path")); //$NON-NLS-1$ //$NON-NLS-2$
		case "delete_file" -> NLS.bind(ChatMessages.Tool_delete, string(args, "path")); //$NON-NLS-1$ //$NON-NLS-2$
		case "run_command" -> NLS.bind(ChatMessages.Tool_run, string(args, "command")); //$NON-NLS-1$ //$NON-NLS-2$
		case "fetch_url" -> NLS.bind(ChatMessages.Tool_fetch, string(args, "url")); //$NON-NLS-1$ //$NON-NLS-2$
		case "ask_user" -> NLS.bind(ChatMessages.Tool_ask, string(args, "question")); //$NON-NLS-1$ //$NON-NLS-2$
		default -> NLS.bind(ChatMessages.Tool_other, call.name());
		};
	}

	/**
	 * One line saying what happened to a call that did not do what was asked: "Edit failed: src/Foo.java", "Not run
	 * (rejected): mvn test".
	 */
	static String outcome(ToolCall call, ToolOutput.Outcome outcome) {
		JsonObject args = arguments(call.argumentsJson());
		boolean command = "run_command".equals(call.name()); //$NON-NLS-1$
		String subject = subject(call.name(), args);
		String why = switch (outcome) {
		case REJECTED -> ChatMessages.Tool_whyRejected;
		case REFUSED -> ChatMessages.Tool_whyRefused;
		case CANCELLED -> ChatMessages.Tool_whyCancelled;
		default -> null;
		};
		if (why == null) {
			return NLS.bind(ChatMessages.Tool_failed, noun(call.name()), subject);
		}
		return command ? NLS.bind(ChatMessages.Tool_notRun, why, subject)
				: NLS.bind(ChatMessages.Tool_notDone, new Object[] { noun(call.name()), why, subject });
	}

	/** The short word the card's status shows for an outcome. */
	static String status(ToolOutput.Outcome outcome) {
		return switch (outcome) {
		case DONE -> ChatMessages.Chat_toolDone;
		case FAILED -> ChatMessages.Chat_toolFailed;
		case REJECTED -> ChatMessages.Tool_whyRejected;
		case REFUSED -> ChatMessages.Tool_whyRefused;
		case CANCELLED -> ChatMessages.Tool_whyCancelled;
		};
	}

	private static String noun(String tool) {
		return switch (tool) {
		case "read_file" -> ChatMessages.Tool_nounRead; //$NON-NLS-1$
		case "list_files" -> ChatMessages.Tool_nounList; //$NON-NLS-1$
		case "search_text" -> ChatMessages.Tool_nounSearch; //$NON-NLS-1$
		case "write_file" -> ChatMessages.Tool_nounWrite; //$NON-NLS-1$
		case "edit_file" -> ChatMessages.Tool_nounEdit; //$NON-NLS-1$
		case "delete_file" -> ChatMessages.Tool_nounDelete; //$NON-NLS-1$
		case "run_command" -> ChatMessages.Tool_nounRun; //$NON-NLS-1$
		case "fetch_url" -> ChatMessages.Tool_nounFetch; //$NON-NLS-1$
		case "ask_user" -> ChatMessages.Tool_nounAsk; //$NON-NLS-1$
		default -> tool;
		};
	}

	private static String subject(String tool, JsonObject args) {
		return switch (tool) {
		case "run_command" -> string(args, "command"); //$NON-NLS-1$ //$NON-NLS-2$
		case "fetch_url" -> string(args, "url"); //$NON-NLS-1$ //$NON-NLS-2$
		case "search_text" -> string(args, "query", string(args, "pattern", "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		case "ask_user" -> string(args, "question"); //$NON-NLS-1$ //$NON-NLS-2$
		case "list_files" -> string(args, "path", "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		default -> string(args, "path"); //$NON-NLS-1$
		};
	}

	private static JsonObject arguments(String json) {
		try {
			JsonElement element = JsonParser.parseString(json == null || json.isBlank() ? "{}" : json); //$NON-NLS-1$
			return element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
		} catch (RuntimeException e) {
			return new JsonObject();
		}
	}

	private static String string(JsonObject args, String name) {
		return string(args, name, "?"); //$NON-NLS-1$
	}

	private static String string(JsonObject args, String name, String fallback) {
		JsonElement value = args.get(name);
		if (value == null || !value.isJsonPrimitive()) {
			return fallback;
		}
		String text = value.getAsString();
		return text.length() > 200 ? text.substring(0, 200) + '\u2026' : text;
	}

	private static String range(JsonObject args) {
		JsonElement start = args.get("start_line"); //$NON-NLS-1$
		JsonElement end = args.get("end_line"); //$NON-NLS-1$
		if (start == null && end == null) {
			return ""; //$NON-NLS-1$
		}
		return NLS.bind(ChatMessages.Tool_lines, start == null ? "1" : start.getAsString(), end == null ? "\u2026" : end.getAsString()); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
