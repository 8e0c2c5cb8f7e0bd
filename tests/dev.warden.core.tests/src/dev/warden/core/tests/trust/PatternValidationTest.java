package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.warden.core.trust.BuiltInDenyRule;
import dev.warden.core.trust.DenyRule;
import dev.warden.core.trust.PatternValidation;
import dev.warden.core.trust.TrustPattern;

class PatternValidationTest {

	@Test
	void universalPatternIsDetectedAndNeedsConfirmation() {
		PatternValidation validation = PatternValidation.of(" * ");
		assertTrue(validation.isValid());
		assertTrue(validation.isUniversal());
		assertTrue(validation.needsConfirmation());
		assertTrue(validation.warning().get().contains("every command"));
	}

	@Test
	void quotedStarIsALiteralWordNotUniversalTrust() {
		PatternValidation validation = PatternValidation.of("'*'");
		assertTrue(validation.isValid());
		assertFalse(validation.isUniversal());
	}

	@Test
	void ordinaryPatternsAreValidWithoutWarning() {
		for (String line : List.of("npm install", "npm *", "git log *", "git commit -m 'fix build'", "./gradlew *")) {
			PatternValidation validation = PatternValidation.of(line);
			assertTrue(validation.isValid(), line + ": " + validation.problem());
			assertFalse(validation.needsConfirmation(), line);
		}
	}

	@Test
	void wildcardOverAnInterpreterWarns() {
		assertTrue(PatternValidation.of("bash *").needsConfirmation());
		assertTrue(PatternValidation.of("python3 *").needsConfirmation());
	}

	@Test
	void invalidPatternsSayWhy() {
		assertProblem("npm*", "stand alone");
		assertProblem("npm * test", "stand alone");
		assertProblem("npm test && rm x", "one simple command");
		assertProblem("FOO=$HOME npm test", "assignment");
		assertProblem("npm test > x", "redirection");
		assertProblem("echo $HOME", "quote it");
		assertProblem("echo $(date)", "substitution");
		assertProblem("npm 'test", "cannot be read");
		assertProblem("", "empty");
		assertProblem("!@no-such-rule", "no built-in deny rule");
		assertProblem("!", "empty");
	}

	private static void assertProblem(String line, String part) {
		PatternValidation validation = PatternValidation.of(line);
		assertFalse(validation.isValid(), line);
		assertTrue(validation.problem().get().contains(part), line + ": " + validation.problem().get());
	}

	@Test
	void patternWordsAreReadAfterQuoteRemoval() {
		TrustPattern pattern = TrustPattern.parse("git commit -m \"fix build\" *");
		assertEquals(List.of("git", "commit", "-m", "fix build"), pattern.words());
		assertTrue(pattern.wildcard());
		assertEquals("git commit -m 'fix build' *", pattern.canonical());
	}

	@Test
	void denyRulesKeepQuotedStarsLiteral() {
		DenyRule rule = DenyRule.parse("!rm -rf '/*'");
		assertEquals(List.of("rm", "-rf", "/\\*"), rule.words());
		assertEquals("!rm -rf '/*'", rule.canonical());
		assertEquals(List.of("dd", "*", "of=/dev/*"), DenyRule.parse("dd * of=/dev/*").words());
	}

	@Test
	void builtInDenyRulesAreNamedWithAnAt() {
		PatternValidation validation = PatternValidation.of("!@download-to-shell");
		assertTrue(validation.isDeny());
		assertEquals(BuiltInDenyRule.DOWNLOAD_TO_SHELL, validation.denyRule().get().builtIn().get());
	}
}
