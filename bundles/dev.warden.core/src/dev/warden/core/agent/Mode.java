package dev.warden.core.agent;

/**
 * How much the agent may do without asking. Commands follow the trusted-command rules in both modes.
 */
public enum Mode {

	/** The agent works through many steps; file changes are applied at once and stay reviewable. */
	AUTOPILOT,

	/** Every file change waits for review and every command for approval; the agent asks clarifying questions. */
	SUPERVISED;

	/** The mode a new workspace starts in. */
	public static final Mode DEFAULT = AUTOPILOT;

	/**
	 * Reads a stored value, falling back to {@link #DEFAULT} for anything unknown (a preference file edited by hand
	 * must not break the view).
	 */
	public static Mode parse(String value) {
		if (value != null) {
			for (Mode mode : values()) {
				if (mode.name().equalsIgnoreCase(value.trim())) {
					return mode;
				}
			}
		}
		return DEFAULT;
	}

	public Mode toggled() {
		return this == AUTOPILOT ? SUPERVISED : AUTOPILOT;
	}
}
