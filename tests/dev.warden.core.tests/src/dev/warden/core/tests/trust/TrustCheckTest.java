package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.cli.TrustCheck;

class TrustCheckTest {

	@TempDir
	Path dir;

	private record Result(int status, List<String> out, String err) {
	}

	private Result run(String stdin, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = TrustCheck.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		String text = out.toString(StandardCharsets.UTF_8);
		return new Result(status, text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0,
				text.split("\n", -1).length - 1), err.toString(StandardCharsets.UTF_8));
	}

	private Path patterns(String text) throws Exception {
		return Files.writeString(dir.resolve("patterns.txt"), text);
	}

	@Test
	void printsOneTsvLinePerCommandInOrder() throws Exception {
		Path file = patterns("# team list\n\nnpm *\n!npm publish\n");
		Result result = run("npm test\nwhoami\nnpm publish\nsudo ls\n", "--workspace", dir.toString(),
				file.toString());
		assertEquals(0, result.status());
		assertEquals(4, result.out().size());
		for (String line : result.out()) {
			String[] columns = line.split("\t", -1);
			assertEquals(2, columns.length, line);
			assertTrue(columns[0].matches("TRUSTED|ASK|DENIED"), line);
			assertTrue(!columns[1].isEmpty());
		}
		assertTrue(result.out().get(0).startsWith("TRUSTED\tcovered by `npm *`"));
		assertTrue(result.out().get(1).startsWith("ASK\t"));
		assertTrue(result.out().get(2).startsWith("DENIED\t"));
		assertTrue(result.out().get(3).startsWith("DENIED\t"), "the default deny list applies");
	}

	@Test
	void backslashNInsideALineIsANewline() throws Exception {
		Path file = patterns("npm *\n");
		Result result = run("npm test\\nwhoami\nnpm test\\nnpm run build\n", dir.resolve("patterns.txt").toString());
		assertEquals(0, result.status());
		assertEquals(2, result.out().size());
		assertTrue(result.out().get(0).startsWith("ASK\t") && result.out().get(0).contains("whoami"));
		assertTrue(result.out().get(1).startsWith("TRUSTED\t"));
		assertTrue(Files.exists(file));
	}

	@Test
	void reasonStaysOnOneLineWithoutTabs() throws Exception {
		patterns("echo *\n");
		Result result = run("echo \"a\\nb\" > /etc/x\n", dir.resolve("patterns.txt").toString());
		assertEquals(1, result.out().size());
		assertEquals(2, result.out().get(0).split("\t", -1).length);
	}

	@Test
	void workspaceBoundsRedirections() throws Exception {
		Path file = patterns("npm *\n");
		Path workspace = Files.createDirectory(dir.resolve("ws"));
		Result inside = run("npm test > " + workspace.resolve("log.txt") + "\n", "--workspace", workspace.toString(),
				file.toString());
		Result outside = run("npm test > " + dir.resolve("log.txt") + "\n", "--workspace", workspace.toString(),
				file.toString());
		assertTrue(inside.out().get(0).startsWith("TRUSTED\t"), inside.out().toString());
		assertTrue(outside.out().get(0).startsWith("ASK\t"), outside.out().toString());
	}

	@Test
	void carriageReturnIsPartOfTheCommandAndFailsClosed() throws Exception {
		patterns("npm *\n");
		Result result = run("npm test\rwhoami\n", dir.resolve("patterns.txt").toString());
		assertEquals(1, result.out().size());
		assertTrue(result.out().get(0).startsWith("ASK\t") && result.out().get(0).contains("control character"));
	}

	@Test
	void lastLineWithoutNewlineIsJudgedAndEmptyInputPrintsNothing() throws Exception {
		patterns("npm *\n");
		assertEquals(1, run("npm test", dir.resolve("patterns.txt").toString()).out().size());
		Result empty = run("", dir.resolve("patterns.txt").toString());
		assertEquals(0, empty.status());
		assertTrue(empty.out().isEmpty());
	}

	@Test
	void badArgumentsExitWithTwoAndUsage() throws Exception {
		Path file = patterns("npm *\n");
		for (String[] args : List.of(new String[0], new String[] { "--workspace" },
				new String[] { "--frobnicate", file.toString() }, new String[] { file.toString(), file.toString() },
				new String[] { dir.resolve("missing.txt").toString() },
				new String[] { "--workspace", dir.resolve("nowhere").toString(), file.toString() })) {
			Result result = run("npm test\n", args);
			assertEquals(2, result.status(), String.join(" ", args));
			assertTrue(result.err().contains("usage: trust-check"), result.err());
			assertTrue(result.out().isEmpty());
		}
	}

	@Test
	void invalidPatternFileExitsWithTwoAndNamesTheLine() throws Exception {
		patterns("npm *\nnpm*\n");
		Result result = run("npm test\n", dir.resolve("patterns.txt").toString());
		assertEquals(2, result.status());
		assertTrue(result.err().contains("line 2"), result.err());
	}

	@Test
	void factsFileAddsAnAdministratorsFactsAndBadOnesExitTwo() throws Exception {
		Path file = patterns("deployctl *\n");
		Path facts = Files.writeString(dir.resolve("facts.txt"), "deployctl --hook= runs | runs a hook script\n");
		Result without = run("deployctl --hook=/tmp/x\n", "--workspace", dir.toString(), file.toString());
		assertEquals(List.of("TRUSTED\tcovered by `deployctl *`"), without.out());
		Result with = run("deployctl --hook=/tmp/x\ndeployctl status\n", "--workspace", dir.toString(), "--facts",
				facts.toString(), file.toString());
		assertEquals(0, with.status());
		assertTrue(with.out().get(0).startsWith("ASK\t") && with.out().get(0).contains("runs a hook script"),
				with.out().toString());
		assertEquals("TRUSTED\tcovered by `deployctl *`", with.out().get(1));
		Path bad = Files.writeString(dir.resolve("bad.txt"), "deployctl --hook= flies\n");
		Result invalid = run("deployctl\n", "--facts=" + bad, file.toString());
		assertEquals(2, invalid.status());
		assertTrue(invalid.err().contains("bad.txt line 1"), invalid.err());
		assertEquals(2, run("", "--facts", dir.resolve("missing.txt").toString(), file.toString()).status());
	}
}
