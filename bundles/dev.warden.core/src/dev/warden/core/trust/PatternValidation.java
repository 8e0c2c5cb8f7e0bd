package dev.warden.core.trust;

import java.util.Optional;

import dev.warden.core.internal.trust.PatternWarnings;

/**
 * The check of one line typed into the "add pattern" dialog: a trust pattern, or a deny rule when it starts
 * with {@code !}.
 *
 * @param line         the line as typed
 * @param trustPattern the trust pattern, when the line is a valid one
 * @param denyRule     the deny rule, when the line is a valid one
 * @param problem      why the line is not valid
 * @param warning      a warning the user must confirm before the pattern is added (universal trust, or a
 *                     wildcard over a program that runs anything it is given)
 */
public record PatternValidation(String line, Optional<TrustPattern> trustPattern, Optional<DenyRule> denyRule,
		Optional<String> problem, Optional<String> warning) {

	/** Checks one line. */
	public static PatternValidation of(String line) {
		String trimmed = line == null ? "" : line.strip();
		try {
			if (trimmed.startsWith("!")) {
				return new PatternValidation(trimmed, Optional.empty(), Optional.of(DenyRule.parse(trimmed)),
						Optional.empty(), Optional.empty());
			}
			TrustPattern pattern = TrustPattern.parse(trimmed);
			return new PatternValidation(trimmed, Optional.of(pattern), Optional.empty(), Optional.empty(),
					PatternWarnings.warning(pattern));
		} catch (IllegalArgumentException e) {
			return new PatternValidation(trimmed, Optional.empty(), Optional.empty(), Optional.of(e.getMessage()),
					Optional.empty());
		}
	}

	/** Whether the line is a valid trust pattern or deny rule. */
	public boolean isValid() {
		return problem.isEmpty();
	}

	/** Whether the line is a deny rule. */
	public boolean isDeny() {
		return denyRule.isPresent();
	}

	/** Whether the line is the universal pattern {@code *}, which trusts everything. */
	public boolean isUniversal() {
		return trustPattern.map(TrustPattern::isUniversal).orElse(false);
	}

	/** Whether adding the line needs the user's confirmation of {@link #warning()}. */
	public boolean needsConfirmation() {
		return warning.isPresent();
	}
}
