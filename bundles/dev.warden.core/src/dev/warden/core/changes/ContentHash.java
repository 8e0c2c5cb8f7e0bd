package dev.warden.core.changes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 of some content, in lower-case hexadecimal. Content is stored and compared by this hash.
 *
 * @param hex 64 lower-case hexadecimal digits
 */
public record ContentHash(String hex) {

	private static final HexFormat HEX = HexFormat.of();

	public ContentHash {
		Objects.requireNonNull(hex, "hex");
		if (!isHash(hex)) {
			throw new IllegalArgumentException("Not a SHA-256 in lower-case hexadecimal: '" + hex + "'");
		}
	}

	/** The hash of {@code content}. */
	public static ContentHash of(byte[] content) {
		Objects.requireNonNull(content, "content");
		return new ContentHash(HEX.formatHex(digest().digest(content)));
	}

	/** Whether {@code text} is 64 lower-case hexadecimal digits. */
	public static boolean isHash(String text) {
		if (text == null || text.length() != 64) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
				return false;
			}
		}
		return true;
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime provides SHA-256", e);
		}
	}

	@Override
	public String toString() {
		return hex;
	}
}
