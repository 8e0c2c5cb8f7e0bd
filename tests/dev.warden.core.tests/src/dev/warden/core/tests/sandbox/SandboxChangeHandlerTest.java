package dev.warden.core.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandApproval;
import dev.warden.core.agent.GatewayDecision;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.internal.agent.SandboxChangeHandler;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.ChangeSink;
import dev.warden.core.tools.CommandRequest;
import dev.warden.core.tools.ProposedChange;

/**
 * A sandboxed command's changes go the way of the agent's edits: text changes as proposed changes to the session's
 * sink (after review in Supervised mode, only the files the user accepted), the rest written inside a command watch in
 * Autopilot and held back in Supervised mode.
 */
@EnabledOnOs(OS.LINUX)
class SandboxChangeHandlerTest {

	@TempDir
	Path base;

	SandboxFixture fixture;
	Sandbox sandbox;
	final List<ProposedChange> proposed = new ArrayList<>();
	final List<List<ProposedChange>> reviewed = new ArrayList<>();
	final List<String> steps = new ArrayList<>();
	final AtomicInteger watches = new AtomicInteger();

	static final String COMMAND = "echo new > t.txt; echo more >> a.txt; printf 'x\\000y' > b.bin; chmod 755 tool.sh";

	@BeforeEach
	void setUp() throws IOException {
		sandbox = SandboxFixture.requireSandbox();
		fixture = SandboxFixture.create(base);
		SandboxFixture.write(fixture.root.resolve("a.txt"), "alpha\n");
		SandboxFixture.write(fixture.root.resolve("tool.sh"), "echo tool\n");
	}

	private List<String> handle(Mode mode, Approval answer) throws Exception {
		Approvals approvals = new Approvals() {
			@Override
			public CompletableFuture<CommandApproval> approveCommand(ToolInvocation invocation,
					GatewayDecision decision) {
				throw new AssertionError("not asked here");
			}

			@Override
			public CompletableFuture<Approval> reviewChanges(ToolInvocation invocation, List<ProposedChange> changes) {
				assertEquals(COMMAND, invocation.subject());
				reviewed.add(changes);
				return CompletableFuture.completedFuture(answer);
			}

			@Override
			public CompletableFuture<Approval> approveAction(ToolInvocation invocation, String reason) {
				throw new AssertionError("not asked here");
			}

			@Override
			public CompletableFuture<String> answerQuestion(String question, List<String> choices) {
				throw new AssertionError("not asked here");
			}
		};
		ChangeSink sink = new ChangeSink() {
			@Override
			public ChangeOutcome apply(ProposedChange change) {
				throw new AssertionError("a command's changes are applied as one step");
			}

			@Override
			public List<ChangeOutcome> applyAll(String name, List<ProposedChange> changes) {
				steps.add(name);
				proposed.addAll(changes);
				return changes.stream().map(change -> ChangeOutcome.applied("Applied " + change.path() + '.')).toList();
			}
		};
		SandboxChangeHandler handler = new SandboxChangeHandler(sink, approvals, () -> mode, () -> {
			watches.incrementAndGet();
			return () -> {
			};
		}, false);
		try (SandboxResult result = sandbox.run(fixture.spec(),
				new CommandRequest(COMMAND, fixture.root, Duration.ofSeconds(30), 10_000), fixture.environment(),
				chunk -> {
				}, new Cancellation())) {
			return handler.handle(COMMAND, result);
		}
	}

	@Test
	void autopilotSendsTextChangesToTheSinkAndWritesTheRestInsideAWatch() throws Exception {
		List<String> lines = handle(Mode.AUTOPILOT, null);
		assertEquals(List.of(), reviewed);
		assertEquals(List.of("Command: " + COMMAND), steps, "one step, named after the command");
		assertEquals(2, proposed.size(), proposed.toString());
		ProposedChange modified = proposed.get(0);
		assertEquals("a.txt", modified.path());
		assertEquals("alpha\n", modified.oldContent());
		assertEquals("alpha\nmore\n", modified.newContent());
		ProposedChange created = proposed.get(1);
		assertEquals("t.txt", created.path());
		assertNull(created.oldContent());
		assertEquals(1, watches.get());
		assertEquals("x\0y", Files.readString(fixture.root.resolve("b.bin")));
		assertTrue(Files.isExecutable(fixture.root.resolve("tool.sh")));
		assertFalse(Files.exists(fixture.root.resolve("t.txt")), "text changes go through the sink only");
		assertTrue(lines.contains("Applied a.txt."), lines.toString());
	}

	@Test
	void supervisedAppliesOnlyWhatTheUserAcceptedAndHoldsBackWhatItCannotShow() throws Exception {
		List<String> lines = handle(Mode.SUPERVISED, Approval.only(Set.of("t.txt"), "not a.txt"));
		assertEquals(1, reviewed.size());
		assertEquals(List.of("a.txt", "t.txt"), reviewed.get(0).stream().map(ProposedChange::path).toList());
		assertEquals(List.of("t.txt"), proposed.stream().map(ProposedChange::path).toList());
		assertEquals(List.of("Command: " + COMMAND), steps);
		assertFalse(Files.exists(fixture.root.resolve("b.bin")));
		assertFalse(Files.isExecutable(fixture.root.resolve("tool.sh")));
		assertTrue(lines.stream().anyMatch(l -> l.contains("Not applied, because Supervised mode reviews text")
				&& l.contains("b.bin") && l.contains("tool.sh")), lines.toString());
		assertTrue(lines.stream().anyMatch(l -> l.contains("the user left it out") && l.contains("a.txt")),
				lines.toString());
	}

	@Test
	void supervisedRejectionAppliesNothing() throws Exception {
		List<String> lines = handle(Mode.SUPERVISED, Approval.reject("no thanks"));
		assertEquals(List.of(), proposed);
		assertEquals(List.of(), steps, "nothing to apply, no step");
		assertTrue(lines.stream().anyMatch(l -> l.contains("did not accept") && l.contains("no thanks")),
				lines.toString());
		assertEquals("alpha\n", Files.readString(fixture.root.resolve("a.txt")));
	}
}
