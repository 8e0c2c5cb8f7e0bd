package dev.warden.ui.internal.chat;

import java.io.IOException;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.swt.widgets.Shell;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;

import dev.warden.core.operations.WardenJobs;
import org.eclipse.osgi.util.NLS;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.AgentSession;
import dev.warden.core.agent.AgentSetup;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.Compaction;
import dev.warden.core.agent.ContextUse;
import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.ConversationStore;
import dev.warden.core.agent.ResourceAttachment;
import dev.warden.core.agent.SessionSummary;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.agent.TurnResult;
import dev.warden.core.changes.Checkpoint;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.Usage;
import dev.warden.core.tools.ToolOutput;
import dev.warden.ui.internal.changes.ChatChanges;

/**
 * One chat session as the view shows it: the conversation (saved per workspace and reloaded), the running prompt as a
 * cancellable Job in the progress service, and the agent's events drawn in batches.
 */
public final class ChatController {

	/** Builds the agent for one prompt: the settings may have changed since the last one. */
	@FunctionalInterface
	public interface SetupFactory {
		AgentSetup create(String sessionId, Approvals approvals, ChatChanges changes) throws Exception;
	}

	/** The job family of Warden's prompts, for the Progress view and for tests. */
	public static final Object JOB_FAMILY = WardenJobs.FAMILY;

	private final ConversationViewer viewer;
	private final ConversationStore store;
	private final UiBatcher batcher;
	private final Consumer<ChatController> stateChanged;
	private Conversation conversation = Conversation.start();
	private volatile Job running;
	private volatile Cancellation cancellation;
	private volatile Usage lastTurnUsage = Usage.ZERO;
	private volatile ContextUse contextUse;

	private final Supplier<Shell> shell;

	/** The newest prompts the view keeps widgets for; earlier ones are behind a link (see ConversationViewer). */
	static final int SHOWN_PROMPTS = 50;
	private int shownPrompts = SHOWN_PROMPTS;
	/** Whether the user asked to see the whole conversation shown: then nothing is trimmed until another is shown. */
	private boolean showingAll;
	private int hiddenPrompts;

	public ChatController(ConversationViewer viewer, ConversationStore store, Supplier<Shell> shell,
			Consumer<ChatController> stateChanged) {
		this.viewer = viewer;
		this.store = store;
		this.shell = shell;
		this.stateChanged = stateChanged;
		this.batcher = new UiBatcher(viewer.getControl(), viewer::refresh);
	}

	public Conversation conversation() {
		return conversation;
	}

	public boolean isRunning() {
		return running != null;
	}

	public Usage sessionUsage() {
		return conversation.usage();
	}

	public Usage lastTurnUsage() {
		return lastTurnUsage;
	}

	/** @return how full the model's context window was at the last request, or {@code null} before the first */
	public ContextUse contextUse() {
		return contextUse;
	}

	/**
	 * Has the start of the conversation summarized now (<em>Compact now</em>), in a Job like a prompt; the summary
	 * appears as a card.
	 */
	public void compactNow(SetupFactory setups, Approvals approvals) {
		if (isRunning()) {
			return;
		}
		ChatChanges changes = changes();
		runJob(ChatMessages.Chat_compacting, "A Warden chat could not be summarized: ", (monitor, cancel) -> { //$NON-NLS-1$
			AgentSetup setup = setups.create(conversation.id(), approvals, changes);
			AgentSession session = new AgentSession(setup, conversation, store);
			session.compactNow(new Events().progress(monitor), cancel);
			conversation = session.conversation();
		});
	}

	/** Shows a summary as a card: what it stands for on its line, the summary itself folded under it. */
	private void addCompactionCard(Compaction compaction) {
		NumberFormat numbers = NumberFormat.getIntegerInstance();
		ToolCard card = viewer.addToolCard(NLS.bind(ChatMessages.Chat_compacted, new Object[] { compaction.upTo(),
				numbers.format(compaction.tokensBefore()), numbers.format(compaction.tokensAfter()) }));
		card.setOutputLabels(ChatMessages.Chat_showSummary, ChatMessages.Chat_hideSummary);
		card.appendOutput(compaction.summary());
	}

	/**
	 * Sends {@code prompt} to the agent in a Job; the answer streams into the conversation.
	 *
	 * @param approvals how the agent asks the user
	 */
	public void send(String prompt, SetupFactory setups, Approvals approvals) {
		send(prompt, List.of(), List.of(), setups, approvals);
	}

	/**
	 * Sends {@code prompt} with the MCP resources the user attached: the agent reads them first (asking as for a tool
	 * call of their server), then the answer streams into the conversation.
	 *
	 * @param preceding messages inserted into the conversation before the prompt, as they are (those of an MCP
	 *                  server's prompt before its last user messages)
	 */
	public void send(String prompt, List<Message> preceding, List<ResourceAttachment> resources, SetupFactory setups,
			Approvals approvals) {
		if (isRunning()) {
			return;
		}
		ChatChanges changes = changes();
		if (!showingAll) {
			int trimmed = viewer.trimToLatestPrompts(shownPrompts - 1);
			if (trimmed > 0) {
				hiddenPrompts += trimmed;
				viewer.setEarlierPrompts(hiddenPrompts, this::showAllPrompts);
			}
		}
		for (Message message : preceding) {
			if (message.role() == Role.ASSISTANT) {
				viewer.addAssistantMessage().setText(message.text());
			} else {
				viewer.addUserMessage(message.text());
			}
		}
		MessageEntry entry = viewer.addUserMessage(prompt);
		int messagesBefore = conversation.messages().size();
		viewer.refresh();
		viewer.scrollToEnd();
		String name = NLS.bind(ChatMessages.Chat_jobName, shorten(prompt));
		runJob(name, "A Warden prompt could not run: ", (monitor, cancel) -> { //$NON-NLS-1$
			try {
				// the checkpoint is written (with fsync) here, off the UI thread, before the agent can change a file
				Checkpoint checkpoint = changes.checkpoint(prompt);
				batcher.post(() -> entry.setAction(ChatMessages.Chat_restoreHere, () -> restoreTo(checkpoint, messagesBefore)));
			} catch (IOException e) {
				ILog.of(ChatController.class).warn("No checkpoint could be recorded for this prompt.", e); //$NON-NLS-1$
				batcher.post(() -> viewer.addNotice(NLS.bind(ChatMessages.Chat_noCheckpoint, e.getMessage())));
			}
			for (Message message : preceding) {
				conversation = conversation.append(message);
			}
			AgentSetup setup = setups.create(conversation.id(), approvals, changes);
			AgentSession session = new AgentSession(setup, conversation, store);
			TurnResult result = session.prompt(prompt, resources, new Events().progress(monitor), cancel);
			conversation = session.conversation();
			lastTurnUsage = result.usage();
		});
	}

	/** What a chat job does with the agent, under the job's monitor and cancellation. */
	private interface AgentWork {
		void run(IProgressMonitor monitor, Cancellation cancel) throws Exception;
	}

	/**
	 * Runs {@code work} as the chat's one running job, cancelled by Stop: a failure becomes a notice in the chat (and
	 * a warning in the log, after {@code failureLog}), and the view hears when the job ends.
	 */
	private void runJob(String name, String failureLog, AgentWork work) {
		Cancellation cancel = new Cancellation();
		cancellation = cancel;
		Job job = WardenJobs.job(name, cancel, monitor -> {
			monitor.beginTask(name, IProgressMonitor.UNKNOWN);
			try {
				work.run(monitor, cancel);
			} catch (Exception e) {
				String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
				batcher.post(() -> viewer.addNotice(NLS.bind(ChatMessages.Chat_failed, message)));
				ILog.of(ChatController.class).warn(failureLog + message, e);
			} finally {
				monitor.done();
				// the chat runs until its last events are drawn: then the view shows the whole answer when it
				// enables Send again (and a caller that waits for the end sees everything)
				try {
					batcher.post(() -> {
						running = null;
						stateChanged.accept(ChatController.this);
					});
				} catch (org.eclipse.swt.SWTException e) {
					running = null; // the view was closed: nothing is drawn any more
				}
			}
		});
		job.setUser(false);
		running = job;
		stateChanged.accept(this);
		job.schedule();
	}

	/** Runs {@code update} on the UI thread in order with the agent's events. */
	public void post(Runnable update) {
		batcher.post(update);
	}

	/** The record of changes of the conversation shown, which the Edit menu's View/Revert All act on. */
	public ChatChanges changes() {
		ChatChanges changes = ChatChanges.forSession(conversation.id(), conversation.title());
		changes.activate();
		return changes;
	}

	/**
	 * Brings the files back to their state just before a prompt (never overwriting what the user changed since
	 * without asking), then offers to drop the messages after it.
	 */
	public void restoreTo(Checkpoint checkpoint, int messagesBefore) {
		if (isRunning()) {
			return;
		}
		changes().restoreTo(shell.get(), checkpoint.id()).thenAccept(result -> {
			if (result.isPresent()) {
				dev.warden.ui.internal.UI.runOnUIThread(viewer.getControl(), () -> offerToDropLaterMessages(messagesBefore));
			}
		});
	}

	private void offerToDropLaterMessages(int messagesBefore) {
		if (messagesBefore >= conversation.messages().size()) {
			return;
		}
		viewer.addNotice(ChatMessages.Chat_restored, ChatMessages.Chat_dropLater, () -> dropMessagesFrom(messagesBefore));
		viewer.refresh();
		viewer.scrollToEnd();
	}

	/** Removes the prompt at {@code messagesBefore} and everything after it from the conversation. */
	public void dropMessagesFrom(int messagesBefore) {
		if (isRunning() || messagesBefore >= conversation.messages().size()) {
			return;
		}
		conversation = conversation.truncated(messagesBefore);
		try {
			store.save(conversation);
		} catch (IOException e) {
			ILog.of(getClass()).warn("The shortened chat could not be saved.", e); //$NON-NLS-1$
		}
		replay(conversation);
		conversation = store.release(conversation);
	}

	/** Stops the agent: the request, the stream, a running command and a pending question. */
	public void stop() {
		Cancellation cancel = cancellation;
		if (cancel != null) {
			cancel.cancel();
		}
		Job job = running;
		if (job != null) {
			job.cancel();
		}
	}

	/** Shows every prompt of the conversation, also those before the newest {@link #SHOWN_PROMPTS}. */
	public void showAllPrompts() {
		if (isRunning()) {
			return;
		}
		showingAll = true;
		replay(conversation);
		viewer.scrollToStart();
	}

	/** For tests: how many of the newest prompts the view keeps widgets for. */
	public void setShownPrompts(int prompts) {
		shownPrompts = Math.max(1, prompts);
	}

	/** Starts a new, empty conversation (the current one stays in the history). */
	public void newChat() {
		if (isRunning()) {
			return;
		}
		conversation = Conversation.start();
		contextUse = null;
		showingAll = false;
		hiddenPrompts = 0;
		viewer.clear();
		changes();
		stateChanged.accept(this);
	}

	public List<SessionSummary> history() {
		try {
			return store.list();
		} catch (IOException e) {
			ILog.of(getClass()).warn("The Warden chat history could not be read.", e); //$NON-NLS-1$
			return List.of();
		}
	}

	/** Shows a saved conversation again. */
	public boolean open(String id) {
		if (isRunning()) {
			return false;
		}
		try {
			Optional<Conversation> loaded = store.load(id);
			if (loaded.isEmpty()) {
				return false;
			}
			conversation = loaded.get();
			contextUse = null;
			showingAll = false;
			changes();
			replay(conversation);
			conversation = store.release(conversation); // shown: what a summary stands for need not stay in memory
			stateChanged.accept(this);
			return true;
		} catch (IOException e) {
			ILog.of(getClass()).warn("The Warden chat " + id + " could not be read.", e); //$NON-NLS-1$ //$NON-NLS-2$
			viewer.addNotice(NLS.bind(ChatMessages.Chat_loadFailed, e.getMessage()));
			viewer.refresh();
			return false;
		}
	}

	public void rename(String id, String title) throws IOException {
		Optional<Conversation> loaded = id.equals(conversation.id()) ? Optional.of(conversation) : store.load(id);
		if (loaded.isPresent()) {
			Conversation renamed = loaded.get().withTitle(title);
			store.save(renamed);
			if (id.equals(conversation.id())) {
				conversation = renamed;
			}
		}
	}

	public void delete(String id) throws IOException {
		store.delete(id);
		if (id.equals(conversation.id())) {
			newChat();
		}
	}

	private void replay(Conversation saved) {
		viewer.clear();
		Map<String, ToolCard> cards = new HashMap<>();
		Map<String, ToolCall> calls = new HashMap<>();
		List<Checkpoint> checkpoints = changes().checkpoints();
		int nextCheckpoint = 0;
		// all of them, read once (the start of a released conversation is read from its saved files)
		List<Message> messages = List.copyOf(saved.messages());
		Map<Integer, List<Compaction>> compactions = new HashMap<>();
		for (Compaction compaction : saved.compactions()) {
			compactions.computeIfAbsent(compaction.upTo(), k -> new java.util.ArrayList<>()).add(compaction);
		}
		// widgets only from the newest prompts on (unless the user asked for all): a long chat opens fast
		List<Integer> prompts = new java.util.ArrayList<>();
		for (int index = 0; index < messages.size(); index++) {
			if (messages.get(index).role() == Role.USER && !messages.get(index).text().isBlank()) {
				prompts.add(index);
			}
		}
		hiddenPrompts = showingAll ? 0 : Math.max(0, prompts.size() - shownPrompts);
		int start = hiddenPrompts == 0 ? 0 : prompts.get(hiddenPrompts);
		viewer.setEarlierPrompts(hiddenPrompts, this::showAllPrompts);
		for (int index = 0; index < messages.size(); index++) {
			if (index >= start) {
				for (Compaction compaction : compactions.getOrDefault(index, List.of())) {
					addCompactionCard(compaction);
				}
			}
			Message message = messages.get(index);
			String text = message.text();
			// a prompt's checkpoint: the next one recorded for its text (checkpoints of prompts dropped after a
			// restore stay in the journal and are passed over); found for prompts not shown too, so that later
			// prompts find theirs
			Checkpoint checkpoint = null;
			for (int c = nextCheckpoint; message.role() == Role.USER && !text.isBlank() && c < checkpoints.size(); c++) {
				if (isCheckpointOf(checkpoints.get(c), text)) {
					checkpoint = checkpoints.get(c);
					nextCheckpoint = c + 1;
					break;
				}
			}
			if (index < start) {
				continue;
			}
			if (message.role() == Role.USER) {
				if (!text.isBlank()) {
					MessageEntry entry = viewer.addUserMessage(text);
					if (checkpoint != null) {
						Checkpoint restored = checkpoint;
						int before = index;
						entry.setAction(ChatMessages.Chat_restoreHere, () -> restoreTo(restored, before));
					}
				}
				for (ContentPart part : message.parts()) {
					if (part instanceof ContentPart.ToolResult result && cards.containsKey(result.toolUseId())) {
						ToolCard card = cards.get(result.toolUseId());
						finish(card, calls.get(result.toolUseId()), ToolOutput.outcomeOf(result.content(), result.error()));
						card.setOutput(result.content());
					}
				}
			} else {
				String reasoning = message.reasoning();
				if (!text.isBlank() || !reasoning.isBlank()) {
					MessageEntry entry = viewer.addAssistantMessage();
					entry.setText(text);
					entry.appendReasoning(reasoning);
					if (message.interrupted()) {
						entry.setAuthor(ChatMessages.Chat_assistantInterrupted);
					}
				}
				for (ToolCall call : message.toolCalls()) {
					cards.put(call.id(), viewer.addToolCard(ToolSummaries.summary(call)));
					calls.put(call.id(), call);
				}
			}
		}
		for (Compaction compaction : compactions.getOrDefault(messages.size(), List.of())) {
			addCompactionCard(compaction);
		}
		viewer.refresh();
		viewer.scrollToEnd();
	}

	/** Shows on a tool card what happened: the status word, and for a call that did not do its work, the reason. */
	private static void finish(ToolCard card, ToolCall call, ToolOutput.Outcome outcome) {
		if (outcome != ToolOutput.Outcome.DONE && call != null) {
			// the line itself says what happened ("Edit failed: …"); the status would only repeat it
			card.setSummary(ToolSummaries.outcome(call, outcome));
			card.setStatus(""); //$NON-NLS-1$
		} else {
			card.setStatus(ToolSummaries.status(outcome));
		}
	}

	/** Whether {@code checkpoint} was recorded for the prompt {@code text} (the journal may keep a shortened copy). */
	private static boolean isCheckpointOf(Checkpoint checkpoint, String text) {
		String summary = checkpoint.promptSummary();
		return summary.equals(text)
				|| summary.endsWith("\u2026") && text.startsWith(summary.substring(0, summary.length() - 1)); //$NON-NLS-1$
	}

	private static String shorten(String text) {
		String line = text.strip().lines().findFirst().orElse(""); //$NON-NLS-1$
		return line.length() > 50 ? line.substring(0, 50) + '\u2026' : line;
	}

	/** The agent's events, drawn through the batcher. */
	private final class Events implements AgentListener {

		private MessageEntry answer;
		private final Map<String, ToolCard> cards = new HashMap<>();
		private IProgressMonitor monitor;

		AgentListener progress(IProgressMonitor progressMonitor) {
			monitor = progressMonitor;
			return this;
		}

		@Override
		public void textDelta(String text) {
			batcher.post(() -> {
				if (answer == null) {
					answer = viewer.addAssistantMessage();
				}
				answer.append(text);
			});
		}

		@Override
		public void reasoningDelta(String text) {
			batcher.post(() -> {
				if (answer == null) {
					answer = viewer.addAssistantMessage();
				}
				answer.appendReasoning(text);
			});
		}

		@Override
		public void retrying(int attempt, Duration delay, String reason) {
			batcher.post(() -> viewer.addNotice(NLS.bind(ChatMessages.Chat_retrying,
					new Object[] { reason, delay.toSeconds(), attempt })));
		}

		@Override
		public void toolStarted(ToolCall call) {
			String summary = ToolSummaries.summary(call);
			monitor.subTask(summary);
			batcher.post(() -> {
				answer = null;
				ToolCard card = viewer.addToolCard(summary);
				card.setStatus(ChatMessages.Chat_toolRunning);
				cards.put(call.id(), card);
			});
		}

		@Override
		public void approvalNeeded(ToolInvocation invocation, String reason) {
			batcher.post(() -> {
				ToolCard card = cards.get(invocation.callId());
				if (card != null) {
					card.setStatus(ChatMessages.Chat_toolWaiting);
				}
			});
		}

		@Override
		public void toolOutput(String callId, String chunk) {
			batcher.post(() -> {
				ToolCard card = cards.get(callId);
				if (card != null) {
					card.appendOutput(chunk);
				}
			});
		}

		@Override
		public void toolFinished(ToolCall call, ToolOutput output) {
			batcher.post(() -> {
				ToolCard card = cards.get(call.id());
				if (card != null) {
					finish(card, call, output.outcome());
					// what the model got, which the conversation holds anyway, instead of a copy of the streamed output
					card.setOutput(output.content());
				}
			});
		}

		@Override
		public void usage(Usage turn, Usage session) {
			lastTurnUsage = turn;
			batcher.post(() -> stateChanged.accept(ChatController.this));
		}

		@Override
		public void context(ContextUse use) {
			contextUse = use;
			batcher.post(() -> stateChanged.accept(ChatController.this));
		}

		@Override
		public void compacted(Compaction compaction) {
			batcher.post(() -> {
				answer = null;
				addCompactionCard(compaction);
			});
		}

		@Override
		public void interrupted(String reason) {
			batcher.post(() -> {
				if (answer != null) {
					answer.setAuthor(ChatMessages.Chat_assistantInterrupted);
				}
				viewer.addNotice(NLS.bind(ChatMessages.Chat_interrupted, reason));
			});
		}

		@Override
		public void notice(String message) {
			batcher.post(() -> viewer.addNotice(message));
		}

		@Override
		public void error(String message) {
			batcher.post(() -> viewer.addNotice(message));
		}

		@Override
		public void turnFinished(TurnResult result) {
			batcher.post(() -> {
				answer = null;
				if (result.outcome() == TurnResult.Outcome.STEP_LIMIT) {
					viewer.addNotice(result.message());
				}
			});
		}
	}
}
