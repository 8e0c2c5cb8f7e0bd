package dev.warden.core.internal.provider;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ProviderException.Kind;
import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.ToolSpec;

/**
 * OpenAI Chat Completions ({@code POST {base}/chat/completions}, base ending in {@code /v1}) with streaming and
 * {@code stream_options.include_usage}. The same request serves OpenAI, OpenRouter, Ollama, LM Studio, vLLM and
 * llama.cpp's server; the bearer header is sent only when a key is configured.
 * <p>
 * The output limit is spelled as each endpoint wants it: {@code max_completion_tokens} for OpenAI's own endpoint and
 * for reasoning models (o-series, gpt-5 and later), which reject {@code max_tokens}; {@code max_tokens} for the other
 * servers, some of which do not know the newer name. A 400 that names the parameter sent switches to the other
 * spelling once, and the provider keeps it for later requests.
 * <p>
 * A local server whose context window is smaller than the prompt (Ollama's default of 4096 tokens) either answers
 * nothing with {@code finish_reason: "length"} or silently drops the front of the prompt; both are told to the user
 * with how to raise the window.
 * <p>
 * A {@link dev.warden.core.provider.ReasoningEffort} other than off is sent as {@code reasoning_effort}. Reasoning a
 * server streamed ({@code reasoning_content}) is sent back as {@code reasoning_content} on the assistant messages
 * that carry tool calls, which DeepSeek requires within a tool-use turn and other servers ignore; never to OpenAI's
 * own endpoint, which streams no reasoning and accepts no unknown fields.
 */
public final class OpenAiCompatibleProvider extends StreamingHttpProvider {

	static final String MAX_TOKENS = "max_tokens"; //$NON-NLS-1$

	static final String MAX_COMPLETION_TOKENS = "max_completion_tokens"; //$NON-NLS-1$

	/** Model names that only accept {@code max_completion_tokens}: o1, o3, o4-mini, gpt-5, gpt-5-mini … */
	private static final Pattern REASONING_MODEL = Pattern.compile("(^|/)(o\\d|gpt-[5-9])", Pattern.CASE_INSENSITIVE); //$NON-NLS-1$

	/** Roughly how many characters of a request body make one token; generous, so the estimate errs low. */
	private static final int CHARS_PER_TOKEN = 4;

	private final AtomicReference<String> limitParameter;

	public OpenAiCompatibleProvider(ProviderConfig config) {
		super(config);
		limitParameter = new AtomicReference<>(limitParameterFor(config));
	}

	/** @return the spelling of the output limit {@code config}'s endpoint and model accept */
	public static String limitParameterFor(ProviderConfig config) {
		return openAiEndpoint(config) || REASONING_MODEL.matcher(config.model()).find() ? MAX_COMPLETION_TOKENS : MAX_TOKENS;
	}

	/** @return whether {@code config} names OpenAI's own endpoint */
	static boolean openAiEndpoint(ProviderConfig config) {
		String host = URI.create(config.baseUrl()).getHost();
		return host != null && host.toLowerCase(Locale.ROOT).endsWith("api.openai.com"); //$NON-NLS-1$
	}

	@Override
	protected boolean adaptToRejection(int status, String body) {
		if (status != 400 && status != 422) {
			return false;
		}
		String current = limitParameter.get();
		String param = HttpFailures.errorField(body, "param"); //$NON-NLS-1$
		if (!current.equals(param) && !body.contains(current)) {
			return false;
		}
		limitParameter.set(current.equals(MAX_TOKENS) ? MAX_COMPLETION_TOKENS : MAX_TOKENS);
		return true;
	}

	@Override
	protected ModelResponse finish(ModelRequest request, byte[] body, ModelResponse response)
			throws ProviderException {
		Message message = response.message();
		// a reasoning model may spend a small limit on hidden reasoning: only an answer cut off at once counts
		if (response.stopReason() == StopReason.MAX_TOKENS && message.text().isBlank()
				&& message.toolCalls().isEmpty()
				&& response.usage().outputTokens() < Math.min(8, config().maxOutputTokens())) {
			throw new ProviderException(Kind.CONTEXT_WINDOW, "The model stopped before writing anything: the prompt " //$NON-NLS-1$
					+ (response.usage().promptTokens() > 0 ? "(" + response.usage().promptTokens() + " tokens) " : "") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "fills its context window. " + RAISE_WINDOW); //$NON-NLS-1$
		}
		long read = response.usage().promptTokens();
		long estimate = body.length / CHARS_PER_TOKEN;
		if (local() && read > 0 && estimate > read * 3 / 2 + 256) {
			return response.withNotice(HttpFailures.hostOf(endpoint()) + " read only " + read //$NON-NLS-1$
					+ " tokens of a prompt of about " + estimate + ": it probably dropped the start of the " //$NON-NLS-1$ //$NON-NLS-2$
					+ "conversation because its context window is smaller. " + RAISE_WINDOW); //$NON-NLS-1$
		}
		return response;
	}

	/** How to raise a local server's window, in words for the user. */
	static final String RAISE_WINDOW = "Ollama's default window is 4096 tokens: start it with a larger one " //$NON-NLS-1$
			+ "(OLLAMA_CONTEXT_LENGTH=32768 ollama serve), or set PARAMETER num_ctx 32768 in a Modelfile; " //$NON-NLS-1$
			+ "for llama.cpp's server use --ctx-size, for LM Studio the model's context length setting. " //$NON-NLS-1$
			+ "Otherwise start a new chat or choose a model with a larger window."; //$NON-NLS-1$

	/** @return whether the server runs on this machine or the local network (plain http), where windows are set by hand */
	private boolean local() {
		URI uri = endpoint();
		String host = uri.getHost() == null ? "" : uri.getHost(); //$NON-NLS-1$
		return "http".equalsIgnoreCase(uri.getScheme()) || host.equals("localhost") || host.startsWith("127.") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				|| host.equals("[::1]"); //$NON-NLS-1$
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
		body.addProperty(limitParameter.get(), config().maxOutputTokens());
		if (config().reasoning().enabled()) {
			body.addProperty("reasoning_effort", config().reasoning().wireName()); //$NON-NLS-1$
		}
		if (config().temperature() != null) {
			body.addProperty("temperature", config().temperature()); //$NON-NLS-1$
		}
		body.addProperty("stream", true); //$NON-NLS-1$
		JsonObject streamOptions = new JsonObject();
		streamOptions.addProperty("include_usage", true); //$NON-NLS-1$
		body.add("stream_options", streamOptions); //$NON-NLS-1$
		JsonArray messages = new JsonArray();
		if (!request.fullSystemPrompt().isEmpty()) {
			messages.add(message("system", request.fullSystemPrompt())); //$NON-NLS-1$
		}
		boolean reasoningBack = !openAiEndpoint(config());
		for (Message message : request.messages()) {
			encode(message, messages, reasoningBack);
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

	private static void encode(Message message, JsonArray messages, boolean reasoningBack) {
		StringBuilder text = new StringBuilder();
		List<ContentPart.ToolUse> uses = new ArrayList<>();
		for (ContentPart part : message.parts()) {
			switch (part) {
			case ContentPart.Text t -> text.append(t.text());
			case ContentPart.Reasoning r -> {
				// sent back below when the message carries tool calls
			}
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
			if (reasoningBack && !message.reasoning().isEmpty()) {
				assistant.addProperty("reasoning_content", message.reasoning()); //$NON-NLS-1$
			}
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
