package dev.warden.core.agent;

import java.time.Duration;

import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.Usage;
import dev.warden.core.tools.ToolOutput;

/**
 * What the chat view hears while the agent works. Called on the agent's thread (tool output: on a reader thread);
 * implementations hand events to the UI thread themselves and return quickly.
 */
public interface AgentListener {

	/** A listener that ignores everything. */
	AgentListener NONE = new AgentListener() {
	};

	/** A piece of the model's answer. */
	default void textDelta(String text) {
	}

	/** A piece of the model's reasoning, shown apart from its answer. */
	default void reasoningDelta(String text) {
	}

	/** A model request failed and will be repeated after {@code delay}. */
	default void retrying(int attempt, Duration delay, String reason) {
	}

	/** The model called a tool; it is about to be checked and run. */
	default void toolStarted(ToolCall call) {
	}

	/** The policy asks the user before the call can run; the question itself goes to {@link Approvals}. */
	default void approvalNeeded(ToolInvocation invocation, String reason) {
	}

	/** Output of a running command, as it arrives. */
	default void toolOutput(String callId, String chunk) {
	}

	/** A tool call ended; {@code output} is what the model receives. */
	default void toolFinished(ToolCall call, ToolOutput output) {
	}

	/** Tokens after each model request: for this prompt so far, and for the whole session. */
	default void usage(Usage turn, Usage session) {
	}

	/** How full the model's context window is: before each request (estimated) and after it (as counted). */
	default void context(ContextUse use) {
	}

	/** The start of the conversation was summarized to fit the context window; the messages are all kept. */
	default void compacted(Compaction compaction) {
	}

	/** The answer was cut off (broken stream, cancellation); what arrived is kept. */
	default void interrupted(String reason) {
	}

	/**
	 * Something the user should know that is not a failure: the model declined to answer, or a local server seems to
	 * have dropped the start of the prompt.
	 */
	default void notice(String message) {
	}

	/** The request failed; {@code message} says what to do. */
	default void error(String message) {
	}

	/** The prompt is done, whichever way. Always the last event of a prompt. */
	default void turnFinished(TurnResult result) {
	}
}
