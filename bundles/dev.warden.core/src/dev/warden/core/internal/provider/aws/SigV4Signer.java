package dev.warden.core.internal.provider.aws;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 (header form, {@code AWS4-HMAC-SHA256}), as specified in the AWS IAM user guide ("Create a
 * signed AWS API request") and checked against the published test suite (the vectors under the core tests).
 * <p>
 * Written here rather than taken from the AWS SDK for Java v2: the SDK's signer ({@code http-auth-aws}) comes with
 * {@code sdk-core}, {@code http-client-spi}, {@code identity-spi}, {@code checksums}, {@code utils}, {@code metrics-spi}
 * and more, none of which carries an OSGi manifest; Warden needs the one algorithm, which is a page of code over the
 * JDK's HMAC and SHA-256 (releng/README.md, "Amazon Bedrock").
 */
public final class SigV4Signer {

	/** The algorithm's name in the {@code Authorization} header. */
	public static final String ALGORITHM = "AWS4-HMAC-SHA256"; //$NON-NLS-1$

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'") //$NON-NLS-1$
			.withZone(ZoneOffset.UTC);

	private static final HexFormat HEX = HexFormat.of();

	/**
	 * A request to sign.
	 *
	 * @param method  e.g. {@code POST}
	 * @param path    the path as it is sent (already percent-encoded where the protocol encodes, e.g. a model ID's
	 *                colon as {@code %3A})
	 * @param query   the query string without {@code ?}, as it is sent, or the empty string
	 * @param headers the headers to sign, in order, including {@code host}; a name may occur more than once
	 * @param body    the payload
	 */
	public record Request(String method, String path, String query, List<Map.Entry<String, String>> headers,
			byte[] body) {
	}

	/**
	 * How the request is signed.
	 *
	 * @param normalizePath       whether dot segments and repeated slashes are removed and the path encoded again,
	 *                            as every service but S3 expects
	 * @param signPayloadHeader   whether {@code x-amz-content-sha256} is added and signed
	 * @param signSessionToken    whether the session token is signed (else it is added after signing, as a few
	 *                            services want)
	 */
	public record Options(boolean normalizePath, boolean signPayloadHeader, boolean signSessionToken) {

		/** What Bedrock and other services but S3 expect. */
		public static final Options SERVICES = new Options(true, true, true);
	}

	/**
	 * The outcome: the headers to add to the request and the intermediate texts (which the test vectors check).
	 *
	 * @param headers          the headers to add ({@code X-Amz-Date}, {@code X-Amz-Security-Token},
	 *                         {@code x-amz-content-sha256}, {@code Authorization}), in that order
	 * @param canonicalRequest the canonical request
	 * @param stringToSign     the string to sign
	 * @param signature        the signature, in lower-case hex
	 */
	public record Signed(List<Map.Entry<String, String>> headers, String canonicalRequest, String stringToSign,
			String signature) {

		/** @return the value of the added header {@code name} (case-insensitive), or {@code null} */
		public String header(String name) {
			return headers.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
					.findFirst().orElse(null);
		}
	}

	private SigV4Signer() {
	}

	/** @return {@code request} signed with {@code credentials} for {@code service} in {@code region} at {@code now} */
	public static Signed sign(Request request, AwsCredentials credentials, String region, String service,
			Instant now, Options options) {
		String amzDate = AMZ_DATE.format(now);
		String date = amzDate.substring(0, 8);
		String payloadHash = hex(sha256(request.body()));

		List<Map.Entry<String, String>> added = new ArrayList<>();
		added.add(Map.entry("X-Amz-Date", amzDate)); //$NON-NLS-1$
		boolean token = !credentials.sessionToken().isEmpty();
		if (token && options.signSessionToken()) {
			added.add(Map.entry("X-Amz-Security-Token", credentials.sessionToken())); //$NON-NLS-1$
		}
		if (options.signPayloadHeader()) {
			added.add(Map.entry("x-amz-content-sha256", payloadHash)); //$NON-NLS-1$
		}
		List<Map.Entry<String, String>> signedHeaders = new ArrayList<>(request.headers());
		signedHeaders.addAll(added);

		TreeMap<String, String> canonicalHeaders = canonicalHeaders(signedHeaders);
		String signedNames = String.join(";", canonicalHeaders.keySet()); //$NON-NLS-1$
		StringBuilder canonical = new StringBuilder();
		canonical.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
		canonical.append(canonicalPath(request.path(), options.normalizePath())).append('\n');
		canonical.append(canonicalQuery(request.query())).append('\n');
		canonicalHeaders.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
		canonical.append('\n').append(signedNames).append('\n').append(payloadHash);
		String canonicalRequest = canonical.toString();

		String scope = date + '/' + region + '/' + service + "/aws4_request"; //$NON-NLS-1$
		String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
				+ hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date); //$NON-NLS-1$
		key = hmac(key, region);
		key = hmac(key, service);
		key = hmac(key, "aws4_request"); //$NON-NLS-1$
		String signature = hex(hmac(key, stringToSign));

		if (token && !options.signSessionToken()) {
			added.add(Map.entry("X-Amz-Security-Token", credentials.sessionToken())); //$NON-NLS-1$
		}
		added.add(Map.entry("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope //$NON-NLS-1$ //$NON-NLS-2$
				+ ", SignedHeaders=" + signedNames + ", Signature=" + signature)); //$NON-NLS-1$ //$NON-NLS-2$
		return new Signed(List.copyOf(added), canonicalRequest, stringToSign, signature);
	}

	/** Lower-case names, sorted; values trimmed with inner runs of white space as one space; repeats joined by commas. */
	private static TreeMap<String, String> canonicalHeaders(List<Map.Entry<String, String>> headers) {
		Map<String, List<String>> grouped = new LinkedHashMap<>();
		for (Map.Entry<String, String> header : headers) {
			String value = header.getValue().strip().replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
			grouped.computeIfAbsent(header.getKey().strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
		}
		TreeMap<String, String> canonical = new TreeMap<>();
		grouped.forEach((name, values) -> canonical.put(name, String.join(",", values))); //$NON-NLS-1$
		return canonical;
	}

	/**
	 * @return the path with every byte outside the unreserved characters and {@code /} percent-encoded (so a
	 *         {@code %} the path already has is encoded again, as every service but S3 requires), and, when
	 *         normalizing, dot segments and empty segments removed
	 */
	static String canonicalPath(String path, boolean normalize) {
		if (path.isEmpty()) {
			return "/"; //$NON-NLS-1$
		}
		if (!normalize) {
			// S3's form: the path as it is, each segment encoded once
			return java.util.Arrays.stream(path.split("/", -1)).map(SigV4Signer::encode) //$NON-NLS-1$
					.collect(java.util.stream.Collectors.joining("/")); //$NON-NLS-1$
		}
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/", -1)) { //$NON-NLS-1$
			if (segment.isEmpty() || segment.equals(".")) { //$NON-NLS-1$
				continue;
			}
			if (segment.equals("..")) { //$NON-NLS-1$
				if (!segments.isEmpty()) {
					segments.remove(segments.size() - 1);
				}
				continue;
			}
			segments.add(segment);
		}
		boolean trailingSlash = path.endsWith("/") && !segments.isEmpty(); //$NON-NLS-1$
		StringBuilder canonical = new StringBuilder();
		for (String segment : segments) {
			canonical.append('/').append(encode(segment));
		}
		if (trailingSlash || canonical.isEmpty()) {
			canonical.append('/');
		}
		return canonical.toString();
	}

	/** @return the parameters decoded, encoded strictly and sorted by name, then value */
	static String canonicalQuery(String query) {
		if (query == null || query.isEmpty()) {
			return ""; //$NON-NLS-1$
		}
		List<String[]> parameters = new ArrayList<>();
		for (String pair : query.split("&")) { //$NON-NLS-1$
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = equals < 0 ? pair : pair.substring(0, equals);
			String value = equals < 0 ? "" : pair.substring(equals + 1); //$NON-NLS-1$
			parameters.add(new String[] { encode(decode(name)), encode(decode(value)) });
		}
		parameters.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
		StringBuilder canonical = new StringBuilder();
		for (String[] parameter : parameters) {
			if (!canonical.isEmpty()) {
				canonical.append('&');
			}
			canonical.append(parameter[0]).append('=').append(parameter[1]);
		}
		return canonical.toString();
	}

	/** @return {@code text} with every UTF-8 byte outside {@code A-Z a-z 0-9 - _ . ~} as {@code %XX} (upper case) */
	public static String encode(String text) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				encoded.append((char) c);
			} else {
				encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
						.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return encoded.toString();
	}

	/** Decodes {@code %XX}; a {@code %} not followed by two hex digits stays as it is. */
	private static String decode(String text) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		byte[] raw = text.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < raw.length; i++) {
			if (raw[i] == '%' && i + 2 < raw.length && Character.digit(raw[i + 1], 16) >= 0
					&& Character.digit(raw[i + 2], 16) >= 0) {
				bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
				i += 2;
			} else {
				bytes.write(raw[i]);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** @return the SHA-256 digest of {@code data} */
	public static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data); //$NON-NLS-1$
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e); //$NON-NLS-1$
		}
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256"); //$NON-NLS-1$
			mac.init(new SecretKeySpec(key, "HmacSHA256")); //$NON-NLS-1$
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		} catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("every Java runtime has HmacSHA256", e); //$NON-NLS-1$
		}
	}

	/** @return {@code bytes} in lower-case hex */
	public static String hex(byte[] bytes) {
		return HEX.formatHex(bytes);
	}
}
