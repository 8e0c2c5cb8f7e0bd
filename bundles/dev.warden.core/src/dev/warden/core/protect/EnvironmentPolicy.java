package dev.warden.core.protect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which environment variables a command started for the agent inherits.
 * <p>
 * By default every variable is passed on except those that look like credentials (names compared ignoring case):
 * <ul>
 * <li>the exact names {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN},
 * {@code AWS_SECURITY_TOKEN}, {@code AWS_PROFILE}, {@code AWS_DEFAULT_PROFILE}, {@code GITHUB_TOKEN}, {@code GH_TOKEN},
 * {@code GH_ENTERPRISE_TOKEN}, {@code NPM_TOKEN}, {@code SSH_AUTH_SOCK};</li>
 * <li>names containing {@code TOKEN}, {@code SECRET}, {@code PASSWORD}, {@code PASSWD}, {@code PASSPHRASE},
 * {@code API_KEY}, {@code APIKEY}, {@code CREDENTIAL}, {@code PRIVATE_KEY}, {@code ACCESS_KEY};</li>
 * <li>names ending in {@code _KEY}, {@code _PAT}, {@code _PASS}, {@code _PWD} or {@code _AUTH} ({@code STRIPE_KEY},
 * {@code AZURE_DEVOPS_PAT}, {@code DB_PASS}, {@code NPM_CONFIG__AUTH}). {@code _KEY} errs on the side of removing:
 * a harmless {@code *_KEY} must be allow-listed;</li>
 * <li>any variable whose value is a URL with a password in it ({@code postgres://user:pw@host/db}).</li>
 * </ul>
 * {@code SSH_AUTH_SOCK} is among the exact names: it lets a process sign with the user's SSH keys. Names containing
 * {@code TOKEN} also catch harmless ones such as {@code TOKENIZERS_PARALLELISM}; the allow-list is the remedy.
 * <p>
 * With {@code minimal}, only {@link #MINIMAL_NAMES} and {@code LC_*} are passed on at all (still minus credentials).
 * A name on the allow-list is always passed on, in either mode.
 *
 * @param minimal whether to pass on only the minimal environment
 * @param allowed names always passed on (compared ignoring case)
 */
public record EnvironmentPolicy(boolean minimal, Set<String> allowed) {

	private static final String EXACT_NAMES_DOC = "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, "
			+ "AWS_SECURITY_TOKEN, AWS_PROFILE, AWS_DEFAULT_PROFILE, GITHUB_TOKEN, GH_TOKEN, GH_ENTERPRISE_TOKEN, "
			+ "NPM_TOKEN, SSH_AUTH_SOCK";

	private static final Set<String> EXACT_NAMES = Set.of(EXACT_NAMES_DOC.split(", "));

	private static final List<String> FRAGMENTS = List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE",
			"API_KEY", "APIKEY", "CREDENTIAL", "PRIVATE_KEY", "ACCESS_KEY");

	private static final List<String> SUFFIXES = List.of("_KEY", "_PAT", "_PASS", "_PWD", "_AUTH");

	private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:]*:[^/@\\s]+@");

	/** What the minimal environment keeps, besides {@code LC_*} (compared ignoring case). */
	public static final Set<String> MINIMAL_NAMES = Set.of("PATH", "HOME", "LANG", "LANGUAGE", "TERM", "USER",
			"LOGNAME", "SHELL", "TMPDIR", "TMP", "TEMP", "TZ", "JAVA_HOME", "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR",
			"COMSPEC", "PATHEXT", "USERNAME", "USERPROFILE", "HOMEDRIVE", "HOMEPATH", "APPDATA", "LOCALAPPDATA",
			"PROGRAMDATA", "PROGRAMFILES", "PROGRAMFILES(X86)", "COMMONPROGRAMFILES", "NUMBER_OF_PROCESSORS",
			"PROCESSOR_ARCHITECTURE", "OS");

	public EnvironmentPolicy {
		allowed = allowed.stream().map(n -> n.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
	}

	/** The default: everything except credentials, nothing allow-listed. */
	public static EnvironmentPolicy defaults() {
		return new EnvironmentPolicy(false, Set.of());
	}

	/** The environment a command gets from {@code environment}, and what was left out. */
	public ScrubbedEnvironment scrub(Map<String, String> environment) {
		TreeMap<String, String> kept = new TreeMap<>();
		List<RemovedVariable> removed = new ArrayList<>();
		for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
			String name = variable.getKey();
			Optional<String> reason = removalReason(name, variable.getValue());
			if (reason.isPresent()) {
				removed.add(new RemovedVariable(name, reason.get()));
			} else {
				kept.put(name, variable.getValue());
			}
		}
		return new ScrubbedEnvironment(kept, removed);
	}

	/**
	 * Applies this policy to the environment {@code builder} would give its process (a copy of this process's
	 * environment unless changed), replacing it with the scrubbed one.
	 */
	public ScrubbedEnvironment applyTo(ProcessBuilder builder) {
		Map<String, String> environment = builder.environment();
		ScrubbedEnvironment scrubbed = scrub(environment);
		environment.clear();
		environment.putAll(scrubbed.environment());
		return scrubbed;
	}

	/** Why the variable would be left out, or empty if it is passed on. */
	public Optional<String> removalReason(String name, String value) {
		String upper = name.toUpperCase(Locale.ROOT);
		if (allowed.contains(upper)) {
			return Optional.empty();
		}
		Optional<String> secret = secretReason(upper, value);
		if (secret.isPresent()) {
			return secret;
		}
		if (minimal && !MINIMAL_NAMES.contains(upper) && !upper.startsWith("LC_")) {
			return Optional.of("not in the minimal environment");
		}
		return Optional.empty();
	}

	private static Optional<String> secretReason(String upper, String value) {
		if (EXACT_NAMES.contains(upper)) {
			return Optional.of("credential variable");
		}
		for (String fragment : FRAGMENTS) {
			if (upper.contains(fragment)) {
				return Optional.of("name contains " + fragment);
			}
		}
		for (String suffix : SUFFIXES) {
			if (upper.endsWith(suffix)) {
				return Optional.of("name ends with " + suffix);
			}
		}
		if (value != null && URL_WITH_PASSWORD.matcher(value).find()) {
			return Optional.of("value is a URL with a password");
		}
		return Optional.empty();
	}
}
