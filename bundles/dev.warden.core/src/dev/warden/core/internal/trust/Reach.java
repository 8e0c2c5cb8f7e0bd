package dev.warden.core.internal.trust;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.warden.core.internal.protect.AddressRanges;
import dev.warden.core.internal.protect.UrlParser;

/**
 * Judges the host a {@code reaches} fact names (a URL, {@code HOST[:PORT]}, or curl's {@code --resolve} and
 * {@code --connect-to} mappings): a cloud metadata service serves the machine's credentials to any program that
 * asks, so a trusted {@code curl *} must not reach one. Loopback and private hosts stay trusted (development servers,
 * internal hosts); the sandbox's network switch governs them. Names are not resolved: a name that a DNS server points
 * at a metadata address is not seen, except for the names of the metadata services and of the wildcard DNS services
 * that map a name to the address it spells ({@code 169.254.169.254.nip.io}).
 */
final class Reach {

	/** The names under which cloud platforms serve a machine's metadata. */
	private static final List<String> METADATA_NAMES = List.of("metadata.google.internal", "metadata.goog",
			"metadata", "instance-data", "instance-data.ec2.internal", "metadata.azure.internal",
			"metadata.tencentyun.com", "metadata.packet.net", "metadata.platformequinix.com");

	/** Wildcard DNS services: a name under them resolves to the address it spells. */
	private static final List<String> WILDCARD_DNS = List.of(".nip.io", ".sslip.io", ".xip.io", ".nip.direct",
			".traefik.me");

	private Reach() {
	}

	/**
	 * Why a program that connects to the host in {@code value} may read the machine's cloud credentials, as a phrase
	 * after "reaches" ("`169.254.169.254`, where cloud platforms serve …"), or null when it may not.
	 *
	 * @param valuePart how the fact cuts the host from the value: {@code mapping} (curl's {@code --resolve} and
	 *                  {@code --connect-to}: the hosts follow the second {@code :}), {@code typed} (after the first
	 *                  {@code :}, as socat's {@code TCP:HOST:PORT}), or null (a URL or {@code HOST[:PORT]})
	 */
	static String why(String value, String valuePart) {
		String url = "typed".equals(valuePart) ? value.substring(value.indexOf(':') + 1) : value;
		for (String host : "mapping".equals(valuePart) ? mappedHosts(value) : List.of(hostOf(url))) {
			String why = judge(host);
			if (why != null) {
				return why;
			}
		}
		return null;
	}

	/**
	 * The host of a URL, with or without a scheme (curl takes {@code 169.254.169.254/latest} for http), found by
	 * positions in the value and cut out once: a trusted download names its URL on many command lines.
	 */
	static String hostOf(String value) {
		int from = 0;
		int to = value.length();
		while (from < to && Character.isWhitespace(value.charAt(from))) {
			from++;
		}
		while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
			to--;
		}
		int scheme = value.indexOf("://", from);
		boolean schemeLike = scheme > from && scheme < to;
		for (int i = from; schemeLike && i < scheme; i++) {
			char c = value.charAt(i);
			schemeLike = Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-';
		}
		int start = schemeLike ? scheme + 3 : from;
		int end = start;
		int at = -1;
		while (end < to) {
			char c = value.charAt(end);
			if (c == '/' || c == '?' || c == '#') {
				break;
			}
			at = c == '@' ? end : at;
			end++;
		}
		start = at >= 0 ? at + 1 : start;
		if (start < end && value.charAt(start) == '[') {
			int close = value.indexOf(']', start);
			return close < 0 || close >= end ? value.substring(start, end) : value.substring(start, close + 1);
		}
		int colon = value.indexOf(':', start);
		return value.substring(start, colon >= 0 && colon < end ? colon : end);
	}

	/** The hosts of {@code HOST:PORT:ADDRESS[,ADDRESS…]} and {@code HOST1:PORT1:HOST2:PORT2}: after the second colon. */
	private static List<String> mappedHosts(String value) {
		List<String> fields = new ArrayList<>();
		int start = 0;
		int depth = 0;
		for (int i = 0; i <= value.length(); i++) {
			char c = i < value.length() ? value.charAt(i) : ':';
			depth += c == '[' ? 1 : c == ']' ? -1 : 0;
			if (c == ':' && depth == 0) {
				fields.add(value.substring(start, i));
				start = i + 1;
			}
		}
		List<String> hosts = new ArrayList<>();
		if (fields.size() > 2) {
			for (String address : fields.get(2).split(",")) {
				hosts.add(address);
			}
		}
		return hosts;
	}

	private static String judge(String host) {
		if (host.isEmpty()) {
			return null;
		}
		if (plainName(host)) {
			return named(host); // most hosts: a name, which only the names below can make a metadata host
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.indexOf('$') >= 0 || name.indexOf('`') >= 0) {
			return "`" + Quoting.oneLine(host) + "`, a host that holds an expansion, which may name a cloud metadata"
					+ " service (where cloud credentials are served)";
		}
		if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0 || name.indexOf('%') >= 0
				|| (name.indexOf('[') > 0 || (name.startsWith("[") && !name.endsWith("]")))) {
			return "`" + Quoting.oneLine(host) + "`, a host written with a glob or an escape that curl expands, which"
					+ " may name a cloud metadata service (where cloud credentials are served)";
		}
		while (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		InetAddress address = UrlParser.address(name);
		if (address != null && AddressRanges.servesMetadata(address)) {
			return "`" + Quoting.oneLine(host) + "`, an address where cloud platforms serve the machine's metadata and"
					+ " credentials";
		}
		return named(host);
	}

	/** Whether the host holds no digit and nothing an address, an expansion, a glob or an escape is written with. */
	private static boolean plainName(String host) {
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			if ((c >= '0' && c <= '9') || c == ':' || c == '[' || c == ']' || c == '$' || c == '`' || c == '{'
					|| c == '}' || c == '%') {
				return false;
			}
		}
		return true;
	}

	/** Why a host name (in any case, with or without trailing dots) names a metadata service, or null. */
	private static String named(String host) {
		int length = host.length();
		while (length > 0 && host.charAt(length - 1) == '.') {
			length--;
		}
		for (String name : METADATA_NAMES) {
			if (length == name.length() && host.regionMatches(true, 0, name, 0, length)) {
				return "`" + Quoting.oneLine(host) + "`, the name of a cloud metadata service, which serves the"
						+ " machine's credentials";
			}
		}
		for (String wildcard : WILDCARD_DNS) {
			if (length > wildcard.length()
					&& host.regionMatches(true, length - wildcard.length(), wildcard, 0, wildcard.length())) {
				return "`" + Quoting.oneLine(host) + "`, a name that a wildcard DNS service points at the address it"
						+ " spells, which may be a cloud metadata address";
			}
		}
		return null;
	}
}
