package dev.warden.core.internal.provider;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental parser for server-sent events as specified in the WHATWG HTML standard ("Server-sent events",
 * "Interpreting an event stream"). Written by hand because the JDK has no parser for it and the format is a handful of
 * line rules; a library would bring more code than it saves.
 * <p>
 * Bytes may arrive in chunks of any size: a line, a CR/LF pair or a multi-byte UTF-8 character may be split across
 * two calls to {@link #feed(byte[], int, int)}. Lines end with CR, LF or CRLF; several {@code data:} lines are joined
 * with LF; lines starting with a colon are comments; a leading byte order mark is skipped. As the standard requires,
 * an event not terminated by a blank line before the end of the stream is discarded by {@link #finish()}.
 * <p>
 * Not thread-safe: one parser per stream.
 */
public final class SseParser {

	/** Receives each complete event. */
	@FunctionalInterface
	public interface Handler {
		/**
		 * @param type the {@code event:} field, or {@code "message"} if the event had none
		 * @param data the {@code data:} lines joined with LF
		 */
		void event(String type, String data);
	}

	private static final String DEFAULT_TYPE = "message"; //$NON-NLS-1$

	/** The type of the event an {@code error:} field makes. */
	public static final String ERROR_TYPE = "error"; //$NON-NLS-1$

	private final Handler handler;

	private byte[] line = new byte[512];

	private int lineLength;

	private boolean afterCarriageReturn;

	private boolean atStart = true;

	private String eventType;

	private final StringBuilder data = new StringBuilder();

	private boolean hasData;

	public SseParser(Handler handler) {
		this.handler = handler;
	}

	/** Parses {@code length} bytes of {@code buffer} from {@code offset}, dispatching every event they complete. */
	public void feed(byte[] buffer, int offset, int length) {
		int end = offset + length;
		for (int i = offset; i < end; i++) {
			byte b = buffer[i];
			if (b == '\n') {
				if (afterCarriageReturn) {
					afterCarriageReturn = false; // second half of CRLF
				} else {
					endLine();
				}
			} else if (b == '\r') {
				afterCarriageReturn = true;
				endLine();
			} else {
				afterCarriageReturn = false;
				if (lineLength == line.length) {
					line = Arrays.copyOf(line, line.length * 2);
				}
				line[lineLength++] = b;
			}
		}
	}

	/** Ends the stream: an unterminated last line is processed, an event without its blank line is discarded. */
	public void finish() {
		if (lineLength > 0) {
			endLine();
		}
		resetEvent();
	}

	private void endLine() {
		int start = 0;
		if (atStart) {
			atStart = false;
			if (lineLength >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
				start = 3;
			}
		}
		int length = lineLength - start;
		lineLength = 0;
		if (length == 0) {
			dispatch();
			return;
		}
		if (line[start] == ':') {
			return; // comment, e.g. ": OPENROUTER PROCESSING" keep-alives
		}
		int colon = -1;
		for (int i = start; i < start + length; i++) {
			if (line[i] == ':') {
				colon = i;
				break;
			}
		}
		String field;
		int valueStart;
		if (colon < 0) {
			field = new String(line, start, length, StandardCharsets.UTF_8);
			valueStart = start + length;
		} else {
			field = new String(line, start, colon - start, StandardCharsets.UTF_8);
			valueStart = colon + 1;
			if (valueStart < start + length && line[valueStart] == ' ') {
				valueStart++;
			}
		}
		int valueLength = start + length - valueStart;
		switch (field) {
		case "data" -> { //$NON-NLS-1$
			if (hasData) {
				data.append('\n');
			}
			data.append(new String(line, valueStart, valueLength, StandardCharsets.UTF_8));
			hasData = true;
		}
		case "error" -> { //$NON-NLS-1$
			// not in the SSE specification: llama.cpp's server reports a failure inside a stream as an "error:" line
			// (then sends "data: [DONE]"); it becomes an event of type "error" so it cannot pass silently
			if (hasData) {
				data.append('\n');
			}
			data.append(new String(line, valueStart, valueLength, StandardCharsets.UTF_8));
			hasData = true;
			eventType = ERROR_TYPE;
		}
		case "event" -> eventType = new String(line, valueStart, valueLength, StandardCharsets.UTF_8); //$NON-NLS-1$
		default -> {
			// "id", "retry" and unknown fields carry nothing a model client needs
		}
		}
	}

	private void dispatch() {
		if (hasData) {
			String type = eventType == null || eventType.isEmpty() ? DEFAULT_TYPE : eventType;
			String payload = data.toString();
			resetEvent();
			handler.event(type, payload);
		} else {
			resetEvent();
		}
	}

	private void resetEvent() {
		eventType = null;
		data.setLength(0);
		hasData = false;
	}
}
