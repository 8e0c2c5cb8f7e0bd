package dev.warden.core.tools;

import java.net.URI;

/**
 * A fetched web page, as text.
 *
 * @param url         the final address, after redirects
 * @param status      the HTTP status
 * @param contentType the media type
 * @param text        the page's readable text, capped
 * @param truncated   whether text was dropped
 */
public record FetchedPage(URI url, int status, String contentType, String text, boolean truncated) {
}
