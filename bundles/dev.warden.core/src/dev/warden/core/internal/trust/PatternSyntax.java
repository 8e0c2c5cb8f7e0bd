package dev.warden.core.internal.trust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.warden.core.trust.BuiltInDenyRule;

/** Reads trust patterns and deny rules with the same shell parser that reads command lines. */
public final class PatternSyntax {

	private PatternSyntax() {
	}

	/**
	 * A trust pattern as read: its words after quote removal and whether it ends in the wildcard.
	 *
	 * @param text     the pattern, trimmed
	 * @param literal  the words before the wildcard
	 * @param wildcard whether a lone {@code *} ends the pattern
	 * @param assignments the {@code NAME=value} assignments the pattern starts with
	 */
	public record TrustWords(String text, List<String> literal, boolean wildcard, List<String> assignments) {
	}

	/**
	 * A deny rule as read.
	 *
	 * @param text    the rule without its {@code !}, trimmed
	 * @param globs   the words, as globs; empty for a built-in rule
	 * @param builtIn the built-in structural rule it names, if any
	 */
	public record DenyWords(String text, List<String> globs, Optional<BuiltInDenyRule> builtIn) {
	}

	/** Reads a trust pattern; throws {@link IllegalArgumentException} with a message a user reads. */
	public static TrustWords trustPattern(String text) {
		String trimmed = text == null ? "" : text.strip();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("the pattern is empty");
		}
		if (trimmed.startsWith("!")) {
			throw new IllegalArgumentException("a trust pattern cannot start with `!`, which marks a deny rule");
		}
		SimpleCommand command = singleCommand(trimmed, true);
		List<Word> words = command.words();
		if (words.isEmpty()) {
			throw new IllegalArgumentException("a pattern names a program after its assignments");
		}
		List<String> assignments = new ArrayList<>(command.assignments().size());
		for (Assignment assignment : command.assignments()) {
			if (!assignment.value().literal() || assignment.append()) {
				throw new IllegalArgumentException("the assignment `" + assignment.display() + "` of a pattern must be"
						+ " a plain NAME=value; quote a value that holds special characters");
			}
			assignments.add(assignment.display());
		}
		List<String> literal = new ArrayList<>(words.size());
		boolean wildcard = false;
		for (int i = 0; i < words.size(); i++) {
			Word word = words.get(i);
			if (i == words.size() - 1 && "*".equals(word.glob())) {
				wildcard = true;
			} else if (!word.literal()) {
				throw new IllegalArgumentException("the word `" + word.text() + "` holds "
						+ (word.text().contains("*") ? "a `*` that does not stand alone as the last word (write `npm *`,"
								+ " not `npm*`)" : "an expansion, a glob, a brace or `~`; quote it to match it literally"));
			} else {
				literal.add(word.text());
			}
		}
		return new TrustWords(trimmed, literal, wildcard, assignments);
	}

	/** Reads a deny rule (with or without its {@code !}); throws {@link IllegalArgumentException}. */
	public static DenyWords denyRule(String text) {
		String trimmed = text == null ? "" : text.strip();
		if (trimmed.startsWith("!")) {
			trimmed = trimmed.substring(1).strip();
		}
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("the deny rule is empty");
		}
		if (trimmed.startsWith("@")) {
			String id = trimmed.substring(1);
			Optional<BuiltInDenyRule> rule = BuiltInDenyRule.byId(id);
			if (rule.isEmpty()) {
				throw new IllegalArgumentException("there is no built-in deny rule `@" + id + "`; the built-in rules are "
						+ Arrays.stream(BuiltInDenyRule.values()).map(r -> "@" + r.id()).collect(Collectors.joining(", ")));
			}
			return new DenyWords(trimmed, List.of(), rule);
		}
		List<Word> words = singleCommand(trimmed, false).words();
		List<String> globs = new ArrayList<>(words.size());
		for (Word word : words) {
			globs.add(word.glob());
		}
		return new DenyWords(trimmed, globs, Optional.empty());
	}

	private static SimpleCommand singleCommand(String text, boolean assignments) {
		Script script;
		try {
			script = ShellParser.parsePattern(text);
		} catch (ShellSyntaxException e) {
			throw new IllegalArgumentException("the pattern cannot be read: " + e.getMessage());
		}
		if (script.pipelines().size() != 1 || script.pipelines().get(0).commands().size() != 1
				|| !(script.pipelines().get(0).commands().get(0) instanceof SimpleCommand command)) {
			throw new IllegalArgumentException("a pattern describes one simple command: it cannot hold `;`, `&&`,"
					+ " `||`, `|`, `&`, subshells or several lines");
		}
		if (!assignments && !command.assignments().isEmpty()) {
			throw new IllegalArgumentException("a deny rule cannot start with an assignment such as `FOO=1`");
		}
		if (!command.redirects().isEmpty()) {
			throw new IllegalArgumentException("a pattern cannot hold a redirection; quote `<` and `>` to match them"
					+ " literally");
		}
		for (Word word : command.words()) {
			if (!word.substitutions().isEmpty()) {
				throw new IllegalArgumentException("a pattern cannot hold a command substitution such as `"
						+ word.text() + "`");
			}
		}
		return command;
	}
}
