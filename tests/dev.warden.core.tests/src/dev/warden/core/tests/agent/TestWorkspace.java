package dev.warden.core.tests.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandApproval;
import dev.warden.core.agent.GatewayDecision;
import dev.warden.core.agent.CommandRules;
import dev.warden.core.agent.StandardToolGateway;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.agent.UrlRules;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.internal.tools.NioWorkspaceFiles;
import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.internal.tools.UnreviewedNioChangeSink;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.tools.ToolCapabilities;

/**
 * A real temporary workspace with the real file, change and command capabilities, an audit trail kept in memory,
 * and approvals answered from a script the way a user in the chat view would.
 */
final class TestWorkspace {

	final Path root;

	final NioWorkspaceFiles files;

	final ToolCapabilities capabilities;

	final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

	final AuditLog auditLog = audit::add;

	/** The command lines the policy trusts; everything else is asked, lines starting with "rm " are denied. */
	final List<String> trusted = new CopyOnWriteArrayList<>();

	final List<String> approvalRequests = new CopyOnWriteArrayList<>();

	volatile CommandApproval commandAnswer = CommandApproval.runOnce();

	volatile Approval reviewAnswer = Approval.approve();

	volatile String questionAnswer = "yes";

	TestWorkspace(Path root) {
		this.root = root;
		this.files = new NioWorkspaceFiles(root);
		this.capabilities = new ToolCapabilities(files, new UnreviewedNioChangeSink(files), new ProcessCommandRunner(),
				null);
	}

	void write(String path, String content) throws IOException {
		Path file = root.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
	}

	String read(String path) throws IOException {
		return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
	}

	StandardToolGateway gateway() {
		CommandRules commands = new CommandRules() {
			@Override
			public Verdict check(String commandLine) {
				if (commandLine.startsWith("rm ")) {
					return new Verdict(Level.REFUSED, "rm is refused by the test rules");
				}
				if (commandLine.startsWith("sudo ")) {
					return new Verdict(Level.DENIED, "sudo is on the test deny list");
				}
				return trusted.contains(commandLine) ? new Verdict(Level.TRUSTED, "trusted by the test")
						: new Verdict(Level.ASK, "not in the trusted commands");
			}

			@Override
			public void trust(String commandLine) {
				trusted.add(commandLine);
			}
		};
		return new StandardToolGateway(commands,
				(path, write) -> path.contains("secret") ? Optional.of("secret files are protected") : Optional.empty(),
				UrlRules.DENY_ALL);
	}

	Approvals approvals() {
		return new Approvals() {
			@Override
			public CompletableFuture<CommandApproval> approveCommand(ToolInvocation invocation, GatewayDecision decision) {
				approvalRequests.add("command: " + invocation.subject() + " (" + decision.reason() + ")");
				return CompletableFuture.completedFuture(commandAnswer);
			}

			@Override
			public CompletableFuture<Approval> reviewChanges(ToolInvocation invocation, List<ProposedChange> changes) {
				approvalRequests.add("review: " + changes.get(0).description());
				return CompletableFuture.completedFuture(reviewAnswer);
			}

			@Override
			public CompletableFuture<Approval> approveAction(ToolInvocation invocation, String reason) {
				approvalRequests.add("action: " + invocation.subject());
				return CompletableFuture.completedFuture(Approval.reject("not in this test"));
			}

			@Override
			public CompletableFuture<String> answerQuestion(String question, List<String> choices) {
				approvalRequests.add("question: " + question + " " + choices);
				return CompletableFuture.completedFuture(questionAnswer);
			}
		};
	}

	/** @return the audit trail as "kind verdict subject" lines */
	List<String> trail() {
		List<String> lines = new ArrayList<>();
		for (AuditEvent event : audit) {
			lines.add(event.kind() + ' ' + event.verdict() + ' ' + event.subject());
		}
		return lines;
	}
}
