package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

/** Runs every case of {@code trust-corpus.tsv} (its header explains the columns). */
class TrustCorpusTest {

	/** One line of the corpus. */
	record Case(int line, List<String> patterns, String command, Verdict expected, String reasonPart) {

		@Override
		public String toString() {
			return "line " + line + ": " + expected + " " + command.replace("\n", "\\n").replace("\t", "\\t");
		}
	}

	static List<Case> cases() throws IOException {
		return cases("trust-corpus.tsv");
	}

	/** Reads a corpus in this format from a resource next to this class. */
	static List<Case> cases(String resource) throws IOException {
		List<Case> cases = new ArrayList<>();
		try (InputStream in = TrustCorpusTest.class.getResourceAsStream(resource)) {
			assertNotNull(in, resource + " is not on the class path");
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t", -1);
				if (columns.length < 3 || columns.length > 4) {
					throw new IllegalStateException(resource + " line " + number + " has " + columns.length
							+ " columns: " + line);
				}
				List<String> patterns = columns[0].equals("-") ? List.of() : Arrays.asList(columns[0].split(" ;; "));
				cases.add(new Case(number, patterns, decode(columns[1]), Verdict.valueOf(columns[2]),
						columns.length == 4 ? columns[3] : ""));
			}
		}
		return cases;
	}

	/** Decodes the corpus escapes: \n, \t, \r, \\uXXXX and \\\\; any other back-slash stands for itself. */
	static String decode(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\\' || i + 1 >= text.length()) {
				out.append(c);
				continue;
			}
			char next = text.charAt(i + 1);
			switch (next) {
			case 'n' -> out.append('\n');
			case 't' -> out.append('\t');
			case 'r' -> out.append('\r');
			case '\\' -> out.append('\\');
			case 'u' -> {
				out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
				i += 4;
			}
			default -> {
				out.append(c);
				continue;
			}
			}
			i++;
		}
		return out.toString();
	}

	@Test
	void corpusHasAtLeastTwoHundredAndFiftyCases() throws IOException {
		List<Case> cases = cases();
		assertTrue(cases.size() >= 250, "only " + cases.size() + " cases");
		assertTrue(cases.stream().anyMatch(c -> c.expected() == Verdict.TRUSTED));
		assertTrue(cases.stream().anyMatch(c -> c.expected() == Verdict.ASK));
		assertTrue(cases.stream().anyMatch(c -> c.expected() == Verdict.DENIED));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void commandGetsTheExpectedVerdict(Case c, @TempDir Path workspace) {
		PatternList list = PatternList.of(PatternScope.WORKSPACE, "corpus", c.patterns());
		assertTrue(list.problems().isEmpty(), () -> "invalid pattern in the case: " + list.problems());
		TrustPolicy policy = TrustPolicy.builder(workspace).add(DefaultDenyList.load()).add(list).build();
		String command = c.command().replace("@WS@", workspace.toAbsolutePath().toString());
		CommandVerdict verdict = policy.evaluate(command);
		assertEquals(c.expected(), verdict.verdict(), () -> "reason: " + verdict.reason());
		assertTrue(verdict.reason().contains(c.reasonPart()),
				() -> "reason `" + verdict.reason() + "` lacks `" + c.reasonPart() + "`");
	}
}
