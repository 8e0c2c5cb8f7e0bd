package dev.warden.core.tests.provider.aws;

import static dev.warden.core.tests.provider.aws.AwsLoopbackServer.eventStream;
import static dev.warden.core.tests.provider.aws.AwsLoopbackServer.json;
import static dev.warden.core.tests.provider.aws.EventStreamFrames.concat;
import static dev.warden.core.tests.provider.aws.EventStreamFrames.damaged;
import static dev.warden.core.tests.provider.aws.EventStreamFrames.event;
import static dev.warden.core.tests.provider.aws.EventStreamFrames.exception;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.warden.core.internal.provider.BedrockProvider;
import dev.warden.core.internal.provider.ContextWindows;
import dev.warden.core.internal.provider.aws.AwsCredentials;
import dev.warden.core.internal.provider.aws.AwsEnvironment;
import dev.warden.core.internal.provider.aws.SigV4Signer;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.AwsAccess;
import dev.warden.core.provider.AwsCredentialSource;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.StreamListener;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.ToolSpec;

/**
 * The Bedrock provider end to end against loopback servers: the Converse request as sent and signed, the event
 * stream valid, split and damaged, and each way to credentials (environment, profile with keys,
 * {@code credential_process} and IAM Identity Center, container, instance, API key).
 */
class BedrockProviderTest {

	static final String MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

	static final String REGION = "us-west-2";

	static final String KEY_ID = "AKIDBEDROCKTEST0001";

	static final String SECRET = "bedrock/test/secret+KEY0123456789abcdefghij";

	private static final List<ToolSpec> TOOLS = List.of(new ToolSpec("read_file", "Read a file",
			"{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}"));

	private static final Pattern AUTHORIZATION = Pattern.compile(
			"AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

	/** Keeps what a stream delivered. */
	static final class Recording implements StreamListener {

		private final StringBuilder text = new StringBuilder();

		private final List<ToolCall> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public synchronized void textDelta(String delta) {
			text.append(delta);
		}

		@Override
		public void toolCall(ToolCall call) {
			calls.add(call);
		}

		@Override
		public void retrying(int attempt, Duration delay, String reason) {
			retries.add(reason);
		}

		synchronized String text() {
			return text.toString();
		}

		List<ToolCall> toolCalls() {
			return calls;
		}

		List<String> retries() {
			return retries;
		}
	}

	@TempDir
	Path home;

	private AwsLoopbackServer bedrock;

	private final List<AutoCloseable> others = new ArrayList<>();

	@BeforeEach
	void start() throws Exception {
		bedrock = new AwsLoopbackServer();
	}

	@AfterEach
	void stop() throws Exception {
		bedrock.close();
		for (AutoCloseable other : others) {
			other.close();
		}
	}

	static byte[] textAnswer(String... pieces) {
		List<byte[]> frames = new ArrayList<>();
		frames.add(event("messageStart", "{\"role\":\"assistant\",\"p\":\"abcdefgh\"}"));
		for (String piece : pieces) {
			frames.add(event("contentBlockDelta",
					"{\"contentBlockIndex\":0,\"delta\":{\"text\":\"" + piece + "\"},\"p\":\"abcd\"}"));
		}
		frames.add(event("contentBlockStop", "{\"contentBlockIndex\":0}"));
		frames.add(event("messageStop", "{\"stopReason\":\"end_turn\"}"));
		frames.add(event("metadata",
				"{\"usage\":{\"inputTokens\":12,\"outputTokens\":3,\"totalTokens\":15},\"metrics\":{\"latencyMs\":210}}"));
		return concat(frames.toArray(byte[][]::new));
	}

	private ProviderConfig config(AwsAccess access, ApiKey key) {
		return new ProviderConfig(ProviderKind.BEDROCK, bedrock.baseUrl(), MODEL, 1024, 0.2, Duration.ofSeconds(20),
				key, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)), access);
	}

	private ModelResponse ask(ProviderConfig config, AwsEnvironment environment, Recording listener)
			throws ProviderException {
		try (BedrockProvider provider = new BedrockProvider(config, environment)) {
			return provider.stream(new ModelRequest("You are terse.", "Mode: supervised.", TOOLS,
					List.of(Message.user("Say hello."))), listener, new Cancellation());
		}
	}

	private AwsEnvironment environment(Map<String, String> variables) {
		Map<String, String> all = new HashMap<>(variables);
		all.putIfAbsent("AWS_EC2_METADATA_DISABLED", "true");
		return new AwsEnvironment(all, home);
	}

	private static AwsEnvironment staticKeys() {
		return new AwsEnvironment(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET,
				"AWS_SESSION_TOKEN", "session-token-from-env", "AWS_EC2_METADATA_DISABLED", "true"), Path.of("/nonexistent"));
	}

	/**
	 * Checks the request's signature as Bedrock would: the scope, and a signature computed anew from what arrived
	 * (method, raw path, the signed headers' received values, the body) with the secret the test knows.
	 *
	 * @return the access key ID that signed it
	 */
	static String verifySignature(AwsLoopbackServer.Received request, String secret) {
		String authorization = request.header("Authorization");
		Matcher matcher = AUTHORIZATION.matcher(authorization == null ? "" : authorization);
		assertTrue(matcher.matches(), "a SigV4 Authorization header: " + authorization);
		assertEquals(REGION, matcher.group(3));
		assertEquals("bedrock", matcher.group(4));
		String amzDate = request.header("X-Amz-Date");
		assertEquals(matcher.group(2), amzDate.substring(0, 8));
		Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
				.parse(amzDate, Instant::from);
		assertTrue(Duration.between(signedAt, Instant.now()).abs().toMinutes() < 5, "signed just now");
		List<String> signedNames = List.of(matcher.group(5).split(";"));
		assertTrue(signedNames.containsAll(List.of("host", "x-amz-date", "x-amz-content-sha256")), signedNames.toString());
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (String name : signedNames) {
			if (!name.equals("x-amz-date") && !name.equals("x-amz-security-token") && !name.equals("x-amz-content-sha256")) {
				headers.add(Map.entry(name, request.header(name)));
			}
		}
		String token = request.header("X-Amz-Security-Token");
		assertEquals(token != null, signedNames.contains("x-amz-security-token"), "a session token is signed");
		SigV4Signer.Signed expected = SigV4Signer.sign(
				new SigV4Signer.Request(request.method(), request.rawPath(),
						request.rawQuery() == null ? "" : request.rawQuery(), headers, request.body()),
				new AwsCredentials(matcher.group(1), secret, token, null, "test"), REGION, "bedrock", signedAt,
				SigV4Signer.Options.SERVICES);
		assertEquals(SigV4Signer.hex(SigV4Signer.sha256(request.body())), request.header("x-amz-content-sha256"));
		assertEquals(expected.signature(), matcher.group(6), "the signature covers what arrived");
		return matcher.group(1);
	}

	@Test
	void environmentCredentialsSignAConverseRequestAndTheAnswerStreams() throws Exception {
		bedrock.then(eventStream(textAnswer("Hello", " from", " Bedrock."), 64));
		Recording listener = new Recording();

		ModelResponse response = ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
				staticKeys(), listener);

		assertEquals("Hello from Bedrock.", response.message().text());
		assertEquals(StopReason.END_TURN, response.stopReason());
		assertEquals(12, response.usage().inputTokens());
		assertEquals(3, response.usage().outputTokens());
		assertEquals("Hello from Bedrock.", listener.text());

		AwsLoopbackServer.Received request = bedrock.received().get(0);
		assertEquals("POST", request.method());
		assertEquals("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream", request.rawPath(),
				"the model ID's colon is encoded in the path");
		assertEquals("application/vnd.amazon.eventstream", request.header("Accept"));
		assertEquals("application/json", request.header("Content-Type"));
		assertEquals(KEY_ID, verifySignature(request, SECRET));
		assertEquals("session-token-from-env", request.header("X-Amz-Security-Token"));

		JsonObject body = request.json();
		JsonArray system = body.getAsJsonArray("system");
		assertEquals("You are terse.", system.get(0).getAsJsonObject().get("text").getAsString());
		assertEquals("Mode: supervised.", system.get(1).getAsJsonObject().get("text").getAsString());
		JsonObject message = body.getAsJsonArray("messages").get(0).getAsJsonObject();
		assertEquals("user", message.get("role").getAsString());
		assertEquals("Say hello.",
				message.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString());
		assertEquals(1024, body.getAsJsonObject("inferenceConfig").get("maxTokens").getAsInt());
		assertEquals(0.2, body.getAsJsonObject("inferenceConfig").get("temperature").getAsDouble());
		JsonObject toolSpec = body.getAsJsonObject("toolConfig").getAsJsonArray("tools").get(0).getAsJsonObject()
				.getAsJsonObject("toolSpec");
		assertEquals("read_file", toolSpec.get("name").getAsString());
		assertEquals("object", toolSpec.getAsJsonObject("inputSchema").getAsJsonObject("json").get("type").getAsString());
	}

	@Test
	void toolCallArrivesWhenEveryByteComesOnItsOwn() throws Exception {
		byte[] stream = concat(event("messageStart", "{\"role\":\"assistant\"}"),
				event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Reading it.\"}}"),
				event("contentBlockStop", "{\"contentBlockIndex\":0}"),
				event("contentBlockStart",
						"{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"tooluse_Ab12\",\"name\":\"read_file\"}}}"),
				event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"path\\\":\"}}}"),
				event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\\\"README.md\\\"}\"}}}"),
				event("contentBlockStop", "{\"contentBlockIndex\":1}"),
				event("messageStop", "{\"stopReason\":\"tool_use\"}"),
				event("metadata", "{\"usage\":{\"inputTokens\":40,\"outputTokens\":20,\"totalTokens\":60}}"));
		bedrock.then(eventStream(stream, 1));
		Recording listener = new Recording();

		ModelResponse response = ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
				staticKeys(), listener);

		assertEquals(StopReason.TOOL_USE, response.stopReason());
		assertEquals("Reading it.", response.message().text());
		assertEquals(1, response.message().toolCalls().size());
		assertEquals("tooluse_Ab12", response.message().toolCalls().get(0).id());
		assertEquals("read_file", response.message().toolCalls().get(0).name());
		assertEquals("{\"path\":\"README.md\"}", response.message().toolCalls().get(0).argumentsJson());
		assertEquals(1, listener.toolCalls().size());
	}

	@Test
	void toolResultsGoBackAsConverseBlocks() throws Exception {
		bedrock.then(eventStream(textAnswer("Done."), 4096));
		List<Message> conversation = List.of(Message.user("Read README.md"),
				Message.assistant(List.of(new ContentPart.Text("Reading."),
						new ContentPart.ToolUse("tooluse_1", "read_file", "{\"path\":\"README.md\"}"))),
				new Message(Role.USER, List.of(new ContentPart.ToolResult("tooluse_1", "no such file", true)), false));
		try (BedrockProvider provider = new BedrockProvider(
				config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE), staticKeys())) {
			provider.stream(new ModelRequest("", TOOLS, conversation), new Recording(), new Cancellation());
		}
		JsonArray messages = bedrock.received().get(0).json().getAsJsonArray("messages");
		assertEquals(3, messages.size());
		JsonObject toolUse = messages.get(1).getAsJsonObject().getAsJsonArray("content").get(1).getAsJsonObject()
				.getAsJsonObject("toolUse");
		assertEquals("tooluse_1", toolUse.get("toolUseId").getAsString());
		assertEquals("README.md", toolUse.getAsJsonObject("input").get("path").getAsString());
		JsonObject toolResult = messages.get(2).getAsJsonObject().getAsJsonArray("content").get(0).getAsJsonObject()
				.getAsJsonObject("toolResult");
		assertEquals("tooluse_1", toolResult.get("toolUseId").getAsString());
		assertEquals("error", toolResult.get("status").getAsString());
		assertEquals("no such file",
				toolResult.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString());
		assertFalse(bedrock.received().get(0).json().has("system"), "no empty system blocks");
	}

	@Test
	void aDamagedMessageBeforeAnyOutputIsRequestedAgain() throws Exception {
		byte[] start = event("messageStart", "{\"role\":\"assistant\"}");
		byte[] delta = event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}");
		bedrock.then(eventStream(concat(start, damaged(delta, delta.length - 10)), 16))
				.then(eventStream(concat(damaged(start, 5)), 16)).then(eventStream(textAnswer("Hi"), 16));
		Recording listener = new Recording();

		ModelResponse response = ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
				staticKeys(), listener);

		assertEquals("Hi", response.message().text());
		assertEquals(3, bedrock.received().size(), "a damaged payload and a damaged prelude were both retried");
		assertEquals(2, listener.retries().size());
		assertTrue(listener.retries().get(0).contains("damaged"), listener.retries().get(0));
	}

	@Test
	void aDamagedMessageAfterTextKeepsWhatArrived() throws Exception {
		byte[] bad = damaged(event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" world\"}}"), 40);
		bedrock.then(eventStream(concat(event("messageStart", "{\"role\":\"assistant\"}"),
				event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"}}"), bad,
				event("messageStop", "{\"stopReason\":\"end_turn\"}")), 7));

		ModelResponse response = ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
				staticKeys(), new Recording());

		assertEquals(StopReason.INTERRUPTED, response.stopReason());
		assertEquals("Hello", response.message().text(), "nothing of the damaged message is shown");
		assertTrue(response.interruption().contains("damaged"), response.interruption());
		assertEquals(1, bedrock.received().size(), "output had arrived: not repeated");
	}

	@Test
	void aStreamCutInsideAMessageIsAnInterruptedAnswer() throws Exception {
		byte[] whole = textAnswer("Hello", " there");
		byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 30);
		bedrock.then(eventStream(cut, 50));

		ModelResponse response = ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
				staticKeys(), new Recording());

		assertEquals(StopReason.INTERRUPTED, response.stopReason());
		assertEquals("Hello there", response.message().text());
	}

	@Test
	void throttlingInsideTheStreamIsRetriedAndAValidationErrorIsNot() throws Exception {
		bedrock.then(eventStream(exception("throttlingException", "Too many requests, please wait."), 1024))
				.then(eventStream(textAnswer("OK"), 1024));
		Recording listener = new Recording();
		ModelResponse response = ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
				staticKeys(), listener);
		assertEquals("OK", response.message().text());
		assertTrue(listener.retries().get(0).contains("throttlingException"), listener.retries().toString());

		bedrock.then(eventStream(exception("validationException", "The model does not support tool use."), 1024));
		ProviderException failure = assertThrows(ProviderException.class,
				() -> ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
						staticKeys(), new Recording()));
		assertTrue(failure.getMessage().contains("The model does not support tool use."), failure.getMessage());
		assertEquals(3, bedrock.received().size());
	}

	@Test
	void aNamedProfileWithKeysSignsTheRequest() throws Exception {
		Path aws = Files.createDirectories(home.resolve(".aws"));
		Files.writeString(aws.resolve("credentials"), """
				[default]
				aws_access_key_id = AKIDDEFAULTPROFILE
				aws_secret_access_key = default-secret

				[dev]
				# the team's sandbox account
				aws_access_key_id = AKIDDEVPROFILE0001
				aws_secret_access_key = dev-profile-secret
				aws_session_token = dev-session-token
				""");
		Files.writeString(aws.resolve("config"), """
				[profile dev]
				region = eu-central-1
				s3 =
				  max_concurrent_requests = 4
				""");
		bedrock.then(eventStream(textAnswer("From the profile."), 100));

		ModelResponse response = ask(config(new AwsAccess(REGION, AwsCredentialSource.PROFILE, "dev"), ApiKey.NONE),
				environment(Map.of("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENTIGNORED", "AWS_SECRET_ACCESS_KEY", "x")),
				new Recording());

		assertEquals("From the profile.", response.message().text());
		AwsLoopbackServer.Received request = bedrock.received().get(0);
		assertEquals("AKIDDEVPROFILE0001", verifySignature(request, "dev-profile-secret"),
				"the named profile wins over the environment");
		assertEquals("dev-session-token", request.header("X-Amz-Security-Token"));
	}

	@Test
	void theDefaultChainReadsTheProfileThatAwsProfileNames() throws Exception {
		Path aws = Files.createDirectories(home.resolve(".aws"));
		Files.writeString(aws.resolve("credentials"), """
				[work]
				aws_access_key_id = AKIDWORKPROFILE001
				aws_secret_access_key = work-secret
				""");
		bedrock.then(eventStream(textAnswer("Work."), 100));

		ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
				environment(Map.of("AWS_PROFILE", "work")), new Recording());

		AwsLoopbackServer.Received request = bedrock.received().get(0);
		assertEquals("AKIDWORKPROFILE001", verifySignature(request, "work-secret"));
		assertNull(request.header("X-Amz-Security-Token"), "long-term keys carry no token");
	}

	@Test
	void credentialProcessRunsOnceWhileItsCredentialsLast() throws Exception {
		Path counter = home.resolve("runs.txt");
		Path script = home.resolve("issue-credentials.sh");
		String expiration = Instant.now().plus(Duration.ofHours(1)).toString();
		Files.writeString(script, "#!/bin/sh\necho run >> '" + counter + "'\n"
				+ "printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS000001\", \"SecretAccessKey\": \"process-secret\", "
				+ "\"SessionToken\": \"process-token\", \"Expiration\": \"" + expiration + "\"}'\n");
		script.toFile().setExecutable(true);
		Path aws = Files.createDirectories(home.resolve(".aws"));
		Files.writeString(aws.resolve("config"), "[profile tools]\ncredential_process = " + script + " --account 1\n");
		bedrock.then(eventStream(textAnswer("One."), 100)).then(eventStream(textAnswer("Two."), 100));

		try (BedrockProvider provider = new BedrockProvider(
				config(new AwsAccess(REGION, AwsCredentialSource.PROFILE, "tools"), ApiKey.NONE), environment(Map.of()))) {
			for (String prompt : List.of("one", "two")) {
				provider.stream(new ModelRequest("", List.of(), List.of(Message.user(prompt))), new Recording(),
						new Cancellation());
			}
		}

		for (AwsLoopbackServer.Received request : bedrock.received()) {
			assertEquals("AKIDPROCESS000001", verifySignature(request, "process-secret"));
			assertEquals("process-token", request.header("X-Amz-Security-Token"));
		}
		assertEquals(1, Files.readAllLines(counter).size(), "the process ran once for two requests");
	}

	@Test
	void aFailingCredentialProcessSaysSo() throws Exception {
		Path aws = Files.createDirectories(home.resolve(".aws"));
		Files.writeString(aws.resolve("config"), "[profile broken]\ncredential_process = sh -c 'exit 3'\n");

		ProviderException failure = assertThrows(ProviderException.class,
				() -> ask(config(new AwsAccess(REGION, AwsCredentialSource.PROFILE, "broken"), ApiKey.NONE),
						environment(Map.of()), new Recording()));

		assertEquals(ProviderException.Kind.AUTHENTICATION, failure.kind());
		assertTrue(failure.getMessage().contains("exit code 3"), failure.getMessage());
		assertTrue(bedrock.received().isEmpty(), "nothing was sent unsigned");
	}

	@Test
	void anIamIdentityCenterProfileUsesTheCachedLogin() throws Exception {
		AwsLoopbackServer portal = new AwsLoopbackServer();
		others.add(portal);
		long expires = Instant.now().plus(Duration.ofHours(1)).toEpochMilli();
		portal.then(json(200, "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSOROLE000001\",\"secretAccessKey\":\"sso-secret\","
				+ "\"sessionToken\":\"sso-session-token\",\"expiration\":" + expires + "}}"));
		Path aws = Files.createDirectories(home.resolve(".aws"));
		Files.writeString(aws.resolve("config"), """
				[profile corp-dev]
				sso_session = corp
				sso_account_id = 111122223333
				sso_role_name = BedrockUser
				region = us-west-2

				[sso-session corp]
				sso_start_url = https://corp.awsapps.com/start
				sso_region = us-east-1
				sso_registration_scopes = sso:account:access
				""");
		Path cache = Files.createDirectories(aws.resolve("sso").resolve("cache"));
		String cacheName = SigV4Signer.hex(java.security.MessageDigest.getInstance("SHA-1")
				.digest("corp".getBytes(StandardCharsets.UTF_8))) + ".json";
		Files.writeString(cache.resolve(cacheName), "{\"startUrl\":\"https://corp.awsapps.com/start\",\"region\":\"us-east-1\","
				+ "\"accessToken\":\"sso-access-token-xyz\",\"expiresAt\":\"" + Instant.now().plus(Duration.ofHours(2)) + "\"}");
		bedrock.then(eventStream(textAnswer("Via SSO."), 100));

		ModelResponse response = ask(config(new AwsAccess(REGION, AwsCredentialSource.PROFILE, "corp-dev"), ApiKey.NONE),
				environment(Map.of("AWS_ENDPOINT_URL_SSO", portal.baseUrl())), new Recording());

		assertEquals("Via SSO.", response.message().text());
		AwsLoopbackServer.Received exchange = portal.received().get(0);
		assertEquals("/federation/credentials", exchange.rawPath());
		assertEquals("account_id=111122223333&role_name=BedrockUser", exchange.rawQuery());
		assertEquals("sso-access-token-xyz", exchange.header("x-amz-sso_bearer_token"));
		AwsLoopbackServer.Received request = bedrock.received().get(0);
		assertEquals("ASIASSOROLE000001", verifySignature(request, "sso-secret"));
		assertEquals("sso-session-token", request.header("X-Amz-Security-Token"));
	}

	@Test
	void anExpiredIamIdentityCenterLoginSaysToLogInAgain() throws Exception {
		Path aws = Files.createDirectories(home.resolve(".aws"));
		Files.writeString(aws.resolve("config"), """
				[profile old]
				sso_start_url = https://old.awsapps.com/start
				sso_region = us-east-1
				sso_account_id = 111122223333
				sso_role_name = Dev
				""");
		Path cache = Files.createDirectories(aws.resolve("sso").resolve("cache"));
		String cacheName = SigV4Signer.hex(java.security.MessageDigest.getInstance("SHA-1")
				.digest("https://old.awsapps.com/start".getBytes(StandardCharsets.UTF_8))) + ".json";
		Files.writeString(cache.resolve(cacheName),
				"{\"accessToken\":\"old-token\",\"expiresAt\":\"" + Instant.now().minus(Duration.ofHours(1)) + "\"}");

		ProviderException failure = assertThrows(ProviderException.class,
				() -> ask(config(new AwsAccess(REGION, AwsCredentialSource.PROFILE, "old"), ApiKey.NONE),
						environment(Map.of()), new Recording()));

		assertTrue(failure.getMessage().contains("aws sso login --profile old"), failure.getMessage());
		assertTrue(bedrock.received().isEmpty());
	}

	@Test
	void theContainersRoleIsFetchedWithItsAuthorizationToken() throws Exception {
		AwsLoopbackServer agent = new AwsLoopbackServer();
		others.add(agent);
		agent.then(json(200, "{\"AccessKeyId\":\"ASIACONTAINER00001\",\"SecretAccessKey\":\"container-secret\","
				+ "\"Token\":\"container-token\",\"Expiration\":\"" + Instant.now().plus(Duration.ofHours(6)) + "\"}"));
		Path tokenFile = home.resolve("eks-pod-identity-token");
		Files.writeString(tokenFile, "pod-identity-token\n");
		bedrock.then(eventStream(textAnswer("From the pod."), 100));

		ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
				environment(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", agent.baseUrl() + "/v1/credentials",
						"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString())),
				new Recording());

		assertEquals("pod-identity-token", agent.received().get(0).header("Authorization"));
		assertEquals("/v1/credentials", agent.received().get(0).rawPath());
		assertEquals("ASIACONTAINER00001", verifySignature(bedrock.received().get(0), "container-secret"));
		assertEquals("container-token", bedrock.received().get(0).header("X-Amz-Security-Token"));
	}

	@Test
	void theInstanceRoleIsFetchedThroughImdsV2() throws Exception {
		AwsLoopbackServer imds = new AwsLoopbackServer();
		others.add(imds);
		imds.then(AwsLoopbackServer.text(200, "text/plain", "imds-session-token"))
				.then(AwsLoopbackServer.text(200, "text/plain", "BedrockInstanceRole\n"))
				.then(json(200, "{\"Code\":\"Success\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"ASIAINSTANCE000001\","
						+ "\"SecretAccessKey\":\"instance-secret\",\"Token\":\"instance-token\",\"Expiration\":\""
						+ Instant.now().plus(Duration.ofHours(6)) + "\"}"));
		bedrock.then(eventStream(textAnswer("From the instance."), 100));

		ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
				environment(Map.of("AWS_EC2_METADATA_DISABLED", "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
						imds.baseUrl())),
				new Recording());

		List<AwsLoopbackServer.Received> calls = imds.received();
		assertEquals("PUT", calls.get(0).method());
		assertEquals("/latest/api/token", calls.get(0).rawPath());
		assertEquals("21600", calls.get(0).header("X-aws-ec2-metadata-token-ttl-seconds"));
		assertEquals("/latest/meta-data/iam/security-credentials/", calls.get(1).rawPath());
		assertEquals("/latest/meta-data/iam/security-credentials/BedrockInstanceRole", calls.get(2).rawPath());
		assertEquals("imds-session-token", calls.get(2).header("X-aws-ec2-metadata-token"));
		assertEquals("ASIAINSTANCE000001", verifySignature(bedrock.received().get(0), "instance-secret"));
	}

	@Test
	void aBedrockApiKeyIsSentAsABearerTokenAndNothingIsSigned() throws Exception {
		bedrock.then(eventStream(textAnswer("Keyed."), 100));

		ModelResponse response = ask(config(new AwsAccess(REGION, AwsCredentialSource.API_KEY, ""),
				ApiKey.ofString("ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl")), staticKeys(), new Recording());

		assertEquals("Keyed.", response.message().text());
		AwsLoopbackServer.Received request = bedrock.received().get(0);
		assertEquals("Bearer ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl", request.header("Authorization"));
		assertNull(request.header("X-Amz-Date"));
		assertNull(request.header("X-Amz-Security-Token"), "the environment's AWS credentials are not sent");
	}

	@Test
	void withoutAStoredApiKeyTheEnvironmentsBearerTokenIsUsedElseTheUserIsTold() throws Exception {
		bedrock.then(eventStream(textAnswer("Env key."), 100));
		ask(config(new AwsAccess(REGION, AwsCredentialSource.API_KEY, ""), ApiKey.NONE),
				environment(Map.of("AWS_BEARER_TOKEN_BEDROCK", "ABSKZW52aXJvbm1lbnQ=")), new Recording());
		assertEquals("Bearer ABSKZW52aXJvbm1lbnQ=", bedrock.received().get(0).header("Authorization"));

		ProviderException failure = assertThrows(ProviderException.class,
				() -> ask(config(new AwsAccess(REGION, AwsCredentialSource.API_KEY, ""), ApiKey.NONE),
						environment(Map.of()), new Recording()));
		assertEquals(ProviderException.Kind.AUTHENTICATION, failure.kind());
		assertTrue(failure.getMessage().contains("No Bedrock API key"), failure.getMessage());
		assertEquals(1, bedrock.received().size());
	}

	@Test
	void withNoCredentialsAnywhereTheMessageSaysWhatWasTried() {
		ProviderException failure = assertThrows(ProviderException.class,
				() -> ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
						environment(Map.of()), new Recording()));

		assertEquals(ProviderException.Kind.AUTHENTICATION, failure.kind());
		for (String step : List.of("environment", "profile 'default'", "container", "instance role", "aws sso login")) {
			assertTrue(failure.getMessage().contains(step), step + " in: " + failure.getMessage());
		}
		assertTrue(bedrock.received().isEmpty());
	}

	@Test
	void aRefusedSignatureNamesWhereTheCredentialsCameFrom() {
		bedrock.always(json(403, "{\"message\":\"The security token included in the request is invalid.\"}"));

		ProviderException failure = assertThrows(ProviderException.class,
				() -> ask(config(new AwsAccess(REGION, AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE),
						staticKeys(), new Recording()));

		assertEquals(ProviderException.Kind.AUTHENTICATION, failure.kind());
		assertTrue(failure.getMessage().contains("The security token included in the request is invalid."),
				failure.getMessage());
		assertTrue(failure.getMessage().contains("environment variables"), failure.getMessage());
		assertTrue(failure.getMessage().contains(REGION), failure.getMessage());
		assertFalse(failure.getMessage().contains(SECRET));
		assertEquals(1, bedrock.received().size(), "a refusal is not repeated");
	}

	@Test
	void aBedrockConfigurationIsCheckedBeforeAnythingIsSent() {
		ProviderConfig noRegion = config(new AwsAccess("", AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE);
		ProviderException failure = assertThrows(ProviderException.class, () -> Providers.create(noRegion));
		assertEquals(ProviderException.Kind.CONFIGURATION, failure.kind());
		assertTrue(failure.getMessage().contains("region"), failure.getMessage());

		ProviderConfig badRegion = config(new AwsAccess("Frankfurt", AwsCredentialSource.DEFAULT_CHAIN, ""), ApiKey.NONE);
		assertTrue(badRegion.problem().orElseThrow().contains("Frankfurt"));

		ProviderConfig good = config(new AwsAccess("eu-central-1", AwsCredentialSource.PROFILE, "dev"), ApiKey.NONE);
		assertTrue(good.problem().isEmpty(), good.problem().toString());
		assertEquals("https://bedrock-runtime.eu-central-1.amazonaws.com", AwsAccess.runtimeEndpoint("eu-central-1"));
		assertTrue(good.withLimits(1024, 1.5).adjustment().orElseThrow().contains("Bedrock"));
		assertFalse(good.toString().contains("secret"));

		ProviderException list = assertThrows(ProviderException.class, () -> Providers.listModels(good));
		assertEquals(ProviderException.Kind.CONFIGURATION, list.kind());
		assertTrue(list.getMessage().contains("model ID"), list.getMessage());
		assertTrue(bedrock.received().isEmpty(), "nothing is asked of the runtime endpoint");
	}

	@Test
	void bedrockModelIdsHaveKnownContextWindows() {
		assertEquals(200_000, ContextWindows.known(MODEL).tokens());
		assertEquals(300_000, ContextWindows.known("amazon.nova-pro-v1:0").tokens());
		assertEquals(128_000, ContextWindows.known("us.amazon.nova-micro-v1:0").tokens());
		assertEquals(128_000, ContextWindows.known("meta.llama3-3-70b-instruct-v1:0").tokens());
	}
}
