package dev.warden.core.internal.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.warden.core.internal.protect.ControlCharacters;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;

/**
 * The headless path checker: {@code path-check --root DIR [--root DIR]...} reads paths as the agent would give them,
 * one a line, and prints for each, in order, {@code ALLOWED}, {@code REFUSED} or {@code HIDDEN}, a tab and the reason —
 * the verdict of the same {@link PathPolicy} the IDE uses, with the built-in sensitive patterns and the ignore files
 * found under the roots. Exit status 0, or 2 for bad arguments.
 */
public final class PathCheck {

	static final String USAGE = "usage: path-check --root DIR [--root DIR]...\n"
			+ "  reads paths (relative to the first root, or absolute) from standard input, one a line, and prints\n"
			+ "  ALLOWED, REFUSED (outside the roots or malformed) or HIDDEN (ignored or sensitive), a tab, the reason";

	private PathCheck() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.in, System.out, System.err));
	}

	public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
		List<ProtectedRoot> roots = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
			case "--root" -> {
				if (i + 1 >= args.length) {
					return usage(err, "--root needs a folder");
				}
				String root = args[++i];
				try {
					roots.add(ProtectedRoot.of(Path.of(root)));
				} catch (InvalidPathException e) {
					return usage(err, "not a valid path in this system's file-name encoding ("
							+ System.getProperty("sun.jnu.encoding") + "): " + ControlCharacters.escape(root)); //$NON-NLS-1$
				}
			}
			case "-h", "--help" -> {
				out.println(USAGE);
				return 0;
			}
			default -> {
				return usage(err, "unknown argument: " + args[i]);
			}
			}
		}
		if (roots.isEmpty()) {
			return usage(err, "--root is required");
		}
		PathPolicy policy;
		try {
			policy = PathPolicy.of(roots, SensitivePatterns.defaults());
		} catch (IllegalArgumentException e) {
			return usage(err, e.getMessage());
		}
		return CheckerLines.answerEach("path-check", "REFUSED", in, out, err, line -> policy.decide(line).toTsv()); //$NON-NLS-1$
	}

	private static int usage(PrintStream err, String problem) {
		err.println("path-check: " + problem);
		err.println(USAGE);
		return 2;
	}
}
