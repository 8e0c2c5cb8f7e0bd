package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.internal.protect.WildcardLimit;

/**
 * Ignore rules that would make JGit's matching backtrack for minutes are widened (or, as negations, dropped) before
 * JGit reads them; every other line is kept as written. The cases are in {@code wildcard-limit.tsv}.
 */
class WildcardLimitTest {

	static Stream<Arguments> cases() {
		return Corpus.read(WildcardLimitTest.class, "wildcard-limit.tsv").stream()
				.map(row -> Arguments.of(row[0], row[1].equals("\"\"") ? "" : row[1]));
	}

	@ParameterizedTest(name = "[{index}] {0} -> {1}")
	@MethodSource("cases")
	void lineIsKeptOrMadeSafe(String line, String expected) {
		assertEquals(expected, WildcardLimit.tame(line));
		assertEquals(expected + "\n" + expected, WildcardLimit.tame(line + "\n" + line), "each line on its own");
	}

	@Test
	void widenedRuleMatchesEveryNameTheOriginalMatched() {
		FastIgnoreRule original = new FastIgnoreRule("a*b*c*d");
		FastIgnoreRule widened = new FastIgnoreRule(WildcardLimit.tame("a*b*c*d"));
		for (String name : new String[] { "abcd", "a-b-c-d", "aXbYcZd", "abbccdd", "ad", "a.d", "abc" }) {
			if (original.isMatch(name, false, true)) {
				assertTrue(widened.isMatch(name, false, true), name);
			}
		}
		assertTrue(widened.isMatch("ad", false, true), "and some more");
	}
}
