package dev.warden.core.internal.trust;

import java.util.List;

/**
 * A simple command: leading assignments, the words of the command (the first names the program) and its
 * redirections. Any of the three may be empty, but not all.
 */
public record SimpleCommand(List<Assignment> assignments, List<Word> words, List<Redirect> redirects)
		implements Command {

	public SimpleCommand {
		assignments = List.copyOf(assignments);
		words = List.copyOf(words);
		redirects = List.copyOf(redirects);
	}
}
