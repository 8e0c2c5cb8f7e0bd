package dev.warden.core.internal.tools;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.warden.core.internal.sandbox.ChangeSetWriter;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.sandbox.Sandbox;
import dev.warden.core.sandbox.SandboxAvailability;
import dev.warden.core.sandbox.SandboxChange;
import dev.warden.core.sandbox.SandboxException;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.sandbox.SandboxSpec;
import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.CommandRequest;
import dev.warden.core.tools.CommandResult;
import dev.warden.core.tools.CommandRunner;
import dev.warden.core.tools.ToolException;

/**
 * Runs each command in a {@link Sandbox} and hands what it wrote to a {@link ChangeHandler} (the IDE applies the
 * change set as one undoable change, or shows it for review); the command's result then tells the model what became
 * of its changes, which writes were refused, which masked files it named and whether it lacked the network. Where no
 * sandbox can be had, commands run through the fallback runner as before — unless a sandbox is required, in which
 * case they are refused with the reason.
 */
public final class SandboxCommandRunner implements CommandRunner {

	/** What becomes of a sandboxed command's change set. */
	@FunctionalInterface
	public interface ChangeHandler {

		/**
		 * Applies, reviews or discards {@code result}'s changes (before the result is closed) and says what became of
		 * them, one line each, for the model.
		 */
		List<String> handle(String commandLine, SandboxResult result);
	}

	/** Writes every change that is not refused straight to disk: for headless use and tests. */
	public static final ChangeHandler APPLY_ALL = (commandLine, result) -> ChangeSetWriter
			.apply(result.changes(), c -> true).stream().map(ChangeOutcome::message).toList();

	private static final Pattern NO_NETWORK = Pattern.compile(
			"(?i)could not resolve|temporary failure in name resolution|name or service not known|network is unreachable"
					+ "|unknownhost|getaddrinfo|no address associated|connection refused|failed to connect");

	private final Sandbox sandbox;
	private final Supplier<SandboxSpec> spec;
	private final Consumer<Map<String, String>> environmentPolicy;
	private final ChangeHandler changes;
	private final CommandRunner fallback;
	private final BooleanSupplier required;

	/**
	 * @param spec              the sandbox for the next command (read for every command: settings may change)
	 * @param environmentPolicy edits the command's environment (a copy of this process's) before it starts
	 * @param fallback          runs commands where no sandbox can be had
	 * @param required          whether to refuse commands instead of running them unsandboxed (asked for every
	 *                          command)
	 */
	public SandboxCommandRunner(Sandbox sandbox, Supplier<SandboxSpec> spec,
			Consumer<Map<String, String>> environmentPolicy, ChangeHandler changes, CommandRunner fallback,
			BooleanSupplier required) {
		this.sandbox = sandbox;
		this.spec = spec;
		this.environmentPolicy = environmentPolicy;
		this.changes = changes;
		this.fallback = fallback;
		this.required = required;
	}

	/** Whether commands will be sandboxed, and if not why. */
	public SandboxAvailability availability() {
		return sandbox.availability();
	}

	/**
	 * Has the sandbox the next command without network would get set up in the background, where commands are
	 * sandboxed: the sandbox reads the spec and the environment, and asks whether it can be had, off this thread.
	 */
	@Override
	public void prepare() {
		sandbox.prepare(spec, this::environment);
	}

	/** This process's environment as the policy leaves it for a command. */
	private Map<String, String> environment() {
		Map<String, String> environment = new HashMap<>(System.getenv());
		environmentPolicy.accept(environment);
		return environment;
	}

	@Override
	public CommandResult run(CommandRequest request, Consumer<String> output, Cancellation cancellation)
			throws ToolException {
		SandboxAvailability availability = sandbox.availability();
		if (!availability.available()) {
			if (required.getAsBoolean()) {
				throw new ToolException("Commands must run in a sandbox (Protection preferences: Require a sandbox), "
						+ "and none can be had here: " + availability.reason());
			}
			CommandResult plain = fallback.run(request, output, cancellation);
			return new CommandResult(plain.exitCode(), plain.output() + "\n[sandbox] Commands are not sandboxed here ("
					+ availability.reason() + "); this one ran with the user's own access.\n", plain.truncated(),
					plain.timedOut(), plain.cancelled(), plain.elapsed());
		}
		cancellation.throwIfCancelled();
		Map<String, String> environment = environment();
		SandboxSpec current = request.network() ? spec.get().withNetwork(true) : spec.get();
		try (SandboxResult result = sandbox.run(current, request, environment, output, cancellation)) {
			StringBuilder notes = new StringBuilder();
			if (request.network()) {
				notes.append("\n[sandbox] The user granted this run network to any host the URL policy allows; the "
						+ "next command has none again unless granted.\n");
			}
			List<String> outcomes = changes.handle(request.commandLine(), result);
			if (!outcomes.isEmpty()) {
				notes.append("\n[sandbox] The command's changes to the project:\n");
				outcomes.forEach(line -> notes.append("  ").append(line).append('\n'));
			}
			for (SandboxChange refused : result.changes().refused()) {
				notes.append("[sandbox] Not carried over: ").append(refused.path()).append(" — ").append(refused.reason())
						.append('\n');
			}
			if (!result.masked().isEmpty()) {
				notes.append("[sandbox] The command named masked files, which commands cannot read: ")
						.append(String.join(", ", result.masked()))
						.append(". If it needs one, ask the user to allow commands to read it: Preferences > Warden > "
								+ "Protection > Commands, the project's masked files commands may read (the preference "
								+ "protect.sandbox.readable.<project>). Masked files stay unchangeable.\n");
			}
			result.network().stream().filter(line -> line.startsWith("REFUSED"))
					.forEach(line -> notes.append("[sandbox] Network: ").append(line).append('\n'));
			CommandResult command = result.command();
			if (command.exitCode() != 0 && !current.hasNetwork() && NO_NETWORK.matcher(command.output()).find()) {
				notes.append("[sandbox] The command ran without network (commands have none unless the user grants "
						+ "it for one run or lists the hosts they may reach); it may have failed for that reason.\n");
			}
			String text = notes.isEmpty() ? command.output() : command.output() + notes;
			return new CommandResult(command.exitCode(), text, command.truncated(), command.timedOut(),
					command.cancelled(), command.elapsed());
		} catch (SandboxException e) {
			throw new ToolException("The command could not be run in the sandbox: " + e.getMessage(), e);
		} catch (IOException e) {
			throw new ToolException("The sandbox's staged changes could not be removed: " + e.getMessage(), e);
		}
	}
}
