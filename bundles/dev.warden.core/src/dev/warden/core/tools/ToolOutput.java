package dev.warden.core.tools;

import java.util.Objects;

/**
 * What a tool call gives back to the model.
 *
 * @param content the result text, already size-capped
 * @param error   whether it reports a failure or refusal
 * @param outcome what happened to the call, for the user (the model reads {@code content})
 */
public record ToolOutput(String content, boolean error, Outcome outcome) {

	/** What happened to a tool call. */
	public enum Outcome {
		/** It ran and did what was asked. */
		DONE,
		/** It ran, or tried to, and failed. */
		FAILED,
		/** The user rejected it; nothing was done. */
		REJECTED,
		/** Warden's policy refused it; nothing was done. */
		REFUSED,
		/** The user stopped it. */
		CANCELLED
	}

	/** How the result of a rejected call starts. */
	public static final String REJECTED_PREFIX = "The user rejected this call"; //$NON-NLS-1$
	/** How the result of a refused call starts. */
	public static final String REFUSED_PREFIX = "Warden's policy refused this call"; //$NON-NLS-1$
	/** How the result of a cancelled call starts. */
	public static final String CANCELLED_PREFIX = "Cancelled by the user"; //$NON-NLS-1$

	public ToolOutput {
		content = content == null ? "" : content; //$NON-NLS-1$
		Objects.requireNonNull(outcome, "outcome"); //$NON-NLS-1$
		if (error == (outcome == Outcome.DONE)) {
			throw new IllegalArgumentException("An error result cannot be DONE, nor a result DONE an error: " + outcome); //$NON-NLS-1$
		}
	}

	/** A result that is an error ({@link Outcome#FAILED}) or not ({@link Outcome#DONE}). */
	public ToolOutput(String content, boolean error) {
		this(content, error, error ? Outcome.FAILED : Outcome.DONE);
	}

	public static ToolOutput ok(String content) {
		return new ToolOutput(content, false);
	}

	public static ToolOutput error(String message) {
		return new ToolOutput(message, true);
	}

	/** An error result that says nothing was done, for the {@code outcome} given. */
	public static ToolOutput notDone(Outcome outcome, String message) {
		return new ToolOutput(message, true, outcome);
	}

	/**
	 * The outcome of a saved result, which keeps only its text and whether it is an error: read back from how the
	 * dispatcher words rejected, refused and cancelled calls.
	 */
	public static Outcome outcomeOf(String content, boolean error) {
		if (!error) {
			return Outcome.DONE;
		}
		String text = content == null ? "" : content; //$NON-NLS-1$
		if (text.startsWith(REJECTED_PREFIX)) {
			return Outcome.REJECTED;
		}
		if (text.startsWith(REFUSED_PREFIX)) {
			return Outcome.REFUSED;
		}
		if (text.startsWith(CANCELLED_PREFIX)) {
			return Outcome.CANCELLED;
		}
		return Outcome.FAILED;
	}
}
