package dev.warden.core.agent;

/**
 * The user's yes or no to a reviewed change or another action.
 *
 * @param approved whether to go ahead
 * @param reason   the user's reason for a rejection, passed to the model; may be empty
 */
public record Approval(boolean approved, String reason) {

	public Approval {
		reason = reason == null ? "" : reason; //$NON-NLS-1$
	}

	public static Approval approve() {
		return new Approval(true, ""); //$NON-NLS-1$
	}

	public static Approval reject(String reason) {
		return new Approval(false, reason);
	}
}
