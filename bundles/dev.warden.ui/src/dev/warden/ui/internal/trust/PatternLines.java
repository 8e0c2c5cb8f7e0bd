package dev.warden.ui.internal.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.PatternValidation;
import dev.warden.core.trust.TrustPattern;

/**
 * The rows of a pattern list as the page edits them: one trust pattern or {@code !} deny rule a row, in the
 * pattern-file format of the checker (blank lines and {@code #} comments are not rows).
 */
public final class PatternLines {

	private PatternLines() {
	}

	/** The rows of a pattern list's text: its lines, trimmed, without blank lines and comments. */
	public static List<String> rows(String text) {
		List<String> rows = new ArrayList<>();
		text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(rows::add); //$NON-NLS-1$
		return rows;
	}

	/** The text stored for {@code rows}: one a line, ending with a newline; empty for no rows. */
	public static String text(List<String> rows) {
		return rows.isEmpty() ? "" : String.join("\n", rows) + '\n'; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The list the policy reads from {@code rows}. */
	public static PatternList list(PatternScope scope, String source, List<String> rows) {
		return PatternList.of(scope, source, rows);
	}

	/** The normal form of a row, to find a pattern already in a list however it is spaced or quoted. */
	public static Optional<String> canonical(String row) {
		PatternValidation validation = PatternValidation.of(row);
		if (validation.trustPattern().isPresent()) {
			return Optional.of(validation.trustPattern().get().canonical());
		}
		return validation.denyRule().map(rule -> rule.canonical());
	}

	/** Whether {@code rows} hold {@code row}, compared in normal form. */
	public static boolean contains(List<String> rows, String row) {
		Optional<String> wanted = canonical(row);
		return wanted.isPresent() && rows.stream().map(PatternLines::canonical).anyMatch(wanted::equals);
	}

	/** Whether {@code rows} hold the universal pattern {@code *}. */
	public static boolean containsUniversal(List<String> rows) {
		return rows.stream().anyMatch(row -> PatternValidation.of(row).isUniversal());
	}

	/** What a row does, in a few words a user reads. */
	public static String meaning(String row) {
		PatternValidation validation = PatternValidation.of(row);
		if (validation.problem().isPresent()) {
			return NLS.bind(TrustMessages.Pattern_ignored, validation.problem().get());
		}
		if (validation.denyRule().isPresent()) {
			return NLS.bind(TrustMessages.Pattern_denies, validation.denyRule().get().describe());
		}
		TrustPattern pattern = validation.trustPattern().orElseThrow();
		if (pattern.isUniversal()) {
			return TrustMessages.Pattern_universal;
		}
		String canonical = pattern.canonical();
		return pattern.wildcard()
				? NLS.bind(TrustMessages.Pattern_wildcard, canonical.substring(0, canonical.length() - 2))
				: NLS.bind(TrustMessages.Pattern_exact, canonical);
	}
}
