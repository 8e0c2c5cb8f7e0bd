package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;

/**
 * Every verdict, reason and part of every case of {@code trust-corpus.tsv}, written out in full and compared
 * with {@code trust-golden.txt}, so that a change of any reason or part shows as a diff. When it differs, the
 * actual text is written to {@code target/trust-golden.actual.txt}; copy it over the golden file when the change
 * is meant.
 */
class TrustGoldenTest {

	@Test
	void everyVerdictReasonAndPartOfTheCorpusIsAsRecorded(@TempDir Path workspace) throws IOException {
		String root = workspace.toAbsolutePath().toString();
		StringBuilder actual = new StringBuilder();
		for (TrustCorpusTest.Case c : TrustCorpusTest.cases()) {
			TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load())
					.add(PatternList.of(PatternScope.WORKSPACE, "corpus", c.patterns())).build();
			CommandVerdict verdict = policy.evaluate(c.command().replace("@WS@", root));
			actual.append("case\t").append(c.patterns().isEmpty() ? "-" : String.join(" ;; ", c.patterns()))
					.append('\t').append(escape(c.command())).append('\n');
			actual.append("  ").append(verdict.verdict()).append('\t').append(escape(verdict.reason())).append('\n');
			for (CommandPart part : verdict.parts()) {
				actual.append("    ").append(part.status()).append('\t').append(escape(part.text())).append('\t')
						.append(part.pattern().orElse("-")).append('\t').append(escape(part.reason())).append('\t')
						.append(part.context()).append('\t').append(escape(String.join(" ", part.judgedWords())))
						.append('\t').append(part.assignments()).append('\t').append(part.redirections())
						.append('\t').append(part.suggestions()).append('\n');
			}
		}
		String text = actual.toString().replace(root, "@WS@");
		String expected;
		try (InputStream in = TrustGoldenTest.class.getResourceAsStream("trust-golden.txt")) {
			assertNotNull(in, "trust-golden.txt is not on the class path");
			expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!expected.equals(text)) {
			Path out = Path.of("target", "trust-golden.actual.txt");
			Files.createDirectories(out.getParent());
			Files.writeString(out, text);
		}
		assertEquals(expected, text, "the corpus's verdicts differ from trust-golden.txt; the actual text is in "
				+ "target/trust-golden.actual.txt");
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
	}

}
