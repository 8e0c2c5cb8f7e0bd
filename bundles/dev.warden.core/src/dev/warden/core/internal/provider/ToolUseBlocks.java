package dev.warden.core.internal.provider;

import java.util.HashMap;
import java.util.Map;

import dev.warden.core.provider.ToolCall;

/**
 * The tool-use blocks of a streamed answer whose input arrives as JSON fragments, by content block index, until each
 * block stops (Anthropic's Messages stream and Bedrock's Converse stream frame them alike).
 */
final class ToolUseBlocks {

	private record Block(String id, String name, StringBuilder json) {
	}

	private final Map<Integer, Block> blocks = new HashMap<>();

	/** A tool-use block starts at {@code index}. */
	void start(int index, String id, String name) {
		blocks.put(index, new Block(id, name, new StringBuilder()));
	}

	/** Adds a fragment of the input of the block at {@code index}; ignored when that is no tool-use block. */
	void append(int index, String fragment) {
		Block block = blocks.get(index);
		if (block != null && fragment != null) {
			block.json.append(fragment);
		}
	}

	/** The call of the block at {@code index}, which ends here (no input reads as {@code {}}), or null. */
	ToolCall stop(int index) {
		Block block = blocks.remove(index);
		if (block == null) {
			return null;
		}
		String json = block.json.toString();
		return new ToolCall(block.id, block.name, json.isBlank() ? "{}" : json); //$NON-NLS-1$
	}
}
