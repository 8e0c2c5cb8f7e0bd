package dev.warden.core.internal.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shell that runs the agent's command lines, chosen once: the trust parser is checked against exactly these
 * shells (the differential test runs every line it trusts under dash, bash and bash in POSIX mode), so a trusted
 * line runs as the parser read it.
 * <ol>
 * <li>{@code dash -c LINE} when dash is installed (it is {@code /bin/sh} on Debian and Ubuntu);</li>
 * <li>else {@code bash --posix -c LINE}: POSIX mode is how bash runs as {@code /bin/sh} (macOS, Fedora), and in it
 * a non-interactive bash reads no start-up file, not even {@code $BASH_ENV};</li>
 * <li>else {@code /bin/sh -c LINE}, the POSIX shell of the system, which the parser was not checked against.</li>
 * </ol>
 * Whatever the two checked shells read differently is never trusted (see {@link Script#unportable()}).
 */
public final class CommandShell {

	private static final List<String> PREFIX = choose();

	private CommandShell() {
	}

	/** The program and arguments that run {@code commandLine}. */
	public static List<String> command(String commandLine) {
		String[] command = PREFIX.toArray(new String[PREFIX.size() + 1]);
		command[PREFIX.size()] = commandLine;
		return List.of(command);
	}

	/** The shell and its options before the command line, as {@link #command} uses them. */
	public static List<String> prefix() {
		return PREFIX;
	}

	private static List<String> choose() {
		for (String dash : new String[] { "/usr/bin/dash", "/bin/dash" }) {
			if (Files.isExecutable(Path.of(dash))) {
				return List.of(dash, "-c");
			}
		}
		for (String bash : new String[] { "/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash" }) {
			if (Files.isExecutable(Path.of(bash))) {
				return List.of(bash, "--posix", "-c");
			}
		}
		return List.of("/bin/sh", "-c");
	}
}
