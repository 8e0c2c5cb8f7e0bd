package dev.warden.core.internal.trust;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
	private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog", "metadata",
			"instance-data", "instance-data.ec2.internal", "metadata.azure.internal", "metadata.tencentyun.com",
			"metadata.packet.net", "metadata.platformequinix.com");

	/** Wildcard DNS services: a name under them resolves to the address it spells. */
	private static final List<String> WILDCARD_DNS = List.of(".nip.io", ".sslip.io", ".xip.io", ".nip.direct",
			".traefik.me", ".localtest.me", ".lvh.me");

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

	/** The host of a URL, with or without a scheme (curl takes {@code 169.254.169.254/latest} for http). */
	static String hostOf(String value) {
		String rest = value.strip();
		int scheme = rest.indexOf("://");
		if (scheme > 0 && rest.substring(0, scheme).chars().allMatch(c -> Character.isLetterOrDigit(c)
				|| c == '+' || c == '.' || c == '-')) {
			rest = rest.substring(scheme + 3);
		}
		String authority = rest.substring(0, UrlParser.authorityEnd(rest));
		authority = authority.substring(authority.lastIndexOf('@') + 1);
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			return close < 0 ? authority : authority.substring(0, close + 1);
		}
		int colon = authority.indexOf(':');
		return colon < 0 ? authority : authority.substring(0, colon);
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
		if (METADATA_NAMES.contains(name)) {
			return "`" + Quoting.oneLine(host) + "`, the name of a cloud metadata service, which serves the machine's"
					+ " credentials";
		}
		for (String wildcard : WILDCARD_DNS) {
			if (name.endsWith(wildcard)) {
				return "`" + Quoting.oneLine(host) + "`, a name that a wildcard DNS service points at the address it"
						+ " spells, which may be a cloud metadata address";
			}
		}
		return null;
	}
}
