package dev.warden.core.protect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.warden.core.trust.PathGuard;

/**
 * Answers the trust engine's question "does this command word name a file hidden from the agent?" from a
 * {@link PathPolicy}, so that {@code cat .env} is asked about even where {@code cat *} is trusted.
 * <p>
 * A word is read the way a shell or a tool would use it: as it stands, the part after an {@code =}
 * ({@code --file=.env}, {@code VAR=.env}), without a leading {@code @}, {@code <} or {@code >} ({@code curl -d @.env});
 * a leading {@code ~}, {@code $HOME} and {@code $PWD} are expanded; a word with glob characters is expanded against the working
 * folder (every match counts, dot files included). A candidate is hidden when the policy says
 * {@link PathVerdict#HIDDEN}, or when it lies outside the roots and matches a sensitive pattern
 * ({@code ~/.aws/credentials}). Words that are not paths simply name nothing hidden.
 * <p>
 * Not caught: a recursive command over a folder that contains hidden files ({@code grep -r TOKEN .}), and names
 * built at run time by the command itself.
 */
public final class PolicyPathGuard implements PathGuard {

	private static final int MAX_GLOB_ENTRIES = 10_000;
	private static final int MAX_GLOB_DEPTH = 16;

	private final PathPolicy policy;
	private final Path home;

	/** A guard for {@code policy}, expanding {@code ~} to the user's home folder. */
	public PolicyPathGuard(PathPolicy policy) {
		this(policy, Path.of(System.getProperty("user.home")));
	}

	public PolicyPathGuard(PathPolicy policy, Path home) {
		this.policy = policy;
		this.home = home;
	}

	@Override
	public Optional<String> whyHidden(String word, Path workingDirectory) {
		if (word == null || word.isEmpty()) {
			return Optional.empty();
		}
		for (String candidate : candidates(word)) {
			Optional<String> reason = check(candidate, workingDirectory);
			if (reason.isPresent()) {
				return reason;
			}
		}
		return Optional.empty();
	}

	private static Set<String> candidates(String word) {
		Set<String> candidates = new LinkedHashSet<>();
		candidates.add(word);
		int equals = word.indexOf('=');
		if (equals >= 0) {
			candidates.add(word.substring(equals + 1));
		}
		String stripped = word.replaceFirst("^(?:[0-9]*>>?|<|@)", "");
		candidates.add(stripped);
		candidates.remove("");
		return candidates;
	}

	private Optional<String> check(String candidate, Path workingDirectory) {
		String text = candidate;
		if (text.equals("~") || text.startsWith("~/")) {
			text = home + text.substring(1);
		}
		text = expandKnownVariables(text, workingDirectory);
		if (hasGlob(text)) {
			return checkGlob(text, workingDirectory);
		}
		try {
			return hiddenReason(workingDirectory.resolve(text), candidate);
		} catch (InvalidPathException e) {
			return Optional.empty();
		}
	}

	private Optional<String> hiddenReason(Path path, String shown) {
		PathDecision decision = policy.decide(path);
		if (decision.verdict() == PathVerdict.HIDDEN) {
			return Optional.of("'" + shown + "' is hidden from the agent (" + decision.reason() + ")");
		}
		if (decision.verdict() == PathVerdict.REFUSED) {
			return policy.sensitiveMatch(path).map(why -> "'" + shown + "' is a sensitive file (" + why + ")");
		}
		return Optional.empty();
	}

	private Optional<String> checkGlob(String pattern, Path workingDirectory) {
		Path full;
		try {
			full = workingDirectory.toAbsolutePath().resolve(pattern).normalize();
		} catch (InvalidPathException e) {
			return Optional.empty();
		}
		Path start = full.getRoot();
		for (Path segment : full) {
			if (hasGlob(segment.toString())) {
				break;
			}
			start = start.resolve(segment.toString());
		}
		if (!Files.isDirectory(start)) {
			return Optional.empty();
		}
		PathMatcher matcher;
		try {
			matcher = FileSystems.getDefault().getPathMatcher("glob:" + full);
		} catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		int depth = pattern.contains("**") ? MAX_GLOB_DEPTH : full.getNameCount() - start.getNameCount();
		try (Stream<Path> entries = Files.walk(start, depth)) {
			Iterator<Path> it = entries.limit(MAX_GLOB_ENTRIES).iterator();
			while (it.hasNext()) {
				Path entry = it.next();
				if (matcher.matches(entry)) {
					Optional<String> reason = hiddenReason(entry, pattern + " (" + entry.getFileName() + ")");
					if (reason.isPresent()) {
						return reason;
					}
				}
			}
		} catch (IOException | UncheckedIOException e) {
			return Optional.of("'" + pattern + "' could not be expanded to check for hidden files: " + e.getMessage());
		}
		return Optional.empty();
	}

	/** Expands {@code $HOME} and {@code $PWD} (also in braces), the variables whose value is known here. */
	private String expandKnownVariables(String text, Path workingDirectory) {
		if (text.indexOf('$') < 0) {
			return text;
		}
		return text.replace("${HOME}", home.toString()).replace("$HOME", home.toString())
				.replace("${PWD}", workingDirectory.toString()).replace("$PWD", workingDirectory.toString());
	}

	private static boolean hasGlob(String text) {
		return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0 || text.indexOf('{') >= 0;
	}
}
