package dev.warden.core.provider;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Warden reaches Amazon Bedrock: the region and where the credentials come from. Holds no secret: the credentials
 * are read when a request is sent (from the environment, the AWS files, the container or instance, or, for an API key,
 * from secure storage through {@link ProviderConfig#apiKey()}).
 *
 * @param region      e.g. {@code us-east-1}
 * @param credentials where the credentials come from
 * @param profile     the profile for {@link AwsCredentialSource#PROFILE}; empty means {@code AWS_PROFILE} or
 *                    {@code default}
 */
public record AwsAccess(String region, AwsCredentialSource credentials, String profile) {

	/** The region Bedrock's presets start with. */
	public static final String DEFAULT_REGION = "us-east-1"; //$NON-NLS-1$

	/** No AWS settings: the default region and chain. */
	public static final AwsAccess DEFAULT = new AwsAccess(DEFAULT_REGION, AwsCredentialSource.DEFAULT_CHAIN, ""); //$NON-NLS-1$

	private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}"); //$NON-NLS-1$

	public AwsAccess {
		region = region == null ? "" : region.strip(); //$NON-NLS-1$
		credentials = credentials == null ? AwsCredentialSource.DEFAULT_CHAIN : credentials;
		profile = profile == null ? "" : profile.strip(); //$NON-NLS-1$
	}

	/** @return the Bedrock runtime endpoint of {@code region}, e.g. {@code https://bedrock-runtime.us-east-1.amazonaws.com} */
	public static String runtimeEndpoint(String region) {
		String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return "https://bedrock-runtime." + region + '.' + suffix; //$NON-NLS-1$
	}

	/** @return what is wrong, in words for the user, or empty */
	public Optional<String> problem() {
		if (region.isEmpty()) {
			return Optional.of("Enter the AWS region of Bedrock, e.g. us-east-1."); //$NON-NLS-1$
		}
		if (!REGION.matcher(region).matches()) {
			return Optional.of("'" + region + "' is not an AWS region name such as us-east-1 or eu-central-1."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (credentials == AwsCredentialSource.PROFILE && !profile.isEmpty() && !profile.matches("[\\w.@+-]+")) { //$NON-NLS-1$
			return Optional.of("The profile name '" + profile + "' contains characters a profile name cannot have."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return Optional.empty();
	}
}
