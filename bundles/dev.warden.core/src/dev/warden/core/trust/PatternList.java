package dev.warden.core.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A list of trust patterns and deny rules from one source. The text form has one entry a line: a trust
 * pattern, or a deny rule starting with {@code !}; blank lines and lines starting with {@code #} are ignored.
 * Invalid lines are ignored too and reported in {@link #problems()}.
 *
 * @param scope    where the list comes from
 * @param source   a name for display: "Workspace", a project name, a file name
 * @param trusted  the trust patterns, in order
 * @param denied   the deny rules, in order
 * @param problems the lines that are not valid
 */
public record PatternList(PatternScope scope, String source, List<TrustPattern> trusted, List<DenyRule> denied,
		List<PatternProblem> problems) {

	public PatternList {
		Objects.requireNonNull(scope, "scope");
		Objects.requireNonNull(source, "source");
		trusted = List.copyOf(trusted);
		denied = List.copyOf(denied);
		problems = List.copyOf(problems);
	}

	/** Reads a list from its text form. */
	public static PatternList parse(PatternScope scope, String source, String text) {
		return of(scope, source, text.lines().toList());
	}

	/** Reads a list from its lines. */
	public static PatternList of(PatternScope scope, String source, List<String> lines) {
		List<TrustPattern> trusted = new ArrayList<>();
		List<DenyRule> denied = new ArrayList<>();
		List<PatternProblem> problems = new ArrayList<>();
		int number = 0;
		for (String raw : lines) {
			number++;
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			PatternValidation validation = PatternValidation.of(line);
			if (validation.problem().isPresent()) {
				problems.add(new PatternProblem(number, raw, validation.problem().get()));
			}
			validation.trustPattern().ifPresent(trusted::add);
			validation.denyRule().ifPresent(denied::add);
		}
		return new PatternList(scope, source, trusted, denied, problems);
	}

	/** An empty list. */
	public static PatternList empty(PatternScope scope, String source) {
		return new PatternList(scope, source, List.of(), List.of(), List.of());
	}

	/** The valid entries as lines, trust patterns first, each as written. */
	public List<String> lines() {
		List<String> lines = new ArrayList<>();
		trusted.forEach(pattern -> lines.add(pattern.text()));
		denied.forEach(rule -> lines.add("!" + rule.text()));
		return lines;
	}

	/**
	 * The content that acceptance is about: the canonical form of every valid entry, sorted, without
	 * duplicates, one a line. Comments, blank lines, order and spacing do not change it.
	 */
	public String normalisedText() {
		TreeSet<String> entries = new TreeSet<>();
		trusted.forEach(pattern -> entries.add(pattern.canonical()));
		denied.forEach(rule -> entries.add(rule.canonical()));
		return String.join("\n", entries);
	}

	/** The SHA-256 of {@link #normalisedText()} in lower-case hex: what an acceptance is keyed by. */
	public String contentHash() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(normalisedText().getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("the Java runtime lacks SHA-256, which every Java platform must have", e);
		}
	}

	/**
	 * Whether the list's trust patterns may be honoured, given the hash the user accepted for it (as stored by
	 * the preferences; empty when never accepted). Only {@link PatternScope#PROJECT} lists need acceptance.
	 */
	public Acceptance acceptance(Optional<String> acceptedHash) {
		if (scope != PatternScope.PROJECT) {
			return Acceptance.NOT_REQUIRED;
		}
		if (acceptedHash.isEmpty()) {
			return Acceptance.NOT_ACCEPTED;
		}
		return acceptedHash.get().equals(contentHash()) ? Acceptance.ACCEPTED : Acceptance.CHANGED;
	}

	/** Whether the list holds the universal pattern {@code *}. */
	public boolean containsUniversal() {
		return trusted.stream().anyMatch(TrustPattern::isUniversal);
	}
}
