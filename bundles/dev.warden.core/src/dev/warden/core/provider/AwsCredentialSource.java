package dev.warden.core.provider;

/** Where Warden's requests to Amazon Bedrock take their credentials from. */
public enum AwsCredentialSource {

	/**
	 * The AWS default chain, in the order of the AWS SDKs: the environment ({@code AWS_ACCESS_KEY_ID} …), the
	 * profile named by {@code AWS_PROFILE} (or {@code default}) with static keys, {@code credential_process} or IAM
	 * Identity Center (SSO), the container's role (ECS, EKS Pod Identity) and the instance's role (IMDSv2).
	 */
	DEFAULT_CHAIN("AWS default credential chain"), //$NON-NLS-1$

	/** One named profile of {@code ~/.aws/config} and {@code ~/.aws/credentials}. */
	PROFILE("Named AWS profile"), //$NON-NLS-1$

	/** A Bedrock API key (a bearer token), kept in Eclipse secure storage like the other providers' keys. */
	API_KEY("Bedrock API key"); //$NON-NLS-1$

	private final String label;

	AwsCredentialSource(String label) {
		this.label = label;
	}

	/** @return a name to show in the preference page */
	public String label() {
		return label;
	}
}
