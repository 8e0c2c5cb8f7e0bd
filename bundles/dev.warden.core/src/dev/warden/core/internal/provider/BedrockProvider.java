package dev.warden.core.internal.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.internal.provider.aws.AwsCredentialChain;
import dev.warden.core.internal.provider.aws.AwsCredentials;
import dev.warden.core.internal.provider.aws.AwsEnvironment;
import dev.warden.core.internal.provider.aws.EventStreamDecoder;
import dev.warden.core.internal.provider.aws.SigV4Signer;
import dev.warden.core.provider.AwsCredentialSource;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ProviderException.Kind;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.ToolSpec;

/**
 * Amazon Bedrock's Converse API with streaming: {@code POST {base}/model/{modelId}/converse-stream}, one request shape
 * for every model family that Converse serves with tool use (Anthropic Claude, Meta Llama, Mistral, Amazon Nova). The
 * answer is an {@code application/vnd.amazon.eventstream} ({@link EventStreamDecoder}) whose messages carry the JSON
 * events {@link BedrockDecoder} reads.
 * <p>
 * Requests are signed with AWS Signature Version 4 (service {@code bedrock}) with credentials from
 * {@link AwsCredentialChain}, or carry a Bedrock API key as a bearer token (the key from secure storage, else
 * {@code AWS_BEARER_TOKEN_BEDROCK}). These credentials serve Warden's own requests only.
 */
public final class BedrockProvider extends StreamingHttpProvider {

	/** The signing name of the Bedrock runtime. */
	static final String SERVICE = "bedrock"; //$NON-NLS-1$

	private static final int BUFFER_SIZE = 8192;

	private final AwsEnvironment environment;

	private final AwsCredentialChain chain;

	/** The source of the credentials of the last signed request, for messages. */
	private volatile String lastSource = ""; //$NON-NLS-1$

	public BedrockProvider(ProviderConfig config) {
		this(config, AwsEnvironment.system());
	}

	/** A provider reading the environment and AWS files of {@code environment} (tests give their own). */
	public BedrockProvider(ProviderConfig config, AwsEnvironment environment) {
		super(config);
		this.environment = environment;
		this.chain = new AwsCredentialChain(environment);
	}

	@Override
	protected URI endpoint() {
		// the model ID's colon (and an ARN's slashes) are encoded in the path, as the AWS SDKs send them
		return resolve("/model/" + SigV4Signer.encode(config().model()) + "/converse-stream"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	protected String streamMediaType() {
		return "application/vnd.amazon.eventstream"; //$NON-NLS-1$
	}

	@Override
	protected void addHeaders(HttpRequest.Builder builder, String key) {
		builder.header("Authorization", "Bearer " + key); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	protected void authorize(HttpRequest.Builder builder, URI endpoint, byte[] body, String key)
			throws ProviderException {
		if (config().aws().credentials() == AwsCredentialSource.API_KEY) {
			String bearer = key.isEmpty() ? environment.get("AWS_BEARER_TOKEN_BEDROCK") : key; //$NON-NLS-1$
			if (bearer.isEmpty()) {
				throw new ProviderException(Kind.AUTHENTICATION, "No Bedrock API key is stored: enter it in " //$NON-NLS-1$
						+ HttpFailures.PREFERENCES + ", or choose AWS credentials there."); //$NON-NLS-1$
			}
			lastSource = "the Bedrock API key"; //$NON-NLS-1$
			addHeaders(builder, bearer);
			return;
		}
		AwsCredentials credentials = chain.resolve(config().aws());
		lastSource = credentials.source();
		String host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ':' + endpoint.getPort();
		String query = endpoint.getRawQuery();
		SigV4Signer.Signed signed = SigV4Signer.sign(
				new SigV4Signer.Request("POST", endpoint.getRawPath(), query == null ? "" : query, //$NON-NLS-1$ //$NON-NLS-2$
						List.of(Map.entry("host", host)), body), //$NON-NLS-1$
				credentials, config().aws().region(), SERVICE, Instant.now(), SigV4Signer.Options.SERVICES);
		for (Map.Entry<String, String> header : signed.headers()) {
			builder.setHeader(header.getKey(), header.getValue());
		}
	}

	@Override
	protected ProviderException describeFailure(int status, String body, String key, ProviderException standard) {
		if (status != 401 && status != 403) {
			return standard;
		}
		chain.forget();
		String said = HttpFailures.redact(HttpFailures.errorField(body, "message"), key); //$NON-NLS-1$
		boolean apiKey = config().aws().credentials() == AwsCredentialSource.API_KEY;
		return new ProviderException(Kind.AUTHENTICATION, "Bedrock in " + config().aws().region() //$NON-NLS-1$
				+ " refused the request (HTTP " + status + ")" + (said.isBlank() ? "" : ": " + said.strip()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				+ (said.isBlank() || said.strip().endsWith(".") ? " " : ". ") + "Check " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				+ (apiKey ? "the Bedrock API key in " + HttpFailures.PREFERENCES //$NON-NLS-1$
						: "the AWS credentials (from " + lastSource + ')') //$NON-NLS-1$
				+ " and that the account may use the model " + config().model() + " in that region."); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	protected JsonObject encode(ModelRequest request) {
		JsonObject body = new JsonObject();
		JsonArray system = new JsonArray();
		for (String text : new String[] { request.systemPrompt(), request.systemSuffix() }) {
			if (!text.isBlank()) {
				JsonObject block = new JsonObject();
				block.addProperty("text", text); //$NON-NLS-1$
				system.add(block);
			}
		}
		if (!system.isEmpty()) {
			body.add("system", system); //$NON-NLS-1$
		}
		body.add("messages", encodeMessages(request.messages())); //$NON-NLS-1$
		JsonObject inference = new JsonObject();
		inference.addProperty("maxTokens", config().maxOutputTokens()); //$NON-NLS-1$
		if (config().effectiveTemperature() != null) {
			inference.addProperty("temperature", config().effectiveTemperature()); //$NON-NLS-1$
		}
		body.add("inferenceConfig", inference); //$NON-NLS-1$
		if (!request.tools().isEmpty()) {
			JsonArray tools = new JsonArray();
			for (ToolSpec spec : request.tools()) {
				JsonObject toolSpec = new JsonObject();
				toolSpec.addProperty("name", spec.name()); //$NON-NLS-1$
				toolSpec.addProperty("description", spec.description()); //$NON-NLS-1$
				JsonObject schema = new JsonObject();
				schema.add("json", spec.schema()); //$NON-NLS-1$
				toolSpec.add("inputSchema", schema); //$NON-NLS-1$
				JsonObject tool = new JsonObject();
				tool.add("toolSpec", toolSpec); //$NON-NLS-1$
				tools.add(tool);
			}
			JsonObject toolConfig = new JsonObject();
			toolConfig.add("tools", tools); //$NON-NLS-1$
			body.add("toolConfig", toolConfig); //$NON-NLS-1$
		}
		return body;
	}

	/** Skips empty messages and merges neighbours of the same role, as Converse requires alternating roles. */
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
				// Converse rejects blank text blocks
			}
			case ContentPart.Text text -> {
				JsonObject block = new JsonObject();
				block.addProperty("text", text.text()); //$NON-NLS-1$
				others.add(block);
			}
			case ContentPart.Reasoning reasoning -> {
				// no reasoning is asked of Bedrock's models, so none is sent back
			}
			case ContentPart.ToolUse use -> {
				JsonObject toolUse = new JsonObject();
				toolUse.addProperty("toolUseId", use.id()); //$NON-NLS-1$
				toolUse.addProperty("name", use.name()); //$NON-NLS-1$
				toolUse.add("input", inputObject(use.argumentsJson())); //$NON-NLS-1$
				JsonObject block = new JsonObject();
				block.add("toolUse", toolUse); //$NON-NLS-1$
				others.add(block);
			}
			case ContentPart.ToolResult result -> {
				JsonObject text = new JsonObject();
				text.addProperty("text", result.content().isEmpty() ? "(no output)" : result.content()); //$NON-NLS-1$ //$NON-NLS-2$
				JsonArray resultContent = new JsonArray();
				resultContent.add(text);
				JsonObject toolResult = new JsonObject();
				toolResult.addProperty("toolUseId", result.toolUseId()); //$NON-NLS-1$
				toolResult.add("content", resultContent); //$NON-NLS-1$
				if (result.error()) {
					toolResult.addProperty("status", "error"); //$NON-NLS-1$ //$NON-NLS-2$
				}
				JsonObject block = new JsonObject();
				block.add("toolResult", toolResult); //$NON-NLS-1$
				results.add(block);
			}
			}
		}
		results.addAll(others); // the results of the model's calls first, as the model expects them
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

	@Override
	protected EventDecoder newDecoder(ResponseAssembler assembler) {
		return new BedrockDecoder(assembler);
	}

	/** Reads event-stream messages instead of server-sent events. */
	@Override
	protected void readStream(InputStream in, EventDecoder decoder) throws IOException {
		BedrockDecoder bedrock = (BedrockDecoder) decoder;
		EventStreamDecoder frames = new EventStreamDecoder(message -> dispatch(message, bedrock));
		byte[] buffer = new byte[BUFFER_SIZE];
		int n;
		try {
			while (!decoder.ended() && (n = in.read(buffer)) >= 0) {
				frames.feed(buffer, 0, n);
			}
		} catch (EventStreamDecoder.MalformedFrameException e) {
			throw new StreamFailure("The answer from Bedrock arrived damaged (" + e.getMessage() + ").", true); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (!decoder.ended() && frames.hasPartialMessage()) {
			throw new IOException("the stream ended inside an event-stream message"); //$NON-NLS-1$
		}
	}

	private static void dispatch(EventStreamDecoder.Message message, BedrockDecoder decoder) {
		String messageType = message.string(":message-type"); //$NON-NLS-1$
		if ("exception".equals(messageType)) { //$NON-NLS-1$
			decoder.exception(String.valueOf(message.string(":exception-type")), message.payloadText()); //$NON-NLS-1$
		} else if ("error".equals(messageType)) { //$NON-NLS-1$
			throw new StreamFailure("Bedrock reported an error during the answer: " //$NON-NLS-1$
					+ message.string(":error-code") + ": " + message.string(":error-message"), false); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		} else {
			String eventType = message.string(":event-type"); //$NON-NLS-1$
			if (eventType != null) {
				decoder.event(eventType, message.payloadText());
			}
		}
	}
}
