package dev.warden.core.protect;

/** What the URL policy says about a URL. */
public enum UrlVerdict {
	/** It may be fetched, from the address in the decision. */
	ALLOWED,
	/** It may not be fetched. */
	REFUSED
}
