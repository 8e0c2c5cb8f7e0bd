package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import com.google.gson.JsonObject;

import dev.warden.core.agent.AgentFactory;
import dev.warden.core.agent.AgentScope;
import dev.warden.core.agent.AgentSession;
import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandApproval;
import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.GatewayDecision;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;
import dev.warden.core.agent.SessionChanges;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.agent.TurnResult;
import dev.warden.core.agent.WorkspaceState;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditReader;
import dev.warden.core.changes.ChangeKind;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.TouchedFile;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.settings.ModelSettings;
import dev.warden.core.settings.ProtectionSettings;
import dev.warden.core.settings.TrustSettings;
import dev.warden.core.tests.provider.LoopbackModelServer;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.tools.Tool;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PartStatus;

/**
 * A whole agent turn — list, read, edit, a command that needs approval, an answer — with the agent built from the
 * core's OSGi services alone (settings, agent factory, workspace state), in a real workspace project, against a
 * loopback server speaking the Anthropic protocol. No workbench.
 */
class AgentFromServicesTest {

	private static final String PROJECT = "agent-from-services";

	private final BundleContext context = FrameworkUtil.getBundle(AgentFactory.class).getBundleContext();
	private final List<ServiceReference<?>> taken = new ArrayList<>();
	private LoopbackModelServer server;
	private IProject project;
	private ModelSettings model;
	private ModelSettings.Values modelBefore;
	private TrustSettings trust;
	private String trustBefore;
	private ProtectionSettings protection;
	private ModeService modes;
	private Mode modeBefore;

	private <T> T service(Class<T> type) {
		ServiceReference<T> reference = context.getServiceReference(type);
		assertNotNull(reference, "the core registers a " + type.getSimpleName() + " service");
		taken.add(reference);
		return context.getService(reference);
	}

	@BeforeEach
	void setUp() throws Exception {
		server = new LoopbackModelServer();
		project = ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT);
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		IFile hello = project.getFile("src/hello.txt");
		if (!hello.getParent().exists()) {
			((org.eclipse.core.resources.IFolder) hello.getParent()).create(true, true, null);
		}
		hello.create(new ByteArrayInputStream("Hello, world\n".getBytes(StandardCharsets.UTF_8)), true, null);
		project.getFile("README.md").create(new ByteArrayInputStream("A test project\n".getBytes(StandardCharsets.UTF_8)),
				true, null);

		model = service(ModelSettings.class);
		modelBefore = model.load();
		model.save(new ModelSettings.Values(ProviderPreset.ANTHROPIC, server.baseUrl(), "claude-sonnet-4-5", 1024, null,
				(int) ProviderConfig.DEFAULT_REQUEST_TIMEOUT.toSeconds()));
		trust = service(TrustSettings.class);
		trustBefore = trust.workspaceText();
		trust.saveWorkspaceText("cat *\n");
		protection = service(ProtectionSettings.class);
		protection.setProjectTrusted(PROJECT, true);
		modes = service(ModeService.class);
		modeBefore = modes.getMode();
		modes.setMode(Mode.AUTOPILOT);
	}

	@AfterEach
	void tearDown() throws Exception {
		server.close();
		model.save(modelBefore);
		trust.saveWorkspaceText(trustBefore);
		protection.setProjectTrusted(PROJECT, false);
		modes.setMode(modeBefore);
		project.delete(true, true, new NullProgressMonitor());
		taken.forEach(context::ungetService);
	}

	@Test
	void aTurnReadsEditsAndRunsAnApprovedCommandWithTheAgentBuiltFromCoreServices() throws Exception {
		server.then(LoopbackModelServer.sse(AgentFromServicesTest.class, "e2e-1-list.sse"))
				.then(LoopbackModelServer.sse(AgentFromServicesTest.class, "e2e-2-read.sse"))
				.then(LoopbackModelServer.sse(AgentFromServicesTest.class, "e2e-3-edit.sse"))
				.then(LoopbackModelServer.sse(AgentFromServicesTest.class, "e2e-4-run.sse"))
				.then(LoopbackModelServer.sse(AgentFromServicesTest.class, "e2e-5-final.sse"));
		AgentFactory factory = service(AgentFactory.class);
		WorkspaceState state = service(WorkspaceState.class);

		AgentScope scope = AgentScope.of(List.of(project), protection);
		assertEquals(List.of(project), scope.projects(), "the trusted project is in scope");
		Conversation conversation = Conversation.start();
		ChangeSession journal = state.changeStore().openSession(conversation.id(), "services turn");
		List<Long> applied = new CopyOnWriteArrayList<>();
		SessionChanges changes = factory.journalChanges(journal, () -> {
		}, applied::addAll);
		RecordingApprovals approvals = new RecordingApprovals();
		AgentSetup setup = factory.create(scope, approvals, state.auditLog(conversation.id()), changes);

		AgentSession session = new AgentSession(setup, conversation, state.conversations());
		TurnResult result = session.prompt("Change the greeting to goodbye and build.",
				new AgentLoopEndToEndTest.Events(), new Cancellation());

		assertEquals(TurnResult.Outcome.COMPLETED, result.outcome());
		assertEquals("Done: the greeting now says goodbye and the build ran.", result.text());

		// the edit went through the journal as a refactoring change, and the command ran in the project
		project.refreshLocal(IResource.DEPTH_INFINITE, null);
		Path root = project.getLocation().toFile().toPath();
		assertEquals("Goodbye, world\n", Files.readString(root.resolve("src/hello.txt")));
		assertEquals("built\n", Files.readString(root.resolve("out.txt")));
		assertFalse(applied.isEmpty(), "the edit's journal records were reported");
		TouchedFile hello = journal.touchedFiles().stream().filter(f -> f.path().endsWith("src/hello.txt")).findFirst()
				.orElseThrow();
		assertEquals(ChangeKind.MODIFIED, hello.kind());

		// one verdict: the approval request carries the gateway's judgement of the line, parts and patterns to offer
		assertEquals(1, approvals.commands.size());
		GatewayDecision decision = approvals.commands.get(0);
		CommandVerdict verdict = decision.commandVerdict().orElseThrow();
		assertEquals("cat src/hello.txt && echo built > out.txt", verdict.commandLine());
		List<CommandPart> parts = verdict.parts();
		assertEquals(2, parts.size(), parts.toString());
		assertEquals(PartStatus.COVERED, parts.get(0).status());
		assertEquals("cat *", parts.get(0).pattern().orElseThrow());
		assertEquals(PartStatus.NOT_COVERED, parts.get(1).status());
		assertEquals(List.of("echo built"), verdict.suggestions().stream().map(s -> s.pattern()).toList());
		assertEquals(verdict.reason(), decision.reason());

		// the audit trail of the session, written where the workspace keeps it
		List<String> trail = AuditReader.read(state.auditDirectory()).events().stream()
				.filter(e -> conversation.id().equals(e.sessionId()))
				.map((AuditEvent e) -> e.kind() + ' ' + e.verdict()).toList();
		assertTrue(trail.containsAll(List.of("file.write ALLOWED", "file.write DONE", "command ASK", "approval APPROVED",
				"command DONE")), trail.toString());

		// and the conversation was saved by the workspace's store
		assertTrue(state.conversations().load(conversation.id()).isPresent());
	}

	@Test
	void aCommandIsJudgedByTheListsOfTheProjectItRunsIn() throws Exception {
		IProject other = ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT + "-other");
		other.create(null);
		other.open(null);
		try {
			protection.setProjectTrusted(other.getName(), true);
			// the first project shares `make *`, accepted by the user; the other shares nothing
			trust.saveProjectText(project, "make *\n");
			trust.accept(project, trust.projectList(project));
			AgentSetup setup = service(AgentFactory.class).create(AgentScope.of(List.of(project, other), protection),
					new RecordingApprovals(), null, service(AgentFactory.class).journalChanges(
							service(WorkspaceState.class).changeStore().openSession("judged-per-project", "per project"),
							() -> {
							}, ids -> {
							}));

			assertEquals(GatewayDecision.Verdict.ALLOW, decide(setup, "make all", PROJECT).verdict());
			assertEquals(GatewayDecision.Verdict.ASK, decide(setup, "make all", other.getName()).verdict(),
					"the other project's lists do not trust make");
			assertEquals(GatewayDecision.Verdict.ASK, decide(setup, "make all", other.getName() + "/").verdict());
			assertEquals(GatewayDecision.Verdict.ALLOW, decide(setup, "make all", ".").verdict(),
					"without cwd, commands run (and are judged) in the first project");
		} finally {
			protection.setProjectTrusted(other.getName(), false);
			trust.revokeAcceptance(project);
			other.delete(true, true, null);
		}
	}

	private static GatewayDecision decide(AgentSetup setup, String command, String cwd) throws Exception {
		Tool run = setup.tools().stream().filter(t -> t.spec().name().equals("run_command")).findFirst().orElseThrow();
		JsonObject arguments = new JsonObject();
		arguments.addProperty("command", command);
		arguments.addProperty("cwd", cwd);
		ToolArguments parsed = ToolArguments.parse("run_command", arguments.toString(), run.spec().schema());
		return setup.gateway().decide(new ToolInvocation("s", "c", "run_command", run.capabilities(), command, parsed),
				Mode.AUTOPILOT);
	}

	/** Answers as a user would: runs the command once, and keeps what it was asked. */
	private static final class RecordingApprovals implements Approvals {

		final List<GatewayDecision> commands = new CopyOnWriteArrayList<>();

		@Override
		public CompletableFuture<CommandApproval> approveCommand(ToolInvocation invocation, GatewayDecision decision) {
			commands.add(decision);
			return CompletableFuture.completedFuture(CommandApproval.runOnce());
		}

		@Override
		public CompletableFuture<Approval> reviewChanges(ToolInvocation invocation, List<ProposedChange> changes) {
			return CompletableFuture.completedFuture(Approval.approve());
		}

		@Override
		public CompletableFuture<Approval> approveAction(ToolInvocation invocation, String reason) {
			return CompletableFuture.completedFuture(Approval.approve());
		}

		@Override
		public CompletableFuture<String> answerQuestion(String question, List<String> choices) {
			return CompletableFuture.completedFuture("");
		}
	}
}
