package dev.warden.core.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.AgentSession;
import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandApproval;
import dev.warden.core.agent.CommandRules;
import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.GatewayDecision;
import dev.warden.core.agent.McpApproval;
import dev.warden.core.agent.McpCall;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.PathRules;
import dev.warden.core.agent.ResourceAttachment;
import dev.warden.core.agent.StandardToolGateway;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.agent.TurnResult;
import dev.warden.core.agent.UrlRules;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.internal.agent.ToolDispatcher;
import dev.warden.core.internal.mcp.McpToolSet;
import dev.warden.core.internal.mcp.StdioMcpConnection;
import dev.warden.core.internal.tools.NioWorkspaceFiles;
import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.internal.tools.UnreviewedNioChangeSink;
import dev.warden.core.mcp.McpResource;
import dev.warden.core.mcp.McpResourceContents;
import dev.warden.core.mcp.McpTrust;
import dev.warden.core.mcp.ToolPins;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.tests.provider.LoopbackModelServer;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.tools.Tool;
import dev.warden.core.tools.ToolCapabilities;
import dev.warden.core.tools.ToolOutput;

/**
 * Resources of the real reference server server-everything: listed and read by the client, and attached to a prompt,
 * where the read passes the gateway like a call of a tool of that server (asked unless trusted, audited as
 * {@code mcp.resource}) and its content reaches the model fenced as untrusted data.
 */
class McpResourcesTest {

	private static final String ARCHITECTURE = "demo://resource/static/document/architecture.md";

	@TempDir
	Path folder;

	private StdioMcpConnection everything;

	private LoopbackModelServer model;

	private final List<McpCall> asked = new CopyOnWriteArrayList<>();

	private final List<String> askedArguments = new CopyOnWriteArrayList<>();

	private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

	private final List<String> notices = new CopyOnWriteArrayList<>();

	private volatile boolean approve = true;

	private volatile McpTrust trust = McpTrust.none();

	@BeforeEach
	void setUp() throws Exception {
		everything = McpTestServers.start(McpTestServers.everything());
		model = new LoopbackModelServer();
	}

	@AfterEach
	void tearDown() {
		everything.close();
		model.close();
	}

	private static String architectureText() throws Exception {
		return Files.readString(McpTestServers.installed()
				.resolve("node_modules/@modelcontextprotocol/server-everything/dist/docs/architecture.md"));
	}

	@Test
	void serverEverythingListsItsDocumentsAndReadsOneAsText() throws Exception {
		assertTrue(everything.offersResources());
		Map<String, McpResource> byUri = everything.resources().stream()
				.collect(Collectors.toMap(McpResource::uri, r -> r));
		McpResource architecture = byUri.get(ARCHITECTURE);
		assertTrue(architecture != null, byUri.keySet()::toString);
		assertEquals("architecture.md", architecture.name());
		assertEquals("text/markdown", architecture.mimeType());
		assertTrue(architecture.description().contains("architecture.md"), architecture.description());

		McpResourceContents contents = everything.readResource(ARCHITECTURE, new Cancellation(), Duration.ofSeconds(30));
		assertEquals(ARCHITECTURE, contents.uri());
		assertEquals("text/markdown", contents.mimeType());
		assertEquals(architectureText(), contents.text());
	}

	private Approvals approvals() {
		return new Approvals() {
			@Override
			public CompletableFuture<CommandApproval> approveCommand(ToolInvocation invocation, GatewayDecision decision) {
				throw new AssertionError("no command here");
			}

			@Override
			public CompletableFuture<Approval> reviewChanges(ToolInvocation invocation, List<ProposedChange> changes) {
				throw new AssertionError("no change here");
			}

			@Override
			public CompletableFuture<Approval> approveAction(ToolInvocation invocation, String reason) {
				throw new AssertionError("a resource read is asked about on the MCP card");
			}

			@Override
			public CompletableFuture<McpApproval> approveMcpCall(ToolInvocation invocation, GatewayDecision decision) {
				asked.add(decision.mcpCall().orElseThrow());
				askedArguments.add(invocation.arguments().toJson());
				return CompletableFuture.completedFuture(approve ? McpApproval.runOnce() : McpApproval.reject("not that one"));
			}

			@Override
			public CompletableFuture<String> answerQuestion(String question, List<String> choices) {
				throw new AssertionError("no question here");
			}
		};
	}

	private AgentSetup setup(McpToolSet set, ModelProvider provider) throws Exception {
		NioWorkspaceFiles files = new NioWorkspaceFiles(Files.createDirectories(folder.resolve("ws")));
		ToolCapabilities capabilities = new ToolCapabilities(files, new UnreviewedNioChangeSink(files),
				new ProcessCommandRunner(), null);
		StandardToolGateway gateway = new StandardToolGateway(noCommands(), PathRules.ALLOW_ALL, UrlRules.DENY_ALL, set);
		List<Tool> tools = new ArrayList<>(set.tools());
		tools.addAll(set.resourceReaders());
		return new AgentSetup(provider, tools, gateway, approvals(), capabilities, audit::add, () -> Mode.AUTOPILOT,
				null, 5);
	}

	private static CommandRules noCommands() {
		return new CommandRules() {
			@Override
			public Verdict check(String commandLine) {
				throw new AssertionError("no command here");
			}

			@Override
			public void trust(String commandLine) {
				throw new AssertionError("no command here");
			}
		};
	}

	private ModelProvider provider() throws Exception {
		return Providers.create(new ProviderConfig(ProviderKind.ANTHROPIC, model.baseUrl(), "claude-sonnet-4-5", 1024,
				null, Duration.ofSeconds(20), ApiKey.ofString("sk-ant-api03-RESOURCES-abcdefghijklmnop"),
				new RetryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1))));
	}

	private final AgentListener listener = new AgentListener() {
		@Override
		public void notice(String message) {
			notices.add(message);
		}
	};

	private List<String> trail() {
		return audit.stream().filter(e -> !e.kind().equals("mcp.pin"))
				.map(e -> e.kind() + ' ' + e.verdict() + ' ' + e.subject() + ' ' + e.actor()).toList();
	}

	/** The text of the first user message of a request to the Messages API. */
	private static String userText(JsonObject request) {
		JsonElement content = request.getAsJsonArray("messages").get(0).getAsJsonObject().get("content");
		if (content.isJsonPrimitive()) {
			return content.getAsString();
		}
		StringBuilder text = new StringBuilder();
		for (JsonElement block : content.getAsJsonArray()) {
			if (block.getAsJsonObject().has("text")) {
				text.append(block.getAsJsonObject().get("text").getAsString());
			}
		}
		return text.toString();
	}

	@Test
	void anAttachedResourceIsAskedAboutReadAuditedAndSentWithThePromptAsUntrustedData() throws Exception {
		McpToolSet set = new McpToolSet(List.of(everything), () -> trust, ToolPins.inMemory(), Duration.ofSeconds(30));
		assertEquals(List.of("everything__resources_read"),
				set.resourceReaders().stream().map(t -> t.spec().name()).toList());
		model.then(LoopbackModelServer.sse(McpResourcesTest.class, "answer.sse"));
		try (ModelProvider provider = provider()) {
			AgentSession session = new AgentSession(setup(set, provider), Conversation.start(), null);
			TurnResult result = session.prompt("Summarize @everything:" + ARCHITECTURE,
					List.of(new ResourceAttachment("everything", ARCHITECTURE)), listener, new Cancellation());
			assertEquals(TurnResult.Outcome.COMPLETED, result.outcome(), result.message());
		}
		assertEquals(1, asked.size(), "asked once, on the MCP card");
		McpCall call = asked.get(0);
		assertTrue(call.isResourceRead());
		assertEquals("everything/resources:read", call.subject());
		assertEquals(List.of("everything/resources:read", "everything/*"), call.trustEntries());
		assertEquals("{\"uri\":\"" + ARCHITECTURE + "\"}", askedArguments.get(0));
		assertEquals(List.of("mcp.resource ASK everything/resources:read policy",
				"approval APPROVED everything/resources:read user", "mcp.resource DONE everything/resources:read agent"),
				trail());
		assertTrue(audit.get(0).detail().contains(ARCHITECTURE), "the audit trail names the resource read");

		String sent = userText(model.received().get(0).json());
		assertTrue(sent.startsWith("Summarize @everything:" + ARCHITECTURE + "\n\n"), sent);
		assertTrue(sent.contains(architectureText().strip()), "the resource's text is in the prompt: " + sent);
		assertTrue(sent.contains("The user attached the resource " + ARCHITECTURE + " of the MCP server everything"),
				sent);
		assertTrue(sent.contains("untrusted data from outside Warden") && sent.contains("<mcp-resource>"), sent);
		String request = model.received().get(0).json().toString();
		assertFalse(request.contains("everything__resources_read"), "the model is not offered the read: " + request);
		assertTrue(notices.isEmpty(), notices::toString);
	}

	@Test
	void aTrustedServerIsReadWithoutAskingAndARejectedReadIsNamedInThePromptThatIsSentAllTheSame() throws Exception {
		McpToolSet set = new McpToolSet(List.of(everything), () -> trust, ToolPins.inMemory(), Duration.ofSeconds(30));
		model.then(LoopbackModelServer.sse(McpResourcesTest.class, "answer.sse"))
				.then(LoopbackModelServer.sse(McpResourcesTest.class, "answer.sse"));
		try (ModelProvider provider = provider()) {
			AgentSetup setup = setup(set, provider);
			trust = McpTrust.parse("everything/*");
			new AgentSession(setup, Conversation.start(), null).prompt("Read it",
					List.of(new ResourceAttachment("everything", ARCHITECTURE)), listener, new Cancellation());
			assertTrue(asked.isEmpty(), "trusted: not asked");
			assertEquals(List.of("mcp.resource ALLOWED everything/resources:read policy",
					"mcp.resource DONE everything/resources:read agent"), trail());

			trust = McpTrust.none();
			approve = false;
			audit.clear();
			TurnResult result = new AgentSession(setup, Conversation.start(), null).prompt("Read it",
					List.of(new ResourceAttachment("everything", ARCHITECTURE)), listener, new Cancellation());
			assertEquals(TurnResult.Outcome.COMPLETED, result.outcome(), "the prompt is sent all the same");
			assertEquals(List.of("mcp.resource ASK everything/resources:read policy",
					"approval REJECTED everything/resources:read user"), trail());
			assertEquals(1, notices.size(), notices::toString);
			assertTrue(notices.get(0).startsWith("The resource " + ARCHITECTURE
					+ " of the MCP server everything was not attached: The user rejected this call: not that one"),
					notices.get(0));
			String sent = userText(model.received().get(1).json());
			assertTrue(sent.contains("was not attached"), sent);
			assertFalse(sent.contains("<mcp-resource>"), sent);
		}
	}

	@Test
	void theModelCannotCallTheReadItselfNorReadAResourceOfAServerThatIsNotRunning() throws Exception {
		McpToolSet set = new McpToolSet(List.of(everything), () -> McpTrust.parse("everything/*"), ToolPins.inMemory(),
				Duration.ofSeconds(30));
		List<Tool> tools = new ArrayList<>(set.tools());
		tools.addAll(set.resourceReaders());
		NioWorkspaceFiles files = new NioWorkspaceFiles(Files.createDirectories(folder.resolve("ws")));
		ToolDispatcher dispatcher = new ToolDispatcher("s1", tools,
				new StandardToolGateway(noCommands(), PathRules.ALLOW_ALL, UrlRules.DENY_ALL, set), approvals(),
				new ToolCapabilities(files, new UnreviewedNioChangeSink(files), new ProcessCommandRunner(), null),
				audit::add);
		ToolOutput byModel = dispatcher.dispatch(new ToolCall("c1", "everything__resources_read",
				"{\"uri\":\"" + ARCHITECTURE + "\"}"), Mode.AUTOPILOT, AgentListener.NONE, new Cancellation());
		assertTrue(byModel.error() && byModel.content().startsWith("There is no tool named 'everything__resources_read'"),
				byModel.content());

		ToolOutput otherServer = dispatcher.readResource("r1", "files", "file:///etc/passwd", Mode.AUTOPILOT,
				AgentListener.NONE, new Cancellation());
		assertEquals(ToolOutput.Outcome.REFUSED, otherServer.outcome(), otherServer.content());

		everything.close();
		ToolOutput stopped = dispatcher.readResource("r2", "everything", ARCHITECTURE, Mode.AUTOPILOT,
				AgentListener.NONE, new Cancellation());
		assertEquals(ToolOutput.Outcome.REFUSED, stopped.outcome(), stopped.content());
		assertTrue(stopped.content().contains("The MCP server 'everything' is not running."), stopped.content());
	}
}
