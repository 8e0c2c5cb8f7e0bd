package dev.warden.core.internal.provider.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS shared configuration files as the AWS CLI and SDKs read them: {@code ~/.aws/config} with
 * {@code [default]}, {@code [profile NAME]} and {@code [sso-session NAME]} sections, and {@code ~/.aws/credentials}
 * with {@code [NAME]} sections, whose keys win over the config file's. Lines starting with {@code #} or {@code ;}
 * are comments; indented lines continue a nested setting (such as {@code s3 =}) and are skipped.
 */
public final class AwsProfiles {

	private final Map<String, Map<String, String>> profiles = new HashMap<>();

	private final Map<String, Map<String, String>> ssoSessions = new HashMap<>();

	private AwsProfiles() {
	}

	/**
	 * @return both files of {@code environment} read
	 * @throws IOException if a file exists but cannot be read
	 */
	public static AwsProfiles read(AwsEnvironment environment) throws IOException {
		AwsProfiles read = new AwsProfiles();
		for (Map.Entry<String, Map<String, String>> section : sections(environment.configFile()).entrySet()) {
			String name = section.getKey();
			if (name.equals("default")) { //$NON-NLS-1$
				read.profiles.computeIfAbsent(name, k -> new LinkedHashMap<>()).putAll(section.getValue());
			} else if (name.startsWith("profile ")) { //$NON-NLS-1$
				read.profiles.computeIfAbsent(name.substring(8).strip(), k -> new LinkedHashMap<>())
						.putAll(section.getValue());
			} else if (name.startsWith("sso-session ")) { //$NON-NLS-1$
				read.ssoSessions.put(name.substring(12).strip(), section.getValue());
			}
		}
		for (Map.Entry<String, Map<String, String>> section : sections(environment.credentialsFile()).entrySet()) {
			read.profiles.computeIfAbsent(section.getKey(), k -> new LinkedHashMap<>()).putAll(section.getValue());
		}
		return read;
	}

	/** @return the settings of profile {@code name}, keys in lower case */
	public Optional<Map<String, String>> profile(String name) {
		return Optional.ofNullable(profiles.get(name));
	}

	/** @return the settings of the {@code [sso-session NAME]} section */
	public Optional<Map<String, String>> ssoSession(String name) {
		return Optional.ofNullable(ssoSessions.get(name));
	}

	private static Map<String, Map<String, String>> sections(Path file) throws IOException {
		Map<String, Map<String, String>> sections = new LinkedHashMap<>();
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return sections;
		}
		Map<String, String> current = null;
		for (String line : text.split("\r?\n")) { //$NON-NLS-1$
			String stripped = line.strip();
			if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) { //$NON-NLS-1$ //$NON-NLS-2$
				continue;
			}
			if (stripped.startsWith("[")) { //$NON-NLS-1$
				int close = stripped.indexOf(']');
				String name = (close < 0 ? stripped.substring(1) : stripped.substring(1, close)).strip()
						.replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
				current = sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
				continue;
			}
			if (current == null || Character.isWhitespace(line.charAt(0))) {
				continue; // before any section, or a nested setting
			}
			int equals = stripped.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			String value = stripped.substring(equals + 1).strip();
			int comment = value.indexOf(" #"); //$NON-NLS-1$
			if (comment < 0) {
				comment = value.indexOf(" ;"); //$NON-NLS-1$
			}
			if (comment >= 0) {
				value = value.substring(0, comment).strip();
			}
			current.put(stripped.substring(0, equals).strip().toLowerCase(Locale.ROOT), value);
		}
		return sections;
	}
}
