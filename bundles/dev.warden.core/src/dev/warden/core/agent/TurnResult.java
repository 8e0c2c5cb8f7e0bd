package dev.warden.core.agent;

import dev.warden.core.provider.Usage;

/**
 * How one prompt ended.
 *
 * @param outcome the ending
 * @param text    the model's last text
 * @param usage   tokens billed for this prompt
 * @param steps   model requests made
 * @param message for the user: why it stopped, unless {@link Outcome#COMPLETED}
 */
public record TurnResult(Outcome outcome, String text, Usage usage, int steps, String message) {

	/** The ways a prompt ends. */
	public enum Outcome {
		/** The model answered. */
		COMPLETED,
		/** The step limit was reached; the user may say "continue". */
		STEP_LIMIT,
		/** The answer was cut off by a broken stream; the partial answer is kept. */
		INTERRUPTED,
		/**
		 * The answer reached the output limit (or filled the context window) and is not complete; the part written is
		 * kept, marked interrupted.
		 */
		CUT_OFF,
		/** The model declined to answer. */
		REFUSED,
		/** The user cancelled. */
		CANCELLED,
		/** The model could not be reached or refused the request. */
		FAILED
	}
}
