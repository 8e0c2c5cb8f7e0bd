package dev.warden.core.internal.provider;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.ToolSpec;

/**
 * OpenAI Chat Completions ({@code POST {base}/chat/completions}, base ending in {@code /v1}) with streaming and
 * {@code stream_options.include_usage}. The same request serves OpenAI, OpenRouter, Ollama, LM Studio, vLLM and
 * llama.cpp's server; the bearer header is sent only when a key is configured.
 */
public final class OpenAiCompatibleProvider extends StreamingHttpProvider {

	public OpenAiCompatibleProvider(ProviderConfig config) {
		super(config);
	}

	@Override
	protected URI endpoint() {
		return resolve("/chat/completions"); //$NON-NLS-1$
	}

	@Override
	protected void addHeaders(HttpRequest.Builder builder, String key) {
		if (!key.isEmpty()) {
			builder.header("Authorization", "Bearer " + key); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	@Override
	protected JsonObject encode(ModelRequest request) {
		JsonObject body = new JsonObject();
		body.addProperty("model", config().model()); //$NON-NLS-1$
		body.addProperty("max_tokens", config().maxOutputTokens()); //$NON-NLS-1$
		if (config().temperature() != null) {
			body.addProperty("temperature", config().temperature()); //$NON-NLS-1$
		}
		body.addProperty("stream", true); //$NON-NLS-1$
		JsonObject streamOptions = new JsonObject();
		streamOptions.addProperty("include_usage", true); //$NON-NLS-1$
		body.add("stream_options", streamOptions); //$NON-NLS-1$
		JsonArray messages = new JsonArray();
		if (!request.systemPrompt().isEmpty()) {
			messages.add(message("system", request.systemPrompt())); //$NON-NLS-1$
		}
		for (Message message : request.messages()) {
			encode(message, messages);
		}
		body.add("messages", messages); //$NON-NLS-1$
		if (!request.tools().isEmpty()) {
			JsonArray tools = new JsonArray();
			for (ToolSpec spec : request.tools()) {
				JsonObject function = new JsonObject();
				function.addProperty("name", spec.name()); //$NON-NLS-1$
				function.addProperty("description", spec.description()); //$NON-NLS-1$
				function.add("parameters", spec.schema()); //$NON-NLS-1$
				JsonObject tool = new JsonObject();
				tool.addProperty("type", "function"); //$NON-NLS-1$ //$NON-NLS-2$
				tool.add("function", function); //$NON-NLS-1$
				tools.add(tool);
			}
			body.add("tools", tools); //$NON-NLS-1$
		}
		return body;
	}

	private static void encode(Message message, JsonArray messages) {
		StringBuilder text = new StringBuilder();
		List<ContentPart.ToolUse> uses = new ArrayList<>();
		for (ContentPart part : message.parts()) {
			switch (part) {
			case ContentPart.Text t -> text.append(t.text());
			case ContentPart.ToolUse use -> uses.add(use);
			case ContentPart.ToolResult result -> {
				// tool messages must directly follow the assistant message that made the calls
				JsonObject tool = message("tool", result.error() ? "Error: " + result.content() : result.content()); //$NON-NLS-1$ //$NON-NLS-2$
				tool.addProperty("tool_call_id", result.toolUseId()); //$NON-NLS-1$
				messages.add(tool);
			}
			}
		}
		if (message.role() == Role.USER) {
			if (!text.isEmpty()) {
				messages.add(message("user", text.toString())); //$NON-NLS-1$
			}
			return;
		}
		if (text.isEmpty() && uses.isEmpty()) {
			return;
		}
		JsonObject assistant = new JsonObject();
		assistant.addProperty("role", "assistant"); //$NON-NLS-1$ //$NON-NLS-2$
		if (!text.isEmpty()) {
			assistant.addProperty("content", text.toString()); //$NON-NLS-1$
		}
		if (!uses.isEmpty()) {
			JsonArray calls = new JsonArray();
			for (ContentPart.ToolUse use : uses) {
				JsonObject function = new JsonObject();
				function.addProperty("name", use.name()); //$NON-NLS-1$
				function.addProperty("arguments", use.argumentsJson()); //$NON-NLS-1$
				JsonObject call = new JsonObject();
				call.addProperty("id", use.id()); //$NON-NLS-1$
				call.addProperty("type", "function"); //$NON-NLS-1$ //$NON-NLS-2$
				call.add("function", function); //$NON-NLS-1$
				calls.add(call);
			}
			assistant.add("tool_calls", calls); //$NON-NLS-1$
		}
		messages.add(assistant);
	}

	private static JsonObject message(String role, String content) {
		JsonObject message = new JsonObject();
		message.addProperty("role", role); //$NON-NLS-1$
		message.addProperty("content", content); //$NON-NLS-1$
		return message;
	}

	@Override
	protected EventDecoder newDecoder(ResponseAssembler assembler) {
		return new OpenAiDecoder(assembler);
	}
}
