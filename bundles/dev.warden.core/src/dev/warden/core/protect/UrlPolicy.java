package dev.warden.core.protect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.warden.core.internal.protect.AddressRanges;
import dev.warden.core.internal.protect.UrlParser;

/**
 * Which URLs may be fetched. Only {@code http} and {@code https}; the host is normalised (every IPv4 spelling,
 * percent-encoding, trailing dot, international names) and resolved once through the {@link HostResolver}; every
 * address it resolves to must be an ordinary public address — loopback, private, link-local (cloud metadata),
 * carrier-grade NAT, multicast, unspecified, broadcast, documentation, benchmarking and reserved ranges, IPv6
 * unique-local and link-local, and IPv6 forms carrying such an IPv4 address are refused — unless the host is on the
 * allow-list. The names {@code localhost} and {@code *.localhost} are refused without asking the resolver.
 * <p>
 * The decision names the address that was checked; {@link SafeFetcher} connects to exactly that address.
 */
public final class UrlPolicy {

	private final Set<String> allowedHosts;
	private final Set<String> allowedSuffixes;
	private final HostResolver resolver;

	private UrlPolicy(Set<String> allowedHosts, Set<String> allowedSuffixes, HostResolver resolver) {
		this.allowedHosts = allowedHosts;
		this.allowedSuffixes = allowedSuffixes;
		this.resolver = resolver;
	}

	/**
	 * A policy with an allow-list of hosts that may be reached whatever their address: names ({@code intranet.example}),
	 * addresses in any spelling ({@code 127.0.0.1}, {@code [::1]}), or {@code *.domain} for every name below a domain.
	 *
	 * @throws IllegalArgumentException if an entry is not a valid host
	 */
	public static UrlPolicy of(Set<String> allowedHosts, HostResolver resolver) {
		Set<String> exact = new java.util.HashSet<>();
		Set<String> suffixes = new java.util.HashSet<>();
		for (String entry : allowedHosts) {
			String trimmed = entry.strip();
			boolean wildcard = trimmed.startsWith("*.");
			String host = UrlParser.normalHost(wildcard ? trimmed.substring(2) : trimmed);
			if (host == null) {
				throw new IllegalArgumentException("not a valid host for the allow-list: '" + entry + "'");
			}
			(wildcard ? suffixes : exact).add(host);
		}
		return new UrlPolicy(Set.copyOf(exact), Set.copyOf(suffixes), resolver);
	}

	/** The default policy: nothing allow-listed, the system resolver. */
	public static UrlPolicy defaults() {
		return of(Set.of(), HostResolver.SYSTEM);
	}

	/** The verdict on {@code url}; the host is resolved (once) when it is a name. Never throws. */
	public UrlDecision decide(String url) {
		UrlParser.ParsedUrl parsed = UrlParser.parse(url);
		if (parsed.refusal() != null) {
			return UrlDecision.refused(url, null, parsed.refusal());
		}
		HttpTarget target = parsed.target();
		boolean allowed = isAllowListed(target.host());
		List<InetAddress> addresses;
		if (parsed.literal() != null) {
			addresses = List.of(parsed.literal());
		} else {
			if (!allowed && (target.host().equals("localhost") || target.host().endsWith(".localhost"))) {
				return UrlDecision.refused(url, target, "'" + target.host() + "' always names this computer (loopback)");
			}
			try {
				addresses = resolver.resolve(target.host());
			} catch (UnknownHostException | RuntimeException e) {
				return UrlDecision.refused(url, target, "cannot resolve host '" + target.host() + "'");
			}
			if (addresses == null || addresses.isEmpty()) {
				return UrlDecision.refused(url, target, "host '" + target.host() + "' has no address");
			}
		}
		if (!allowed) {
			for (InetAddress address : addresses) {
				String range = AddressRanges.refusal(address);
				if (range != null) {
					String name = parsed.literal() != null ? "address " + AddressRanges.format(address)
							: "host '" + target.host() + "' resolves to " + AddressRanges.format(address) + ", which";
					return UrlDecision.refused(url, target, name + " is " + range);
				}
			}
		}
		InetAddress address = addresses.get(0);
		String where = AddressRanges.format(address) + " port " + target.port();
		return new UrlDecision(UrlVerdict.ALLOWED,
				(allowed ? "allow-listed host; connects to " : "public address; connects to ") + where, url, target,
				address);
	}

	private boolean isAllowListed(String host) {
		if (allowedHosts.contains(host)) {
			return true;
		}
		for (String suffix : allowedSuffixes) {
			if (host.endsWith("." + suffix)) {
				return true;
			}
		}
		return false;
	}

	/** The allow-list in normal form, for display. */
	public Set<String> allowedHosts() {
		return java.util.stream.Stream.concat(allowedHosts.stream(), allowedSuffixes.stream().map(s -> "*." + s))
				.collect(Collectors.toUnmodifiableSet());
	}
}
