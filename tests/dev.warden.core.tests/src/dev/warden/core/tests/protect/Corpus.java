package dev.warden.core.tests.protect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a data table next to a test class: one case a line, columns separated by tabs, {@code #} lines skipped. */
public final class Corpus {

	private Corpus() {
	}

	public static List<String[]> read(Class<?> owner, String name) {
		List<String[]> rows = new ArrayList<>();
		try (InputStream in = owner.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing test resource " + name);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("#") || line.isBlank()) {
					continue;
				}
				rows.add(line.split("\t", -1));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return rows;
	}
}
