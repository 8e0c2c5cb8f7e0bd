package dev.warden.core.internal.provider.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Temporary or long-term AWS credentials, as one source of the chain produced them. {@link #toString()} shows the key
 * ID's first four characters and where the credentials came from, never the secret or the session token.
 *
 * @param accessKeyId     e.g. {@code AKIA…} or {@code ASIA…}
 * @param secretAccessKey the secret that signs requests
 * @param sessionToken    the session token of temporary credentials, or the empty string
 * @param expiration      when temporary credentials stop working, or {@code null} for long-term ones
 * @param source          in words for the user, e.g. {@code profile 'dev' (credential_process)}
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
		String source) {

	public AwsCredentials {
		Objects.requireNonNull(accessKeyId, "accessKeyId"); //$NON-NLS-1$
		Objects.requireNonNull(secretAccessKey, "secretAccessKey"); //$NON-NLS-1$
		sessionToken = sessionToken == null ? "" : sessionToken; //$NON-NLS-1$
		source = source == null ? "" : source; //$NON-NLS-1$
	}

	/** @return whether these credentials expire within {@code margin} of {@code now} */
	public boolean expiresWithin(Duration margin, Instant now) {
		return expiration != null && !now.plus(margin).isBefore(expiration);
	}

	@Override
	public String toString() {
		String shown = accessKeyId.length() > 4 ? accessKeyId.substring(0, 4) + "…" : "…"; //$NON-NLS-1$ //$NON-NLS-2$
		return "AwsCredentials[" + shown + ", " + source + (expiration == null ? "" : ", expires " + expiration) + ']'; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}
}
