package dev.warden.core.trust;

import java.util.Objects;

/**
 * The program fact that kept a part of a command line from being trusted: which option (or operand) of which
 * program, and what it does. The Try a Command box and the approval card show it as it is, without judging again.
 *
 * @param program  the program, with its subcommand ({@code git log})
 * @param spelling the option or operand as the facts spell it ({@code --output=}, {@code @operands})
 * @param kind     what the fact says it does
 * @param effect   what it does, in words ({@code writes its output to a file})
 * @param source   where the fact was read: the file and line ({@code program-facts.txt:87})
 * @param sandboxWaivable whether the part was asked about only because a folder it reads every file of holds files
 *                 hidden from the agent: a sandbox that masks those files makes it safe to run (see
 *                 {@link CommandVerdict#onlyHiddenFilesUnderFolders()})
 */
public record PartFact(String program, String spelling, Kind kind, String effect, String source,
		boolean sandboxWaivable) {

	/** What a fact says a program does with an option or operand. */
	public enum Kind {
		/** Runs another program or code that cannot be judged. */
		RUNS,
		/** Loads code from a path. */
		LOADS,
		/** Writes a path. */
		WRITES,
		/** Reads a path. */
		READS,
		/** Reads every file under a folder. */
		RECURSES,
		/**
		 * Takes the names of the files it works on from a file or from its input, where they cannot be judged
		 * ({@code tar -T list.txt}, {@code echo /etc/shadow | cpio -o}).
		 */
		NAMES,
		/** Connects to a host where cloud platforms serve the machine's metadata and credentials. */
		REACHES
	}

	public PartFact {
		Objects.requireNonNull(program, "program");
		Objects.requireNonNull(spelling, "spelling");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(effect, "effect");
		Objects.requireNonNull(source, "source");
	}

	/** The fact in one line, as a user reads it: "`--output=` of `git log` writes its output to a file". */
	public String describe() {
		String subject = spelling.startsWith("@") ? "`" + program + "`" : "`" + spelling + "` of `" + program + "`";
		return subject + " " + (effect.isEmpty() ? kind.name().toLowerCase(java.util.Locale.ROOT) : effect) + " ("
				+ source + ")";
	}
}
