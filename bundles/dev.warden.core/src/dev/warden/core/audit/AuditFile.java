package dev.warden.core.audit;

import java.nio.file.Path;

/**
 * Where the audit trail lives in a folder: the current file {@code audit.jsonl} and the older ones
 * {@code audit.1.jsonl} (newest) to {@code audit.N.jsonl} (oldest), one JSON object a line.
 */
public final class AuditFile {

	/** The current file's name. */
	public static final String CURRENT = "audit.jsonl";

	private AuditFile() {
	}

	/** The current file in {@code directory}. */
	public static Path current(Path directory) {
		return directory.resolve(CURRENT);
	}

	/** The {@code n}-th older file in {@code directory} (1 is the newest of them); {@code 0} is the current one. */
	public static Path rotated(Path directory, int n) {
		return n == 0 ? current(directory) : directory.resolve("audit." + n + ".jsonl");
	}
}
