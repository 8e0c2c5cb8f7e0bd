package dev.warden.core.internal.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warden.core.internal.protect.ControlCharacters;
import dev.warden.core.internal.protect.UrlParser;
import dev.warden.core.protect.HostResolver;
import dev.warden.core.protect.UrlPolicy;

/**
 * The headless URL checker: {@code url-check [--allow HOST]... [--resolve HOST=IP[,IP]...]...} reads URLs from
 * standard input, one a line, and prints for each, in order, {@code ALLOWED} or {@code REFUSED}, a tab and the reason
 * (with the address a fetch would connect to) — the verdict of the same {@link UrlPolicy} the IDE uses.
 * {@code --resolve} pins a name's addresses so no network is needed (several, comma-separated or by repeating the
 * option: every one must be allowed, as when a resolver answers with several); other names go to the system
 * resolver. It only decides; it fetches nothing. Exit status 0, or 2 for bad arguments.
 */
public final class UrlCheck {

	static final String USAGE = "usage: url-check [--allow HOST]... [--resolve HOST=IP[,IP]...]...\n"
			+ "  reads URLs from standard input, one a line, and prints ALLOWED or REFUSED, a tab, the reason\n"
			+ "  --allow HOST              reach HOST whatever its address (a name, an address, or *.domain)\n"
			+ "  --resolve HOST=IP[,IP]... take these as the addresses of HOST instead of asking the system resolver;\n"
			+ "                            repeat it to add more; a URL is refused if any of them is not allowed";

	private UrlCheck() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.in, System.out, System.err));
	}

	public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
		Set<String> allowed = new LinkedHashSet<>();
		Map<String, List<InetAddress>> pins = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
			case "--allow" -> {
				if (i + 1 >= args.length) {
					return usage(err, "--allow needs a host");
				}
				allowed.add(args[++i]);
			}
			case "--resolve" -> {
				if (i + 1 >= args.length) {
					return usage(err, "--resolve needs HOST=IP");
				}
				String problem = pin(args[++i], pins);
				if (problem != null) {
					return usage(err, problem);
				}
			}
			case "-h", "--help" -> {
				out.println(USAGE);
				return 0;
			}
			default -> {
				return usage(err, "unknown argument: " + arg);
			}
			}
		}
		UrlPolicy policy;
		try {
			policy = UrlPolicy.of(allowed, HostResolver.pinnedAll(pins, HostResolver.SYSTEM));
		} catch (IllegalArgumentException e) {
			return usage(err, e.getMessage());
		}
		return CheckerLines.answerEach("url-check", "REFUSED", in, out, err, line -> policy.decide(line).toTsv()); //$NON-NLS-1$
	}

	/** Adds the pins {@code HOST=IP[,IP]...} to {@code pins}; returns what is wrong with them, or {@code null}. */
	private static String pin(String spec, Map<String, List<InetAddress>> pins) {
		int equals = spec.indexOf('=');
		if (equals <= 0 || equals == spec.length() - 1) {
			return "--resolve needs HOST=IP[,IP]..., not '" + ControlCharacters.escape(spec) + "'";
		}
		String name = spec.substring(0, equals);
		String host = UrlParser.normalHost(name);
		if (host == null) {
			return "--resolve: not a valid host: '" + ControlCharacters.escape(name) + "'";
		}
		List<InetAddress> addresses = new ArrayList<>();
		for (String ip : spec.substring(equals + 1).split(",", -1)) {
			InetAddress address = UrlParser.address(ip);
			if (address == null) {
				return "--resolve: not an IP address: '" + ControlCharacters.escape(ip.strip()) + "'";
			}
			addresses.add(address);
		}
		pins.computeIfAbsent(host, h -> new ArrayList<>()).addAll(addresses);
		return null;
	}

	private static int usage(PrintStream err, String problem) {
		err.println("url-check: " + problem);
		err.println(USAGE);
		return 2;
	}
}
