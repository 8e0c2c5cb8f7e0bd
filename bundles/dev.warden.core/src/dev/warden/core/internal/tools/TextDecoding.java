package dev.warden.core.internal.tools;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.warden.core.tools.ToolException;

/**
 * A file's bytes as text: refused when a NUL byte in the first {@value #BINARY_PROBE_BYTES} bytes shows a binary file
 * or when the bytes are not UTF-8. Bytes that are all ASCII, as most source files are, become a string without a
 * decoder.
 */
final class TextDecoding {

	/** How far a file is looked at for a NUL byte, as Git does. */
	static final int BINARY_PROBE_BYTES = 8000;

	private TextDecoding() {
	}

	/** Whether a NUL byte in the first {@value #BINARY_PROBE_BYTES} bytes shows a binary file. */
	static boolean binary(byte[] bytes) {
		for (int i = 0, n = Math.min(bytes.length, BINARY_PROBE_BYTES); i < n; i++) {
			if (bytes[i] == 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param path the file's workspace path, for the message
	 * @throws ToolException if the file is binary or not UTF-8
	 */
	static String decode(String path, byte[] bytes) throws ToolException {
		if (binary(bytes)) {
			throw new ToolException("'" + path + "' is a binary file."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (ascii(bytes)) {
			return new String(bytes, StandardCharsets.ISO_8859_1); // the same characters, kept one byte each
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
		} catch (CharacterCodingException e) {
			throw new ToolException("'" + path + "' is not UTF-8 text.", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private static boolean ascii(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0) {
				return false;
			}
		}
		return true;
	}
}
