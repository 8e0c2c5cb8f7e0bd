package dev.warden.core.tests.protect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.core.protect.HostResolver;

/** A resolver with fixed answers that never touches the network, counting how often it is asked. */
final class TestResolver implements HostResolver {

	final AtomicInteger lookups = new AtomicInteger();

	@Override
	public List<InetAddress> resolve(String host) throws UnknownHostException {
		lookups.incrementAndGet();
		List<InetAddress> answer = new ArrayList<>();
		switch (host) {
		case "pub.example", "under_score.example" -> answer.add(ip("93.184.216.34"));
		case "v6.example" -> answer.add(ip("2606:4700::1111"));
		case "internal.example" -> answer.add(ip("10.0.0.5"));
		case "meta.example" -> answer.add(ip("169.254.169.254"));
		case "v6private.example" -> answer.add(ip("fd00::1"));
		case "mixed.example" -> {
			answer.add(ip("93.184.216.34"));
			answer.add(ip("127.0.0.1"));
		}
		case "allowed.example", "loopback.example" -> answer.add(ip("127.0.0.1"));
		case "dev.corp.example" -> answer.add(ip("10.1.1.1"));
		default -> throw new UnknownHostException(host);
		}
		return answer;
	}

	static InetAddress ip(String literal) {
		try {
			return InetAddress.getByName(literal);
		} catch (UnknownHostException e) {
			throw new IllegalArgumentException(literal, e);
		}
	}
}
