package dev.warden.core.internal.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads UTF-8 lines from a stream, refusing a line longer than a limit instead of buffering it whole. */
final class LineReader {

	/** A line exceeded the limit. */
	static final class TooLong extends IOException {
		private static final long serialVersionUID = 1L;
	}

	private final InputStream in;

	private final int limit;

	private final byte[] buffer = new byte[64 * 1024];

	private int position;

	private int end;

	LineReader(InputStream in, int limit) {
		this.in = in;
		this.limit = limit;
	}

	/** @return the next line without its terminator, or {@code null} at the end of input */
	String next() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (true) {
			if (position == end) {
				end = in.read(buffer);
				position = 0;
				if (end <= 0) {
					end = 0;
					return line.size() == 0 ? null : decode(line);
				}
			}
			int start = position;
			while (position < end && buffer[position] != '\n') {
				position++;
			}
			line.write(buffer, start, position - start);
			if (line.size() > limit) {
				throw new TooLong();
			}
			if (position < end) {
				position++; // the newline
				return decode(line);
			}
		}
	}

	private static String decode(ByteArrayOutputStream line) {
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text; //$NON-NLS-1$
	}
}
