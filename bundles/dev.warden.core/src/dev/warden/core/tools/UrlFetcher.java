package dev.warden.core.tools;

import java.net.URI;

import dev.warden.core.operations.Cancellation;

/** Fetches web pages under Warden's URL rules (no private addresses, no credentials, bounded size). */
@FunctionalInterface
public interface UrlFetcher {

	/**
	 * @param maxChars the most characters of text to return
	 * @throws ToolException if the address is refused or cannot be fetched
	 */
	FetchedPage fetch(URI url, int maxChars, Cancellation cancellation) throws ToolException;
}
