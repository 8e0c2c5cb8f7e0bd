package dev.warden.core.agent;

import java.util.Optional;

/** The seam to Warden's URL rules. The protection subsystem implements it. */
@FunctionalInterface
public interface UrlRules {

	/** Refuses every URL. */
	UrlRules DENY_ALL = url -> Optional.of("Fetching URLs is switched off."); //$NON-NLS-1$

	/**
	 * @param url the URL as the model wrote it
	 * @return why it is refused, or empty if it may be fetched
	 */
	Optional<String> refusal(String url);
}
