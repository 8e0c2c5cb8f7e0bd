package dev.warden.core.internal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternProblem;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.ProgramFacts;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PolicyPathGuard;

/**
 * The headless trust checker: {@code trust-check [--workspace DIR] [--facts FILE] PATTERN_FILE}.
 * <p>
 * Reads the pattern file (one pattern a line; {@code !}-prefixed lines are deny rules; blank lines and {@code #}
 * comments ignored), then command lines from standard input, one a line (split at line feeds only; the two
 * characters {@code \n} inside a line stand for a newline). For each it prints one line to standard output:
 * {@code TRUSTED}, {@code ASK} or {@code DENIED}, a tab, and the reason on one line. Warden's default deny list
 * applies in addition to the file's deny rules, exactly as in the IDE. {@code --workspace} (default: the current
 * directory) is the root that output redirections may write into and the directory commands run in.
 * {@code --facts} names an administrator's program-facts file (the format of Warden's own
 * {@code program-facts.txt}), added to Warden's facts as in the IDE.
 * <p>
 * Exit status: 0 when every line was judged, 2 for bad arguments or an unreadable or invalid pattern file.
 */
public final class TrustCheck {

	private static final String USAGE = "usage: trust-check [--workspace DIR] [--facts FILE] PATTERN_FILE < COMMANDS";

	private TrustCheck() {
	}

	public static void main(String[] args) {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
		System.exit(run(args, System.in, out, err));
	}

	/** Runs the checker; returns the exit status. */
	public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
		String workspace = ".";
		String patternFile = null;
		String factsFile = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("-h") || arg.equals("--help")) {
				out.println(USAGE);
				return 0;
			}
			if (arg.equals("--workspace")) {
				if (i + 1 >= args.length) {
					return usage(err, "--workspace needs a directory");
				}
				workspace = args[++i];
			} else if (arg.startsWith("--workspace=")) {
				workspace = arg.substring("--workspace=".length());
			} else if (arg.equals("--facts")) {
				if (i + 1 >= args.length) {
					return usage(err, "--facts needs a file");
				}
				factsFile = args[++i];
			} else if (arg.startsWith("--facts=")) {
				factsFile = arg.substring("--facts=".length());
			} else if (arg.startsWith("-") && !arg.equals("-")) {
				return usage(err, "unknown option " + arg);
			} else if (patternFile == null) {
				patternFile = arg;
			} else {
				return usage(err, "only one PATTERN_FILE may be given");
			}
		}
		if (patternFile == null) {
			return usage(err, "PATTERN_FILE is missing");
		}
		Path root;
		Path patterns;
		try {
			root = Path.of(workspace).toAbsolutePath().normalize();
			patterns = Path.of(patternFile);
		} catch (InvalidPathException e) {
			return usage(err, "not a valid path: " + e.getInput());
		}
		if (!Files.isDirectory(root)) {
			return usage(err, "the workspace " + root + " is not a directory");
		}
		String text;
		try {
			text = Files.readString(patterns, StandardCharsets.UTF_8);
		} catch (IOException e) {
			return usage(err, "cannot read the pattern file " + patternFile + ": " + e.getMessage());
		}
		PatternList list = PatternList.parse(PatternScope.WORKSPACE, patterns.getFileName().toString(), text);
		if (!list.problems().isEmpty()) {
			for (PatternProblem problem : list.problems()) {
				err.println(patternFile + ": " + problem);
			}
			return usage(err, "the pattern file " + patternFile + " has invalid lines");
		}
		ProgramFacts facts = ProgramFacts.builtIn();
		if (factsFile != null) {
			String factsText;
			try {
				factsText = Files.readString(Path.of(factsFile), StandardCharsets.UTF_8);
			} catch (IOException | InvalidPathException e) {
				return usage(err, "cannot read the facts file " + factsFile + ": " + e.getMessage());
			}
			facts = ProgramFacts.withAdministratorFacts(factsFile, factsText);
			if (!facts.problems().isEmpty()) {
				facts.problems().forEach(err::println);
				return usage(err, "the facts file " + factsFile + " has invalid lines");
			}
		}
		// as in the IDE: files hidden from the agent (.gitignore, .wardenignore, sensitive patterns) under the
		// workspace are not a side door through a trusted command such as `cat *`
		TrustPolicy policy = TrustPolicy.builder(root).add(DefaultDenyList.load()).add(list)
				.pathGuard(new PolicyPathGuard(PathPolicy.of(root))).programFacts(facts).build();
		// one answer per line whatever its bytes; a line that cannot be judged is asked about
		return CheckerLines.answerEach("trust-check", "ASK", in, out, err, line -> { //$NON-NLS-1$ //$NON-NLS-2$
			CommandVerdict verdict = policy.evaluate(line.replace("\\n", "\n")); //$NON-NLS-1$ //$NON-NLS-2$
			return verdict.verdict().name() + "\t" + verdict.reason(); //$NON-NLS-1$
		});
	}

	private static int usage(PrintStream err, String problem) {
		err.println("trust-check: " + problem);
		err.println(USAGE);
		return 2;
	}
}
