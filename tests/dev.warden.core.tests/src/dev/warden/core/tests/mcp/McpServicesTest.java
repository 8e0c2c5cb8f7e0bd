package dev.warden.core.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import dev.warden.core.agent.AgentFactory;
import dev.warden.core.agent.AgentScope;
import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.GatewayDecision;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.WorkspaceState;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.internal.mcp.McpSessionStarter;
import dev.warden.core.mcp.LaunchApprovals;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpLaunch;
import dev.warden.core.mcp.McpProjectConfig;
import dev.warden.core.mcp.McpConnection;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.mcp.McpServerState;
import dev.warden.core.mcp.McpServers;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.settings.McpSettings;
import dev.warden.core.settings.ModelSettings;
import dev.warden.core.settings.ProtectionSettings;
import dev.warden.core.tools.Capability;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.trust.Acceptance;

/**
 * The MCP services of the core in OSGi: a start waits for the user's approval of the exact command line, is
 * remembered, audited and stopped; a project's .mcp.json counts only as accepted; the agent factory offers the
 * running servers' tools under the gateway.
 */
class McpServicesTest {

	private static final String PROJECT = "mcp-services";

	@TempDir
	Path folder;

	private final BundleContext context = FrameworkUtil.getBundle(AgentFactory.class).getBundleContext();
	private final List<ServiceReference<?>> taken = new ArrayList<>();
	private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
	private final List<McpLaunch> asked = new CopyOnWriteArrayList<>();
	private McpServers servers;
	private McpSettings settings;
	private IProject project;

	private <T> T service(Class<T> type) {
		ServiceReference<T> reference = context.getServiceReference(type);
		assertNotNull(reference, "the core registers a " + type.getSimpleName() + " service");
		taken.add(reference);
		return context.getService(reference);
	}

	@BeforeEach
	void setUp() throws Exception {
		servers = service(McpServers.class);
		settings = service(McpSettings.class);
		// a fresh name each test: acceptances are kept by project name in the workspace
		project = ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT + '-' + System.nanoTime());
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
	}

	@AfterEach
	void tearDown() throws Exception {
		servers.running().forEach(server -> servers.stop(server.serverName(), audit::add));
		settings.saveTrustText("");
		project.delete(true, true, new NullProgressMonitor());
		taken.forEach(context::ungetService);
	}

	private LaunchApprovals answering(boolean approve) {
		return launch -> {
			asked.add(launch);
			return CompletableFuture.completedFuture(approve ? Approval.approve() : Approval.reject("not this one"));
		};
	}

	private McpServerConfig scripted(String mode) throws Exception {
		McpServerConfig config = McpTestServers.scripted(folder, mode);
		// a variable name unique to this run, so that an approval from an earlier run does not count
		return new McpServerConfig(config.name(), config.command(), config.arguments(),
				Map.of("RUN_" + System.nanoTime(), "1"));
	}

	private List<String> trail() {
		return audit.stream().map(e -> e.kind() + ' ' + e.verdict() + ' ' + e.actor()).toList();
	}

	@Test
	void aServerStartsOnlyAfterTheUserApprovedItsExactCommandLine() throws Exception {
		McpServerConfig config = scripted("plain");
		McpLaunch launch = new McpLaunch(config, "workspace settings");
		McpException refused = assertThrows(McpException.class,
				() -> servers.start(launch, answering(false), audit::add, new Cancellation()));
		assertEquals("The user did not allow the MCP server 'scripted' to start: not this one", refused.getMessage());
		assertEquals(List.of(), servers.running());
		assertEquals(1, asked.size());
		assertTrue(asked.get(0).config().commandLine().startsWith("node "), asked.get(0).config().commandLine());

		servers.start(launch, answering(true), audit::add, new Cancellation());
		assertEquals(1, servers.running().size());
		servers.stop("scripted", audit::add);
		assertEquals(List.of(), servers.running());

		servers.start(launch, LaunchApprovals.NONE, audit::add, new Cancellation());
		assertEquals(2, asked.size(), "the same launch is not asked about again");
		assertEquals(List.of("mcp.server ASK policy", "mcp.server REJECTED user", "mcp.server ASK policy",
				"mcp.server APPROVED user", "mcp.server STARTED agent", "mcp.server STOPPED user",
				"mcp.server APPROVED user", "mcp.server STARTED agent"), trail());

		McpServerConfig changed = new McpServerConfig(config.name(), config.command(),
				List.of(config.arguments().get(0), "huge"), config.environment());
		servers.stop("scripted", audit::add);
		assertThrows(McpException.class, () -> servers.start(new McpLaunch(changed, "workspace settings"),
				LaunchApprovals.NONE, audit::add, new Cancellation()), "another argument needs a new approval");
	}

	@Test
	void aProjectMcpJsonCountsOnlyInTheAcceptedForm() throws Exception {
		assertEquals(Acceptance.NOT_REQUIRED, settings.projectAcceptance(project));
		String json = "{\"mcpServers\":{\"scripted\":{\"command\":\"node\",\"args\":[\"server.js\"]}}}";
		IFile file = project.getFile(McpSettings.PROJECT_FILE);
		file.create(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), true, null);
		assertEquals(Acceptance.NOT_ACCEPTED, settings.projectAcceptance(project));
		assertEquals(List.of(), servers.acceptedProjectServers(project));

		McpProjectConfig shown = settings.projectConfig(project).orElseThrow();
		settings.acceptProjectConfig(project, shown);
		assertEquals(List.of("scripted"), servers.acceptedProjectServers(project).stream().map(McpServerConfig::name).toList());

		Files.writeString(file.getLocation().toPath(), json.replace("server.js", "evil.js"));
		assertEquals(Acceptance.CHANGED, settings.projectAcceptance(project));
		assertEquals(List.of(), servers.acceptedProjectServers(project));
	}

	@Test
	void beforeAPromptAnAcceptedProjectServerIsAskedAboutInTheChatThenStartsWithoutAsking() throws Exception {
		McpServerConfig scripted = scripted("plain");
		String variable = scripted.environmentNames().iterator().next();
		String json = "{\"mcpServers\":{\"scripted\":{\"command\":\"node\",\"args\":[\""
				+ scripted.arguments().get(0) + "\",\"plain\"],\"env\":{\"" + variable + "\":\"1\"}}}}";
		project.getFile(McpSettings.PROJECT_FILE).create(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
				true, null);
		McpSessionStarter starter = new McpSessionStarter(servers, settings, Runnable::run);
		List<String> questions = new CopyOnWriteArrayList<>();
		Approvals chat = actionsAnswered((invocation, reason) -> {
			questions.add(invocation.toolName() + ": " + invocation.subject() + " | " + reason);
			return Approval.approve();
		});
		Approvals rejecting = actionsAnswered((invocation, reason) -> {
			questions.add(invocation.toolName());
			return Approval.reject("no");
		});
		starter.prepare(List.of(project), rejecting, audit::add);
		assertEquals(List.of("accept_mcp_json"), questions, "the .mcp.json is shown first");
		assertEquals(List.of(), servers.running(), "a .mcp.json not accepted starts nothing");
		assertEquals(Acceptance.NOT_ACCEPTED, settings.projectAcceptance(project));
		questions.clear();

		// the background is inline here: the acceptance and then the start are asked in one go
		starter.prepare(List.of(project), chat, audit::add);
		assertEquals(2, questions.size(), questions::toString);
		assertTrue(questions.get(0).startsWith("accept_mcp_json: " + project.getName() + "/.mcp.json | The project "
				+ project.getName() + " shares MCP servers in .mcp.json. Accept exactly this content?\nscripted: node "),
				questions.get(0));
		assertEquals(Acceptance.ACCEPTED, settings.projectAcceptance(project), "the user accepted it in the chat");
		assertTrue(questions.get(1).startsWith("start_mcp_server: node " + scripted.arguments().get(0) + " plain | Start "
				+ "the MCP server 'scripted' (from project " + project.getName() + ", .mcp.json)? Starting it runs this command "
				+ "with the scrubbed environment and the variables " + variable), questions.get(1));
		assertEquals(1, servers.running().size());

		servers.stop("scripted", audit::add);
		starter.prepare(List.of(project), Approvals.NONE, audit::add);
		assertEquals(1, servers.running().size(), "approved before: started without asking");
		assertEquals(2, questions.size());
	}

	@Test
	void aStartTheChatRejectedIsNotAskedAgainInThatChatButInANewOne() throws Exception {
		// no variables: secure storage is not available to the headless tests (a fresh script path is a fresh launch)
		settings.saveWorkspaceServers(List.of(McpTestServers.scripted(folder, "plain")));
		try {
			McpSessionStarter starter = new McpSessionStarter(servers, settings, Runnable::run);
			List<String> questions = new CopyOnWriteArrayList<>();
			Approvals chat = actionsAnswered((invocation, reason) -> {
				questions.add(invocation.toolName());
				return Approval.reject("not now");
			});
			starter.prepare(List.of(project), chat, audit::add);
			starter.prepare(List.of(project), chat, audit::add);
			starter.prepare(List.of(project), chat, audit::add);
			assertEquals(List.of("start_mcp_server"), questions, "asked once in this chat, not at every prompt");
			assertEquals(List.of(), servers.running());

			Approvals newChat = actionsAnswered((invocation, reason) -> {
				questions.add("new chat " + invocation.toolName());
				return Approval.approve();
			});
			starter.prepare(List.of(project), newChat, audit::add);
			assertEquals(List.of("start_mcp_server", "new chat start_mcp_server"), questions);
			assertEquals(1, servers.running().size());
		} finally {
			settings.saveWorkspaceServers(List.of());
		}
	}

	@Test
	void theStateOfAServerSaysWhetherItRunsItsToolsOrWhyItFailed() throws Exception {
		McpServerConfig config = scripted("plain");
		assertEquals(McpServerState.Status.STOPPED, servers.state("scripted").status());
		servers.start(new McpLaunch(config, "workspace settings"), answering(true), audit::add, new Cancellation());
		McpServerState running = servers.state("scripted");
		assertEquals(McpServerState.Status.RUNNING, running.status());
		assertTrue(running.tools().stream().anyMatch(tool -> tool.name().equals("add")), running::toString);

		McpServerConfig broken = new McpServerConfig("broken", "node",
				List.of("-e", "process.stderr.write('cannot start: no token given\\n'); process.exit(2)"),
				config.environment());
		assertThrows(McpException.class, () -> servers.start(new McpLaunch(broken, "workspace settings"),
				answering(true), audit::add, new Cancellation()));
		McpServerState failed = servers.state("broken");
		assertEquals(McpServerState.Status.FAILED, failed.status());
		assertTrue(failed.detail().contains("cannot start: no token given"), failed.detail());

		McpConnection restarted = servers.restart(new McpLaunch(config, "workspace settings"), LaunchApprovals.NONE,
				audit::add, new Cancellation());
		assertTrue(restarted.isAlive());
		assertEquals(List.of("mcp.server STOPPED user", "mcp.server APPROVED user", "mcp.server STARTED agent"),
				trail().subList(trail().size() - 3, trail().size()), "a restart stops and starts, approved before");
		servers.stop("scripted", audit::add);
		assertEquals(McpServerState.Status.STOPPED, servers.state("scripted").status());
	}

	@Test
	void theAgentFactoryOffersTheRunningServersToolsUnderTheGateway() throws Exception {
		ModelSettings model = service(ModelSettings.class);
		ModelSettings.Values before = model.load();
		ProtectionSettings protection = service(ProtectionSettings.class);
		protection.setProjectTrusted(project.getName(), true);
		try {
			model.save(new ModelSettings.Values(ProviderPreset.ANTHROPIC, "http://127.0.0.1:9", "claude-sonnet-4-5",
					1024, null, (int) ProviderConfig.DEFAULT_REQUEST_TIMEOUT.toSeconds()));
			servers.start(new McpLaunch(scripted("plain"), "workspace settings"), answering(true), audit::add,
					new Cancellation());
			AgentFactory factory = service(AgentFactory.class);
			ChangeSession journal = service(WorkspaceState.class).changeStore()
					.openSession(Conversation.start().id(), "mcp");
			AgentSetup setup = factory.create(AgentScope.of(List.of(project), protection), Approvals.NONE, audit::add,
					factory.journalChanges(journal, () -> {
					}, applied -> {
					}));
			assertTrue(setup.tools().stream().anyMatch(t -> t.spec().name().equals("scripted__add")));
			ToolInvocation call = new ToolInvocation("s", "c", "scripted__add", Set.of(Capability.CALL_MCP_TOOLS),
					"scripted/add", ToolArguments.parseObject("scripted__add", "{\"a\":1,\"b\":2}"));
			assertEquals(GatewayDecision.Verdict.ASK, setup.gateway().decide(call, Mode.AUTOPILOT).verdict());
			settings.saveTrustText("scripted/*");
			settings.pins().pin("scripted", "add",
					servers.find("scripted").orElseThrow().tools().get(0).pinHash());
			assertEquals(GatewayDecision.Verdict.ALLOW, setup.gateway().decide(call, Mode.SUPERVISED).verdict());
		} finally {
			model.save(before);
			protection.setProjectTrusted(project.getName(), false);
		}
	}

	/** The chat as these tests need it: actions are answered by {@code answer}; anything else is not expected. */
	private static Approvals actionsAnswered(BiFunction<ToolInvocation, String, Approval> answer) {
		return new Approvals() {
			@Override
			public CompletableFuture<dev.warden.core.agent.CommandApproval> approveCommand(ToolInvocation invocation,
					GatewayDecision decision) {
				throw new AssertionError("not a command");
			}

			@Override
			public CompletableFuture<Approval> reviewChanges(ToolInvocation invocation,
					List<dev.warden.core.tools.ProposedChange> changes) {
				throw new AssertionError("not a change");
			}

			@Override
			public CompletableFuture<Approval> approveAction(ToolInvocation invocation, String reason) {
				return CompletableFuture.completedFuture(answer.apply(invocation, reason));
			}

			@Override
			public CompletableFuture<String> answerQuestion(String question, List<String> choices) {
				throw new AssertionError("not a question");
			}
		};
	}
}
