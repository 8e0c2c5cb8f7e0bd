package dev.warden.core.internal.provider.aws;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.provider.AwsAccess;
import dev.warden.core.provider.AwsCredentialSource;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ProviderException.Kind;

/**
 * Finds AWS credentials the way the AWS SDKs' default chain does, for Warden's own requests to Bedrock:
 * <ol>
 * <li>the environment: {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN};</li>
 * <li>web identity (EKS IAM roles for service accounts): {@code AWS_WEB_IDENTITY_TOKEN_FILE} and
 * {@code AWS_ROLE_ARN}, exchanged at STS ({@code AssumeRoleWithWebIdentity});</li>
 * <li>the profile ({@code AWS_PROFILE}, else {@code default}) of {@code ~/.aws/config} and {@code ~/.aws/credentials}:
 * {@code credential_process}, static keys, or IAM Identity Center (SSO) through the token that {@code aws sso login}
 * cached;</li>
 * <li>the container's role: {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} (ECS) or
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with its authorization token (EKS Pod Identity);</li>
 * <li>the instance's role through IMDSv2 (a session token first), unless {@code AWS_EC2_METADATA_DISABLED}.</li>
 * </ol>
 * With {@link AwsCredentialSource#PROFILE} only the named profile is read. Credentials that expire are kept until five
 * minutes before they do; the others are read again for every request, so an edited file takes effect at once.
 * Assume-role profiles ({@code role_arn} with {@code source_profile}) and refreshing an expired SSO token are not done
 * here: the messages say what to run instead.
 * <p>
 * Service endpoints follow the SDKs' variables ({@code AWS_ENDPOINT_URL_SSO}, {@code AWS_ENDPOINT_URL_STS},
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}), which is also how the tests point the chain at loopback servers.
 */
public final class AwsCredentialChain {

	private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

	private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);

	private static final int MAX_ANSWER = 1024 * 1024;

	private static final String SETUP = " Set credentials up with 'aws configure' or 'aws sso login', or choose a Bedrock " //$NON-NLS-1$
			+ "API key in Preferences > Warden > Model."; //$NON-NLS-1$

	private final AwsEnvironment environment;

	private final HttpClient client;

	private AwsCredentials cached;

	public AwsCredentialChain(AwsEnvironment environment) {
		this.environment = environment;
		this.client = HttpClient.newBuilder().connectTimeout(METADATA_TIMEOUT).version(HttpClient.Version.HTTP_1_1)
				.build();
	}

	/**
	 * @return credentials for {@code access} (whose source is not {@link AwsCredentialSource#API_KEY})
	 * @throws ProviderException of kind {@link Kind#AUTHENTICATION} saying what was tried and what to do
	 */
	public synchronized AwsCredentials resolve(AwsAccess access) throws ProviderException {
		Instant now = Instant.now();
		if (cached != null && !cached.expiresWithin(REFRESH_MARGIN, now)) {
			return cached;
		}
		AwsCredentials found = access.credentials() == AwsCredentialSource.PROFILE
				? profile(profileName(access), new ArrayList<>(), true)
				: defaultChain(access);
		cached = found.expiration() != null || found.source().contains("credential_process") ? found : null; //$NON-NLS-1$
		return found;
	}

	/** Forgets cached credentials, e.g. after the service refused them. */
	public synchronized void forget() {
		cached = null;
	}

	private String profileName(AwsAccess access) {
		if (!access.profile().isEmpty()) {
			return access.profile();
		}
		String named = environment.get("AWS_PROFILE"); //$NON-NLS-1$
		return named.isEmpty() ? "default" : named; //$NON-NLS-1$
	}

	private AwsCredentials defaultChain(AwsAccess access) throws ProviderException {
		List<String> tried = new ArrayList<>();
		String id = environment.get("AWS_ACCESS_KEY_ID"); //$NON-NLS-1$
		String secret = environment.get("AWS_SECRET_ACCESS_KEY"); //$NON-NLS-1$
		if (!id.isEmpty() && !secret.isEmpty()) {
			return new AwsCredentials(id, secret, environment.get("AWS_SESSION_TOKEN"), null, "environment variables"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		tried.add(id.isEmpty() ? "environment (AWS_ACCESS_KEY_ID is not set)" //$NON-NLS-1$
				: "environment (AWS_SECRET_ACCESS_KEY is not set)"); //$NON-NLS-1$
		String tokenFile = environment.get("AWS_WEB_IDENTITY_TOKEN_FILE"); //$NON-NLS-1$
		String roleArn = environment.get("AWS_ROLE_ARN"); //$NON-NLS-1$
		if (!tokenFile.isEmpty() && !roleArn.isEmpty()) {
			return webIdentity(Path.of(tokenFile), roleArn, access.region());
		}
		AwsCredentials fromProfile = profile(profileName(access), tried, false);
		if (fromProfile != null) {
			return fromProfile;
		}
		AwsCredentials fromContainer = container(tried);
		if (fromContainer != null) {
			return fromContainer;
		}
		AwsCredentials fromInstance = instance(tried);
		if (fromInstance != null) {
			return fromInstance;
		}
		throw new ProviderException(Kind.AUTHENTICATION,
				"No AWS credentials were found for Bedrock. Tried: " + String.join("; ", tried) + '.' + SETUP); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/**
	 * @param required whether a missing profile is an error (else {@code null} is returned and {@code tried} says why)
	 */
	private AwsCredentials profile(String name, List<String> tried, boolean required) throws ProviderException {
		AwsProfiles profiles;
		try {
			profiles = AwsProfiles.read(environment);
		} catch (IOException e) {
			throw new ProviderException(Kind.CONFIGURATION, "The AWS configuration could not be read: " + e.getMessage(), //$NON-NLS-1$
					e);
		}
		Map<String, String> profile = profiles.profile(name).orElse(null);
		String where = "profile '" + name + "'"; //$NON-NLS-1$ //$NON-NLS-2$
		if (profile == null) {
			if (required) {
				throw new ProviderException(Kind.CONFIGURATION, "There is no AWS profile '" + name + "' in " //$NON-NLS-1$ //$NON-NLS-2$
						+ environment.configFile() + " or " + environment.credentialsFile() + '.' + SETUP); //$NON-NLS-1$
			}
			tried.add(where + " (not in " + environment.configFile() + " or " + environment.credentialsFile() + ')'); //$NON-NLS-1$ //$NON-NLS-2$
			return null;
		}
		if (profile.containsKey("role_arn")) { //$NON-NLS-1$
			throw new ProviderException(Kind.CONFIGURATION, "The AWS " + where + " assumes a role (role_arn), which " //$NON-NLS-1$ //$NON-NLS-2$
					+ "Warden does not do itself. Give the profile credential_process = aws configure " //$NON-NLS-1$
					+ "export-credentials --profile " + name + " --format process under another name and choose that " //$NON-NLS-1$ //$NON-NLS-2$
					+ "profile, or use the profile's source directly."); //$NON-NLS-1$
		}
		String process = profile.getOrDefault("credential_process", ""); //$NON-NLS-1$ //$NON-NLS-2$
		if (!process.isEmpty()) {
			return credentialProcess(process, where);
		}
		String id = profile.getOrDefault("aws_access_key_id", ""); //$NON-NLS-1$ //$NON-NLS-2$
		String secret = profile.getOrDefault("aws_secret_access_key", ""); //$NON-NLS-1$ //$NON-NLS-2$
		if (!id.isEmpty() && !secret.isEmpty()) {
			return new AwsCredentials(id, secret, profile.getOrDefault("aws_session_token", ""), null, where); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (profile.containsKey("sso_session") || profile.containsKey("sso_start_url")) { //$NON-NLS-1$ //$NON-NLS-2$
			return sso(name, profile, profiles);
		}
		String why = where + " holds no credentials (no aws_access_key_id, credential_process or sso_session)"; //$NON-NLS-1$
		if (required) {
			throw new ProviderException(Kind.CONFIGURATION, "The AWS " + why + '.' + SETUP); //$NON-NLS-1$
		}
		tried.add(why);
		return null;
	}

	/** Runs the profile's {@code credential_process} (through {@code sh -c}) and reads its JSON (Version 1). */
	private AwsCredentials credentialProcess(String command, String where) throws ProviderException {
		String source = where + " (credential_process)"; //$NON-NLS-1$
		ProcessBuilder builder = System.getProperty("os.name", "").startsWith("Windows") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				? new ProcessBuilder("cmd.exe", "/C", command) //$NON-NLS-1$ //$NON-NLS-2$
				: new ProcessBuilder("/bin/sh", "-c", command); //$NON-NLS-1$ //$NON-NLS-2$
		builder.redirectError(ProcessBuilder.Redirect.DISCARD);
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			byte[] output;
			try (InputStream in = process.getInputStream()) {
				output = in.readNBytes(MAX_ANSWER);
			}
			if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new ProviderException(Kind.AUTHENTICATION, "The credential_process of the AWS " + where //$NON-NLS-1$
						+ " did not finish within " + PROCESS_TIMEOUT.toSeconds() + " s."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (process.exitValue() != 0) {
				throw new ProviderException(Kind.AUTHENTICATION, "The credential_process of the AWS " + where //$NON-NLS-1$
						+ " failed with exit code " + process.exitValue() + ": run it in a terminal to see why."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			JsonObject json = json(new String(output, StandardCharsets.UTF_8), source);
			if (json.has("Version") && !"1".equals(text(json, "Version"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				throw new ProviderException(Kind.AUTHENTICATION, "The credential_process of the AWS " + where //$NON-NLS-1$
						+ " answered with Version " + text(json, "Version") + "; Warden reads Version 1."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			return credentials(json, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", source); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		} catch (IOException e) {
			throw new ProviderException(Kind.AUTHENTICATION, "The credential_process of the AWS " + where //$NON-NLS-1$
					+ " could not be started: " + e.getMessage(), e); //$NON-NLS-1$
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProviderException(Kind.CANCELLED, "Cancelled while waiting for the credential_process."); //$NON-NLS-1$
		}
	}

	/** IAM Identity Center: the token {@code aws sso login} cached, exchanged for the role's credentials. */
	private AwsCredentials sso(String name, Map<String, String> profile, AwsProfiles profiles)
			throws ProviderException {
		String sessionName = profile.getOrDefault("sso_session", ""); //$NON-NLS-1$ //$NON-NLS-2$
		String region = profile.getOrDefault("sso_region", ""); //$NON-NLS-1$ //$NON-NLS-2$
		String cacheKey = profile.getOrDefault("sso_start_url", ""); //$NON-NLS-1$ //$NON-NLS-2$
		if (!sessionName.isEmpty()) {
			Map<String, String> session = profiles.ssoSession(sessionName).orElseThrow(
					() -> new ProviderException(Kind.CONFIGURATION, "The AWS profile '" + name + "' names the " //$NON-NLS-1$ //$NON-NLS-2$
							+ "sso-session '" + sessionName + "', which " + environment.configFile() + " lacks.")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			region = session.getOrDefault("sso_region", region); //$NON-NLS-1$
			cacheKey = sessionName;
		}
		String account = profile.getOrDefault("sso_account_id", ""); //$NON-NLS-1$ //$NON-NLS-2$
		String role = profile.getOrDefault("sso_role_name", ""); //$NON-NLS-1$ //$NON-NLS-2$
		if (region.isEmpty() || account.isEmpty() || role.isEmpty() || cacheKey.isEmpty()) {
			throw new ProviderException(Kind.CONFIGURATION, "The AWS profile '" + name + "' uses IAM Identity Center " //$NON-NLS-1$ //$NON-NLS-2$
					+ "but lacks sso_region, sso_account_id, sso_role_name or the start URL: run 'aws configure sso'."); //$NON-NLS-1$
		}
		String login = " Run 'aws sso login --profile " + name + "' and try again."; //$NON-NLS-1$ //$NON-NLS-2$
		Path tokenFile = environment.ssoCache()
				.resolve(SigV4Signer.hex(sha1(cacheKey.getBytes(StandardCharsets.UTF_8))) + ".json"); //$NON-NLS-1$
		JsonObject token;
		try {
			token = json(Files.readString(tokenFile, StandardCharsets.UTF_8), tokenFile.toString());
		} catch (NoSuchFileException e) {
			throw new ProviderException(Kind.AUTHENTICATION, "There is no IAM Identity Center login for the AWS profile '" //$NON-NLS-1$
					+ name + "'." + login, e); //$NON-NLS-1$
		} catch (IOException e) {
			throw new ProviderException(Kind.AUTHENTICATION, "The IAM Identity Center token " + tokenFile //$NON-NLS-1$
					+ " could not be read: " + e.getMessage(), e); //$NON-NLS-1$
		}
		String accessToken = text(token, "accessToken"); //$NON-NLS-1$
		Instant expires = instant(text(token, "expiresAt")); //$NON-NLS-1$
		if (accessToken.isEmpty() || expires == null || !expires.isAfter(Instant.now())) {
			throw new ProviderException(Kind.AUTHENTICATION, "The IAM Identity Center login for the AWS profile '" //$NON-NLS-1$
					+ name + "' has expired." + login); //$NON-NLS-1$
		}
		String endpoint = environment.get("AWS_ENDPOINT_URL_SSO"); //$NON-NLS-1$
		if (endpoint.isEmpty()) {
			endpoint = "https://portal.sso." + region + ".amazonaws.com"; //$NON-NLS-1$ //$NON-NLS-2$
		}
		URI uri = URI.create(endpoint.replaceAll("/+$", "") + "/federation/credentials?account_id=" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ URLEncoder.encode(account, StandardCharsets.UTF_8) + "&role_name=" //$NON-NLS-1$
				+ URLEncoder.encode(role, StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
				.header("x-amz-sso_bearer_token", accessToken).GET().build(); //$NON-NLS-1$
		String source = "profile '" + name + "' (IAM Identity Center)"; //$NON-NLS-1$ //$NON-NLS-2$
		HttpResponse<String> response = send(request, "IAM Identity Center at " + uri.getHost()); //$NON-NLS-1$
		if (response.statusCode() == 401 || response.statusCode() == 403) {
			throw new ProviderException(Kind.AUTHENTICATION, "IAM Identity Center refused the login of the AWS profile '" //$NON-NLS-1$
					+ name + "' (HTTP " + response.statusCode() + ")." + login); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (response.statusCode() != 200) {
			throw new ProviderException(Kind.AUTHENTICATION, "IAM Identity Center at " + uri.getHost() //$NON-NLS-1$
					+ " answered HTTP " + response.statusCode() + " for the role " + role + " of account " + account //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ '.');
		}
		JsonObject body = json(response.body(), source);
		JsonElement roleCredentials = body.get("roleCredentials"); //$NON-NLS-1$
		if (roleCredentials == null || !roleCredentials.isJsonObject()) {
			throw new ProviderException(Kind.AUTHENTICATION, "IAM Identity Center answered without role credentials."); //$NON-NLS-1$
		}
		JsonObject values = roleCredentials.getAsJsonObject();
		long expirationMillis = values.has("expiration") ? values.get("expiration").getAsLong() : 0; //$NON-NLS-1$ //$NON-NLS-2$
		AwsCredentials found = credentials(values, "accessKeyId", "secretAccessKey", "sessionToken", null, source); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return new AwsCredentials(found.accessKeyId(), found.secretAccessKey(), found.sessionToken(),
				expirationMillis > 0 ? Instant.ofEpochMilli(expirationMillis) : expires, source);
	}

	/** EKS IAM roles for service accounts: the projected token exchanged at STS. */
	private AwsCredentials webIdentity(Path tokenFile, String roleArn, String region) throws ProviderException {
		String token;
		try {
			token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
		} catch (IOException e) {
			throw new ProviderException(Kind.AUTHENTICATION, "The web identity token " + tokenFile //$NON-NLS-1$
					+ " (AWS_WEB_IDENTITY_TOKEN_FILE) could not be read: " + e.getMessage(), e); //$NON-NLS-1$
		}
		String endpoint = environment.get("AWS_ENDPOINT_URL_STS"); //$NON-NLS-1$
		if (endpoint.isEmpty()) {
			endpoint = "https://sts." + region + ".amazonaws.com"; //$NON-NLS-1$ //$NON-NLS-2$
		}
		String session = environment.get("AWS_ROLE_SESSION_NAME"); //$NON-NLS-1$
		String form = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" //$NON-NLS-1$
				+ URLEncoder.encode(roleArn, StandardCharsets.UTF_8) + "&RoleSessionName=" //$NON-NLS-1$
				+ URLEncoder.encode(session.isEmpty() ? "warden-" + Instant.now().getEpochSecond() : session, //$NON-NLS-1$
						StandardCharsets.UTF_8)
				+ "&WebIdentityToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8); //$NON-NLS-1$
		URI uri = URI.create(endpoint.replaceAll("/+$", "") + '/'); //$NON-NLS-1$ //$NON-NLS-2$
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/x-www-form-urlencoded") //$NON-NLS-1$ //$NON-NLS-2$
				.POST(HttpRequest.BodyPublishers.ofString(form)).build();
		HttpResponse<String> response = send(request, "STS at " + uri.getHost()); //$NON-NLS-1$
		if (response.statusCode() != 200) {
			throw new ProviderException(Kind.AUTHENTICATION, "STS refused to exchange the web identity token for the " //$NON-NLS-1$
					+ "role " + roleArn + " (HTTP " + response.statusCode() + "): " + xml(response.body(), "Message")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		String id = xml(response.body(), "AccessKeyId"); //$NON-NLS-1$
		String secret = xml(response.body(), "SecretAccessKey"); //$NON-NLS-1$
		if (id.isEmpty() || secret.isEmpty()) {
			throw new ProviderException(Kind.AUTHENTICATION, "STS answered without credentials for the role " + roleArn //$NON-NLS-1$
					+ '.');
		}
		return new AwsCredentials(id, secret, xml(response.body(), "SessionToken"), //$NON-NLS-1$
				instant(xml(response.body(), "Expiration")), "web identity (" + roleArn + ')'); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** ECS task roles and EKS Pod Identity. */
	private AwsCredentials container(List<String> tried) throws ProviderException {
		String relative = environment.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"); //$NON-NLS-1$
		String full = environment.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"); //$NON-NLS-1$
		URI uri;
		if (!relative.isEmpty()) {
			uri = URI.create("http://169.254.170.2" + (relative.startsWith("/") ? "" : "/") + relative); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		} else if (!full.isEmpty()) {
			uri = URI.create(full);
			if (!"https".equalsIgnoreCase(uri.getScheme()) && !containerHostAllowed(uri.getHost())) { //$NON-NLS-1$
				throw new ProviderException(Kind.CONFIGURATION, "AWS_CONTAINER_CREDENTIALS_FULL_URI names " + uri.getHost() //$NON-NLS-1$
						+ " over plain http; only the loopback interface and the ECS and EKS agents' addresses are " //$NON-NLS-1$
						+ "trusted with credentials there."); //$NON-NLS-1$
			}
		} else {
			tried.add("container (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set)"); //$NON-NLS-1$
			return null;
		}
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
		String tokenFile = environment.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); //$NON-NLS-1$
		String token = environment.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"); //$NON-NLS-1$
		if (!tokenFile.isEmpty()) {
			try {
				token = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip();
			} catch (IOException e) {
				throw new ProviderException(Kind.AUTHENTICATION, "The container's authorization token " + tokenFile //$NON-NLS-1$
						+ " could not be read: " + e.getMessage(), e); //$NON-NLS-1$
			}
		}
		if (!token.isEmpty()) {
			builder.header("Authorization", token); //$NON-NLS-1$
		}
		HttpResponse<String> response = send(builder.build(), "the container's credential endpoint " + uri.getHost()); //$NON-NLS-1$
		if (response.statusCode() != 200) {
			throw new ProviderException(Kind.AUTHENTICATION, "The container's credential endpoint answered HTTP " //$NON-NLS-1$
					+ response.statusCode() + '.');
		}
		return credentials(json(response.body(), "container"), "AccessKeyId", "SecretAccessKey", "Token", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				"Expiration", "container role"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static boolean containerHostAllowed(String host) {
		if (host == null) {
			return false;
		}
		if (host.equals("169.254.170.2") || host.equals("169.254.170.23") || host.equals("[fd00:ec2::23]")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return true;
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				if (!address.isLoopbackAddress()) {
					return false;
				}
			}
			return true;
		} catch (UnknownHostException e) {
			return false;
		}
	}

	/** The EC2 instance's role through IMDSv2. */
	private AwsCredentials instance(List<String> tried) throws ProviderException {
		if ("true".equalsIgnoreCase(environment.get("AWS_EC2_METADATA_DISABLED"))) { //$NON-NLS-1$ //$NON-NLS-2$
			tried.add("instance role (AWS_EC2_METADATA_DISABLED is set)"); //$NON-NLS-1$
			return null;
		}
		String endpoint = environment.get("AWS_EC2_METADATA_SERVICE_ENDPOINT"); //$NON-NLS-1$
		endpoint = (endpoint.isEmpty() ? "http://169.254.169.254" : endpoint).replaceAll("/+$", ""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String base = endpoint + "/latest/meta-data/iam/security-credentials/"; //$NON-NLS-1$
		String token;
		String role;
		try {
			HttpResponse<String> tokenResponse = client.send(HttpRequest.newBuilder(URI.create(endpoint + "/latest/api/token")) //$NON-NLS-1$
					.timeout(METADATA_TIMEOUT).header("X-aws-ec2-metadata-token-ttl-seconds", "21600") //$NON-NLS-1$ //$NON-NLS-2$
					.PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
			if (tokenResponse.statusCode() != 200) {
				tried.add("instance role (the instance metadata service at " + endpoint + " answered HTTP " //$NON-NLS-1$ //$NON-NLS-2$
						+ tokenResponse.statusCode() + " for a session token)"); //$NON-NLS-1$
				return null;
			}
			token = tokenResponse.body().strip();
			HttpResponse<String> roles = client.send(HttpRequest.newBuilder(URI.create(base)).timeout(METADATA_TIMEOUT)
					.header("X-aws-ec2-metadata-token", token).GET().build(), HttpResponse.BodyHandlers.ofString()); //$NON-NLS-1$
			role = roles.statusCode() == 200 ? roles.body().strip().split("\\s+")[0] : ""; //$NON-NLS-1$ //$NON-NLS-2$
			if (role.isEmpty()) {
				tried.add("instance role (the instance has no IAM role attached)"); //$NON-NLS-1$
				return null;
			}
		} catch (IOException e) {
			tried.add("instance role (no instance metadata service at " + endpoint + ')'); //$NON-NLS-1$
			return null;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProviderException(Kind.CANCELLED, "Cancelled while asking the instance for its role."); //$NON-NLS-1$
		}
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + role)).timeout(METADATA_TIMEOUT)
				.header("X-aws-ec2-metadata-token", token).GET().build(), "the instance metadata service"); //$NON-NLS-1$ //$NON-NLS-2$
		JsonObject json = json(response.body(), "instance metadata"); //$NON-NLS-1$
		if (response.statusCode() != 200 || (json.has("Code") && !"Success".equals(text(json, "Code")))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			throw new ProviderException(Kind.AUTHENTICATION, "The instance metadata service has no credentials for the " //$NON-NLS-1$
					+ "role " + role + " (HTTP " + response.statusCode() + ", " + text(json, "Code") + ")."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		}
		return credentials(json, "AccessKeyId", "SecretAccessKey", "Token", "Expiration", "instance role " + role); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}

	private HttpResponse<String> send(HttpRequest request, String what) throws ProviderException {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new ProviderException(Kind.UNREACHABLE, "Could not reach " + what + ": " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProviderException(Kind.CANCELLED, "Cancelled while asking " + what + " for credentials."); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private static AwsCredentials credentials(JsonObject json, String idName, String secretName, String tokenName,
			String expirationName, String source) throws ProviderException {
		String id = text(json, idName);
		String secret = text(json, secretName);
		if (id.isEmpty() || secret.isEmpty()) {
			throw new ProviderException(Kind.AUTHENTICATION, "The credentials from " + source + " lack " //$NON-NLS-1$ //$NON-NLS-2$
					+ (id.isEmpty() ? idName : secretName) + '.');
		}
		Instant expiration = expirationName == null ? null : instant(text(json, expirationName));
		return new AwsCredentials(id, secret, text(json, tokenName), expiration, source);
	}

	private static JsonObject json(String text, String source) throws ProviderException {
		try {
			JsonElement element = JsonParser.parseString(text);
			if (element.isJsonObject()) {
				return element.getAsJsonObject();
			}
		} catch (JsonParseException e) {
			// reported below
		}
		throw new ProviderException(Kind.AUTHENTICATION, "The answer from " + source + " is not a JSON object."); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String text(JsonObject json, String name) {
		JsonElement element = json.get(name);
		return element == null || !element.isJsonPrimitive() ? "" : element.getAsString().strip(); //$NON-NLS-1$
	}

	private static Instant instant(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		try {
			return Instant.parse(text.replace("UTC", "Z")); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (DateTimeParseException e) {
			try {
				return java.time.OffsetDateTime.parse(text).toInstant();
			} catch (DateTimeParseException notOffset) {
				return null;
			}
		}
	}

	private static String xml(String body, String element) {
		Matcher matcher = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(body); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return matcher.find() ? matcher.group(1).strip() : ""; //$NON-NLS-1$
	}

	private static byte[] sha1(byte[] data) {
		try {
			return java.security.MessageDigest.getInstance("SHA-1").digest(data); //$NON-NLS-1$
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-1", e); //$NON-NLS-1$
		}
	}
}
