package dev.warden.core.mcp;

/**
 * Hears a call's progress notifications.
 */
@FunctionalInterface
public interface McpProgress {

	/** Ignores progress. */
	McpProgress NONE = (progress, total, message) -> {
	};

	/**
	 * @param progress how far the call got
	 * @param total    of how much, or a negative number when the server does not know
	 * @param message  the server's words, may be empty
	 */
	void progress(double progress, double total, String message);
}
