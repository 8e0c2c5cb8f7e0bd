package dev.warden.core.internal.trust;

import java.util.List;

/**
 * One word of a command line after quote removal.
 *
 * @param text           the word as the program would receive it when it holds no expansion; expansions
 *                       ({@code $HOME}, {@code $(date)}, globs, {@code ~}) are kept as written
 * @param literal        whether the shell passes {@link #text} unchanged: no parameter, command, tilde, brace or
 *                       pathname expansion happens
 * @param substitutions  the command lists run by {@code $( … )}, back-quotes and {@code <( … )} / {@code >( … )}
 *                       inside the word, in order
 * @param glob           the word as a deny-rule pattern: unquoted {@code *} stays {@code *}, a quoted {@code *} or
 *                       {@code \} is escaped with {@code \}; {@code null} outside pattern mode
 * @param processSubstitution whether the whole word is one {@code <( … )} or {@code >( … )}
 */
public record Word(String text, boolean literal, List<Script> substitutions, String glob, boolean processSubstitution) {

	public Word {
		substitutions = List.copyOf(substitutions);
	}

	/** A literal word, as wrappers build them from parts of other words. */
	public static Word literal(String text) {
		return new Word(text, true, List.of(), null, false);
	}
}
