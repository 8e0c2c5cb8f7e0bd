package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PartStatus;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.PatternSuggestion;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

class SuggestionTest {

	@TempDir
	Path workspace;

	private TrustPolicy policy(String... patterns) {
		return TrustPolicy.builder(workspace).add(DefaultDenyList.load())
				.add(PatternList.of(PatternScope.WORKSPACE, "test", List.of(patterns))).build();
	}

	@Test
	void suggestsTheExactCommandFirstAndBroaderPatternsAfter() {
		TrustPolicy policy = policy();
		List<PatternSuggestion> suggestions = policy.suggestPatterns(policy.evaluate("npm test"));
		assertEquals(1, suggestions.size());
		assertEquals("npm test", suggestions.get(0).pattern());
		assertEquals(List.of("npm test *", "npm *"), suggestions.get(0).broader());
	}

	@Test
	void suggestsOnePatternPerUncoveredPartNeverTheWholeChain() {
		TrustPolicy policy = policy("npm *");
		CommandVerdict verdict = policy.evaluate("npm test && git status && ls -la");
		List<PatternSuggestion> suggestions = policy.suggestPatterns(verdict);
		assertEquals(List.of("git status", "ls -la"), suggestions.stream().map(PatternSuggestion::pattern).toList());
		for (PatternSuggestion suggestion : suggestions) {
			assertTrue(!suggestion.pattern().contains("&&") && !suggestion.pattern().contains("npm"));
		}
	}

	@Test
	void offersNoSuggestionForDeniedFailedClosedOrUncoverableParts() {
		TrustPolicy policy = policy();
		CommandVerdict verdict = policy.evaluate("sudo ls; eval x; PATH=/tmp make; npm test > /etc/x; git status");
		assertEquals(Verdict.DENIED, verdict.verdict());
		List<PatternSuggestion> suggestions = policy.suggestPatterns(verdict);
		assertEquals(List.of("git status"), suggestions.stream().map(PatternSuggestion::pattern).toList());
		assertEquals(List.of(PartStatus.DENIED, PartStatus.FAILED_CLOSED, PartStatus.NOT_COVERABLE,
				PartStatus.NOT_COVERABLE, PartStatus.NOT_COVERED),
				verdict.parts().stream().map(part -> part.status()).toList());
	}

	@Test
	void suggestsTheCommandAWrapperRunsNotTheWrapper() {
		TrustPolicy policy = policy();
		List<PatternSuggestion> suggestions = policy.suggestPatterns(policy.evaluate("timeout 30 npm run build"));
		assertEquals("npm run build", suggestions.get(0).pattern());
	}

	@Test
	void suggestsAWildcardWhenAWordIsNotLiteral() {
		TrustPolicy policy = policy();
		List<PatternSuggestion> suggestions = policy.suggestPatterns(policy.evaluate("ls *.txt"));
		assertEquals("ls *", suggestions.get(0).pattern());
	}

	@Test
	void suggestionsQuoteWordsAndCoverThePartWhenAdded() {
		String[] commands = { "git commit -m 'fix the build'", "grep -rn \"a;b\" src", "echo '*'", "npm test",
				"ls *.txt", "xargs grep -l x", "git -c core.pager=less log" };
		for (String command : commands) {
			TrustPolicy empty = policy();
			CommandVerdict before = empty.evaluate(command);
			List<PatternSuggestion> suggestions = empty.suggestPatterns(before);
			assertEquals(1, suggestions.size(), command);
			List<String> all = new java.util.ArrayList<>(suggestions.get(0).broader());
			all.add(0, suggestions.get(0).pattern());
			for (String pattern : all) {
				CommandVerdict after = policy(pattern).evaluate(command);
				assertEquals(Verdict.TRUSTED, after.verdict(), command + " with " + pattern + ": " + after.reason());
			}
		}
	}

	@Test
	void duplicatePartsAreSuggestedOnce() {
		TrustPolicy policy = policy();
		assertEquals(1, policy.suggestPatterns(policy.evaluate("make; make")).size());
	}

	@Test
	void broaderSuggestionsSkipPatternsThatARiskyOptionDefeats() {
		TrustPolicy policy = policy();
		PatternSuggestion suggestion = policy.suggestPatterns(policy.evaluate("git -c core.pager=less log")).get(0);
		assertEquals("git -c core.pager=less log", suggestion.pattern());
		assertTrue(!suggestion.broader().contains("git *"), suggestion.broader().toString());
	}
}
