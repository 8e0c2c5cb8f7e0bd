package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.Mode;
import dev.warden.core.internal.agent.ToolDispatcher;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.tools.BuiltinTools;
import dev.warden.core.tools.ToolOutput;

/**
 * {@code search_text} matches each line on its own, as if it were the whole input: every pattern on every text here
 * gives exactly the lines that splitting the text at {@code \r\n}, {@code \r} and {@code \n} and matching each piece
 * gives, whether the search looks at the whole text first or goes line by line (anchors, lookaround, line ends of
 * every kind, an empty last line, a match that would span lines).
 */
class SearchTextLinesTest {

	private static final List<String> TEXTS = List.of("", "\n", "one\ntwo\n", "one\r\ntwo\r\n\r\nthree", "a\rb\r",
			"foo bar\nbar foo\n\nfoo\n", "x\n\n\n", "tab\tfoo  \n  foo\r\nfoo", "ünïcödé foo\nFOO\n",
			"end foo\nfoo end\nfoofoo\n");

	private static final List<String> PATTERNS = List.of("foo", "^foo", "foo$", "^$", "^", "$", "\\s+", "o\\s+t",
			"(?<=bar )foo", "foo(?! end)", "\\Afoo", "foo\\z", "\\bfoo\\b", "(?i)foo", "[^a-z]", ".*", "e\\R*t",
			"^\\s*$", "(?m)^t");

	@TempDir
	Path root;

	private TestWorkspace workspace;

	private ToolDispatcher dispatcher;

	@BeforeEach
	void setUp() {
		workspace = new TestWorkspace(root);
		dispatcher = new ToolDispatcher("s1", BuiltinTools.all(), workspace.gateway(), workspace.approvals(),
				workspace.capabilities, workspace.auditLog);
	}

	@Test
	void eachLineMatchesAsIfItWereTheWholeInput() throws Exception {
		for (int t = 0; t < TEXTS.size(); t++) {
			workspace.write("t" + t + ".txt", TEXTS.get(t));
		}
		for (String pattern : PATTERNS) {
			List<String> expected = new ArrayList<>();
			for (int t = 0; t < TEXTS.size(); t++) {
				String[] lines = TEXTS.get(t).split("\r\n|\r|\n", -1);
				for (int i = 0; i < lines.length; i++) {
					if (Pattern.compile(pattern).matcher(lines[i]).find()) {
						expected.add("t" + t + ".txt:" + (i + 1));
					}
				}
			}
			JsonObject arguments = new JsonObject();
			arguments.addProperty("pattern", pattern);
			arguments.addProperty("max_results", 1000);
			ToolOutput output = dispatcher.dispatch(new ToolCall("c", "search_text", arguments.toString()),
					Mode.AUTOPILOT, AgentListener.NONE, new Cancellation());
			assertFalse(output.error(), output.content());
			List<String> found = new ArrayList<>();
			for (String line : output.content().lines().skip(1).toList()) {
				int second = line.indexOf(':', line.indexOf(':') + 1);
				found.add(line.substring(0, second));
			}
			assertEquals(expected, found, "pattern " + pattern);
		}
	}

	@Test
	void eachMatchIsReportedAsItIsFound() throws Exception {
		workspace.write("a.txt", "foo\nbar\nfoo again\n");
		workspace.write("b.txt", "no\n");
		workspace.write("c.txt", "foo\n");
		List<String> reported = new ArrayList<>();
		ToolOutput output = dispatcher.dispatch(
				new ToolCall("c", "search_text", "{\"pattern\":\"foo\",\"max_results\":2}"), Mode.AUTOPILOT,
				new AgentListener() {
					@Override
					public void toolOutput(String callId, String chunk) {
						reported.add(chunk);
					}
				}, new Cancellation());
		assertEquals(List.of("a.txt:1: foo\n", "a.txt:3: foo again\n"), reported);
		assertEquals("""
				2 matches in 1 file:
				a.txt:1: foo
				a.txt:3: foo again
				[truncated: stopped at max_results=2; narrow the pattern, path or glob, or raise max_results]""",
				output.content());
	}
}
