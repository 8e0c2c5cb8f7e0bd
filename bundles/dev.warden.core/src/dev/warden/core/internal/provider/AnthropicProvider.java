package dev.warden.core.internal.provider;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ReasoningEffort;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.ToolSpec;

/**
 * The Anthropic Messages API ({@code POST {base}/v1/messages}, {@code anthropic-version: 2023-06-01}) with streaming.
 * The stable prefix is marked for prompt caching ({@code cache_control: {"type": "ephemeral"}}, at most four marks):
 * the stable system prompt, the last tool definition, the last block of the conversation, and the last block of the
 * request before (the end of the user message before the model's last answer). The server looks for an earlier cache
 * entry only about 20 blocks back from a mark, so without that second mark a long parallel step (many tool calls and
 * as many results) would miss the prefix the previous request wrote. The changing part of the instructions (the
 * mode) is a second system block after the cache mark, so switching mode does not rewrite the cached prefix.
 * <p>
 * Temperatures above 1 are sent as 1, the highest the API accepts ({@link ProviderConfig#adjustment()} says so). A
 * conversation that ends with the model's own message ({@code pause_turn}) is sent so that the model continues it.
 * <p>
 * With a {@link ReasoningEffort} other than off, extended thinking is asked for
 * ({@code thinking: {"type": "enabled", "budget_tokens": …}}): the budget is added to the output limit (the API wants
 * {@code max_tokens} above the budget) and no temperature is sent (thinking accepts none). The model's signed
 * thinking and redacted thinking blocks are then sent back unchanged and in their place, first in their message, as
 * the API requires in a tool-use turn; reasoning without a signature (from another provider, or cut off before its
 * signature) is never sent. Without thinking, no thinking block is sent.
 */
public final class AnthropicProvider extends StreamingHttpProvider {

	static final String VERSION = "2023-06-01"; //$NON-NLS-1$

	public AnthropicProvider(ProviderConfig config) {
		super(config);
	}

	@Override
	protected URI endpoint() {
		String base = config().baseUrl();
		return resolve(base.replaceAll("/+$", "").endsWith("/v1") ? "/messages" : "/v1/messages"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}

	@Override
	protected void addHeaders(HttpRequest.Builder builder, String key) {
		if (!key.isEmpty()) {
			builder.header("x-api-key", key); //$NON-NLS-1$
		}
		builder.header("anthropic-version", VERSION); //$NON-NLS-1$
	}

	@Override
	protected JsonObject encode(ModelRequest request) {
		JsonObject body = new JsonObject();
		body.addProperty("model", config().model()); //$NON-NLS-1$
		ReasoningEffort reasoning = config().reasoning();
		body.addProperty("max_tokens", config().maxOutputTokens() + reasoning.budgetTokens()); //$NON-NLS-1$
		body.addProperty("stream", true); //$NON-NLS-1$
		if (reasoning.enabled()) {
			JsonObject thinking = new JsonObject();
			thinking.addProperty("type", "enabled"); //$NON-NLS-1$ //$NON-NLS-2$
			thinking.addProperty("budget_tokens", reasoning.budgetTokens()); //$NON-NLS-1$
			body.add("thinking", thinking); //$NON-NLS-1$
		} else if (config().effectiveTemperature() != null) {
			body.addProperty("temperature", config().effectiveTemperature()); //$NON-NLS-1$
		}
		if (!request.systemPrompt().isEmpty() || !request.systemSuffix().isEmpty()) {
			JsonArray system = new JsonArray();
			if (!request.systemPrompt().isEmpty()) {
				JsonObject text = textBlock(request.systemPrompt());
				text.add("cache_control", ephemeral()); //$NON-NLS-1$
				system.add(text);
			}
			if (!request.systemSuffix().isEmpty()) {
				system.add(textBlock(request.systemSuffix())); // after the mark: may change without a cache write
			}
			body.add("system", system); //$NON-NLS-1$
		}
		if (!request.tools().isEmpty()) {
			JsonArray tools = new JsonArray();
			for (ToolSpec spec : request.tools()) {
				JsonObject tool = new JsonObject();
				tool.addProperty("name", spec.name()); //$NON-NLS-1$
				tool.addProperty("description", spec.description()); //$NON-NLS-1$
				tool.add("input_schema", spec.schema()); //$NON-NLS-1$
				tools.add(tool);
			}
			tools.get(tools.size() - 1).getAsJsonObject().add("cache_control", ephemeral()); //$NON-NLS-1$
			body.add("tools", tools); //$NON-NLS-1$
		}
		JsonArray messages = encodeMessages(request.messages(), reasoning.enabled());
		if (!messages.isEmpty()) {
			JsonObject last = messages.get(messages.size() - 1).getAsJsonObject();
			if ("assistant".equals(Json.string(last, "role"))) { //$NON-NLS-1$ //$NON-NLS-2$
				trimTrailingWhitespace(last.getAsJsonArray("content")); //$NON-NLS-1$
			}
			markLastBlock(last);
			if (messages.size() >= 3) {
				markLastBlock(messages.get(messages.size() - 3).getAsJsonObject());
			}
		}
		body.add("messages", messages); //$NON-NLS-1$
		return body;
	}

	/** Encodes messages, skipping empty ones and merging neighbours of the same role, as the API requires. */
	private static JsonArray encodeMessages(List<Message> messages, boolean thinking) {
		JsonArray encoded = new JsonArray();
		Role previous = null;
		JsonArray content = null;
		for (Message message : messages) {
			List<JsonObject> blocks = encodeBlocks(message, thinking);
			if (blocks.isEmpty()) {
				continue;
			}
			if (message.role() != previous) {
				JsonObject object = new JsonObject();
				object.addProperty("role", message.role() == Role.USER ? "user" : "assistant"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				content = new JsonArray();
				object.add("content", content); //$NON-NLS-1$
				encoded.add(object);
				previous = message.role();
			}
			blocks.forEach(content::add);
		}
		return encoded;
	}

	private static List<JsonObject> encodeBlocks(Message message, boolean thinking) {
		List<JsonObject> results = new ArrayList<>();
		List<JsonObject> others = new ArrayList<>();
		for (ContentPart part : message.parts()) {
			switch (part) {
			case ContentPart.Text text when text.text().isBlank() -> {
				// the API rejects empty text blocks
			}
			case ContentPart.Text text -> others.add(textBlock(text.text()));
			case ContentPart.Reasoning reasoning when !thinking || !reasoning.signed() -> {
				// unsigned reasoning cannot be verified by the API; without thinking none is wanted
			}
			case ContentPart.Reasoning reasoning -> {
				JsonObject block = new JsonObject();
				if (reasoning.redacted()) {
					block.addProperty("type", "redacted_thinking"); //$NON-NLS-1$ //$NON-NLS-2$
					block.addProperty("data", reasoning.redactedData()); //$NON-NLS-1$
				} else {
					block.addProperty("type", "thinking"); //$NON-NLS-1$ //$NON-NLS-2$
					block.addProperty("thinking", reasoning.text()); //$NON-NLS-1$
					block.addProperty("signature", reasoning.signature()); //$NON-NLS-1$
				}
				others.add(block);
			}
			case ContentPart.ToolUse use -> {
				JsonObject block = new JsonObject();
				block.addProperty("type", "tool_use"); //$NON-NLS-1$ //$NON-NLS-2$
				block.addProperty("id", use.id()); //$NON-NLS-1$
				block.addProperty("name", use.name()); //$NON-NLS-1$
				block.add("input", inputObject(use.argumentsJson())); //$NON-NLS-1$
				others.add(block);
			}
			case ContentPart.ToolResult result -> {
				JsonObject block = new JsonObject();
				block.addProperty("type", "tool_result"); //$NON-NLS-1$ //$NON-NLS-2$
				block.addProperty("tool_use_id", result.toolUseId()); //$NON-NLS-1$
				block.addProperty("content", result.content().isEmpty() ? "(no output)" : result.content()); //$NON-NLS-1$ //$NON-NLS-2$
				if (result.error()) {
					block.addProperty("is_error", true); //$NON-NLS-1$
				}
				results.add(block);
			}
			}
		}
		results.addAll(others); // tool results must come first in a user message
		return results;
	}

	/** @return the model's arguments as an object; malformed ones (already answered with an error) as {} */
	private static JsonObject inputObject(String argumentsJson) {
		try {
			JsonElement element = JsonParser.parseString(argumentsJson);
			if (element.isJsonObject()) {
				return element.getAsJsonObject();
			}
		} catch (JsonParseException e) {
			// the tool result already told the model its arguments were malformed
		}
		return new JsonObject();
	}

	/** Marks the message's last block that may carry a mark (thinking blocks may not). */
	private static void markLastBlock(JsonObject message) {
		JsonArray content = message.getAsJsonArray("content"); //$NON-NLS-1$
		for (int i = content.size() - 1; i >= 0; i--) {
			JsonObject block = content.get(i).getAsJsonObject();
			String type = Json.string(block, "type"); //$NON-NLS-1$
			if (!"thinking".equals(type) && !"redacted_thinking".equals(type)) { //$NON-NLS-1$ //$NON-NLS-2$
				block.add("cache_control", ephemeral()); //$NON-NLS-1$
				return;
			}
		}
	}

	/** The API refuses a final assistant message whose text ends with white space. */
	private static void trimTrailingWhitespace(JsonArray content) {
		JsonObject block = content.get(content.size() - 1).getAsJsonObject();
		if ("text".equals(Json.string(block, "type"))) { //$NON-NLS-1$ //$NON-NLS-2$
			block.addProperty("text", Json.string(block, "text").stripTrailing()); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private static JsonObject textBlock(String text) {
		JsonObject block = new JsonObject();
		block.addProperty("type", "text"); //$NON-NLS-1$ //$NON-NLS-2$
		block.addProperty("text", text); //$NON-NLS-1$
		return block;
	}

	private static JsonObject ephemeral() {
		JsonObject cache = new JsonObject();
		cache.addProperty("type", "ephemeral"); //$NON-NLS-1$ //$NON-NLS-2$
		return cache;
	}

	@Override
	protected EventDecoder newDecoder(ResponseAssembler assembler) {
		return new AnthropicDecoder(assembler);
	}
}
