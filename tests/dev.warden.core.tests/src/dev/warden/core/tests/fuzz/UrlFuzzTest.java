package dev.warden.core.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import dev.warden.core.internal.protect.AddressRanges;
import dev.warden.core.internal.protect.UrlParser;
import dev.warden.core.protect.HostResolver;
import dev.warden.core.protect.UrlDecision;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.protect.UrlVerdict;

/**
 * URL parsing and address ranges under hostile input: parsing and deciding never throw and never take long, a refusal
 * names no address, and every spelling of one IPv4 address (decimal, octal, hexadecimal, short, IPv4-mapped IPv6 with
 * an octal part) gets the same verdict.
 */
class UrlFuzzTest {

	private static final HostResolver RESOLVER = host -> {
		if (host.length() % 3 == 0) {
			throw new UnknownHostException(host);
		}
		return List.of(InetAddress.getByAddress(new byte[] { 93, (byte) 184, (byte) 216, (byte) (host.length() % 256) }),
				InetAddress.getByAddress(new byte[] { (byte) (host.hashCode() & 0xff), 0, 0, 1 }));
	};
	private static final UrlPolicy POLICY = UrlPolicy.of(Set.of("allowed.example", "*.corp.example", "10.1.2.3"),
			RESOLVER);

	private static final List<String> TOKENS = List.of("http://", "https://", "HTTP://", "ftp://", "//", "/", "\\", ":",
			"::", "@", "[", "]", "%", "%2e", "%25", "%31", "%00", ".", "..", "0x", "0X", "0", "00", "0177", "127", "255",
			"256", "4294967295", "4294967296", "ffff", "::ffff:", "64:ff9b::", "2002:", "2001:0:", "fe80", "%25eth0",
			"localhost", "example", "a_b", "-", "xn--", "xn--80ak6aa92e", "\u0440\u0443", "\uff0e", "\u3002", "?", "#",
			"&", "=", ":80", ":65536", ":0", ":-1", "user:pass@", " ", "\t", "\r", "\n", "\u0000", "*.", "169.254",
			"a.".repeat(70));

	private static final Gen<String> URLS = Fuzz.mostly(Fuzz.soup(TOKENS, 40),
			Fuzz.repeated(List.of("a.", "0.", "1.", "[", "%25", "::", "x", "http://a/"), 40_000));

	@AfterAll
	static void report() {
		Fuzz.report("url");
		Fuzz.report("address-ranges");
		Fuzz.report("address-spellings");
		Fuzz.report("curl-hosts");
	}

	@Test
	void parsingAndDecidingNeverFailAndNeverTakeLong() {
		Fuzz.theory(30_000).forAll(URLS).checkAssert(url -> Fuzz.timed("url", url, () -> {
			UrlParser.parse(url);
			UrlParser.address(url);
			UrlParser.normalHost(url);
			UrlDecision decision = POLICY.decide(url);
			assertNotNull(decision.reason());
			if (decision.verdict() == UrlVerdict.REFUSED) {
				assertNull(decision.address(), "a refusal connects nowhere");
			} else {
				assertNotNull(decision.address());
				assertTrue(decision.target().scheme().startsWith("http"));
			}
			String tsv = decision.toTsv();
			assertEquals(2, tsv.split("\t", -1).length, "one tab: " + Fuzz.describe(tsv));
			assertTrue(tsv.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f), "no raw control character");
		}));
	}

	@Test
	void everyAddressHasAVerdictAndAFormat() {
		Gen<byte[]> addresses = in -> {
			byte[] a = new byte[Fuzz.between(in, 0, 1) == 0 ? 4 : 16];
			int prefix = Fuzz.between(in, 0, 6);
			for (int i = 0; i < a.length; i++) {
				a[i] = (byte) Fuzz.between(in, 0, 255);
			}
			if (a.length == 16 && prefix < 5) {
				byte[][] heads = { {}, { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff },
						{ 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 }, { 0x20, 0x02 }, { 0x20, 0x01, 0, 0 } };
				System.arraycopy(heads[prefix], 0, a, 0, heads[prefix].length);
				if (prefix == 0) {
					java.util.Arrays.fill(a, 0, 12, (byte) 0);
				}
			}
			return a;
		};
		Fuzz.theory(20_000).forAll(addresses).checkAssert(bytes -> Fuzz.timed("address-ranges", bytes, () -> {
			InetAddress address = InetAddress.getByAddress(bytes);
			AddressRanges.refusal(address);
			String text = AddressRanges.format(address);
			assertEquals(address, UrlParser.address(text), "the format reads back: " + text);
		}));
	}

	@Test
	void everySpellingOfAnIpv4AddressGetsTheSameVerdict() {
		Gen<int[]> quads = in -> new int[] { pickOctet(in), Fuzz.between(in, 0, 255), Fuzz.between(in, 0, 255),
				Fuzz.between(in, 0, 255) };
		Fuzz.theory(10_000).forAll(quads).checkAssert(q -> Fuzz.timed("address-spellings", q, () -> {
			long value = ((long) q[0] << 24) | (q[1] << 16) | (q[2] << 8) | q[3];
			String dotted = q[0] + "." + q[1] + "." + q[2] + "." + q[3];
			List<String> spellings = List.of(dotted, Long.toString(value), "0x" + Long.toHexString(value),
					"0" + Integer.toOctalString(q[0]) + "." + q[1] + "." + q[2] + "." + q[3],
					q[0] + "." + ((q[1] << 16) | (q[2] << 8) | q[3]), "0x" + Integer.toHexString(q[0]) + "." + q[1] + "." + (q[2] * 256 + q[3]),
					"[::ffff:" + dotted + "]", "[::ffff:0" + Integer.toOctalString(q[0]) + "." + q[1] + "." + q[2] + "." + q[3] + "]",
					"[::ffff:" + Integer.toHexString((q[0] << 8) | q[1]) + ":" + Integer.toHexString((q[2] << 8) | q[3]) + "]",
					"%3" + (char) ('0' + (dotted.charAt(0) - '0')) + dotted.substring(1));
			UrlDecision reference = POLICY.decide("http://" + dotted + "/");
			for (String spelling : spellings) {
				UrlDecision decision = POLICY.decide("http://" + spelling + "/");
				assertEquals(reference.verdict(), decision.verdict(), spelling + ": " + decision.reason());
				assertEquals(reference.reason(), decision.reason(), spelling);
			}
		}));
	}

	/**
	 * A trusted {@code curl *} reaches an address where cloud platforms serve credentials in no spelling of it, with
	 * or without a scheme, user information, port or path, and reaches every other address it may (loopback and
	 * private ones included): the trust check reads hosts as the fetch tool's parser does.
	 */
	@Test
	void aTrustedDownloadReachesNoMetadataAddressInAnySpelling(@org.junit.jupiter.api.io.TempDir java.nio.file.Path workspace) {
		dev.warden.core.trust.TrustPolicy policy = dev.warden.core.trust.TrustPolicy.builder(workspace)
				.add(dev.warden.core.trust.PatternList.of(dev.warden.core.trust.PatternScope.WORKSPACE, "fuzz",
						List.of("curl *", "wget *")))
				.build();
		Gen<int[]> quads = in -> Fuzz.between(in, 0, 2) == 0
				? new int[] { 169, 254, Fuzz.between(in, 0, 255), Fuzz.between(in, 0, 255), Fuzz.between(in, 0, 5) }
				: new int[] { pickOctet(in), Fuzz.between(in, 0, 255), Fuzz.between(in, 0, 255),
						Fuzz.between(in, 0, 255), Fuzz.between(in, 0, 5) };
		Fuzz.theory(3_000).forAll(quads).checkAssert(q -> Fuzz.timed("curl-hosts", q, () -> {
			long value = ((long) q[0] << 24) | (q[1] << 16) | (q[2] << 8) | q[3];
			String dotted = q[0] + "." + q[1] + "." + q[2] + "." + q[3];
			boolean metadata = AddressRanges.servesMetadata(
					InetAddress.getByAddress(new byte[] { (byte) q[0], (byte) q[1], (byte) q[2], (byte) q[3] }));
			String[] fronts = { "http://", "https://", "", "http://user:pw@", "HTTP://", "ftp://" };
			String[] ends = { "/", "", ":8080/latest/meta-data/", "/x?y=1#z", ":80", "/a/b" };
			String front = fronts[q[4]];
			String end = ends[(q[2] + q[3]) % ends.length];
			for (String spelling : List.of(dotted, Long.toString(value), "0x" + Long.toHexString(value),
					"0" + Integer.toOctalString(q[0]) + "." + q[1] + "." + q[2] + "." + q[3],
					q[0] + "." + ((q[1] << 16) | (q[2] << 8) | q[3]), "[::ffff:" + dotted + "]",
					"[::ffff:" + Integer.toHexString((q[0] << 8) | q[1]) + ":" + Integer.toHexString((q[2] << 8) | q[3])
							+ "]")) {
				for (String program : List.of("curl -s ", "wget -qO- ")) {
					String line = program + "'" + front + spelling + end + "'";
					dev.warden.core.trust.CommandVerdict verdict = policy.evaluate(line);
					assertEquals(metadata ? dev.warden.core.trust.Verdict.ASK : dev.warden.core.trust.Verdict.TRUSTED,
							verdict.verdict(), line + ": " + verdict.reason());
				}
			}
		}));
	}

	/** Mostly the interesting first octets: loopback, private, link-local, CGNAT, multicast, reserved. */
	private static int pickOctet(org.quicktheories.core.RandomnessSource in) {
		int[] interesting = { 0, 10, 100, 127, 169, 172, 192, 198, 203, 224, 240, 255 };
		return Fuzz.between(in, 0, 1) == 0 ? interesting[Fuzz.between(in, 0, interesting.length - 1)]
				: Fuzz.between(in, 0, 255);
	}
}
