package dev.warden.core.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the audit trail a {@link JsonLinesAuditLog} wrote, oldest first across the rotated files, for the Agent
 * Activity view, and exports events as JSON lines or CSV.
 */
public final class AuditReader {

	/**
	 * What was read: the events and how many lines could not be read (a line cut short by a crash, or edited).
	 *
	 * @param events      the events, oldest first
	 * @param unreadable  the number of lines skipped
	 */
	public record Result(List<AuditEvent> events, int unreadable) {
		public Result {
			events = List.copyOf(events);
		}
	}

	private AuditReader() {
	}

	/**
	 * The events in {@code directory} that {@code filter} accepts, oldest first, reading at most {@code maxRotated}
	 * older files.
	 *
	 * @throws IOException if a file exists but cannot be read
	 */
	public static Result read(Path directory, Predicate<AuditEvent> filter, int maxRotated) throws IOException {
		List<AuditEvent> events = new ArrayList<>();
		int unreadable = 0;
		for (int n = maxRotated; n >= 0; n--) {
			Path file = AuditFile.rotated(directory, n);
			try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					if (line.isBlank()) {
						continue;
					}
					AuditEvent event;
					try {
						event = AuditJson.fromLine(line);
					} catch (IllegalArgumentException e) {
						unreadable++;
						continue;
					}
					if (filter.test(event)) {
						events.add(event);
					}
				}
			} catch (NoSuchFileException e) {
				// this rotation has not happened yet
				continue;
			}
		}
		return new Result(events, unreadable);
	}

	/** All readable events in {@code directory}, oldest first. */
	public static Result read(Path directory) throws IOException {
		return read(directory, AuditFilter.ALL, 100);
	}

	/** Writes {@code events} as JSON lines, the form of the audit files. */
	public static void exportJsonLines(List<AuditEvent> events, Writer out) throws IOException {
		for (AuditEvent event : events) {
			out.write(AuditJson.toLine(event));
			out.write('\n');
		}
		out.flush();
	}

	/** Writes {@code events} as CSV with a header line ({@code time,session,kind,subject,verdict,detail,actor}). */
	public static void exportCsv(List<AuditEvent> events, Writer out) throws IOException {
		out.write("time,session,kind,subject,verdict,detail,actor\r\n");
		for (AuditEvent e : events) {
			out.write(String.join(",", csv(e.time().toString()), csv(e.sessionId()), csv(e.kind()), csv(e.subject()),
					csv(e.verdict()), csv(e.detail()), csv(e.actor())));
			out.write("\r\n");
		}
		out.flush();
	}

	private static String csv(String value) {
		String v = value;
		if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
			v = "'" + v; // keeps a spreadsheet from taking the cell for a formula
		}
		if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
				|| !v.equals(value)) {
			return "\"" + v.replace("\"", "\"\"") + "\"";
		}
		return v;
	}
}
