package dev.warden.core.internal.agent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.StreamListener;
import dev.warden.core.provider.ToolCall;

/**
 * Asks the model for a structured summary of the start of a conversation. The messages are sent as a transcript
 * (not as turns with tool calls), shortened to fit the window, with the previous summary in front; the files the
 * tool calls named are listed by Warden itself below the model's summary, so they survive a vague summary.
 */
public final class Summarizer {

	/** The instructions of the summary request. */
	static final String INSTRUCTIONS = """
			You summarize the earlier part of a working session between a user and a coding agent, so that the agent \
			can continue the work from the summary alone. Write in the agent's voice, concisely, with exactly these \
			headings:
			## Goal
			What the user wants, in their terms, with every requirement they stated.
			## Decisions
			What was decided or learned and why, including what the user rejected.
			## Files touched
			Each file read, created, changed or deleted, and what was done to it.
			## Open tasks
			What remains to be done, and what the agent was doing when the summary was made.
			Do not invent anything that is not in the transcript.
			"""; //$NON-NLS-1$

	/** The heading of the list Warden adds from the tool calls. */
	static final String FILES_HEADING = "\n\n## Paths named in the agent's tool calls\n"; //$NON-NLS-1$

	private static final int MAX_PATHS = 60;

	/** The shortest an entry of the transcript is cut to before entries are left out. */
	private static final int MIN_ENTRY_CHARS = 160;

	private Summarizer() {
	}

	/** What the model wrote and what the request cost. */
	public record Summary(String text, ModelResponse response) {
	}

	/**
	 * @param previous    the summary of the messages before {@code messages}, or empty
	 * @param messages    the messages to summarize
	 * @param inputTokens how many tokens the transcript may take
	 */
	public static Summary summarize(ModelProvider provider, String previous, List<Message> messages, long inputTokens,
			Cancellation cancellation) throws ProviderException {
		String transcript = transcript(previous, messages, Math.max(1_000, inputTokens) * PromptWindow.CHARS_PER_TOKEN);
		ModelRequest request = new ModelRequest(INSTRUCTIONS, List.of(), List.of(Message.user(transcript)));
		ModelResponse response = provider.stream(request, StreamListener.NONE, cancellation);
		String text = response.message().text().strip();
		if (text.isEmpty() || response.interrupted()) {
			throw new ProviderException(ProviderException.Kind.PROTOCOL,
					"The model did not write a summary of the conversation" //$NON-NLS-1$
							+ (response.interrupted() ? ": " + response.interruption() : ".")); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Set<String> paths = paths(messages);
		if (!paths.isEmpty()) {
			text = text + FILES_HEADING + String.join("\n", paths.stream().map(p -> "- " + p).toList()); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new Summary(text, response);
	}

	/** @return the transcript of {@code messages}, at most {@code maxChars} long */
	static String transcript(String previous, List<Message> messages, long maxChars) {
		List<String> entries = new ArrayList<>();
		for (Message message : messages) {
			for (ContentPart part : message.parts()) {
				switch (part) {
				case ContentPart.Text t when !t.text().isBlank() -> entries
						.add((message.role() == Role.USER ? "USER: " : "AGENT: ") + t.text().strip()); //$NON-NLS-1$ //$NON-NLS-2$
				case ContentPart.ToolUse u -> entries.add("AGENT CALLS " + u.name() + ' ' + u.argumentsJson()); //$NON-NLS-1$
				case ContentPart.ToolResult r -> entries
						.add((r.error() ? "TOOL ERROR: " : "TOOL RESULT: ") + r.content().strip()); //$NON-NLS-1$ //$NON-NLS-2$
				default -> {
					// blank text
				}
				}
			}
		}
		String head = previous.isBlank() ? "" : "Summary of what came before:\n" + previous.strip() + "\n\n"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String intro = "Summarize this part of the session:\n\n"; //$NON-NLS-1$
		long room = Math.max(MIN_ENTRY_CHARS * 4L, maxChars - head.length() - intro.length());
		// shorten the longest entries first, down to a floor; then leave out the oldest entries but the first
		int limit = Integer.MAX_VALUE;
		while (length(entries, limit) > room && limit > MIN_ENTRY_CHARS) {
			limit = limit == Integer.MAX_VALUE ? (int) Math.max(MIN_ENTRY_CHARS, room / Math.max(1, entries.size()) * 2)
					: Math.max(MIN_ENTRY_CHARS, limit / 2);
		}
		List<String> kept = new ArrayList<>();
		for (String entry : entries) {
			kept.add(entry.length() <= limit ? entry : entry.substring(0, limit) + " […]"); //$NON-NLS-1$
		}
		int omitted = 0;
		while (kept.size() > 2 && length(kept, Integer.MAX_VALUE) > room) {
			kept.remove(1);
			omitted++;
		}
		if (omitted > 0) {
			kept.add(1, "[" + omitted + " entries left out]"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return head + intro + String.join("\n\n", kept); //$NON-NLS-1$
	}

	private static long length(List<String> entries, int limit) {
		long sum = 0;
		for (String entry : entries) {
			sum += Math.min(entry.length(), limit) + 2;
		}
		return sum;
	}

	/** @return the {@code path} arguments of the tool calls in {@code messages}, in order of first mention */
	static Set<String> paths(List<Message> messages) {
		Set<String> paths = new LinkedHashSet<>();
		for (Message message : messages) {
			for (ToolCall call : message.toolCalls()) {
				try {
					JsonElement json = JsonParser.parseString(call.argumentsJson());
					if (json.isJsonObject()) {
						JsonObject args = json.getAsJsonObject();
						JsonElement path = args.get("path"); //$NON-NLS-1$
						if (path != null && path.isJsonPrimitive() && paths.size() < MAX_PATHS) {
							paths.add(path.getAsString() + " (" + call.name() + ')'); //$NON-NLS-1$
						}
					}
				} catch (JsonParseException | IllegalStateException e) {
					// a call cut off mid-JSON names nothing reliably
				}
			}
		}
		return paths;
	}
}
