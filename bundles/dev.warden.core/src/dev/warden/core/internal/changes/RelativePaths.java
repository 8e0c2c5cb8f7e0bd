package dev.warden.core.internal.changes;

/** Checks and normalises the workspace-relative paths the journal records. */
public final class RelativePaths {

	private RelativePaths() {
	}

	/**
	 * {@code path} with a leading {@code /} dropped.
	 *
	 * @throws IllegalArgumentException if it is empty, uses {@code \}, has an empty, {@code .} or {@code ..} segment,
	 *                                  or contains a control character
	 */
	public static String normalize(String path) {
		if (path == null || path.isEmpty()) {
			throw new IllegalArgumentException("A file path is required");
		}
		String relative = path.startsWith("/") ? path.substring(1) : path;
		for (int i = 0; i < relative.length(); i++) {
			char c = relative.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				throw new IllegalArgumentException("Control character in file path: " + path.replace(c, '?'));
			}
			if (c == '\\') {
				throw new IllegalArgumentException("File paths use '/' as separator: " + path);
			}
		}
		for (String segment : relative.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException("Not a plain relative file path: '" + path + "'");
			}
		}
		return relative;
	}
}
