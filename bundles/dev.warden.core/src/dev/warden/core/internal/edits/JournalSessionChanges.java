package dev.warden.core.internal.edits;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;

import dev.warden.core.agent.SessionChanges;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.ChangeSink;
import dev.warden.core.tools.ProposedChange;

/**
 * A session's changes carried out over its change journal: each proposed change recorded, then performed as a
 * refactoring change ({@link WorkspaceChangeSink}); a command's changes found by a {@link CommandWatch}.
 */
public final class JournalSessionChanges implements SessionChanges {

	private final ChangeSession session;
	private final Runnable beforeApply;
	private final Consumer<List<Long>> applied;

	public JournalSessionChanges(ChangeSession session, Runnable beforeApply, Consumer<List<Long>> applied) {
		this.session = session;
		this.beforeApply = beforeApply;
		this.applied = applied;
	}

	@Override
	public ChangeSink sink(Function<String, Optional<IFile>> workspaceFiles) {
		WorkspaceChangeSink sink = new WorkspaceChangeSink(workspaceFiles, session, done -> applied.accept(done.writeIds()));
		return new ChangeSink() {
			@Override
			public ChangeOutcome apply(ProposedChange change) {
				beforeApply.run();
				try {
					return sink.apply(change);
				} finally {
					applied.accept(List.of()); // closes the capture when the change failed (no-op after success)
				}
			}

			@Override
			public List<ChangeOutcome> applyAll(String name, List<ProposedChange> changes) {
				beforeApply.run();
				try {
					return sink.applyAll(name, changes);
				} finally {
					applied.accept(List.of()); // closes the capture when the changes failed (no-op after success)
				}
			}
		};
	}

	@Override
	public AutoCloseable watchCommand(IProject project, String commandLine) {
		return new CommandWatch(session, project, commandLine);
	}
}
