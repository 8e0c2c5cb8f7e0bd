package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;

import dev.warden.core.mcp.McpConnection;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpPrompt;
import dev.warden.core.operations.WardenJobs;
import dev.warden.ui.internal.WardenServices;

/**
 * The prompts of the running MCP servers that {@code /} completion offers, as {@code server:prompt}, listed off the UI
 * thread: {@link #get()} answers at once with the newest list and starts a new listing in the background.
 */
final class McpPromptSource implements Supplier<List<String>> {

	/** A prompt of a running server. */
	record Choice(String server, McpPrompt prompt) {
		String key() {
			return server + ':' + prompt.name();
		}
	}

	private volatile Map<String, Choice> prompts = Map.of();
	private final AtomicBoolean listing = new AtomicBoolean();

	/** Starts listing the prompts in the background, unless a listing is under way. */
	void refresh() {
		if (!listing.compareAndSet(false, true)) {
			return;
		}
		WardenJobs.scheduleSystem(ChatMessages.Prompts_listing, monitor -> {
			try {
				prompts = list();
			} finally {
				listing.set(false);
			}
		});
	}

	@Override
	public List<String> get() {
		refresh();
		return new ArrayList<>(prompts.keySet());
	}

	/**
	 * @return the prompt a chat input chooses: {@code /server:prompt} alone on it (spaces around it aside), of a
	 *         server running when the prompts were last listed
	 */
	Optional<Choice> chosen(String input) {
		String text = input.strip();
		if (!text.startsWith("/") || text.chars().anyMatch(Character::isWhitespace)) { //$NON-NLS-1$
			return Optional.empty();
		}
		return Optional.ofNullable(prompts.get(text.substring(1)));
	}

	private static Map<String, Choice> list() {
		Map<String, Choice> found = new LinkedHashMap<>();
		for (McpConnection server : WardenServices.mcpServers().running()) {
			if (!server.offersPrompts()) {
				continue;
			}
			try {
				for (McpPrompt prompt : server.prompts()) {
					Choice choice = new Choice(server.serverName(), prompt);
					found.put(choice.key(), choice);
				}
			} catch (McpException e) {
				ILog.of(McpPromptSource.class).info("The prompts of the MCP server '" + server.serverName() //$NON-NLS-1$
						+ "' could not be listed: " + e.getMessage()); //$NON-NLS-1$
			}
		}
		return java.util.Collections.unmodifiableMap(found);
	}
}
