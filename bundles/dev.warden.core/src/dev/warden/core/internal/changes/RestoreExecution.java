package dev.warden.core.internal.changes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.warden.core.changes.BlobException;
import dev.warden.core.changes.ConflictDecision;
import dev.warden.core.changes.FileAccess;
import dev.warden.core.changes.FileOutcome;
import dev.warden.core.changes.FileOutcome.Outcome;
import dev.warden.core.changes.FileRestore;
import dev.warden.core.changes.FileState;
import dev.warden.core.changes.RestorePlan;

/**
 * One execution of a {@link RestorePlan}: first {@link #prepare()} checks each file against the plan once more and
 * keeps its current content in the blob store (so the restore can be undone), then — after the caller has journalled
 * the steps — {@link #perform} writes them.
 */
final class RestoreExecution {

	/** A file the restore writes, deletes or (kept by the user) takes as it is. */
	static final class Step {
		private final int position;
		private final FileRestore file;
		private final boolean keepMine;
		private final byte[] target;
		private long writeId;

		Step(int position, FileRestore file, boolean keepMine, byte[] target) {
			this.position = position;
			this.file = file;
			this.keepMine = keepMine;
			this.target = target;
		}

		FileRestore file() {
			return file;
		}

		boolean keepMine() {
			return keepMine;
		}

		void writeId(long id) {
			writeId = id;
		}
	}

	private final RestorePlan plan;
	private final Map<String, ConflictDecision> decisions;
	private final FileAccess files;
	private final FileBlobStore blobs;
	private final FileOutcome[] outcomes;
	private final List<Long> performed = new ArrayList<>();
	private final List<Long> failed = new ArrayList<>();

	RestoreExecution(RestorePlan plan, Map<String, ConflictDecision> decisions, FileAccess files, FileBlobStore blobs) {
		this.plan = plan;
		this.decisions = decisions == null ? Map.of() : decisions;
		this.files = files;
		this.blobs = blobs;
		this.outcomes = new FileOutcome[plan.files().size()];
	}

	/** The steps to journal and perform; the other files get their outcome now. */
	List<Step> prepare() throws IOException {
		List<Step> steps = new ArrayList<>();
		for (int i = 0; i < outcomes.length; i++) {
			FileRestore file = plan.files().get(i);
			switch (file.action()) {
			case NONE -> outcomes[i] = outcome(file, Outcome.UNCHANGED, file.reason());
			case UNRECOVERABLE -> outcomes[i] = outcome(file, Outcome.UNRECOVERABLE, file.reason());
			case WRITE, DELETE -> prepare(i, file, false, steps);
			case CONFLICT -> {
				ConflictDecision decision = decisions.getOrDefault(file.path(), ConflictDecision.SKIP);
				switch (decision) {
				case SKIP -> outcomes[i] = outcome(file, Outcome.SKIPPED, "Left as it is, undecided");
				case KEEP_MINE -> prepare(i, file, true, steps);
				case TAKE_RESTORE -> prepare(i, file, false, steps);
				}
			}
			}
		}
		return steps;
	}

	private void prepare(int position, FileRestore file, boolean keepMine, List<Step> steps) throws IOException {
		byte[] current = files.read(file.path()).orElse(null);
		if (!FileState.of(current).equals(file.onDisk())) {
			outcomes[position] = outcome(file, Outcome.CHANGED_SINCE_PLAN,
					"The file changed on disk after the restore was planned; it was left alone");
			return;
		}
		byte[] target = null;
		if (!keepMine && file.target().isPresent()) {
			try {
				target = blobs.get(file.target().hash());
			} catch (BlobException e) {
				outcomes[position] = outcome(file, Outcome.UNRECOVERABLE, e.getMessage());
				return;
			}
		}
		if (current != null) {
			blobs.put(current);
		}
		if (keepMine) {
			outcomes[position] = outcome(file, Outcome.KEPT_MINE, "Kept as it is on disk");
		}
		steps.add(new Step(position, file, keepMine, target));
	}

	/** Writes and deletes what the steps say; a failure is an outcome, not an exception. */
	void perform(List<Step> steps) {
		for (Step step : steps) {
			if (step.keepMine) {
				continue;
			}
			FileRestore file = step.file;
			try {
				if (step.target == null) {
					files.delete(file.path());
					outcomes[step.position] = outcome(file, Outcome.DELETED, file.reason());
				} else {
					files.write(file.path(), step.target);
					outcomes[step.position] = outcome(file, Outcome.WRITTEN, file.reason());
				}
				performed.add(step.writeId);
			} catch (IOException | RuntimeException e) {
				outcomes[step.position] = outcome(file, Outcome.FAILED, String.valueOf(e.getMessage()));
				failed.add(step.writeId);
			}
		}
	}

	List<Long> performed() {
		return List.copyOf(performed);
	}

	List<Long> failed() {
		return List.copyOf(failed);
	}

	List<FileOutcome> outcomes() {
		return Arrays.asList(outcomes.clone());
	}

	private static FileOutcome outcome(FileRestore file, Outcome outcome, String message) {
		return new FileOutcome(file.path(), outcome, message);
	}
}
