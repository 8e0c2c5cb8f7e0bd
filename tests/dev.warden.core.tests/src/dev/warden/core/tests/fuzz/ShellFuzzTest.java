package dev.warden.core.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

import dev.warden.core.internal.trust.PatternSyntax;
import dev.warden.core.internal.trust.ShellParser;
import dev.warden.core.internal.trust.ShellSyntaxException;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;

/**
 * The shell parser and the pattern syntax, used read-only through their API, under hostile command lines and
 * patterns: the parser throws nothing but {@link ShellSyntaxException}, patterns nothing but
 * {@link IllegalArgumentException} (and a pattern file reports problems instead), the whole trust decision throws
 * nothing; none takes long.
 */
class ShellFuzzTest {

	@TempDir
	static Path workspace;

	static TrustPolicy policy;

	private static final List<String> TOKENS = List.of("ls", "npm", "test", "git", "log", "rm", "-rf", "sudo", "sh",
			"bash", "-c", "eval", "env", "xargs", "find", "-exec", "{}", "\\;", "curl", "|", "||", "&&", "&", ";", ";;",
			"\n", " ", " ", " ", "\t", "'", "\"", "\\", "`", "$", "$(", ")", "(", "${", "}", "{", "$((", "))", "<", ">",
			">>", "2>&1", ">|", "<&", "<<", "<<-", "<<EOF\n", "\nEOF\n", "<<'X'\n", "\nX", "<(", ">(", "#", "!", "*",
			"?", "[", "]", "~", "=", "A=1", "PATH=", "IFS=", "if", "then", "fi", "for", "do", "done", "case", "esac",
			"while", "function", "alias", "\u0000", "\r", "\u00a0", "\u202e", "\u2028", "\uff1b", "caf\u00e9", ".env",
			"/etc/passwd", "../", "*.txt", "**");

	private static final Gen<String> LINES = Fuzz.mostly(Fuzz.soup(TOKENS, 50), Fuzz.repeated(List.of("(", "$(",
			"${", "\"$(", "`", "'", "\\", "a|", "a;", "<<E\n", "{ ", "$((", "x ", "&& y "), 4_000));

	@BeforeAll
	static void createPolicy() {
		PatternList list = PatternList.parse(PatternScope.WORKSPACE, "fuzz", "npm *\ngit log *\nls *\ncat *\n!npm publish *\n");
		policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load()).add(list).build();
	}

	@AfterAll
	static void report() {
		Fuzz.report("shell-parser");
		Fuzz.report("pattern-syntax");
		Fuzz.report("trust-decision");
	}

	@Test
	void parserThrowsOnlyItsSyntaxError() {
		Fuzz.theory(40_000).forAll(LINES).checkAssert(line -> Fuzz.timed("shell-parser", line, () -> {
			try {
				assertNotNull(ShellParser.parse(line));
			} catch (ShellSyntaxException e) {
				assertNotNull(e.getMessage());
			}
			try {
				ShellParser.parsePattern(line);
			} catch (ShellSyntaxException e) {
				assertNotNull(e.getMessage());
			}
		}));
	}

	@Test
	void patternsThrowOnlyIllegalArgumentAndFilesReportProblems() {
		Fuzz.theory(20_000).forAll(LINES).checkAssert(text -> Fuzz.timed("pattern-syntax", text, () -> {
			try {
				PatternSyntax.trustPattern(text);
			} catch (IllegalArgumentException e) {
				assertNotNull(e.getMessage());
			}
			try {
				PatternSyntax.denyRule(text);
			} catch (IllegalArgumentException e) {
				assertNotNull(e.getMessage());
			}
			assertNotNull(PatternList.parse(PatternScope.PROJECT, "fuzz", text));
		}));
	}

	@Test
	void trustDecisionNeverFails() {
		Fuzz.theory(15_000).forAll(LINES).checkAssert(line -> Fuzz.timed("trust-decision", line, () -> {
			CommandVerdict verdict = policy.evaluate(line);
			assertNotNull(verdict.verdict());
			assertNotNull(verdict.reason());
		}));
	}
}
