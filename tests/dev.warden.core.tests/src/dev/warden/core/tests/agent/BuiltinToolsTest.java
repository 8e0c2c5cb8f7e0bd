package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.Mode;
import dev.warden.core.internal.agent.ToolDispatcher;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.tools.BuiltinTools;
import dev.warden.core.tools.ToolOutput;

/** The built-in tools, called the way the agent calls them: through the dispatcher and the policy gateway. */
class BuiltinToolsTest {

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

	private ToolOutput call(String tool, String arguments) {
		return call(tool, arguments, Mode.AUTOPILOT);
	}

	private ToolOutput call(String tool, String arguments, Mode mode) {
		return dispatcher.dispatch(new ToolCall("call_1", tool, arguments), mode, AgentListener.NONE,
				new Cancellation());
	}

	@Test
	void aPathThatStartsWithTheProjectsNameMeansThePathInsideIt() throws Exception {
		workspace.write("src/hello.txt", "Hello\n");
		String project = root.getFileName().toString();

		ToolOutput read = call("read_file", "{\"path\": \"" + project + "/src/hello.txt\"}");
		assertFalse(read.error(), read.content());
		assertTrue(read.content().contains("Hello"), read.content());
		assertTrue(workspace.trail().contains("file.read ALLOWED src/hello.txt"), "gateway and audit see one spelling: "
				+ workspace.trail());

		ToolOutput edit = call("edit_file", "{\"path\": \"" + project + "/src/hello.txt\", \"old_string\": \"Hello\","
				+ " \"new_string\": \"Goodbye\"}");
		assertFalse(edit.error(), edit.content());
		assertEquals("Goodbye\n", workspace.read("src/hello.txt"));

		ToolOutput climbing = call("read_file", "{\"path\": \"" + project + "/../" + project + "/src/hello.txt\"}");
		assertTrue(climbing.error(), "a path that climbs is never respelled: " + climbing.content());
	}

	@Test
	void aFolderNamedLikeTheProjectKeepsItsOwnPaths() throws Exception {
		String project = root.getFileName().toString();
		workspace.write(project + "/notes.txt", "inner\n");
		workspace.write("notes.txt", "outer\n");

		ToolOutput read = call("read_file", "{\"path\": \"" + project + "/notes.txt\"}");
		assertFalse(read.error(), read.content());
		assertTrue(read.content().contains("inner"), "the path means the folder of that name: " + read.content());
	}

	static Stream<Arguments> editCases() throws Exception {
		List<Arguments> cases = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(
				BuiltinToolsTest.class.getResourceAsStream("edit-cases.tsv"), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t", -1);
				cases.add(Arguments.of(columns[0], unescape(columns[1]), columns[2], unescape(columns[3])));
			}
		}
		return cases.stream();
	}

	private static String unescape(String text) {
		return text.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("editCases")
	void editFileAppliesOnlyExactUniqueMatches(String name, String content, String arguments, String expected)
			throws Exception {
		workspace.write("f.txt", content);
		JsonObject args = JsonParser.parseString(arguments).getAsJsonObject();
		args.addProperty("path", "f.txt");
		ToolOutput output = call("edit_file", args.toString());
		if (expected.startsWith("ERROR:")) {
			assertTrue(output.error(), output.content());
			assertTrue(output.content().contains(expected.substring(6)), output.content());
			assertEquals(content, workspace.read("f.txt"), "a failed edit changes nothing");
		} else {
			assertFalse(output.error(), output.content());
			assertEquals(expected, workspace.read("f.txt"));
		}
	}

	@Test
	void readFilePagesLargeFilesWithAContinuationMarker() throws Exception {
		StringBuilder text = new StringBuilder();
		for (int i = 1; i <= 1200; i++) {
			text.append("line ").append(i).append('\n');
		}
		workspace.write("big.txt", text.toString());
		ToolOutput first = call("read_file", "{\"path\":\"big.txt\"}");
		assertTrue(first.content().startsWith("big.txt, lines 1-500 of 1200:\n1\tline 1\n"), first.content());
		assertTrue(first.content().endsWith("[truncated: lines 501-1200 not shown; call read_file with start_line=501 to continue]"));
		ToolOutput range = call("read_file", "{\"path\":\"big.txt\",\"start_line\":1199,\"end_line\":1300}");
		assertEquals("big.txt, lines 1199-1200 of 1200:\n1199\tline 1199\n1200\tline 1200\n", range.content());
		ToolOutput past = call("read_file", "{\"path\":\"big.txt\",\"start_line\":5000}");
		assertTrue(past.error());
	}

	@Test
	void pathsOutsideTheWorkspaceOrHiddenAreRefused() throws Exception {
		workspace.write(".git/HEAD", "ref: main\n");
		Files.writeString(root.getParent().resolve("outside-" + root.getFileName() + ".txt"), "secret");
		assertTrue(call("read_file", "{\"path\":\"../outside.txt\"}").content().contains("lies outside the workspace"));
		assertTrue(call("read_file", "{\"path\":\".git/HEAD\"}").content().contains("hidden"));
		assertTrue(call("read_file", "{\"path\":\"/etc/passwd\"}").content().contains("outside the workspace"));
		Files.createSymbolicLink(root.resolve("link"), root.getParent());
		assertTrue(call("list_files", "{\"path\":\"link\"}").content().contains("leads out of the workspace"));
		ToolOutput refused = call("write_file", "{\"path\":\"conf/secret.properties\",\"content\":\"x\"}");
		assertTrue(refused.content().startsWith("Warden's policy refused this call: secret files are protected"),
				refused.content());
		assertFalse(Files.exists(root.resolve("conf/secret.properties")));
	}

	@Test
	void listFilesHonoursGlobAndDepth() throws Exception {
		workspace.write("src/a/A.java", "class A {}");
		workspace.write("src/a/b/B.java", "class B {}");
		workspace.write("src/notes.txt", "n");
		String all = call("list_files", "{\"glob\":\"*.java\"}").content();
		assertTrue(all.contains("src/a/A.java (10 B)") && all.contains("src/a/b/B.java"), all);
		assertFalse(all.contains("notes.txt"), all);
		String shallow = call("list_files", "{\"path\":\"src\",\"depth\":1}").content();
		assertEquals("2 entries in src (depth 1):\nsrc/a/\nsrc/notes.txt (1 B)\n", shallow);
	}

	@Test
	void searchTextFindsRegexAndLiteralMatchesAndStopsAtTheLimit() throws Exception {
		workspace.write("src/A.java", "int count = 1;\nString s = \"a.b\";\n");
		workspace.write("src/B.java", "int count = 2;\n");
		workspace.write("bin/data.bin", "\0\0binary count");
		String regex = call("search_text", "{\"pattern\":\"count = \\\\d\",\"glob\":\"*.java\"}").content();
		assertEquals("2 matches in 2 files:\nsrc/A.java:1: int count = 1;\nsrc/B.java:1: int count = 2;\n", regex);
		String literal = call("search_text", "{\"pattern\":\"a.b\",\"literal\":true}").content();
		assertTrue(literal.startsWith("1 match in 1 file (1 binary, non-UTF-8 or large files skipped):"), literal);
		String limited = call("search_text", "{\"pattern\":\"count\",\"max_results\":1}").content();
		assertTrue(limited.contains("[truncated: stopped at max_results=1"), limited);
		assertTrue(call("search_text", "{\"pattern\":\"(\"}").content().contains("not a valid regular expression"));
	}

	@Test
	void writeAndDeleteFileGoThroughTheChangeSink() throws Exception {
		assertEquals("Created notes/new.txt.", call("write_file", "{\"path\":\"notes/new.txt\",\"content\":\"hi\"}").content());
		assertEquals("hi", workspace.read("notes/new.txt"));
		assertEquals("Deleted notes/new.txt.", call("delete_file", "{\"path\":\"notes/new.txt\"}").content());
		assertFalse(Files.exists(root.resolve("notes/new.txt")));
		assertTrue(call("delete_file", "{\"path\":\"notes\"}").content().contains("is a directory"));
	}

	@Test
	void refusedCommandNeverRuns() throws Exception {
		ToolOutput output = call("run_command", "{\"command\":\"rm -rf x; touch ran\"}");
		assertTrue(output.error());
		assertTrue(output.content().contains("rm is refused by the test rules"), output.content());
		assertFalse(Files.exists(root.resolve("ran")));
		assertEquals(List.of("command REFUSED rm -rf x; touch ran"), workspace.trail());
	}

	@Test
	void deniedCommandAsksWithTheReasonItWasFlaggedAndRunsOnlyIfApproved() throws Exception {
		workspace.commandAnswer = dev.warden.core.agent.CommandApproval.reject("");
		ToolOutput rejected = call("run_command", "{\"command\":\"sudo touch ran\"}");
		assertTrue(rejected.error(), rejected.content());
		assertFalse(Files.exists(root.resolve("ran")));
		assertTrue(workspace.approvalRequests.get(0).contains("Flagged by a deny rule: sudo is on the test deny list"),
				workspace.approvalRequests.toString());
	}

	@Test
	void rejectedCommandNeverRunsAndTheReasonReachesTheModel() throws Exception {
		workspace.commandAnswer = dev.warden.core.agent.CommandApproval.reject("not now");
		ToolOutput output = call("run_command", "{\"command\":\"touch ran\"}");
		assertEquals("The user rejected this call: not now Nothing was done.", output.content());
		assertFalse(Files.exists(root.resolve("ran")));
	}

	@Test
	void alwaysTrustRunsAndIsRememberedForTheNextCall() throws Exception {
		workspace.commandAnswer = dev.warden.core.agent.CommandApproval.alwaysTrust();
		assertFalse(call("run_command", "{\"command\":\"echo hi\"}").error());
		assertFalse(call("run_command", "{\"command\":\"echo hi\"}").error());
		assertEquals(1, workspace.approvalRequests.size(), "the second call was trusted without asking");
		assertEquals(List.of("command ASK echo hi", "approval TRUSTED echo hi", "command DONE echo hi",
				"command ALLOWED echo hi", "command DONE echo hi"), workspace.trail());
	}

	@Test
	void runCommandReportsFailureExitCodes() {
		workspace.trusted.add("exit 4");
		ToolOutput output = call("run_command", "{\"command\":\"exit 4\"}");
		assertTrue(output.error());
		assertEquals("Exit code: 4\nOutput:\n(no output)", output.content());
	}

	@Test
	void askUserIsRefusedInAutopilotAndAnsweredInSupervisedMode() {
		ToolOutput autopilot = call("ask_user", "{\"question\":\"Which module?\"}");
		assertTrue(autopilot.error());
		assertTrue(autopilot.content().contains("Make a reasonable assumption"), autopilot.content());
		workspace.questionAnswer = "the core";
		ToolOutput supervised = call("ask_user", "{\"question\":\"Which module?\",\"choices\":[\"core\",\"ui\"]}",
				Mode.SUPERVISED);
		assertEquals("The user answered: the core", supervised.content());
		assertEquals(List.of("question: Which module? [core, ui]"), workspace.approvalRequests);
	}

	@Test
	void fetchUrlIsRefusedByTheUrlRules() {
		ToolOutput output = call("fetch_url", "{\"url\":\"https://example.org/\"}");
		assertTrue(output.content().contains("Fetching URLs is switched off."), output.content());
	}

	@Test
	void resultsAreCappedWithAMarker() throws Exception {
		workspace.write("wide.txt", "x".repeat(100_000));
		ToolOutput output = call("read_file", "{\"path\":\"wide.txt\"}");
		assertTrue(output.content().contains("[line truncated: 100000 characters]"), output.content());
		assertTrue(output.content().length() < 40_000);
	}
}
