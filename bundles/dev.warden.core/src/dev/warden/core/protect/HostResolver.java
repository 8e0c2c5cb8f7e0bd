package dev.warden.core.protect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a host name into addresses. The URL policy asks once per URL and the fetcher connects to the address that
 * was checked, so a resolver is the one place a name's meaning comes from; tests and the headless checker pin names
 * with {@link #pinned}.
 */
@FunctionalInterface
public interface HostResolver {

	/** The operating system's resolver. */
	HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

	/**
	 * The addresses of {@code host} (a lower-case name without a trailing dot, never an address literal).
	 *
	 * @throws UnknownHostException if it has none
	 */
	List<InetAddress> resolve(String host) throws UnknownHostException;

	/** A resolver answering the names in {@code pins} (compared ignoring case) itself and asking {@code others} for the rest. */
	static HostResolver pinned(Map<String, InetAddress> pins, HostResolver others) {
		return pinnedAll(pins.entrySet().stream()
				.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.of(e.getValue()))), others);
	}

	/**
	 * A resolver answering the names in {@code pins} (compared ignoring case) with all their addresses, in order, and
	 * asking {@code others} for the rest: a name with a public and a private address is one the policy must refuse.
	 */
	static HostResolver pinnedAll(Map<String, List<InetAddress>> pins, HostResolver others) {
		Map<String, List<InetAddress>> byName = pins.entrySet().stream().collect(Collectors
				.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> List.copyOf(e.getValue()),
						(a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
		return host -> {
			List<InetAddress> pinned = byName.get(host.toLowerCase(Locale.ROOT));
			return pinned != null && !pinned.isEmpty() ? pinned : others.resolve(host);
		};
	}
}
