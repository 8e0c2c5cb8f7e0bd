package dev.warden.core.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.warden.core.mcp.DescriptionFlags;

/** Instruction-like text in tool descriptions, case by case from {@code description-flags.tsv}. */
class DescriptionFlagsTest {

	static List<Arguments> cases() throws IOException {
		List<Arguments> cases = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(
				DescriptionFlagsTest.class.getResourceAsStream("description-flags.tsv"), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t", 2);
				cases.add(Arguments.of(columns[0], unescape(columns[1])));
			}
		}
		return cases;
	}

	private static String unescape(String text) {
		Matcher m = Pattern.compile("\\\\u([0-9A-Fa-f]{4})").matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
		}
		return m.appendTail(out).toString();
	}

	@ParameterizedTest(name = "{1} -> {0}")
	@MethodSource("cases")
	void flagsWhatSpeaksToTheModel(String expected, String description) {
		List<String> flags = DescriptionFlags.scan(description);
		if (expected.equals("-")) {
			assertEquals(List.of(), flags);
		} else {
			assertTrue(flags.contains(expected), flags::toString);
		}
	}
}
