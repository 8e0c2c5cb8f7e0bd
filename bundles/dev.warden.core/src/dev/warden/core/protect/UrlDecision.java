package dev.warden.core.protect;

import java.net.InetAddress;
import java.util.Objects;

import dev.warden.core.internal.protect.ControlCharacters;

/**
 * The verdict on one URL.
 *
 * @param verdict allowed or refused
 * @param reason  why, in words a user can act on; for an allowed URL it names the address
 * @param url     the URL exactly as it was given
 * @param target  the parsed, normalised URL; {@code null} when it could not be parsed
 * @param address the address that was checked and that a fetch must connect to; {@code null} when refused
 */
public record UrlDecision(UrlVerdict verdict, String reason, String url, HttpTarget target, InetAddress address) {

	public UrlDecision {
		Objects.requireNonNull(verdict, "verdict");
		Objects.requireNonNull(reason, "reason");
		url = url == null ? "" : url;
	}

	static UrlDecision refused(String url, HttpTarget target, String reason) {
		return new UrlDecision(UrlVerdict.REFUSED, reason, url, target, null);
	}

	public boolean isAllowed() {
		return verdict == UrlVerdict.ALLOWED;
	}

	/**
	 * The verdict and reason as one tab-separated line, the form the headless checker prints; every control character
	 * in the reason (which may quote the input) is escaped.
	 */
	public String toTsv() {
		return verdict + "\t" + ControlCharacters.escape(reason);
	}
}
