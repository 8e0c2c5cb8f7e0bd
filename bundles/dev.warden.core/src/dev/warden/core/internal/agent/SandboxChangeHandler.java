package dev.warden.core.internal.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import dev.warden.core.agent.Approval;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.internal.sandbox.ChangeSetWriter;
import dev.warden.core.internal.tools.SandboxCommandRunner;
import dev.warden.core.sandbox.SandboxChange;
import dev.warden.core.sandbox.SandboxChangeKind;
import dev.warden.core.sandbox.SandboxResult;
import dev.warden.core.tools.Capability;
import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.ChangeSink;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;

/**
 * Sends a sandboxed command's change set the way the agent's edits go: its text files as {@link ProposedChange}s to
 * the session's sink, applied together as one undoable refactoring change named after the command (the journal
 * records the original bytes; one Edit &gt; Undo takes the whole command back); in
 * Supervised mode the user reviews them first and may accept some. What a text change cannot carry — binary content,
 * a new permission, a link, an empty folder — is written as the command left it in Autopilot, inside a command watch
 * that records it like an unsandboxed command's writes; in Supervised mode, where the review shows text, it is not
 * applied and the model is told. Git-ignored output is written straight through.
 */
public final class SandboxChangeHandler implements SandboxCommandRunner.ChangeHandler {

	private final ChangeSink sink;
	private final Approvals approvals;
	private final Supplier<Mode> mode;
	private final Supplier<AutoCloseable> watch;
	private final boolean severalRoots;

	/**
	 * @param watch opens a watch of the project the command ran in (closing it records what was written directly)
	 */
	public SandboxChangeHandler(ChangeSink sink, Approvals approvals, Supplier<Mode> mode, Supplier<AutoCloseable> watch,
			boolean severalRoots) {
		this.sink = sink;
		this.approvals = approvals;
		this.mode = mode;
		this.watch = watch;
		this.severalRoots = severalRoots;
	}

	@Override
	public List<String> handle(String commandLine, SandboxResult result) {
		List<String> lines = new ArrayList<>();
		List<SandboxChange> direct = new ArrayList<>(result.changes().writtenThrough());
		Map<String, ProposedChange> proposals = new LinkedHashMap<>();
		List<SandboxChange> untextual = new ArrayList<>();
		for (SandboxChange change : result.changes().reviewable()) {
			ProposedChange proposal = proposal(commandLine, change);
			if (proposal == null) {
				untextual.add(change);
			} else {
				proposals.put(proposal.path(), proposal);
			}
		}
		Approval approval = Approval.approve();
		if (mode.get() == Mode.SUPERVISED) {
			if (!untextual.isEmpty()) {
				// the review compares text: what it cannot show is not applied behind the user's back
				lines.add("Not applied, because Supervised mode reviews text and these are not text (binary content, "
						+ "permissions, links or folders): " + String.join(", ", untextual.stream().map(this::agentPath)
								.toList()) + ". Ask the user, or make the change with the file tools.");
				untextual.clear();
			}
			if (!proposals.isEmpty()) {
				approval = review(commandLine, new ArrayList<>(proposals.values()));
				if (!approval.approved()) {
					lines.add("The user did not accept the command's changes to the project"
							+ (approval.reason().isEmpty() ? "" : ": " + approval.reason()) + "; they were not applied.");
					proposals.clear();
				}
			}
		}
		List<ProposedChange> accepted = new ArrayList<>();
		for (ProposedChange proposal : proposals.values()) {
			if (approval.approves(proposal.path())) {
				accepted.add(proposal);
			} else {
				lines.add("Not applied (the user left it out): " + proposal.path());
			}
		}
		if (!accepted.isEmpty()) {
			// one step, named after the command: one Edit > Undo takes back all it changed
			for (ChangeOutcome outcome : sink.applyAll(stepName(commandLine), accepted)) {
				lines.add(outcome.message());
			}
		}
		direct.addAll(untextual);
		if (!direct.isEmpty()) {
			Set<SandboxChange> chosen = Set.copyOf(direct);
			try (AutoCloseable recording = watch.get()) {
				for (ChangeOutcome outcome : ChangeSetWriter.apply(result.changes(), chosen::contains)) {
					lines.add(outcome.message());
				}
			} catch (Exception e) {
				lines.add("The command's other changes could not be recorded: " + e.getMessage());
			}
		}
		return lines;
	}

	/** The name of a command's change in the undo history, e.g. "Command: mvn spotless:apply". */
	public static String stepName(String commandLine) {
		String line = commandLine.strip().replaceAll("\\s+", " ");
		return "Command: " + (line.length() > 80 ? line.substring(0, 79) + "\u2026" : line);
	}

	private Approval review(String commandLine, List<ProposedChange> proposals) {
		try {
			ToolInvocation invocation = new ToolInvocation(null, "", "run_command", Set.of(Capability.RUN_COMMANDS), //$NON-NLS-1$ //$NON-NLS-2$
					commandLine, ToolArguments.parse("run_command", "{}", new com.google.gson.JsonObject())); //$NON-NLS-1$ //$NON-NLS-2$
			return approvals.reviewChanges(invocation, proposals).get();
		} catch (ExecutionException | ToolException e) {
			return Approval.reject("the review could not be shown: " + e.getMessage());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Approval.reject("the review was interrupted");
		}
	}

	/** The change as the agent's edit of a text file, or {@code null} when it is not one. */
	private ProposedChange proposal(String commandLine, SandboxChange change) {
		try {
			if (change.isDirectory() || change.isSymbolicLink() || Files.isSymbolicLink(change.location())) {
				return null;
			}
			String description = "Changed by the command: " + commandLine;
			String path = agentPath(change);
			if (change.kind() == SandboxChangeKind.DELETED) {
				String old = text(change.location());
				return old == null ? null : new ProposedChange(path, old, null, description);
			}
			String now = text(change.staged());
			if (now == null) {
				return null;
			}
			boolean executable = Files.isExecutable(change.staged());
			if (change.kind() == SandboxChangeKind.CREATED) {
				return executable ? null : new ProposedChange(path, null, now, description);
			}
			String old = text(change.location());
			if (old == null || executable != Files.isExecutable(change.location())
					|| !Files.getPosixFilePermissions(change.staged())
							.equals(Files.getPosixFilePermissions(change.location()))) {
				return null;
			}
			return new ProposedChange(path, old, now, description);
		} catch (IOException | UnsupportedOperationException e) {
			return null;
		}
	}

	private String agentPath(SandboxChange change) {
		return severalRoots ? change.root().name() + "/" + change.path() : change.path();
	}

	/** A regular file's content as UTF-8 text, or {@code null} when it is not valid UTF-8 or holds a NUL byte. */
	private static String text(Path file) throws IOException {
		if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		byte[] bytes = Files.readAllBytes(file);
		for (byte b : bytes) {
			if (b == 0) {
				return null;
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
		} catch (CharacterCodingException e) {
			return null;
		}
	}
}
