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
 * {@link #whyFolderHoldsHidden} answers for a recursive command over a folder ({@code grep -r TOKEN .}): it walks
 * the folder as the agent's own listing does and compares each folder's entries with what the listing shows.
 * Not caught: names built at run time by the command itself.
 */
public final class PolicyPathGuard implements PathGuard {

	private static final int MAX_GLOB_ENTRIES = 10_000;
	private static final int MAX_GLOB_DEPTH = 16;
	private static final int MAX_TREE_ENTRIES = 50_000;
	private static final int MAX_TREE_DEPTH = 64;

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

	@Override
	public Optional<String> whyFolderHoldsHidden(String folder, Path workingDirectory, boolean skipsDotAndIgnored) {
		String text = folder;
		if (text.equals("~") || text.startsWith("~/")) {
			text = home + text.substring(1);
		}
		text = expandKnownVariables(text, workingDirectory);
		Path start;
		try {
			start = workingDirectory.toAbsolutePath().resolve(text).normalize();
		} catch (InvalidPathException e) {
			return Optional.empty();
		}
		if (!Files.isDirectory(start)) {
			return Optional.empty();
		}
		PathDecision decision = policy.decide(start);
		if (decision.verdict() == PathVerdict.HIDDEN) {
			return Optional.of("'" + folder + "' is hidden from the agent (" + decision.reason() + ")");
		}
		if (!decision.isAllowed()) {
			return Optional.empty(); // outside the roots: the caller judges where the command reads
		}
		Set<Path> visible = new java.util.HashSet<>();
		java.util.List<Path> folders = new java.util.ArrayList<>();
		folders.add(decision.path());
		int[] count = { 0 };
		policy.walk(decision.path().toString(), MAX_TREE_DEPTH, file -> {
			visible.add(file.path());
			if (file.directory()) {
				folders.add(file.path());
			}
			return ++count[0] < MAX_TREE_ENTRIES;
		});
		if (count[0] >= MAX_TREE_ENTRIES) {
			return Optional.of("'" + folder + "' holds more than " + MAX_TREE_ENTRIES + " files, too many to check for"
					+ " files hidden from the agent");
		}
		for (Path directory : folders) {
			try (Stream<Path> entries = Files.list(directory)) {
				Iterator<Path> it = entries.iterator();
				while (it.hasNext()) {
					Path entry = it.next();
					if (visible.contains(entry)) {
						continue;
					}
					String name = entry.getFileName().toString();
					PathDecision hidden = policy.decide(entry);
					if (hidden.verdict() != PathVerdict.HIDDEN) {
						continue; // a link that leads outside: not entered by the walk, not a hidden file
					}
					if (skipsDotAndIgnored && (name.startsWith(".") || hidden.reason().startsWith("ignored"))) {
						continue;
					}
					return Optional.of("'" + folder + "' holds files hidden from the agent, such as '"
							+ decision.path().relativize(entry) + "' (" + hidden.reason() + ")");
				}
			} catch (IOException | UncheckedIOException e) {
				return Optional.of("'" + folder + "' could not be read to check for hidden files: " + e.getMessage());
			}
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
