package dev.warden.core.agent;

/**
 * How full the model's context window is.
 *
 * @param tokens       the tokens of the last request and its answer (as the service counted them, or as Warden
 *                     estimated them before sending)
 * @param windowTokens the window, or 0 when not known
 * @param estimated    whether {@code tokens} is Warden's estimate rather than the service's count
 * @param source       where the window size comes from, in words for the user
 */
public record ContextUse(long tokens, int windowTokens, boolean estimated, String source) {

	public ContextUse {
		source = source == null ? "" : source; //$NON-NLS-1$
	}

	/** @return the share of the window used, in percent (0 when the window is not known) */
	public int percent() {
		return windowTokens <= 0 ? 0 : (int) Math.min(999, tokens * 100 / windowTokens);
	}
}
