package dev.warden.core.internal.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ModelInfo;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ProviderException.Kind;
import dev.warden.core.provider.ProviderKind;

/**
 * Reads the names of the models a server offers from its models endpoint: OpenAI-compatible
 * {@code GET {base}/models} ({@code {"data":[{"id":…}]}}, served by OpenAI, OpenRouter, Ollama, LM Studio, vLLM and
 * llama.cpp), Anthropic {@code GET {base}/v1/models} (paged with {@code has_more} and {@code last_id}).
 */
public final class ModelLister {

	private static final int MAX_PAGES = 20;

	private static final int MAX_BODY = 4 * 1024 * 1024;

	private ModelLister() {
	}

	/** The fields in which models endpoints state a model's context window, in the order they are believed. */
	private static final List<String> WINDOW_FIELDS = List.of("context_length", // OpenRouter, Together //$NON-NLS-1$
			"max_model_len", // vLLM //$NON-NLS-1$
			"max_context_length", // Mistral, LM Studio's own API //$NON-NLS-1$
			"context_window", // Groq //$NON-NLS-1$
			"max_input_tokens"); //$NON-NLS-1$

	/** @return the model names, sorted, without duplicates */
	public static List<String> list(ProviderConfig config, Cancellation cancellation) throws ProviderException {
		return describe(config, cancellation).stream().map(ModelInfo::id).toList();
	}

	/** @return the models, sorted by name, without duplicates */
	public static List<ModelInfo> describe(ProviderConfig config, Cancellation cancellation)
			throws ProviderException {
		if (config.kind() == ProviderKind.BEDROCK) { // a control-plane API on another host, with its own permission
			throw new ProviderException(Kind.CONFIGURATION,
					"Warden does not read Bedrock's model list: type the model ID or inference profile ID the Bedrock " //$NON-NLS-1$
							+ "console shows, e.g. us.anthropic.claude-sonnet-4-5-20250929-v1:0."); //$NON-NLS-1$
		}
		String base = config.baseUrl().replaceAll("/+$", ""); //$NON-NLS-1$ //$NON-NLS-2$
		boolean anthropic = config.kind() == ProviderKind.ANTHROPIC;
		String path = anthropic ? (base.endsWith("/v1") ? "/models" : "/v1/models") : "/models"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		String key = config.apiKey().reveal();
		TreeMap<String, ModelInfo> names = new TreeMap<>();
		HttpClient client = HttpClient.newBuilder().connectTimeout(config.requestTimeout())
				.followRedirects(HttpClient.Redirect.NORMAL).build();
		try {
			String after = null;
			for (int page = 0; page < MAX_PAGES; page++) {
				String query = anthropic ? "?limit=1000" + (after == null ? "" : "&after_id=" + after) : ""; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				URI uri = URI.create(base + path + query);
				JsonObject body = get(client, uri, config, key, cancellation);
				JsonElement data = body.get("data"); //$NON-NLS-1$
				if (data == null || !data.isJsonArray()) {
					data = body.get("models"); // Ollama's native /api/tags shape, should a base URL point there //$NON-NLS-1$
				}
				if (data == null || !data.isJsonArray()) {
					throw new ProviderException(Kind.PROTOCOL, HttpFailures.hostOf(uri)
							+ " answered without a list of models: check the base URL in " + HttpFailures.PREFERENCES //$NON-NLS-1$
							+ '.');
				}
				for (JsonElement element : data.getAsJsonArray()) {
					if (element.isJsonObject()) {
						String id = Json.string(element.getAsJsonObject(), "id"); //$NON-NLS-1$
						if (id == null) {
							id = Json.string(element.getAsJsonObject(), "name"); //$NON-NLS-1$
						}
						if (id != null && !id.isBlank()) {
							names.putIfAbsent(id.strip(), new ModelInfo(id.strip(), window(element.getAsJsonObject())));
						}
					}
				}
				String hasMore = Json.string(body, "has_more"); //$NON-NLS-1$
				after = Json.string(body, "last_id"); //$NON-NLS-1$
				if (!anthropic || !"true".equals(hasMore) || after == null) { //$NON-NLS-1$
					break;
				}
			}
		} finally {
			client.shutdownNow();
		}
		return new ArrayList<>(names.values());
	}

	/** @return the context window an entry of a models list states, or 0 */
	static int window(JsonObject model) {
		for (String field : WINDOW_FIELDS) {
			JsonElement value = model.get(field);
			if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
				long tokens = value.getAsLong();
				if (tokens > 0) {
					return (int) Math.min(Integer.MAX_VALUE, tokens);
				}
			}
		}
		return 0;
	}

	private static JsonObject get(HttpClient client, URI uri, ProviderConfig config, String key,
			Cancellation cancellation) throws ProviderException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
				.header("Accept", "application/json").GET(); //$NON-NLS-1$ //$NON-NLS-2$
		if (!"https".equalsIgnoreCase(uri.getScheme())) { //$NON-NLS-1$
			builder.version(HttpClient.Version.HTTP_1_1);
		}
		if (config.kind() == ProviderKind.ANTHROPIC) {
			if (!key.isEmpty()) {
				builder.header("x-api-key", key); //$NON-NLS-1$
			}
			builder.header("anthropic-version", AnthropicProvider.VERSION); //$NON-NLS-1$
		} else if (!key.isEmpty()) {
			builder.header("Authorization", "Bearer " + key); //$NON-NLS-1$ //$NON-NLS-2$
		}
		CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(builder.build(),
				HttpResponse.BodyHandlers.ofByteArray());
		HttpResponse<byte[]> response;
		try (Cancellation.Registration r = cancellation.onCancel(() -> future.cancel(true))) {
			response = future.get();
		} catch (CancellationException e) {
			throw new ProviderException(Kind.CANCELLED, "Cancelled by the user."); //$NON-NLS-1$
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProviderException(Kind.CANCELLED, "Cancelled by the user."); //$NON-NLS-1$
		} catch (ExecutionException e) {
			throw HttpFailures.forConnection(e.getCause() == null ? e : e.getCause(), uri, config.requestTimeout());
		}
		byte[] bytes = response.body();
		String text = new String(bytes, 0, Math.min(bytes.length, MAX_BODY), java.nio.charset.StandardCharsets.UTF_8);
		if (response.statusCode() != 200) {
			throw HttpFailures.forStatus(response.statusCode(), text, key, uri, config.model(), 1);
		}
		try {
			JsonElement root = JsonParser.parseString(text);
			if (root.isJsonObject()) {
				return root.getAsJsonObject();
			}
		} catch (JsonParseException e) {
			// reported below
		}
		throw new ProviderException(Kind.PROTOCOL, HttpFailures.hostOf(uri)
				+ " answered the models request with something that is not JSON: check the base URL in " //$NON-NLS-1$
				+ HttpFailures.PREFERENCES + '.');
	}
}
