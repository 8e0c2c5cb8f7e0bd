package dev.warden.core.tools;

/**
 * What became of a {@link ProposedChange}.
 *
 * @param applied whether the change is now on disk
 * @param message for the model: what happened, or why it was rejected
 */
public record ChangeOutcome(boolean applied, String message) {

	public static ChangeOutcome applied(String message) {
		return new ChangeOutcome(true, message);
	}

	public static ChangeOutcome rejected(String message) {
		return new ChangeOutcome(false, message);
	}
}
