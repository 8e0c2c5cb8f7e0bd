package dev.warden.core.internal.protect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the spelling of a path before anything on disk is consulted: characters that cannot be part of a name the
 * user would recognise, forms that mean something else on another system (drives, network shares, backslashes, the
 * shell's {@code ~}), and lengths beyond what file systems accept. A path that passes is split into segments.
 */
public final class PathSyntax {

	/** The longest path accepted, in characters. */
	public static final int MAX_PATH_CHARS = 4096;
	/**
	 * The most names a path may have: deeper paths exist on no ordinary project, and judging one costs time in
	 * proportion to the square of its depth (each folder on the way is checked against every rule).
	 */
	public static final int MAX_SEGMENTS = 256;
	/** The longest segment accepted, in UTF-8 bytes (the common file-system limit). */
	public static final int MAX_SEGMENT_BYTES = 255;

	private static final Pattern URL_FORM = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
	private static final Pattern DRIVE_FORM = Pattern.compile("^[A-Za-z]:.*");
	private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
			"COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7",
			"LPT8", "LPT9", "CONIN$", "CONOUT$");

	private final boolean windows;

	/**
	 * @param windows whether paths are for a Windows file system (backslash is a separator, drive letters are
	 *                absolute, names ending in a dot or space are aliases)
	 */
	public PathSyntax(boolean windows) {
		this.windows = windows;
	}

	/** Checks for the file system this JVM runs on. */
	public static PathSyntax forThisSystem() {
		return new PathSyntax(java.io.File.separatorChar == '\\');
	}

	/** The result of {@link #parse}: either a parsed path or why it was refused. */
	public record Result(ParsedPath path, String refusal) {
		public boolean ok() {
			return path != null;
		}
	}

	public Result parse(String raw) {
		if (raw == null || raw.isEmpty()) {
			return refuse("empty path");
		}
		if (raw.length() > MAX_PATH_CHARS) {
			return refuse("path longer than " + MAX_PATH_CHARS + " characters");
		}
		String bad = badCharacter(raw);
		if (bad != null) {
			return refuse(bad);
		}
		if (URL_FORM.matcher(raw).matches()) {
			return refuse("a URL, not a path");
		}
		String path = raw;
		if (path.indexOf('\\') >= 0) {
			if (!windows) {
				return refuse("backslash in path: on this system it is part of a name, not a separator; use /");
			}
			path = path.replace('\\', '/');
		}
		if (path.startsWith("//")) {
			return refuse("network (UNC) or device path");
		}
		String anchor;
		if (DRIVE_FORM.matcher(path).matches()) {
			if (!windows) {
				return refuse("Windows drive path on a system without drives");
			}
			if (path.length() == 2 || path.charAt(2) != '/') {
				return refuse("drive-relative path (" + path.substring(0, 2) + " without a separator)");
			}
			anchor = path.substring(0, 3);
		} else {
			anchor = path.startsWith("/") ? "/" : null;
			if (anchor != null && windows) {
				return refuse("path without a drive letter on Windows");
			}
		}
		if (path.startsWith("~")) {
			return refuse("'~' is not expanded; give the path relative to the project");
		}
		String variable = variable(path);
		if (variable != null) {
			return refuse("'" + variable + "' is not expanded (no shell reads this path); give the path relative to the project");
		}
		List<String> segments = new ArrayList<>();
		String[] parts = path.split("/", -1);
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (part.isEmpty() || (windows && i == 0 && anchor != null)) {
				continue;
			}
			String problem = badSegment(part);
			if (problem != null) {
				return refuse(problem);
			}
			segments.add(part);
			if (segments.size() > MAX_SEGMENTS) {
				return refuse("path deeper than " + MAX_SEGMENTS + " names");
			}
		}
		boolean directoryHint = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..")
				|| path.equals(".") || path.equals("..");
		return new Result(new ParsedPath(anchor, segments, directoryHint), null);
	}

	/**
	 * The first shell or Windows variable the path is written with ({@code $HOME}, {@code ${X}}, {@code $(cmd)},
	 * {@code %USERPROFILE%}), or {@code null}. A {@code $} inside a name ({@code Outer$Inner.class}) is a character.
	 */
	private static String variable(String path) {
		for (String segment : path.split("/", -1)) {
			if (segment.length() >= 2 && segment.charAt(0) == '$') {
				char next = segment.charAt(1);
				if (next == '{' || next == '(' || next == '_' || Character.isLetter(next)) {
					return segment;
				}
			}
			int percent = segment.indexOf('%');
			if (percent >= 0) {
				int close = segment.indexOf('%', percent + 1);
				if (close > percent + 1 && isName(segment.substring(percent + 1, close))) {
					return segment.substring(percent, close + 1);
				}
			}
		}
		return null;
	}

	private static boolean isName(String text) {
		if (!(Character.isLetter(text.charAt(0)) || text.charAt(0) == '_')) {
			return false;
		}
		for (int i = 1; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!(Character.isLetterOrDigit(c) || c == '_')) {
				return false;
			}
		}
		return true;
	}

	private String badSegment(String part) {
		if (part.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
			return "path segment longer than " + MAX_SEGMENT_BYTES + " bytes";
		}
		if (windows && !part.equals(".") && !part.equals("..")) {
			if (part.endsWith(".") || part.endsWith(" ")) {
				return "name ending in a dot or space, which Windows silently drops: '" + part + "'";
			}
			if (part.indexOf(':') >= 0) {
				return "':' in a name (alternate data stream or drive): '" + part + "'";
			}
			for (char c : part.toCharArray()) {
				if ("<>\"|?*".indexOf(c) >= 0) {
					return "character '" + c + "' is not allowed in Windows names";
				}
			}
			String stem = part.contains(".") ? part.substring(0, part.indexOf('.')) : part;
			if (WINDOWS_DEVICES.contains(stem.trim().toUpperCase(Locale.ROOT))) {
				return "reserved Windows device name: '" + part + "'";
			}
		}
		return null;
	}

	private static String badCharacter(String raw) {
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
					int cp = raw.codePointAt(i);
					if (isInvisible(cp)) {
						return invisible(cp, i);
					}
					i++;
					continue;
				}
				return "broken character (unpaired surrogate) at position " + i;
			}
			if (c == 0) {
				return "NUL character at position " + i;
			}
			if (Character.getType(c) == Character.CONTROL) {
				return String.format("control character U+%04X at position %d", (int) c, i);
			}
			if (isInvisible(c)) {
				return invisible(c, i);
			}
		}
		return null;
	}

	private static boolean isInvisible(int cp) {
		int type = Character.getType(cp);
		return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
				|| type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
	}

	private static String invisible(int cp, int index) {
		return String.format("invisible or unassigned character U+%04X at position %d", cp, index);
	}

	private static Result refuse(String why) {
		return new Result(null, why);
	}
}
