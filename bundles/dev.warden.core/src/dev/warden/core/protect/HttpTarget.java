package dev.warden.core.protect;

/**
 * A URL reduced to what an HTTP request needs, after its host was checked and normalised.
 *
 * @param scheme      {@code http} or {@code https}
 * @param host        the host in normal form: lower case, no trailing dot, IPv4 in dotted decimal, IPv6 without
 *                    brackets; international names in their ASCII form
 * @param ipLiteral   whether the host is an address rather than a name
 * @param port        the port, the scheme's default when the URL gives none
 * @param pathAndQuery the request target: path and query, never empty, without the fragment
 */
public record HttpTarget(String scheme, String host, boolean ipLiteral, int port, String pathAndQuery) {

	/** The port the scheme uses when none is given. */
	public int defaultPort() {
		return "https".equals(scheme) ? 443 : 80;
	}

	/** The value of the {@code Host} header. */
	public String authority() {
		String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
		return port == defaultPort() ? h : h + ":" + port;
	}

	/** The URL in normal form. */
	@Override
	public String toString() {
		return scheme + "://" + authority() + pathAndQuery;
	}
}
