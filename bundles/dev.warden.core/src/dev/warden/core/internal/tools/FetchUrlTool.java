package dev.warden.core.internal.tools;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import dev.warden.core.tools.Capability;
import dev.warden.core.tools.FetchedPage;
import dev.warden.core.tools.Grant;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.ToolOutput;

/** {@code fetch_url}: a web page's readable text, e.g. documentation. */
final class FetchUrlTool extends BaseTool {

	static final int DEFAULT_CHARS = 20_000;

	FetchUrlTool() {
		super("fetch_url", "Fetch a public web page (http or https) and return its readable text.", //$NON-NLS-1$ //$NON-NLS-2$
				"""
						{"type":"object","properties":{
						"url":{"type":"string","description":"The address, http:// or https://"},
						"max_chars":{"type":"integer","minimum":100,"maximum":40000,"description":"Default 20000"}
						},"required":["url"]}""", //$NON-NLS-1$
				Set.of(Capability.FETCH_URLS));
	}

	@Override
	public String subject(ToolArguments arguments) {
		return arguments.string("url").strip(); //$NON-NLS-1$
	}

	@Override
	public ToolOutput execute(Grant grant) throws ToolException {
		URI url;
		try {
			url = new URI(grant.subject());
		} catch (URISyntaxException e) {
			throw new ToolException("'" + grant.subject() + "' is not a valid URL: " + e.getReason() + '.', e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (url.getScheme() == null || !(url.getScheme().equalsIgnoreCase("http") //$NON-NLS-1$
				|| url.getScheme().equalsIgnoreCase("https"))) { //$NON-NLS-1$
			throw new ToolException("Only http and https addresses can be fetched."); //$NON-NLS-1$
		}
		int max = (int) grant.arguments().integer("max_chars", DEFAULT_CHARS); //$NON-NLS-1$
		FetchedPage page = grant.fetch(url, max);
		String text = page.url() + " (HTTP " + page.status() + ", " + page.contentType() + "):\n" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ Truncation.cap(page.text(), max, "raise max_chars to see more"); //$NON-NLS-1$
		if (page.truncated() && page.text().length() <= max) {
			text += "\n[truncated: the page is longer than " + max + " characters]"; //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new ToolOutput(text, page.status() >= 400);
	}
}
