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

	/**
	 * Pins {@code tool} of {@code server} to its {@link McpToolInfo#pinHash() hash} and keeps the description and
	 * schema it was pinned with, so that a later change can be shown against them.
	 */
	default void pin(String server, McpToolInfo tool) {
		pin(server, tool.name(), tool.pinHash());
	}

	/** @return the tool as it was pinned (description and schema), when that was kept */
	default Optional<McpToolInfo> pinnedTool(String server, String tool) {
		return Optional.empty();
	}

	/** Pins kept in memory only: for tests and headless runs. */
	static ToolPins inMemory() {
		Map<String, String> pins = new ConcurrentHashMap<>();
		Map<String, McpToolInfo> tools = new ConcurrentHashMap<>();
		return new ToolPins() {
			@Override
			public void pin(String server, McpToolInfo tool) {
				pin(server, tool.name(), tool.pinHash());
				tools.put(server + '/' + tool.name(), tool);
			}

			@Override
			public Optional<McpToolInfo> pinnedTool(String server, String tool) {
				return Optional.ofNullable(tools.get(server + '/' + tool));
			}

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
