package dev.warden.core.tests.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.warden.core.internal.provider.aws.AwsCredentials;
import dev.warden.core.internal.provider.aws.SigV4Signer;
import dev.warden.core.tests.provider.LoopbackModelServer;

/**
 * Every case of the published Signature Version 4 test suite (header form; see {@code sigv4/SOURCE.md}): the
 * canonical request, the string to sign and the signature must equal the suite's files.
 */
class SigV4TestSuiteTest {

	/** A case's request, parsed from {@code request.txt}. */
	record SuiteRequest(String method, String path, String query, List<Map.Entry<String, String>> headers,
			byte[] body) {
	}

	static Stream<String> cases() {
		return new String(resource("cases.txt"), StandardCharsets.UTF_8).lines().map(String::strip)
				.filter(line -> !line.isEmpty());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void signatureMatchesTheTestSuite(String name) {
		JsonObject context = JsonParser.parseString(text(name, "context.json")).getAsJsonObject();
		JsonObject credentials = context.getAsJsonObject("credentials");
		AwsCredentials signing = new AwsCredentials(credentials.get("access_key_id").getAsString(),
				credentials.get("secret_access_key").getAsString(),
				credentials.has("token") ? credentials.get("token").getAsString() : "", null, "test suite");
		boolean omitToken = context.has("omit_session_token") && context.get("omit_session_token").getAsBoolean();
		SigV4Signer.Options options = new SigV4Signer.Options(context.get("normalize").getAsBoolean(),
				context.get("sign_body").getAsBoolean(), !omitToken);
		SuiteRequest request = parse(resource(name + "/request.txt"));

		SigV4Signer.Signed signed = SigV4Signer.sign(
				new SigV4Signer.Request(request.method(), request.path(), request.query(), request.headers(),
						request.body()),
				signing, context.get("region").getAsString(), context.get("service").getAsString(),
				Instant.parse(context.get("timestamp").getAsString()), options);

		assertEquals(text(name, "header-canonical-request.txt"), signed.canonicalRequest(), "canonical request");
		assertEquals(text(name, "header-string-to-sign.txt"), signed.stringToSign(), "string to sign");
		assertEquals(text(name, "header-signature.txt").strip(), signed.signature(), "signature");
		assertTrue(signed.header("Authorization").endsWith("Signature=" + signed.signature()));
		if (!signing.sessionToken().isEmpty()) {
			assertEquals(signing.sessionToken(), signed.header("X-Amz-Security-Token"),
					"the token is sent whether it is signed or not");
		}
	}

	/** Parses {@code METHOD PATH[?QUERY] HTTP/1.1}, headers (indented lines continue the previous one), body. */
	static SuiteRequest parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.UTF_8);
		int blank = text.indexOf("\n\n");
		String head = blank < 0 ? text : text.substring(0, blank);
		byte[] body = blank < 0 ? new byte[0]
				: text.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
		List<String> lines = head.lines().toList();
		String requestLine = lines.get(0);
		String method = requestLine.substring(0, requestLine.indexOf(' '));
		String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
		int question = target.indexOf('?');
		String path = question < 0 ? target : target.substring(0, question);
		String query = question < 0 ? "" : target.substring(question + 1);
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && !headers.isEmpty()) {
				Map.Entry<String, String> last = headers.remove(headers.size() - 1);
				headers.add(Map.entry(last.getKey(), last.getValue() + '\n' + line));
			} else if (line.contains(":")) {
				int colon = line.indexOf(':');
				headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1)));
			}
		}
		return new SuiteRequest(method, path, query, headers, body);
	}

	private static String text(String name, String file) {
		return new String(resource(name + '/' + file), StandardCharsets.UTF_8);
	}

	private static byte[] resource(String path) {
		return LoopbackModelServer.resource(SigV4TestSuiteTest.class, "sigv4/" + path);
	}
}
