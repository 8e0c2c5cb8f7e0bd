package dev.warden.core.internal.protect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address ranges a fetch may not reach: everything that is not an ordinary public unicast address. IPv6 forms
 * that carry an IPv4 address are judged by the IPv4 address they carry: mapped ({@code ::ffff:0:0/96}), NAT64
 * ({@code 64:ff9b::/96}) and 6to4 ({@code 2002::/16}) take the verdict of that address; the deprecated
 * IPv4-compatible ({@code ::/96}) and IPv4-translated ({@code ::ffff:0:0:0/96}) forms and Teredo
 * ({@code 2001::/32}, whose server and client addresses are both checked) are refused, naming the carried address's
 * range when it has one. Everything else outside global unicast {@code 2000::/3} is refused.
 */
public final class AddressRanges {

	private record Range(byte[] network, int prefix, String name) {
		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			int full = prefix / 8;
			for (int i = 0; i < full; i++) {
				if (address[i] != network[i]) {
					return false;
				}
			}
			int bits = prefix % 8;
			if (bits == 0) {
				return true;
			}
			int mask = (0xff << (8 - bits)) & 0xff;
			return (address[full] & mask) == (network[full] & mask);
		}
	}

	private static final List<Range> IPV4 = List.of(
			range("0.0.0.0", 8, "unspecified (\"this network\")"),
			range("10.0.0.0", 8, "private"),
			range("100.64.0.0", 10, "carrier-grade NAT"),
			range("127.0.0.0", 8, "loopback"),
			range("169.254.0.0", 16, "link-local (cloud metadata)"),
			range("168.63.129.16", 32, "cloud platform (Azure wire server and metadata proxy)"),
			range("172.16.0.0", 12, "private"),
			range("192.0.0.0", 24, "IETF protocol assignment"),
			range("192.0.2.0", 24, "documentation (TEST-NET-1)"),
			range("192.88.99.0", 24, "6to4 relay anycast"),
			range("192.168.0.0", 16, "private"),
			range("198.18.0.0", 15, "benchmarking"),
			range("198.51.100.0", 24, "documentation (TEST-NET-2)"),
			range("203.0.113.0", 24, "documentation (TEST-NET-3)"),
			range("224.0.0.0", 4, "multicast"),
			range("255.255.255.255", 32, "broadcast"),
			range("240.0.0.0", 4, "reserved"));

	private static final List<Range> IPV6 = List.of(
			range("::", 128, "unspecified"),
			range("::1", 128, "loopback"),
			range("64:ff9b:1::", 48, "local-use NAT64"),
			range("100::", 64, "discard-only"),
			range("2001:2::", 48, "benchmarking"),
			range("2001:10::", 28, "ORCHID"),
			range("2001:20::", 28, "ORCHIDv2"),
			range("2001:db8::", 32, "documentation"),
			range("3fff::", 20, "documentation"),
			range("fc00::", 7, "unique-local (private)"),
			range("fe80::", 10, "link-local"),
			range("fec0::", 10, "site-local"),
			range("ff00::", 8, "multicast"));

	private static final Range MAPPED = new Range(
			new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0 }, 96, "IPv4-mapped");
	private static final Range COMPATIBLE = range("::", 96, "IPv4-compatible");
	private static final Range TRANSLATED = new Range(
			new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0 }, 96, "IPv4-translated");
	private static final Range TEREDO = range("2001::", 32, "Teredo tunnel");
	private static final Range NAT64 = range("64:ff9b::", 96, "NAT64");
	private static final Range SIX_TO_FOUR = range("2002::", 16, "6to4");
	private static final Range GLOBAL_UNICAST = range("2000::", 3, "global unicast");

	private AddressRanges() {
	}

	/**
	 * Why {@code address} may not be reached, as a noun phrase naming its range ("a loopback address"), or
	 * {@code null} if it may.
	 */
	public static String refusal(InetAddress address) {
		String range = range(address.getAddress());
		return range == null ? null : article(range) + " address";
	}

	/** A {@code IPv6} address in its shortest form ({@code ::1}), any other as Java writes it. */
	public static String format(InetAddress address) {
		byte[] a = address.getAddress();
		if (a.length != 16) {
			return address.getHostAddress();
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8; i++) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = Math.max(i, j);
		}
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				b.append("::");
				i += bestLength - 1;
				continue;
			}
			if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
				b.append(':');
			}
			b.append(Integer.toHexString(groups[i]));
		}
		return b.toString();
	}

	/** Alibaba Cloud's metadata address, in its carrier-grade NAT range, and AWS's IPv6 one (unique-local). */
	private static final List<byte[]> METADATA_ADDRESSES = List.of(new byte[] { 100, 100, 100, (byte) 200 },
			range("fd00:ec2::254", 128, "").network());

	/**
	 * Whether cloud platforms serve a machine's metadata, and with it its credentials, at this address: the
	 * link-local ranges ({@code 169.254.169.254}, {@code fe80::/10}), Azure's wire server {@code 168.63.129.16},
	 * Alibaba's {@code 100.100.100.200} and AWS's {@code fd00:ec2::254}, also in the IPv6 forms that carry such an
	 * IPv4 address.
	 */
	public static boolean servesMetadata(InetAddress address) {
		byte[] a = address.getAddress();
		for (byte[] known : METADATA_ADDRESSES) {
			if (java.util.Arrays.equals(a, known) || (a.length == 16 && MAPPED.contains(a) && java.util.Arrays.equals(
					new byte[] { a[12], a[13], a[14], a[15] }, known))) {
				return true;
			}
		}
		String range = range(a);
		return range != null && (range.contains("link-local") || range.contains("cloud platform"));
	}

	private static String article(String range) {
		char first = Character.toLowerCase(range.charAt(0));
		boolean vowel = "aeio".indexOf(first) >= 0 || (first == 'u' && !range.startsWith("uni"));
		return (vowel ? "an " : "a ") + range;
	}

	private static String range(byte[] a) {
		if (a.length == 4) {
			for (Range r : IPV4) {
				if (r.contains(a)) {
					return r.name();
				}
			}
			return null;
		}
		for (Range r : IPV6) {
			if (r.contains(a)) {
				return r.name();
			}
		}
		byte[] last4 = { a[12], a[13], a[14], a[15] };
		for (Range embedding : List.of(MAPPED, NAT64)) {
			if (embedding.contains(a)) {
				return carried(embedding.name(), range(last4));
			}
		}
		if (SIX_TO_FOUR.contains(a)) {
			return carried(SIX_TO_FOUR.name(), range(new byte[] { a[2], a[3], a[4], a[5] }));
		}
		for (Range deprecated : List.of(COMPATIBLE, TRANSLATED)) {
			if (deprecated.contains(a)) {
				String inner = range(last4);
				return inner != null ? carried(deprecated.name(), inner)
						: "deprecated " + deprecated.name() + " IPv6";
			}
		}
		if (TEREDO.contains(a)) {
			String server = range(new byte[] { a[4], a[5], a[6], a[7] });
			String client = range(new byte[] { (byte) ~a[12], (byte) ~a[13], (byte) ~a[14], (byte) ~a[15] });
			String inner = client != null ? client : server;
			return inner != null ? carried(TEREDO.name(), inner) : TEREDO.name();
		}
		if (!GLOBAL_UNICAST.contains(a)) {
			return "reserved IPv6";
		}
		return null;
	}

	private static String carried(String form, String inner) {
		return inner == null ? null : form + " form of " + article(inner);
	}

	private static Range range(String network, int prefix, String name) {
		try {
			return new Range(InetAddress.getByName(network).getAddress(), prefix, name);
		} catch (UnknownHostException e) {
			throw new IllegalArgumentException(network, e);
		}
	}
}
