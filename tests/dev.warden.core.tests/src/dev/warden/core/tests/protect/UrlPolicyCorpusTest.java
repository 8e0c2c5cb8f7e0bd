package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.protect.UrlDecision;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.protect.UrlVerdict;

/** Every case of {@code urls.tsv}, decided against a resolver with fixed answers: the exact verdict and reason. */
class UrlPolicyCorpusTest {

	static final UrlPolicy POLICY = UrlPolicy.of(Set.of("allowed.example", "*.corp.example", "192.168.1.10",
			"[fd00::5]"), new TestResolver());

	static Stream<Arguments> cases() {
		return Corpus.read(UrlPolicyCorpusTest.class, "urls.tsv").stream()
				.map(row -> Arguments.of(row[0], row[1], row[2]));
	}

	@Test
	void corpusHasEnoughCases() {
		assertTrue(cases().count() >= 70);
	}

	@ParameterizedTest(name = "[{index}] {0} -> {1}")
	@MethodSource("cases")
	void urlGetsExactVerdict(String url, String verdict, String reasonPart) {
		String given = expand(url);
		UrlDecision decision = POLICY.decide(given);
		assertEquals(UrlVerdict.valueOf(verdict), decision.verdict(), decision::reason);
		assertTrue(decision.reason().contains(reasonPart),
				() -> "reason '" + decision.reason() + "' should contain '" + reasonPart + "'");
		if (decision.isAllowed()) {
			assertNotNull(decision.address());
			assertNotNull(decision.target());
		} else {
			assertNull(decision.address());
		}
	}

	/** Replaces {@code ${LABELS1400}}, {@code ${LONGLABEL}}, {@code ${LONGHOST}}, {@code ${LONGPATH}} and {@code \}{@code uXXXX}. */
	static String expand(String text) {
		String s = text.replace("${LABELS1400}", "a.".repeat(1399) + "a").replace("${LONGLABEL}", "x".repeat(64))
				.replace("${LONGHOST}", "abcdefgh.".repeat(28) + "example").replace("${LONGPATH}", "p".repeat(70_000));
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < s.length(); i++) {
			if (s.startsWith("\\u", i) && i + 6 <= s.length()) {
				out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
				i += 5;
			} else {
				out.append(s.charAt(i));
			}
		}
		return out.toString();
	}

	@Test
	void decisionCarriesTheNormalisedTarget() {
		UrlDecision decision = POLICY.decide("HTTPS://PUB.EXAMPLE.:443/a?b=c#d");
		assertEquals("https://pub.example/a?b=c", decision.target().toString());
		assertEquals("93.184.216.34", decision.address().getHostAddress());
	}

	@Test
	void resolverIsAskedOncePerDecision() {
		TestResolver resolver = new TestResolver();
		UrlPolicy.of(Set.of(), resolver).decide("https://pub.example/");
		assertEquals(1, resolver.lookups.get());
		UrlPolicy.of(Set.of(), resolver).decide("https://127.0.0.1/");
		assertEquals(1, resolver.lookups.get(), "an address literal is not looked up");
	}

	@Test
	void invalidAllowListEntryIsRejected() {
		assertThrows(IllegalArgumentException.class, () -> UrlPolicy.of(Set.of("not a host"), new TestResolver()));
	}
}
