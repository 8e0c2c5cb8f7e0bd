package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.cli.PathCheck;
import dev.warden.core.internal.cli.UrlCheck;

/** The headless checkers: one TSV line per input line, in order; exit 0, or 2 with usage for bad arguments. */
class CheckersTest {

	@TempDir
	Path base;

	/** Exit status, standard output lines and standard error of one run. */
	private record Run(int status, List<String> out, String err) {
	}

	private interface Main {
		int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err);
	}

	private static Run run(Main main, String input, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		String text = out.toString(StandardCharsets.UTF_8);
		return new Run(status, text.isEmpty() ? List.of() : List.of(text.split("\n")),
				err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void pathCheckPrintsOneVerdictPerLineInOrder() throws IOException {
		ProjectTree tree = ProjectTree.create(base);
		Run run = run(PathCheck::run, "README.md\n.env\n../outside/secret.txt\nbuild/out.class\n\nprivate/p.txt\n",
				"--root", tree.root.toString());
		assertEquals(0, run.status());
		List<String> verdicts = run.out().stream().map(firstColumn()).toList();
		assertEquals(List.of("ALLOWED", "HIDDEN", "REFUSED", "HIDDEN", "REFUSED", "HIDDEN"), verdicts);
		for (String line : run.out()) {
			assertEquals(2, line.split("\t", -1).length, line);
		}
		assertEquals("HIDDEN\tignored: matches 'build/' in .gitignore (folder 'build')", run.out().get(3));
	}

	@Test
	void pathCheckWithoutRootExitsWithTwoAndUsage() {
		Run run = run(PathCheck::run, "x\n");
		assertEquals(2, run.status());
		assertTrue(run.err().contains("usage: path-check"), run.err());
		assertTrue(run.out().isEmpty());
	}

	@Test
	void pathCheckRejectsUnknownArgumentAndMissingRoot() {
		assertEquals(2, run(PathCheck::run, "", "--frobnicate").status());
		assertEquals(2, run(PathCheck::run, "", "--root").status());
		assertEquals(2, run(PathCheck::run, "", "--root", base.resolve("does-not-exist").toString()).status());
	}

	@Test
	void urlCheckDecidesWithPinnedNamesAndAllowList() {
		Run run = run(UrlCheck::run, String.join("\n", "https://pub.example/", "http://internal.example/",
				"http://127.0.0.1:8080/", "http://intranet.example/", "ftp://pub.example/", "http://0x7f.1/") + "\n",
				"--resolve", "pub.example=93.184.216.34", "--resolve", "internal.example=10.0.0.7",
				"--resolve", "intranet.example=192.168.1.5", "--allow", "intranet.example");
		assertEquals(0, run.status(), run.err());
		assertEquals(List.of("ALLOWED\tpublic address; connects to 93.184.216.34 port 443",
				"REFUSED\thost 'internal.example' resolves to 10.0.0.7, which is a private address",
				"REFUSED\taddress 127.0.0.1 is a loopback address",
				"ALLOWED\tallow-listed host; connects to 192.168.1.5 port 80",
				"REFUSED\tonly http and https URLs can be fetched, not 'ftp'",
				"REFUSED\taddress 127.0.0.1 is a loopback address"), run.out());
	}

	@Test
	void urlCheckRejectsBadArguments() {
		Run bad = run(UrlCheck::run, "", "--resolve", "no-equals-sign");
		assertEquals(2, bad.status());
		assertTrue(bad.err().contains("usage: url-check"), bad.err());
		assertEquals(2, run(UrlCheck::run, "", "--resolve", "host=not-an-ip").status());
		assertEquals(2, run(UrlCheck::run, "", "--allow").status());
		assertEquals(2, run(UrlCheck::run, "", "--allow", "bad host").status());
		assertEquals(2, run(UrlCheck::run, "", "--what").status());
		assertEquals(0, run(UrlCheck::run, "").status());
	}

	@Test
	void urlCheckAcceptsIpv6Pins() {
		Run run = run(UrlCheck::run, "http://six.example/\n", "--resolve", "six.example=[fd00::1]");
		assertEquals(List.of("REFUSED\thost 'six.example' resolves to fd00::1, which is a unique-local (private) address"),
				run.out());
	}

	private static Function<String, String> firstColumn() {
		return line -> line.substring(0, line.indexOf('\t'));
	}

	@Test
	void everyInputLineGetsExactlyOneAnswerWhateverItsBytes() throws IOException {
		ProjectTree tree = ProjectTree.create(base);
		byte[] input = concat("README.md\r.env\n".getBytes(StandardCharsets.UTF_8),
				new byte[] { 'a', (byte) 0xff, (byte) 0xfe, '\n' }, "x\u0000y\u001b[2J\n".getBytes(StandardCharsets.UTF_8),
				"a".repeat(2 << 20).getBytes(StandardCharsets.UTF_8), "\nREADME.md\n".getBytes(StandardCharsets.UTF_8),
				"caf\u00e9.txt".getBytes(StandardCharsets.UTF_8));
		Run run = runBytes(PathCheck::run, input, "--root", tree.root.toString());
		assertEquals(0, run.status(), run.err());
		assertEquals(List.of("REFUSED", "REFUSED", "REFUSED", "REFUSED", "ALLOWED", "ALLOWED"),
				run.out().stream().map(firstColumn()).toList(), String.join("\n", run.out()));
		assertEquals("REFUSED\tcontrol character U+000D at position 9", run.out().get(0));
		assertTrue(run.out().get(1).contains("not valid UTF-8 (byte 0xFF at offset 1)"), run.out().get(1));
		assertTrue(run.out().get(3).contains("line longer than"), run.out().get(3));
		for (String line : run.out()) {
			assertEquals(2, line.split("\t", -1).length, line);
			assertTrue(line.chars().noneMatch(c -> c < 0x20 && c != '\t'), "no raw control character: " + line);
		}
	}

	@Test
	void reasonsEscapeEveryControlCharacter() {
		Run run = run(UrlCheck::run, "http://[\u001b[31m]/\n", "--resolve", "x.example=93.184.216.34");
		assertEquals(1, run.out().size());
		assertEquals("REFUSED\tcontrol or white-space character U+001B in URL", run.out().get(0));
		Run bad = run(UrlCheck::run, "", "--resolve", "x.example=1.2.3.4\r\u0000");
		assertEquals(2, bad.status());
		assertTrue(bad.err().contains("'1.2.3.4\\r\\x00'"), bad.err());
	}

	@Test
	void urlCheckTakesSeveralAddressesPerNameAndRefusesIfAnyIsNotAllowed() {
		Run run = run(UrlCheck::run, "https://multi.example/\nhttps://twice.example/\nhttps://pub.example/\n",
				"--resolve", "multi.example=93.184.216.34,10.0.0.7", "--resolve", "twice.example=93.184.216.34",
				"--resolve", "twice.example=[::ffff:0177.0.0.1]", "--resolve", "pub.example=93.184.216.34,[2606:4700::1111]");
		assertEquals(0, run.status(), run.err());
		assertEquals("REFUSED\thost 'multi.example' resolves to 10.0.0.7, which is a private address", run.out().get(0));
		assertEquals("REFUSED\thost 'twice.example' resolves to 127.0.0.1, which is a loopback address", run.out().get(1));
		assertEquals("ALLOWED\tpublic address; connects to 93.184.216.34 port 443", run.out().get(2));
		assertEquals(2, run(UrlCheck::run, "", "--resolve", "x.example=1.2.3.4,").status());
		assertEquals(2, run(UrlCheck::run, "", "--resolve", "x.example=1.2.3.4,nonsense").status());
	}

	@Test
	void urlCheckSurvivesAHostOfManyLabelsAndGoesOn() {
		String host = "a.".repeat(1400) + "example";
		Run run = run(UrlCheck::run, "http://" + host + "/\nhttp://under_score.example/\n", "--resolve",
				"under_score.example=93.184.216.34");
		assertEquals(List.of("REFUSED\thost longer than 253 characters",
				"ALLOWED\tpublic address; connects to 93.184.216.34 port 80"), run.out());
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static Run runBytes(Main main, byte[] input, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = main.run(args, new ByteArrayInputStream(input), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String text = out.toString(StandardCharsets.UTF_8);
		return new Run(status, text.isEmpty() ? List.of() : List.of(text.split("\n")), err.toString(StandardCharsets.UTF_8));
	}
}
