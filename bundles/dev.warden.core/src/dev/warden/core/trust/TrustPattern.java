package dev.warden.core.trust;

import java.util.List;
import java.util.Objects;

import dev.warden.core.internal.trust.PatternSyntax;
import dev.warden.core.internal.trust.Quoting;

/**
 * A trusted pattern. Written like a command, its words are compared with the words the shell would execute,
 * after quote removal:
 * <ul>
 * <li>exact: {@code npm install} covers exactly {@code npm install};</li>
 * <li>wildcard: a last word {@code *} covers the words before it followed by any words, or none:
 * {@code npm *} covers {@code npm}, {@code npm test}, but not {@code npmx} nor {@code ./npm};</li>
 * <li>universal: {@code *} alone covers every simple command the policy understands; deny rules and the
 * fail-closed cases still apply.</li>
 * </ul>
 * Quote a word that holds spaces or special characters ({@code git commit -m 'fix build'}); an unquoted
 * {@code $}, {@code ~}, glob or brace is refused, and {@code *} may only stand alone as the last word.
 *
 * A pattern may start with assignments ({@code GIT_TRACE=1 git status}): it then covers only commands that make
 * those exact assignments, and it is the way to trust an assignment whose name is not one of the harmless
 * variables of the program facts.
 *
 * @param text        the pattern as written (trimmed)
 * @param words       the literal words, without the final {@code *}
 * @param wildcard    whether the pattern ends in {@code *}
 * @param assignments the {@code NAME=value} assignments it starts with, after quote removal
 */
public record TrustPattern(String text, List<String> words, boolean wildcard, List<String> assignments) {

	public TrustPattern {
		Objects.requireNonNull(text, "text");
		words = List.copyOf(words);
		assignments = List.copyOf(assignments);
	}

	/** A pattern without assignments. */
	public TrustPattern(String text, List<String> words, boolean wildcard) {
		this(text, words, wildcard, List.of());
	}

	/**
	 * Reads a pattern.
	 *
	 * @throws IllegalArgumentException with a message a user reads when the text is not a valid pattern
	 */
	public static TrustPattern parse(String text) {
		PatternSyntax.TrustWords words = PatternSyntax.trustPattern(text);
		return new TrustPattern(words.text(), words.literal(), words.wildcard(), words.assignments());
	}

	/** Whether this is the universal pattern {@code *}. */
	public boolean isUniversal() {
		return wildcard && words.isEmpty();
	}

	/** The pattern written in a normal form: words quoted only where needed, single spaces. */
	public String canonical() {
		if (isUniversal()) {
			return "*";
		}
		return (assignments.isEmpty() ? "" : Quoting.join(assignments) + " ") + Quoting.join(words)
				+ (wildcard ? " *" : "");
	}
}
