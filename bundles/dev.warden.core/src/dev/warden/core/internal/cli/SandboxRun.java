package dev.warden.core.internal.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warden.core.internal.sandbox.BubblewrapSandbox;
import dev.warden.core.internal.sandbox.ChangeSetWriter;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxAvailability;
import dev.warden.core.sandbox.SandboxException;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.sandbox.SandboxSpec;
import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.CommandRequest;

/**
 * The headless sandbox: {@code sandbox-run --root DIR [--allow-host HOST]... [--apply] -- COMMAND_LINE} runs one
 * command line in the sandbox the IDE uses, rooted at DIR (its sensitive and {@code .wardenignore}d files, the
 * workspace {@code .metadata} above it and the home folder's credential stores masked; the environment scrubbed of
 * credentials; no network but the allowed hosts through the proxy). It prints the command's output, a line
 * {@code --- changes}, then one line per changed path relative to DIR: {@code CREATED}, {@code MODIFIED},
 * {@code DELETED}, or {@code REFUSED}, a tab and the reason. Without {@code --apply} DIR is left exactly as it was;
 * with it the changes that are not refused are written. Exit status: the command's; 2 for bad arguments; 3 when no
 * sandbox can be set up here (the reason on standard error).
 */
public final class SandboxRun {

	static final String USAGE = "usage: sandbox-run --root DIR [--allow-host HOST]... [--apply] -- COMMAND_LINE\n"
			+ "  runs COMMAND_LINE (sh -c) in Warden's sandbox rooted at DIR; prints its output, '--- changes', and\n"
			+ "  CREATED|MODIFIED|DELETED|REFUSED TAB path [TAB reason] for each path it changed; --apply writes them";

	/** Long enough for any build; the headless run has no time limit of its own. */
	private static final Duration NO_LIMIT = Duration.ofDays(1);

	private SandboxRun() {
	}

	public static void main(String[] args) {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		int status = run(args, out, System.err, BubblewrapSandbox.oneShot(UrlPolicy.defaults()), System.getenv());
		BubblewrapSandbox.awaitCleanUp();
		System.exit(status);
	}

	public static int run(String[] args, PrintStream out, PrintStream err, Sandbox sandbox,
			Map<String, String> environment) {
		Path root = null;
		Set<String> hosts = new LinkedHashSet<>();
		boolean apply = false;
		List<String> command = null;
		for (int i = 0; i < args.length && command == null; i++) {
			switch (args[i]) {
			case "--root" -> {
				if (i + 1 >= args.length) {
					return usage(err, "--root needs a folder");
				}
				if (root != null) {
					return usage(err, "--root may be given once");
				}
				root = Path.of(args[++i]);
			}
			case "--allow-host" -> {
				if (i + 1 >= args.length) {
					return usage(err, "--allow-host needs a host name");
				}
				String host = args[++i];
				try {
					UrlPolicy.of(Set.of(host), h -> List.of());
				} catch (IllegalArgumentException e) {
					return usage(err, e.getMessage());
				}
				hosts.add(host);
			}
			case "--apply" -> apply = true;
			case "--" -> command = List.of(args).subList(i + 1, args.length);
			case "-h", "--help" -> {
				out.println(USAGE);
				return 0;
			}
			default -> {
				return usage(err, "unknown argument: " + args[i]);
			}
			}
		}
		if (root == null) {
			return usage(err, "--root is required");
		}
		if (!Files.isDirectory(root)) {
			return usage(err, "--root is not a folder: " + root);
		}
		if (command == null || String.join(" ", command).isBlank()) {
			return usage(err, "the command line goes after '--'");
		}
		SandboxAvailability availability = sandbox.availability();
		if (!availability.available()) {
			err.println("sandbox-run: no sandbox: " + availability.reason());
			return 3;
		}
		List<ProtectedRoot> roots = List.of(ProtectedRoot.of(root.toAbsolutePath().normalize()));
		List<Path> masks = new ArrayList<>();
		String home = environment.get("HOME");
		for (String h : new LinkedHashSet<>(List.of(home == null ? System.getProperty("user.home") : home,
				System.getProperty("user.home")))) {
			masks.addAll(SandboxSpec.standardMasks(roots, Path.of(h), List.of()));
		}
		SandboxSpec spec = new SandboxSpec(roots, SensitivePatterns.defaults(), List.copyOf(new LinkedHashSet<>(masks)),
				Set.of(), hosts, false);
		CommandRequest request = new CommandRequest(String.join(" ", command), root.toAbsolutePath().normalize(),
				NO_LIMIT, 1_000_000);
		Map<String, String> scrubbed = EnvironmentPolicy.defaults().scrub(environment).asMap();
		boolean[] endsWithNewline = { true };
		try (SandboxResult result = sandbox.run(spec, request, scrubbed, chunk -> {
			out.print(chunk);
			out.flush();
			if (!chunk.isEmpty()) {
				endsWithNewline[0] = chunk.endsWith("\n");
			}
		}, new Cancellation())) {
			if (!endsWithNewline[0]) {
				out.println();
			}
			out.println("--- changes");
			result.changes().toTsv().forEach(out::println);
			if (apply) {
				for (ChangeOutcome outcome : ChangeSetWriter.apply(result.changes(), c -> true)) {
					if (!outcome.applied()) {
						err.println("sandbox-run: " + outcome.message());
					}
				}
			}
			out.flush();
			return result.command().exitCode();
		} catch (SandboxException e) {
			err.println("sandbox-run: no sandbox: " + e.getMessage());
			return 3;
		} catch (java.io.IOException e) {
			err.println("sandbox-run: the staged changes could not be removed: " + e.getMessage());
			return 1;
		}
	}

	private static int usage(PrintStream err, String problem) {
		err.println("sandbox-run: " + problem);
		err.println(USAGE);
		return 2;
	}
}
