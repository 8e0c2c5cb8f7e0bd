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
import dev.warden.core.provider.Role;
import dev.warden.core.provider.ToolSpec;

/**
 * The Anthropic Messages API ({@code POST {base}/v1/messages}, {@code anthropic-version: 2023-06-01}) with streaming.
 * The stable prefix is marked for prompt caching: the system prompt, the last tool definition and the last block of
 * the conversation carry {@code cache_control: {"type": "ephemeral"}}, so each turn reads the previous one's prefix
 * from the cache.
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
		body.addProperty("max_tokens", config().maxOutputTokens()); //$NON-NLS-1$
		body.addProperty("stream", true); //$NON-NLS-1$
		if (config().temperature() != null) {
			body.addProperty("temperature", config().temperature()); //$NON-NLS-1$
		}
		if (!request.systemPrompt().isEmpty()) {
			JsonArray system = new JsonArray();
			JsonObject text = textBlock(request.systemPrompt());
			text.add("cache_control", ephemeral()); //$NON-NLS-1$
			system.add(text);
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
		JsonArray messages = encodeMessages(request.messages());
		if (!messages.isEmpty()) {
			JsonArray lastContent = messages.get(messages.size() - 1).getAsJsonObject().getAsJsonArray("content"); //$NON-NLS-1$
			lastContent.get(lastContent.size() - 1).getAsJsonObject().add("cache_control", ephemeral()); //$NON-NLS-1$
		}
		body.add("messages", messages); //$NON-NLS-1$
		return body;
	}

	/** Encodes messages, skipping empty ones and merging neighbours of the same role, as the API requires. */
	private static JsonArray encodeMessages(List<Message> messages) {
		JsonArray encoded = new JsonArray();
		Role previous = null;
		JsonArray content = null;
		for (Message message : messages) {
			List<JsonObject> blocks = encodeBlocks(message);
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

	private static List<JsonObject> encodeBlocks(Message message) {
		List<JsonObject> results = new ArrayList<>();
		List<JsonObject> others = new ArrayList<>();
		for (ContentPart part : message.parts()) {
			switch (part) {
			case ContentPart.Text text when text.text().isBlank() -> {
				// the API rejects empty text blocks
			}
			case ContentPart.Text text -> others.add(textBlock(text.text()));
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
