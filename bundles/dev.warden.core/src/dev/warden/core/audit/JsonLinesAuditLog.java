package dev.warden.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The audit trail as JSON lines in a folder (the plugin's state location): each event is appended to
 * {@link AuditFile#CURRENT} as one line, after {@link SecretRedactor} has removed secrets from its subject and detail.
 * When the file would grow beyond {@code maxBytes} it is rotated: the older files move up one number and at most
 * {@code keepFiles} of them are kept. Events without a session get this log's session id.
 * <p>
 * Writing never throws: an I/O failure goes to the {@code onError} consumer (the IDE logs it) and the event is lost.
 * Thread-safe; one instance per folder.
 */
public final class JsonLinesAuditLog implements AuditLog {

	/** 5 MB a file. */
	public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;
	/** Five older files. */
	public static final int DEFAULT_KEEP_FILES = 5;

	private final Path directory;
	private final String sessionId;
	private final long maxBytes;
	private final int keepFiles;
	private final Consumer<IOException> onError;

	/**
	 * @param directory where the files are (created when needed)
	 * @param sessionId the id given to events that have none ({@code "-"} for none)
	 * @param maxBytes  the size a file may reach before it is rotated
	 * @param keepFiles how many older files to keep
	 * @param onError   told of every failure to write
	 */
	public JsonLinesAuditLog(Path directory, String sessionId, long maxBytes, int keepFiles,
			Consumer<IOException> onError) {
		if (maxBytes <= 0 || keepFiles < 0) {
			throw new IllegalArgumentException("maxBytes must be positive and keepFiles not negative");
		}
		this.directory = Objects.requireNonNull(directory, "directory");
		this.sessionId = sessionId == null ? "-" : sessionId;
		this.maxBytes = maxBytes;
		this.keepFiles = keepFiles;
		this.onError = Objects.requireNonNull(onError, "onError");
	}

	/** A log with the default sizes. */
	public JsonLinesAuditLog(Path directory, String sessionId, Consumer<IOException> onError) {
		this(directory, sessionId, DEFAULT_MAX_BYTES, DEFAULT_KEEP_FILES, onError);
	}

	public Path directory() {
		return directory;
	}

	@Override
	public void record(AuditEvent event) {
		if (event == null) {
			return;
		}
		AuditEvent clean = new AuditEvent(event.time(), "-".equals(event.sessionId()) ? sessionId : event.sessionId(),
				event.kind(), SecretRedactor.redact(event.subject()), event.verdict(),
				SecretRedactor.redact(event.detail()), event.actor());
		byte[] line = (AuditJson.toLine(clean) + "\n").getBytes(StandardCharsets.UTF_8);
		synchronized (this) {
			try {
				Files.createDirectories(directory);
				Path current = AuditFile.current(directory);
				if (Files.exists(current) && Files.size(current) > 0 && Files.size(current) + line.length > maxBytes) {
					rotate();
				}
				Files.write(current, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
						StandardOpenOption.WRITE);
			} catch (IOException | RuntimeException e) {
				onError.accept(e instanceof IOException io ? io : new IOException(e));
			}
		}
	}

	private void rotate() throws IOException {
		if (keepFiles == 0) {
			Files.delete(AuditFile.current(directory));
			return;
		}
		Files.deleteIfExists(AuditFile.rotated(directory, keepFiles));
		for (int n = keepFiles - 1; n >= 0; n--) {
			Path from = AuditFile.rotated(directory, n);
			if (Files.exists(from)) {
				Files.move(from, AuditFile.rotated(directory, n + 1), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}
}
