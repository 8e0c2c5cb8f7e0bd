package dev.warden.core.protect;

/**
 * Fetches a URL the user gave (pasted into the chat) under the URL policy of the protection settings, through the
 * {@link SafeFetcher}, and records the fetch in the session's audit trail. An OSGi service.
 */
public interface UrlFetchService {

	/**
	 * @param url       the URL as the user gave it
	 * @param sessionId the chat session whose audit trail records the fetch
	 * @throws FetchException when the policy refuses the URL or the fetch fails; the message says why
	 */
	FetchedContent fetchForUser(String url, String sessionId) throws FetchException;
}
