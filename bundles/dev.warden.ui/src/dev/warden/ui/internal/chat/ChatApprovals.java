package dev.warden.ui.internal.chat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.eclipse.osgi.util.NLS;

import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandApproval;
import dev.warden.core.agent.GatewayDecision;
import dev.warden.core.agent.McpApproval;
import dev.warden.core.agent.McpCall;
import dev.warden.core.mcp.McpTrust;
import dev.warden.ui.internal.WardenServices;
import org.eclipse.core.runtime.ILog;
import org.osgi.service.prefs.BackingStoreException;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.Verdict;

/**
 * Asks the user in the conversation itself: each question of the agent becomes a card with its buttons, and the
 * agent waits (off the UI thread) for the card's answer. Stop cancels the pending answer.
 */
public final class ChatApprovals implements Approvals {

	private final ConversationViewer conversation;
	private final CommandApprovalCard.PatternSaver saver;
	private final BiFunction<ToolInvocation, List<ProposedChange>, CompletableFuture<Approval>> review;
	private final AtomicReference<Object> lastCard = new AtomicReference<>();
	private final java.util.function.Consumer<Runnable> ui;
	private final BooleanSupplier sandboxed;

	/**
	 * @param ui     runs an update on the UI thread in order with the agent's other events (the conversation's batcher)
	 * @param saver  saves the patterns ticked under Always trust…
	 * @param review reviews proposed file changes (Supervised mode); {@code null} asks with a plain card
	 * @param sandboxed whether commands run in a sandbox here, without network unless granted: then the command card
	 *                  offers Run once with network
	 */
	public ChatApprovals(ConversationViewer conversation, java.util.function.Consumer<Runnable> ui,
			CommandApprovalCard.PatternSaver saver,
			BiFunction<ToolInvocation, List<ProposedChange>, CompletableFuture<Approval>> review,
			BooleanSupplier sandboxed) {
		this.sandboxed = sandboxed;
		this.conversation = conversation;
		this.ui = ui;
		this.saver = saver;
		this.review = review;
	}

	@Override
	public CompletableFuture<CommandApproval> approveCommand(ToolInvocation invocation, GatewayDecision decision) {
		CompletableFuture<CommandApproval> answer = new CompletableFuture<>();
		// the gateway's verdict, shown as it is: the card never judges the line again
		CommandVerdict verdict = decision.commandVerdict().orElseGet(
				() -> new CommandVerdict(invocation.subject(), Verdict.ASK, decision.reason(), false, List.of()));
		show(parent -> new CommandApprovalCard(parent, verdict, decision.reason(), verdict.suggestions(), answer, saver,
				sandboxed.getAsBoolean()).control());
		return answer;
	}

	@Override
	public CompletableFuture<Approval> reviewChanges(ToolInvocation invocation, List<ProposedChange> changes) {
		if (review != null) {
			return review.apply(invocation, changes);
		}
		CompletableFuture<Approval> answer = new CompletableFuture<>();
		StringBuilder files = new StringBuilder();
		for (ProposedChange change : changes) {
			files.append(change.isCreation() ? "+ " : change.isDeletion() ? "\u2212 " : "~ ").append(change.path()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					.append('\n');
		}
		show(parent -> new ActionApprovalCard(parent, ChatMessages.Approval_changesTitle, files.toString().strip(),
				changes.isEmpty() ? "" : changes.get(0).description(), answer)); //$NON-NLS-1$
		return answer;
	}

	@Override
	public CompletableFuture<Approval> approveAction(ToolInvocation invocation, String reason) {
		CompletableFuture<Approval> answer = new CompletableFuture<>();
		show(parent -> new ActionApprovalCard(parent, NLS.bind(ChatMessages.Approval_actionTitle, invocation.toolName()),
				invocation.subject(), reason, answer));
		return answer;
	}

	@Override
	public CompletableFuture<McpApproval> approveMcpCall(ToolInvocation invocation, GatewayDecision decision) {
		CompletableFuture<McpApproval> answer = new CompletableFuture<>();
		String[] parts = invocation.subject().split("/", 2); //$NON-NLS-1$
		McpCall call = decision.mcpCall().orElseGet(() -> new McpCall(parts[0], parts.length > 1 ? parts[1] : "", "", //$NON-NLS-1$ //$NON-NLS-2$
				false, false, List.of(), null));
		show(parent -> new McpApprovalCard(parent, call, invocation.arguments().toJson(), decision.reason(), answer,
				ChatApprovals::trustMcpTool).control());
		return answer;
	}

	@Override
	public CompletableFuture<Approval> reviewToolChange(ToolInvocation invocation, McpCall call) {
		CompletableFuture<Approval> answer = new CompletableFuture<>();
		show(parent -> new McpChangeCard(parent, call, answer).control());
		return answer;
	}

	/** Adds {@code entry} ({@code server/tool} or {@code server/*}) to the trusted MCP tools. */
	private static boolean trustMcpTool(String entry) {
		try {
			String text = WardenServices.mcp().trustText();
			if (!McpTrust.parse(text).entries().contains(entry)) {
				WardenServices.mcp().saveTrustText(text.isBlank() ? entry : text.stripTrailing() + '\n' + entry);
			}
			return true;
		} catch (BackingStoreException | IllegalArgumentException e) {
			ILog.of(ChatApprovals.class).error("The trusted MCP tools could not be saved.", e); //$NON-NLS-1$
			return false;
		}
	}

	@Override
	public CompletableFuture<String> answerQuestion(String question, List<String> choices) {
		CompletableFuture<String> answer = new CompletableFuture<>();
		show(parent -> new QuestionCard(parent, question, choices, answer));
		return answer;
	}

	private void show(Function<org.eclipse.swt.widgets.Composite, Object> factory) {
		ui.accept(() -> {
			Object card = conversation.addCard(factory);
			lastCard.set(card);
			conversation.refresh();
			conversation.scrollToEnd();
		});
	}

	/** For tests: the newest card shown. */
	public Object lastCard() {
		return lastCard.get();
	}
}
