package dev.warden.core.internal.changes;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * Encodes a {@link JournalRecord} as one self-checking JSON line, {@code {"r":{…},"crc":"xxxxxxxx"}}, where the CRC-32C
 * covers the exact bytes of the record's JSON; and decodes such a line, refusing one whose check fails.
 */
final class JournalCodec {

	private static final String PREFIX = "{\"r\":";
	private static final String CRC_FIELD = ",\"crc\":\"";
	private static final String SUFFIX = "\"}";
	private static final int TAIL = CRC_FIELD.length() + 8 + SUFFIX.length();

	private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();

	/** The line for {@code record}, with its terminating newline. */
	byte[] encode(JournalRecord record) {
		String json = gson.toJson(record);
		return (PREFIX + json + CRC_FIELD + crcOf(json) + SUFFIX + "\n").getBytes(StandardCharsets.UTF_8);
	}

	/** The record of {@code line} (without its newline), or empty if the line is damaged or incomplete. */
	Optional<JournalRecord> decode(String line) {
		if (line.length() < PREFIX.length() + TAIL || !line.startsWith(PREFIX) || !line.endsWith(SUFFIX)) {
			return Optional.empty();
		}
		int crcStart = line.length() - TAIL;
		if (!line.startsWith(CRC_FIELD, crcStart)) {
			return Optional.empty();
		}
		String json = line.substring(PREFIX.length(), crcStart);
		String crc = line.substring(crcStart + CRC_FIELD.length(), line.length() - SUFFIX.length());
		if (!crc.equals(crcOf(json))) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(gson.fromJson(json, JournalRecord.class));
		} catch (JsonParseException e) {
			// the check passed, so the writer wrote it this way: a record of a format this version cannot read
			return Optional.empty();
		}
	}

	private static String crcOf(String json) {
		CRC32C crc = new CRC32C();
		crc.update(json.getBytes(StandardCharsets.UTF_8));
		return String.format("%08x", crc.getValue());
	}
}
