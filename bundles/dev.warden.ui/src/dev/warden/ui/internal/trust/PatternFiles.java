package dev.warden.ui.internal.trust;

import java.util.ArrayList;
import java.util.List;

import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternProblem;
import dev.warden.core.trust.PatternScope;

/**
 * Pattern files, as the headless checker {@code trust-check} reads them: one trust pattern a line, {@code !} deny
 * rules, blank lines and {@code #} comments ignored.
 */
public final class PatternFiles {

	/**
	 * What a pattern file holds.
	 *
	 * @param trusted  its trust patterns, as written
	 * @param denied   its deny rules, with their {@code !}
	 * @param problems its lines that are not valid (they are skipped)
	 */
	public record Imported(List<String> trusted, List<String> denied, List<PatternProblem> problems) {

		public Imported {
			trusted = List.copyOf(trusted);
			denied = List.copyOf(denied);
			problems = List.copyOf(problems);
		}
	}

	private PatternFiles() {
	}

	/** Reads a pattern file's text; {@code source} names it in problems. */
	public static Imported read(String source, String text) {
		PatternList list = PatternList.parse(PatternScope.WORKSPACE, source, text);
		List<String> trusted = new ArrayList<>();
		list.trusted().forEach(pattern -> trusted.add(pattern.text()));
		List<String> denied = new ArrayList<>();
		list.denied().forEach(rule -> denied.add('!' + rule.text()));
		return new Imported(trusted, denied, list.problems());
	}

	/** The text of a pattern file holding the workspace list's rows and then the deny list, comments included. */
	public static String exportText(List<String> workspaceRows, String denyText) {
		StringBuilder text = new StringBuilder();
		text.append(TrustMessages.Export_header).append('\n');
		text.append("\n# ").append(TrustMessages.Export_workspace).append('\n'); //$NON-NLS-1$
		workspaceRows.forEach(row -> text.append(row).append('\n'));
		text.append("\n# ").append(TrustMessages.Export_deny).append('\n'); //$NON-NLS-1$
		text.append(denyText);
		if (!denyText.endsWith("\n")) { //$NON-NLS-1$
			text.append('\n');
		}
		return text.toString();
	}
}
