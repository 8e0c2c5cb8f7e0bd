package dev.warden.core.internal.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import dev.warden.core.internal.protect.ControlCharacters;

/**
 * The loop shared by the line-by-line checkers: one input line in, one TSV line out, in order, whatever the bytes.
 * <p>
 * Only a line feed ends a line: a carriage return, NUL or any other byte is part of the line it is in, so no input
 * yields two answers. A line that is not valid UTF-8, is longer than {@value #MAX_LINE_BYTES} bytes, or makes the
 * checker fail gets the checker's refusal with the reason, and the loop goes on with the next line. Every control
 * character in an answer is escaped ({@code \r}, {@code \x00}, {@code \x1b} …) so that one answer is one line and
 * prints nothing a terminal would act on. Answers are written as UTF-8, whatever the locale, one line at a time.
 */
final class CheckerLines {

	/** The longest input line answered; longer ones are refused and skipped up to the next line feed. */
	static final int MAX_LINE_BYTES = 1 << 20;

	private CheckerLines() {
	}

	/**
	 * Answers every line of {@code in} with {@code answer}, one output line each: the verdict, a tab, the reason.
	 *
	 * @param refusal the verdict printed for a line that cannot be judged (malformed, too long, or the checker failed)
	 * @return the exit status: 0, or 1 when the input cannot be read
	 */
	static int answerEach(String checker, String refusal, InputStream in, PrintStream out, PrintStream err,
			Function<String, String> answer) {
		PrintStream utf8 = new PrintStream((OutputStream) out, false, StandardCharsets.UTF_8);
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		LineBuffer line = new LineBuffer();
		try {
			byte[] buffer = new byte[8192];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				int start = 0;
				for (int i = 0; i < n; i++) {
					if (buffer[i] == '\n') {
						line.append(buffer, start, i - start);
						print(utf8, judge(line, decoder, refusal, answer));
						line.reset();
						start = i + 1;
					}
				}
				line.append(buffer, start, n - start);
			}
			if (line.length() > 0 || line.overflowed) {
				print(utf8, judge(line, decoder, refusal, answer));
			}
		} catch (IOException e) {
			utf8.flush();
			err.println(checker + ": cannot read standard input: " + e.getMessage());
			return 1;
		}
		utf8.flush();
		return 0;
	}

	private static void print(PrintStream out, String tsv) {
		out.print(tsv);
		out.print('\n');
		out.flush();
	}

	private static String judge(LineBuffer line, CharsetDecoder decoder, String refusal,
			Function<String, String> answer) {
		if (line.overflowed) {
			return refusal + "\tline longer than " + MAX_LINE_BYTES + " bytes; not read";
		}
		String text;
		try {
			text = decoder.reset().decode(ByteBuffer.wrap(line.bytes(), 0, line.length())).toString();
		} catch (CharacterCodingException e) {
			return refusal + "\tnot valid UTF-8 (" + firstBadByte(line) + ")";
		}
		String tsv;
		try {
			tsv = answer.apply(text);
		} catch (RuntimeException | StackOverflowError e) {
			return refusal + "\t" + ControlCharacters.escape("cannot judge this line: " + e);
		}
		int tab = tsv.indexOf('\t');
		return tab < 0 ? ControlCharacters.escape(tsv)
				: ControlCharacters.escape(tsv.substring(0, tab)) + "\t" + ControlCharacters.escape(tsv.substring(tab + 1));
	}

	private static String firstBadByte(LineBuffer line) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.wrap(line.bytes(), 0, line.length());
		java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(line.length() + 1);
		decoder.decode(bytes, chars, true);
		int at = bytes.position();
		return at < line.length() ? String.format("byte 0x%02X at offset %d", line.bytes()[at] & 0xff, at)
				: "truncated sequence at the end";
	}

	/** The bytes of the current line, up to the limit. */
	private static final class LineBuffer extends ByteArrayOutputStream {
		boolean overflowed;

		void append(byte[] b, int offset, int length) {
			if (overflowed || length == 0) {
				return;
			}
			if (count + length > MAX_LINE_BYTES) {
				overflowed = true;
				super.reset();
				return;
			}
			write(b, offset, length);
		}

		byte[] bytes() {
			return buf;
		}

		int length() {
			return count;
		}

		@Override
		public synchronized void reset() {
			super.reset();
			overflowed = false;
			if (buf.length > 64 * 1024) {
				buf = new byte[8192];
			}
		}
	}
}
