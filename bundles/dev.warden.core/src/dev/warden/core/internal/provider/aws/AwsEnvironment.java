package dev.warden.core.internal.provider.aws;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the credential chain reads besides the AWS files: the IDE's environment variables and the user's home folder.
 * Warden's own requests read them; the commands the agent runs never get the credential variables
 * ({@code dev.warden.core.protect.EnvironmentPolicy} removes them).
 *
 * @param variables the environment, e.g. {@code AWS_ACCESS_KEY_ID}, {@code AWS_PROFILE}, {@code AWS_CONFIG_FILE}
 * @param home      the folder holding {@code .aws}
 */
public record AwsEnvironment(Map<String, String> variables, Path home) {

	public AwsEnvironment {
		variables = Map.copyOf(variables);
	}

	/** @return the environment of this process and the user's home */
	public static AwsEnvironment system() {
		return new AwsEnvironment(System.getenv(), Path.of(System.getProperty("user.home"))); //$NON-NLS-1$
	}

	/** @return the variable's value, stripped, or the empty string */
	public String get(String name) {
		String value = variables.get(name);
		return value == null ? "" : value.strip(); //$NON-NLS-1$
	}

	/** @return {@code ~/.aws/config}, or {@code AWS_CONFIG_FILE} */
	public Path configFile() {
		return file("AWS_CONFIG_FILE", "config"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return {@code ~/.aws/credentials}, or {@code AWS_SHARED_CREDENTIALS_FILE} */
	public Path credentialsFile() {
		return file("AWS_SHARED_CREDENTIALS_FILE", "credentials"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** @return the folder of the IAM Identity Center (SSO) token cache */
	public Path ssoCache() {
		return home.resolve(".aws").resolve("sso").resolve("cache"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	private Path file(String variable, String name) {
		String set = get(variable);
		if (!set.isEmpty()) {
			return set.startsWith("~/") ? home.resolve(set.substring(2)) : Path.of(set); //$NON-NLS-1$
		}
		return home.resolve(".aws").resolve(name); //$NON-NLS-1$
	}
}
