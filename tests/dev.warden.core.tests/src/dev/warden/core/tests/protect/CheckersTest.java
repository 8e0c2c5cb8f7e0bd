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
}
