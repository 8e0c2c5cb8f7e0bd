package dev.warden.core.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import dev.warden.core.internal.agent.ContextKeeper;
import dev.warden.core.internal.agent.CutOffCalls;
import dev.warden.core.internal.agent.SystemPrompt;
import dev.warden.core.internal.agent.ToolDispatcher;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.StreamListener;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.ToolSpec;
import dev.warden.core.provider.Usage;
import dev.warden.core.tools.Capability;
import dev.warden.core.tools.Tool;
import dev.warden.core.tools.ToolOutput;

/**
 * One chat session: the agent loop. {@link #prompt(String, AgentListener, Cancellation)} sends the user's prompt to
 * the model, runs the tool calls the model makes (each through the {@link ToolGateway}), feeds the results back, and
 * repeats until the model answers, the step limit is reached, the stream breaks or the user cancels. The
 * conversation is saved after every step, so nothing is lost if Eclipse stops.
 * <p>
 * Headless: the caller runs {@code prompt} in a background job. One prompt at a time per session.
 */
public final class AgentSession {

	private final AgentSetup setup;

	private final ConversationStore store;

	private final ToolDispatcher dispatcher;

	private final List<ToolSpec> toolSpecs;

	private final ContextKeeper keeper;

	/** Whether the model is offered a tool that runs commands. */
	private final boolean runsCommands;

	private final ReentrantLock running = new ReentrantLock();

	private volatile Conversation conversation;

	/**
	 * @param conversation where to continue: {@link Conversation#start()} or one loaded from the store
	 * @param store        where to save after each step, or {@code null} to keep the session in memory only
	 */
	public AgentSession(AgentSetup setup, Conversation conversation, ConversationStore store) {
		this.setup = setup;
		this.conversation = conversation;
		this.store = store;
		this.dispatcher = new ToolDispatcher(conversation.id(), setup.tools(), setup.gateway(), setup.approvals(),
				setup.capabilities(), setup.audit());
		this.toolSpecs = setup.tools().stream().filter(Tool::offeredToModel).map(Tool::spec).toList();
		this.keeper = new ContextKeeper(setup.provider(), setup.budget());
		this.runsCommands = setup.tools().stream()
				.anyMatch(tool -> tool.offeredToModel() && tool.capabilities().contains(Capability.RUN_COMMANDS));
	}

	/** @return the conversation as it stands (safe to call while a prompt runs) */
	public Conversation conversation() {
		return conversation;
	}

	/**
	 * Runs one prompt to its end. Never throws: failures are reported to {@code listener} and in the result.
	 *
	 * @param cancellation stops the model request and any running command; the session stays usable
	 */
	public TurnResult prompt(String text, AgentListener listener, Cancellation cancellation) {
		return prompt(text, List.of(), listener, cancellation);
	}

	/**
	 * Runs one prompt to its end, with the MCP resources the user attached: each is read first, through the gateway
	 * (asked about on the MCP card unless trusted, recorded in the audit trail), and its content added to the prompt
	 * like an attached file. A resource that cannot be read is named in a notice and in the prompt; the prompt is sent
	 * all the same. Never throws.
	 */
	public TurnResult prompt(String text, List<ResourceAttachment> resources, AgentListener listener,
			Cancellation cancellation) {
		if (!running.tryLock()) {
			TurnResult busy = new TurnResult(TurnResult.Outcome.FAILED, "", Usage.ZERO, 0, //$NON-NLS-1$
					"The agent is still working on the previous prompt."); //$NON-NLS-1$
			listener.error(busy.message());
			listener.turnFinished(busy);
			return busy;
		}
		try {
			if (runsCommands) {
				// in the background: the prompt's first command then finds its sandbox ready
				setup.capabilities().commands().prepare();
			}
			TurnResult result = loop(withResources(text, resources, listener, cancellation), listener, cancellation);
			listener.turnFinished(result);
			return result;
		} finally {
			running.unlock();
		}
	}

	private String withResources(String text, List<ResourceAttachment> resources, AgentListener listener,
			Cancellation cancellation) {
		StringBuilder full = new StringBuilder(text);
		for (ResourceAttachment resource : resources) {
			ToolOutput read = dispatcher.readResource("resource-" + UUID.randomUUID(), resource.server(), //$NON-NLS-1$
					resource.uri(), setup.mode().get(), listener, cancellation);
			full.append("\n\n"); //$NON-NLS-1$
			if (read.error()) {
				String problem = "The resource " + resource.uri() + " of the MCP server " + resource.server() //$NON-NLS-1$ //$NON-NLS-2$
						+ " was not attached: " + read.content(); //$NON-NLS-1$
				listener.notice(problem);
				full.append('(').append(problem).append(')');
			} else {
				full.append(read.content());
			}
		}
		return full.toString();
	}

	private TurnResult loop(String text, AgentListener listener, Cancellation cancellation) {
		update(conversation.append(Message.user(text)), listener);
		int cutOffCalls = 0;
		Usage turnUsage = Usage.ZERO;
		String lastText = ""; //$NON-NLS-1$
		for (int step = 1; step <= setup.maxSteps(); step++) {
			if (cancellation.isCancelled()) {
				return cancelled(listener, lastText, turnUsage, step - 1);
			}
			Mode mode = setup.mode().get();
			ModelResponse response;
			try {
				response = send(mode, listener, cancellation);
			} catch (ProviderException e) {
				if (e.kind() == ProviderException.Kind.CANCELLED) {
					return cancelled(listener, lastText, turnUsage, step - 1);
				}
				listener.error(e.getMessage());
				return new TurnResult(TurnResult.Outcome.FAILED, lastText, turnUsage, step - 1, e.getMessage());
			}
			turnUsage = turnUsage.plus(response.usage());
			Conversation next = conversation.addUsage(response.usage());
			if (!response.message().isEmpty() || response.message().interrupted()) {
				next = next.append(response.message());
			}
			update(next, listener);
			listener.usage(turnUsage, conversation.usage());
			lastText = response.message().text();
			if (response.interrupted()) {
				if (cancellation.isCancelled()) {
					return cancelled(listener, lastText, turnUsage, step);
				}
				listener.interrupted(response.interruption());
				return new TurnResult(TurnResult.Outcome.INTERRUPTED, lastText, turnUsage, step,
						response.interruption());
			}
			if (!response.notice().isEmpty()) {
				listener.notice(response.notice());
			}
			List<ToolCall> calls = response.message().toolCalls();
			switch (response.stopReason()) {
			case PAUSE_TURN -> {
				continue; // the server paused the turn: sending the answer back lets the model go on with it
			}
			case REFUSAL -> {
				listener.notice(response.interruption());
				return new TurnResult(TurnResult.Outcome.REFUSED, lastText, turnUsage, step, response.interruption());
			}
			case MAX_TOKENS, CONTEXT_WINDOW_EXCEEDED -> {
				ToolCall cut = CutOffCalls.cutOff(calls);
				if (calls.isEmpty() || cut != null && ++cutOffCalls > 1) {
					String message = CutOffCalls.tellUser(response, cut != null);
					if (!calls.isEmpty()) { // none is run; each still needs a result, or the next request is refused
						List<ContentPart> notRun = calls.stream().<ContentPart>map(call -> new ContentPart.ToolResult(
								call.id(), CutOffCalls.tellModel(response).content(), true)).toList();
						update(conversation.append(new Message(Role.USER, notRun, false)), listener);
					}
					listener.interrupted(message);
					return new TurnResult(TurnResult.Outcome.CUT_OFF, lastText, turnUsage, step, message);
				}
			}
			default -> {
				cutOffCalls = 0;
			}
			}
			if (calls.isEmpty()) {
				return new TurnResult(TurnResult.Outcome.COMPLETED, lastText, turnUsage, step, ""); //$NON-NLS-1$
			}
			ToolCall cut = response.cutOff() ? CutOffCalls.cutOff(calls) : null;
			List<ContentPart> results = new ArrayList<>();
			for (ToolCall call : calls) {
				listener.toolStarted(call);
				ToolOutput output = call == cut ? CutOffCalls.tellModel(response)
						: dispatcher.dispatch(call, setup.mode().get(), listener, cancellation);
				listener.toolFinished(call, output);
				results.add(new ContentPart.ToolResult(call.id(), output.content(), output.error()));
			}
			update(conversation.append(new Message(Role.USER, results, false)), listener);
			if (cancellation.isCancelled()) {
				return cancelled(listener, lastText, turnUsage, step);
			}
		}
		String message = "Stopped after " + setup.maxSteps() //$NON-NLS-1$
				+ " steps, the limit per prompt. Say \"continue\" to let the agent go on."; //$NON-NLS-1$
		listener.interrupted(message);
		return new TurnResult(TurnResult.Outcome.STEP_LIMIT, lastText, turnUsage, setup.maxSteps(), message);
	}

	/**
	 * Sends the conversation: compacted first when it would pass the budget, and once more after a compaction when
	 * the service refuses it as too long for the context window.
	 */
	private ModelResponse send(Mode mode, AgentListener listener, Cancellation cancellation) throws ProviderException {
		String system = SystemPrompt.build(setup.context());
		String suffix = SystemPrompt.mode(mode);
		for (int attempt = 0;; attempt++) {
			ContextKeeper.Prepared prepared = keeper.prepare(system, suffix, toolSpecs, conversation);
			if (attempt == 0 && keeper.tooLarge(prepared)
					&& compact(system, ContextKeeper.SHARE_KEPT, listener, cancellation)) {
				prepared = keeper.prepare(system, suffix, toolSpecs, conversation);
			}
			listener.context(keeper.estimatedUse(prepared));
			ModelResponse response;
			try {
				response = setup.provider().stream(prepared.request(), streamListener(listener), cancellation);
			} catch (ProviderException e) {
				if (attempt > 0 || e.kind() != ProviderException.Kind.CONTEXT_WINDOW) {
					throw e;
				}
				keeper.underestimated();
				if (!compact(system, ContextKeeper.SHARE_KEPT_AFTER_REFUSAL, listener, cancellation)) {
					throw e;
				}
				continue; // one retry, with the summary
			}
			ContextUse use = keeper.observed(prepared, response.usage());
			if (use != null) {
				listener.context(use);
			}
			if (attempt == 0 && response.stopReason() == StopReason.CONTEXT_WINDOW_EXCEEDED
					&& response.message().isEmpty()) {
				// the window was full before the model wrote anything: nothing is lost by asking again, compacted
				keeper.underestimated();
				if (compact(system, ContextKeeper.SHARE_KEPT_AFTER_REFUSAL, listener, cancellation)) {
					continue;
				}
			}
			return response;
		}
	}

	/**
	 * Summarizes the start of the conversation now, whatever its size (<em>Compact now</em>). Never throws: failures
	 * are reported to {@code listener}.
	 *
	 * @return whether a summary was made
	 */
	public boolean compactNow(AgentListener listener, Cancellation cancellation) {
		if (!running.tryLock()) {
			listener.error("The agent is still working on the previous prompt."); //$NON-NLS-1$
			return false;
		}
		try {
			String system = SystemPrompt.build(setup.context());
			boolean done = compact(system, ContextKeeper.SHARE_KEPT_NOW, listener, cancellation);
			if (done) {
				listener.context(keeper.estimatedUse(keeper.prepare(system, "", toolSpecs, conversation))); //$NON-NLS-1$
			}
			if (!done && !cancellation.isCancelled()) {
				listener.notice("There is nothing to summarize yet: the conversation is as short as it can be."); //$NON-NLS-1$
			}
			return done;
		} finally {
			running.unlock();
		}
	}

	/** @return whether the conversation was compacted; a failure is told to the listener */
	private boolean compact(String system, double share, AgentListener listener, Cancellation cancellation) {
		try {
			ContextKeeper.Result result = keeper.compact(conversation, system, toolSpecs, share, cancellation);
			if (result == null) {
				return false;
			}
			update(conversation.addUsage(result.usage()).compacted(result.compaction()), listener);
			listener.compacted(result.compaction());
			return true;
		} catch (ProviderException e) {
			if (e.kind() != ProviderException.Kind.CANCELLED) {
				listener.error("The conversation could not be summarized to fit the context window: " //$NON-NLS-1$
						+ e.getMessage());
			}
			return false;
		}
	}

	private static TurnResult cancelled(AgentListener listener, String text, Usage usage, int steps) {
		String message = "Cancelled by the user."; //$NON-NLS-1$
		listener.interrupted(message);
		return new TurnResult(TurnResult.Outcome.CANCELLED, text, usage, steps, message);
	}

	private void update(Conversation next, AgentListener listener) {
		conversation = next;
		if (store != null) {
			try {
				store.save(next);
				// what a summary stands for is no longer sent: the saved chat keeps it, memory need not
				conversation = store.release(next);
			} catch (IOException e) {
				listener.error("The conversation could not be saved: " + e.getMessage()); //$NON-NLS-1$
			}
		}
	}

	private static StreamListener streamListener(AgentListener listener) {
		return new StreamListener() {
			@Override
			public void textDelta(String text) {
				listener.textDelta(text);
			}

			@Override
			public void reasoningDelta(String text) {
				listener.reasoningDelta(text);
			}

			@Override
			public void retrying(int attempt, Duration delay, String reason) {
				listener.retrying(attempt, delay, reason);
			}
		};
	}
}
