package dev.warden.core.internal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** The loop shared by the line-by-line checkers: one input line in, one TSV line out, in order. */
final class CheckerLines {

	private CheckerLines() {
	}

	/**
	 * Answers every line of {@code in} with {@code answer}, one output line each.
	 *
	 * @return the exit status: 0, or 1 when the input cannot be read
	 */
	static int answerEach(String checker, InputStream in, PrintStream out, PrintStream err, Function<String, String> answer) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				out.println(answer.apply(line));
			}
		} catch (IOException e) {
			err.println(checker + ": cannot read standard input: " + e.getMessage());
			return 1;
		}
		out.flush();
		return 0;
	}
}
