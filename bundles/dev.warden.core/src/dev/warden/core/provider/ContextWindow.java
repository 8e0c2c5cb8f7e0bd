package dev.warden.core.provider;

import java.util.Objects;

/**
 * A model's context window, and how Warden knows it.
 *
 * @param tokens the window in tokens, or 0 when it is not known
 * @param source where it comes from, in words for the user
 */
public record ContextWindow(int tokens, String source) {

	public static final String FROM_PROVIDER = "from the server's model list"; //$NON-NLS-1$

	public static final String KNOWN_MODEL = "known for this model"; //$NON-NLS-1$

	public static final String FROM_SETTINGS = "set in the preferences"; //$NON-NLS-1$

	public static final ContextWindow UNKNOWN = new ContextWindow(0, "not known"); //$NON-NLS-1$

	public ContextWindow {
		tokens = Math.max(0, tokens);
		Objects.requireNonNull(source, "source"); //$NON-NLS-1$
	}

	public boolean known() {
		return tokens > 0;
	}
}
