package dev.warden.core.internal.protect;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warden.core.protect.HttpTarget;

/**
 * Parses a URL the way a browser would read its host, so that no spelling of an address slips past the address check:
 * IPv4 in decimal ({@code 2130706433}), octal ({@code 0177.0.0.1}), hexadecimal ({@code 0x7f.1}) and short
 * ({@code 127.1}) forms become dotted decimal; percent-encoded hosts are decoded; a trailing dot is dropped;
 * international names become ASCII. Forms that only serve to mislead are refused outright: user information
 * ({@code http://good@evil/}), backslashes, control characters and white space, IPv6 zone identifiers.
 * <p>
 * Hand-written rather than {@link java.net.URI}: that class accepts some of these forms without normalising the host
 * and rejects others with messages unfit for a user, and its host differs from what a browser would contact.
 */
public final class UrlParser {

	private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(.*)$", Pattern.DOTALL);
	private static final Pattern HEX_PART = Pattern.compile("0[xX][0-9a-fA-F]*");

	/** The longest URL read, in characters. */
	public static final int MAX_URL_CHARS = 65_536;
	/** The longest host name, in characters (DNS). */
	public static final int MAX_HOST_CHARS = 253;
	/** The longest host as written, percent-encoding included. */
	private static final int MAX_RAW_HOST_CHARS = 3 * MAX_HOST_CHARS + 2;

	private UrlParser() {
	}

	/**
	 * A parsed URL: the target and, when the host is an address, that address; or why it was refused.
	 *
	 * @param target  the normalised target, or {@code null} when refused
	 * @param literal the host's address when it is written as one, else {@code null}
	 * @param refusal why the URL cannot be used, or {@code null}
	 */
	public record ParsedUrl(HttpTarget target, InetAddress literal, String refusal) {
		static ParsedUrl refused(String why) {
			return new ParsedUrl(null, null, why);
		}
	}

	/** Parses {@code url} (surrounding white space is ignored). */
	public static ParsedUrl parse(String url) {
		if (url == null || url.isBlank()) {
			return ParsedUrl.refused("empty URL");
		}
		if (url.length() > MAX_URL_CHARS) {
			return ParsedUrl.refused("URL longer than " + MAX_URL_CHARS + " characters");
		}
		String text = url.strip();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT) {
				return ParsedUrl.refused(String.format("control or white-space character U+%04X in URL", (int) c));
			}
		}
		if (text.indexOf('\\') >= 0) {
			return ParsedUrl.refused("backslash in URL");
		}
		Matcher m = SCHEME.matcher(text);
		if (!m.matches()) {
			return ParsedUrl.refused("not an absolute URL (no scheme)");
		}
		String scheme = m.group(1).toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return ParsedUrl.refused("only http and https URLs can be fetched, not '" + scheme + "'");
		}
		String rest = m.group(2);
		if (!rest.startsWith("//")) {
			return ParsedUrl.refused("no '//' after '" + scheme + ":'");
		}
		rest = rest.substring(2);
		int end = authorityEnd(rest);
		String authority = rest.substring(0, end);
		String pathAndQuery = rest.substring(end);
		int hash = pathAndQuery.indexOf('#');
		if (hash >= 0) {
			pathAndQuery = pathAndQuery.substring(0, hash);
		}
		if (pathAndQuery.isEmpty() || pathAndQuery.startsWith("?")) {
			pathAndQuery = "/" + pathAndQuery;
		}
		if (authority.indexOf('@') >= 0) {
			return ParsedUrl.refused("user information before '@' in the URL (the host is what follows the '@')");
		}
		String host;
		String port = null;
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			if (close < 0) {
				return ParsedUrl.refused("unclosed '[' in host");
			}
			host = authority.substring(0, close + 1);
			String after = authority.substring(close + 1);
			if (!after.isEmpty()) {
				if (!after.startsWith(":")) {
					return ParsedUrl.refused("unexpected text after ']' in host");
				}
				port = after.substring(1);
			}
		} else {
			int colon = authority.indexOf(':');
			host = colon < 0 ? authority : authority.substring(0, colon);
			port = colon < 0 ? null : authority.substring(colon + 1);
		}
		int defaultPort = scheme.equals("https") ? 443 : 80;
		int portNumber = defaultPort;
		if (port != null && !port.isEmpty()) {
			if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
				return ParsedUrl.refused("invalid port '" + port + "'");
			}
			portNumber = Integer.parseInt(port);
		}
		return parseHost(host, scheme, portNumber, pathAndQuery);
	}

	/** Where the authority of a URL's text after {@code //} ends: at its first {@code /}, {@code ?} or {@code #}. */
	private static int authorityEnd(String afterSlashes) {
		int end = afterSlashes.length();
		for (char c : new char[] { '/', '?', '#' }) {
			int i = afterSlashes.indexOf(c);
			if (i >= 0 && i < end) {
				end = i;
			}
		}
		return end;
	}

	/**
	 * The normal form of a host as a user would write it on an allow-list ({@code Example.COM.}, {@code [::1]},
	 * {@code 0x7f.1}), or {@code null} if it is not a valid host.
	 */
	public static String normalHost(String host) {
		String text = host.strip();
		if (text.indexOf(':') >= 0 && !text.startsWith("[")) {
			text = "[" + text + "]";
		}
		ParsedUrl parsed = parseHost(text, "http", 80, "/");
		return parsed.target() == null ? null : parsed.target().host();
	}

	private static ParsedUrl parseHost(String rawHost, String scheme, int port, String pathAndQuery) {
		// lengths first: nothing below may spend time or stack in proportion to a hostile host
		if (rawHost.length() > MAX_RAW_HOST_CHARS) {
			return ParsedUrl.refused("host longer than " + MAX_HOST_CHARS + " characters");
		}
		if (rawHost.startsWith("[")) {
			if (!rawHost.endsWith("]")) {
				return ParsedUrl.refused("unclosed '[' in host");
			}
			String literal = rawHost.substring(1, rawHost.length() - 1);
			if (literal.indexOf('%') >= 0) {
				return ParsedUrl.refused("IPv6 zone identifier in host");
			}
			InetAddress address = ipv6Address(literal);
			if (address == null) {
				return ParsedUrl.refused("malformed IPv6 address '" + literal + "'");
			}
			String normal = AddressRanges.format(address);
			return new ParsedUrl(new HttpTarget(scheme, normal, true, port, pathAndQuery), address, null);
		}
		String host = percentDecode(rawHost);
		if (host == null) {
			return ParsedUrl.refused("malformed percent-encoding in host");
		}
		if (host.indexOf('%') >= 0) {
			return ParsedUrl.refused("percent sign in decoded host (double encoding)");
		}
		if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0 || host.indexOf(':') >= 0 || host.indexOf('@') >= 0) {
			return ParsedUrl.refused("invalid character in host '" + host + "'");
		}
		try {
			// not USE_STD3_ASCII_RULES: '_' is valid in DNS names (service labels, many internal hosts); the
			// characters a name may have are checked below
			host = IDN.toASCII(host).toLowerCase(Locale.ROOT);
		} catch (IllegalArgumentException e) {
			return ParsedUrl.refused("invalid host name '" + host + "'");
		}
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		if (host.isEmpty()) {
			return ParsedUrl.refused("no host in URL");
		}
		if (host.length() > MAX_HOST_CHARS) {
			return ParsedUrl.refused("host longer than " + MAX_HOST_CHARS + " characters");
		}
		String[] labels = host.split("\\.", -1);
		if (isNumeric(labels[labels.length - 1])) {
			byte[] ipv4 = ipv4(labels);
			if (ipv4 == null) {
				return ParsedUrl.refused("malformed IPv4 address '" + host + "'");
			}
			InetAddress address = byAddress(ipv4);
			return new ParsedUrl(new HttpTarget(scheme, address.getHostAddress(), true, port, pathAndQuery), address,
					null);
		}
		String problem = nameProblem(labels);
		if (problem != null) {
			return ParsedUrl.refused(problem + " in host name '" + host + "'");
		}
		return new ParsedUrl(new HttpTarget(scheme, host, false, port, pathAndQuery), null, null);
	}

	/**
	 * An address written the way a URL or {@code --resolve} may write one — IPv4 in any spelling {@code inet_aton}
	 * accepts, or IPv6 with or without brackets — or {@code null} if {@code text} is not one.
	 */
	public static InetAddress address(String text) {
		String literal = text.strip();
		if (literal.startsWith("[") && literal.endsWith("]")) {
			literal = literal.substring(1, literal.length() - 1);
		}
		if (literal.isEmpty() || literal.length() > MAX_RAW_HOST_CHARS) {
			return null;
		}
		if (literal.indexOf(':') >= 0) {
			return ipv6Address(literal);
		}
		String[] labels = literal.split("\\.", -1);
		for (String label : labels) {
			if (!isNumeric(label)) {
				return null;
			}
		}
		byte[] ipv4 = ipv4(labels);
		return ipv4 == null ? null : byAddress(ipv4);
	}

	/** Why these labels do not make a host name, or {@code null}: 1 to 63 of {@code a-z 0-9 - _} each. */
	private static String nameProblem(String[] labels) {
		for (String label : labels) {
			if (label.isEmpty()) {
				return "empty label";
			}
			if (label.length() > 63) {
				return "label longer than 63 characters";
			}
			for (int i = 0; i < label.length(); i++) {
				char c = label.charAt(i);
				if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
					return "invalid character '" + c + "'";
				}
			}
		}
		return null;
	}

	/** A label that makes the host an IPv4 address, as in browsers: decimal digits, or {@code 0x} and hex digits. */
	private static boolean isNumeric(String label) {
		if (label.isEmpty()) {
			return false;
		}
		int from = label.length() >= 2 && label.charAt(0) == '0' && (label.charAt(1) == 'x' || label.charAt(1) == 'X')
				? 2
				: 0;
		for (int i = from; i < label.length(); i++) {
			char c = label.charAt(i);
			boolean digit = c >= '0' && c <= '9';
			boolean hex = from == 2 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
			if (!digit && !hex) {
				return false;
			}
		}
		return true;
	}

	/**
	 * An IPv6 address in text, {@code ::} and a trailing IPv4 part included; the IPv4 part is read as
	 * {@code inet_aton} reads an IPv4 address ({@code ::ffff:0177.0.0.1} is {@code 127.0.0.1}), so that every
	 * spelling of an address means the same. {@code null} if malformed.
	 */
	static InetAddress ipv6Address(String text) {
		if (text.isEmpty() || text.length() > 64) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
				return null;
			}
		}
		int lastColon = text.lastIndexOf(':');
		if (lastColon < 0) {
			return null;
		}
		String head = text;
		int[] tail = new int[0];
		String last = text.substring(lastColon + 1);
		if (last.indexOf('.') >= 0) {
			byte[] v4 = ipv4(last.split("\\.", -1));
			if (v4 == null) {
				return null;
			}
			tail = new int[] { ((v4[0] & 0xff) << 8) | (v4[1] & 0xff), ((v4[2] & 0xff) << 8) | (v4[3] & 0xff) };
			head = text.substring(0, lastColon + 1);
			if (!head.endsWith("::")) {
				head = head.substring(0, head.length() - 1);
			}
		}
		int gap = head.indexOf("::");
		if (gap >= 0 && head.indexOf("::", gap + 1) >= 0) {
			return null;
		}
		int[] before = groups(gap >= 0 ? head.substring(0, gap) : head);
		int[] after = groups(gap >= 0 ? head.substring(gap + 2) : "");
		if (before == null || after == null) {
			return null;
		}
		int count = before.length + after.length + tail.length;
		if (gap >= 0 ? count > 7 : count != 8) {
			return null;
		}
		int[] words = new int[8];
		System.arraycopy(before, 0, words, 0, before.length);
		System.arraycopy(after, 0, words, 8 - tail.length - after.length, after.length);
		System.arraycopy(tail, 0, words, 8 - tail.length, tail.length);
		byte[] bytes = new byte[16];
		for (int i = 0; i < 8; i++) {
			bytes[2 * i] = (byte) (words[i] >>> 8);
			bytes[2 * i + 1] = (byte) words[i];
		}
		return byAddress(bytes);
	}

	private static int[] groups(String text) {
		if (text.isEmpty()) {
			return new int[0];
		}
		String[] parts = text.split(":", -1);
		int[] words = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.length() > 4 || part.indexOf('.') >= 0) {
				return null;
			}
			words[i] = Integer.parseInt(part, 16);
		}
		return words;
	}

	private static InetAddress byAddress(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		} catch (UnknownHostException e) {
			throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
		}
	}

	/**
	 * An IPv4 address written as one to four numbers, each decimal, octal (leading {@code 0}) or hexadecimal
	 * ({@code 0x}), the last filling the remaining bytes — the forms {@code inet_aton} and browsers accept; or
	 * {@code null}.
	 */
	static byte[] ipv4(String[] labels) {
		if (labels.length > 4) {
			return null;
		}
		long[] numbers = new long[labels.length];
		for (int i = 0; i < labels.length; i++) {
			String label = labels[i];
			if (label.isEmpty()) {
				return null;
			}
			long value;
			try {
				if (HEX_PART.matcher(label).matches()) {
					value = label.length() == 2 ? 0 : Long.parseLong(label.substring(2), 16);
				} else if (label.length() > 1 && label.startsWith("0")) {
					value = Long.parseLong(label.substring(1), 8);
				} else {
					value = Long.parseLong(label);
				}
			} catch (NumberFormatException e) {
				return null;
			}
			numbers[i] = value;
		}
		long address = 0;
		for (int i = 0; i < numbers.length - 1; i++) {
			if (numbers[i] > 255) {
				return null;
			}
			address |= numbers[i] << (8 * (3 - i));
		}
		long last = numbers[numbers.length - 1];
		int lastBytes = 5 - numbers.length;
		if (last >= (1L << (8 * lastBytes))) {
			return null;
		}
		address |= last;
		return new byte[] { (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address };
	}

	private static String percentDecode(String text) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length()) {
					return null;
				}
				int hi = Character.digit(text.charAt(i + 1), 16);
				int lo = Character.digit(text.charAt(i + 2), 16);
				if (hi < 0 || lo < 0) {
					return null;
				}
				bytes.write(hi * 16 + lo);
				i += 2;
			} else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
					.toString();
		} catch (CharacterCodingException e) {
			return null;
		}
	}
}
