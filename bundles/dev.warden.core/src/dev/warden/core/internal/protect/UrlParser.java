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
	private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
	private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");

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
		int end = rest.length();
		for (char c : new char[] { '/', '?', '#' }) {
			int i = rest.indexOf(c);
			if (i >= 0 && i < end) {
				end = i;
			}
		}
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
		if (rawHost.startsWith("[")) {
			if (!rawHost.endsWith("]")) {
				return ParsedUrl.refused("unclosed '[' in host");
			}
			String literal = rawHost.substring(1, rawHost.length() - 1);
			if (literal.indexOf('%') >= 0) {
				return ParsedUrl.refused("IPv6 zone identifier in host");
			}
			if (!literal.matches("[0-9A-Fa-f:.]+") || literal.indexOf(':') < 0) {
				return ParsedUrl.refused("malformed IPv6 address '" + literal + "'");
			}
			InetAddress address;
			try {
				address = InetAddress.getByName(literal);
			} catch (UnknownHostException e) {
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
			host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		} catch (IllegalArgumentException e) {
			return ParsedUrl.refused("invalid host name '" + host + "'");
		}
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		if (host.isEmpty()) {
			return ParsedUrl.refused("no host in URL");
		}
		String[] labels = host.split("\\.", -1);
		if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
			byte[] ipv4 = ipv4(labels);
			if (ipv4 == null) {
				return ParsedUrl.refused("malformed IPv4 address '" + host + "'");
			}
			try {
				InetAddress address = InetAddress.getByAddress(ipv4);
				return new ParsedUrl(new HttpTarget(scheme, address.getHostAddress(), true, port, pathAndQuery),
						address, null);
			} catch (UnknownHostException e) {
				return ParsedUrl.refused("malformed IPv4 address '" + host + "'");
			}
		}
		if (!NAME.matcher(host).matches() || host.length() > 253) {
			return ParsedUrl.refused("invalid host name '" + host + "'");
		}
		for (String label : labels) {
			if (label.length() > 63) {
				return ParsedUrl.refused("host name label longer than 63 characters");
			}
		}
		return new ParsedUrl(new HttpTarget(scheme, host, false, port, pathAndQuery), null, null);
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
