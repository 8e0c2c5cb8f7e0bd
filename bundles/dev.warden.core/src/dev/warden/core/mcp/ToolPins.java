package dev.warden.core.mcp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the pins of MCP tools are kept: for each {@code server/tool}, the {@link McpToolInfo#pinHash() hash} of the
 * description and schema the user saw when the tool was first used.
 */
public interface ToolPins {

	/** @return the pinned hash of {@code server/tool}, empty before its first use */
	Optional<String> pinned(String server, String tool);

	/** Pins {@code server/tool} to {@code hash} (at first use, or when the user reviewed a change). */
	void pin(String server, String tool, String hash);

	/** Pins kept in memory only: for tests and headless runs. */
	static ToolPins inMemory() {
		Map<String, String> pins = new ConcurrentHashMap<>();
		return new ToolPins() {
			@Override
			public Optional<String> pinned(String server, String tool) {
				return Optional.ofNullable(pins.get(server + '/' + tool));
			}

			@Override
			public void pin(String server, String tool, String hash) {
				pins.put(server + '/' + tool, hash);
			}
		};
	}
}
