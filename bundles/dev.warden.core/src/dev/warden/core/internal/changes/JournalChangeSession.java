package dev.warden.core.internal.changes;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.changes.ChangeOrigin;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.Checkpoint;
import dev.warden.core.changes.ConflictDecision;
import dev.warden.core.changes.FileAccess;
import dev.warden.core.changes.FileOutcome;
import dev.warden.core.changes.FileRestore;
import dev.warden.core.changes.FileState;
import dev.warden.core.changes.Original;
import dev.warden.core.changes.OriginalSource;
import dev.warden.core.changes.RecoveryNote;
import dev.warden.core.changes.RestoreInfo;
import dev.warden.core.changes.RestorePlan;
import dev.warden.core.changes.RestoreResult;
import dev.warden.core.changes.RestoreTarget;
import dev.warden.core.changes.SessionInfo;
import dev.warden.core.changes.TouchedFile;
import dev.warden.core.changes.WriteMark;
import dev.warden.core.internal.changes.SessionIndex.Latest;

/**
 * A {@link ChangeSession} kept in a journal file. Records are appended and applied to an in-memory
 * {@link SessionIndex}; contents go to the shared blob store before the record that refers to them, and records
 * whose loss would lose the user's data (originals, writes, restores, rejected and undone marks) are forced to disk
 * before the method returns. Two kinds are appended without forcing, as losing them loses nothing: a checkpoint
 * (until a later record is forced there is no change it would protect), and an "applied" mark (a write without mark
 * counts as possibly performed, so the file is accepted in either state).
 */
final class JournalChangeSession implements ChangeSession, Closeable {

	private static final int MAX_SUMMARY = 500;

	private final String id;
	private final StoreContext context;
	private final JournalFile journal;
	private final SessionIndex index;
	private final List<RecoveryNote> notes;
	private final RestorePlanner planner;

	/**
	 * When the journal was read back, by the system clock (not the store's, which tests may fix): what a write
	 * left in a folder before then was left by a process that no longer writes.
	 */
	private final long openedMillis;

	private JournalChangeSession(String id, StoreContext context, JournalFile journal, SessionIndex index,
			List<RecoveryNote> notes) {
		this.id = id;
		this.context = context;
		this.journal = journal;
		this.index = index;
		this.notes = List.copyOf(notes);
		this.planner = new RestorePlanner(id, index, context.blobs());
		this.openedMillis = System.currentTimeMillis();
	}

	/** Reads the journal {@code file} back (or starts it, with {@code title}) and opens it for appending. */
	static JournalChangeSession open(String id, String title, Path file, StoreContext context) throws IOException {
		JournalFile.Contents contents = JournalFile.read(file, context.codec());
		SessionIndex index = new SessionIndex(id);
		List<RecoveryNote> notes = new ArrayList<>(contents.notes());
		for (JournalFile.Line line : contents.lines()) {
			try {
				index.apply(line.record());
			} catch (IllegalArgumentException | DateTimeParseException e) {
				notes.add(new RecoveryNote(line.number(), false,
						"Journal record " + line.number() + " was not understood and was skipped: " + e.getMessage()));
			}
		}
		notes.sort(Comparator.comparingInt(RecoveryNote::line));
		JournalFile journal = JournalFile.open(file, context.codec(), contents.intactLength());
		JournalChangeSession session = new JournalChangeSession(id, context, journal, index, notes);
		if (!index.started()) {
			session.append(List.of(JournalRecord.session(index.lastSeq() + 1, session.now(), id, title)), true);
		}
		return session;
	}

	@Override
	public String id() {
		return id;
	}

	@Override
	public synchronized SessionInfo info() {
		return new SessionInfo(id, index.title(), index.startTime(), index.lastActivity());
	}

	@Override
	public List<RecoveryNote> recoveryNotes() {
		return notes;
	}

	@Override
	public synchronized Checkpoint createCheckpoint(String promptSummary) throws IOException {
		String summary = promptSummary == null ? "" : promptSummary;
		if (summary.length() > MAX_SUMMARY) {
			summary = summary.substring(0, MAX_SUMMARY - 1) + "\u2026";
		}
		int number = index.currentInterval() + 1;
		append(List.of(JournalRecord.checkpoint(index.lastSeq() + 1, now(), "cp-" + number, number, summary)), false);
		return index.checkpoint("cp-" + number);
	}

	@Override
	public synchronized List<Checkpoint> checkpoints() {
		return index.checkpoints();
	}

	@Override
	public long recordAgentWrite(String path, byte[] before, byte[] after, String description) throws IOException {
		if (before == null && after == null) {
			throw new IllegalArgumentException("A write needs content before or after: " + path);
		}
		Original original = before == null ? Original.absent(OriginalSource.DISK)
				: Original.of(before, OriginalSource.DISK);
		return recordWrite(RelativePaths.normalize(path), original, after, ChangeOrigin.AGENT_TOOL, description);
	}

	@Override
	public long recordCommandChange(String path, Original original, byte[] after, String command)
			throws IOException {
		Objects.requireNonNull(original, "original");
		return recordWrite(RelativePaths.normalize(path), original, after, ChangeOrigin.COMMAND, command);
	}

	private long recordWrite(String path, Original original, byte[] after, ChangeOrigin origin, String detail)
			throws IOException {
		context.shared().lock();
		try {
			synchronized (this) {
				String time = now();
				long seq = index.lastSeq();
				int interval = index.currentInterval();
				List<JournalRecord> batch = new ArrayList<>(2);
				if (!index.touchedInCurrentInterval(path)) {
					FileState before = switch (original.state()) {
					case PRESENT -> FileState.present(context.blobs().put(original.content()));
					case ABSENT -> FileState.absent();
					case UNRECOVERABLE -> FileState.unrecoverable();
					};
					batch.add(JournalRecord.touch(++seq, time, path, interval, StateTokens.format(before),
							original.source().name()));
				}
				FileState state = after == null ? FileState.absent() : FileState.present(context.blobs().put(after));
				long writeId = ++seq;
				batch.add(JournalRecord.write(writeId, time, path, interval, StateTokens.format(state), null,
						origin.name(), detail, null));
				append(batch, true);
				return writeId;
			}
		} finally {
			context.shared().unlock();
		}
	}

	@Override
	public synchronized Optional<Original> journalOriginal(String path) throws IOException {
		Optional<Latest> latest = index.latest(RelativePaths.normalize(path));
		if (latest.isEmpty()) {
			return Optional.empty();
		}
		FileState state = latest.get().state();
		return switch (state.kind()) {
		case PRESENT -> Optional.of(Original.of(context.blobs().get(state.hash()), OriginalSource.JOURNAL));
		case ABSENT -> Optional.of(Original.absent(OriginalSource.JOURNAL));
		case UNRECOVERABLE -> Optional.empty();
		};
	}

	@Override
	public synchronized void mark(long writeId, WriteMark mark) throws IOException {
		Objects.requireNonNull(mark, "mark");
		if (!index.hasWrite(writeId)) {
			throw new IllegalArgumentException("No write " + writeId + " in session " + id);
		}
		append(List.of(JournalRecord.mark(index.lastSeq() + 1, now(), List.of(writeId), mark.name())),
				mark != WriteMark.APPLIED);
	}

	@Override
	public synchronized List<TouchedFile> touchedFiles() {
		return index.paths().stream().map(index::touchedFile).toList();
	}

	@Override
	public synchronized Optional<FileState> stateAt(String checkpointId, String path) {
		int interval = index.checkpoint(checkpointId).number();
		return index.firstTouchFrom(RelativePaths.normalize(path), interval).map(SessionIndex.Touch::original);
	}

	@Override
	public byte[] content(FileState state) throws IOException {
		if (!state.isPresent()) {
			throw new IllegalArgumentException("A " + state + " file has no content");
		}
		return context.blobs().get(state.hash());
	}

	@Override
	public synchronized RestorePlan planRestore(RestoreTarget target, FileAccess files) throws IOException {
		return planner.planRestore(Objects.requireNonNull(target, "target"), files);
	}

	@Override
	public synchronized RestorePlan planUndoRestore(String restoreId, FileAccess files) throws IOException {
		return planner.planUndo(restoreId, files);
	}

	@Override
	public synchronized List<RestoreInfo> restores() {
		return index.restores();
	}

	@Override
	public RestoreResult execute(RestorePlan plan, Map<String, ConflictDecision> decisions, FileAccess files)
			throws IOException {
		if (!plan.sessionId().equals(id)) {
			throw new IllegalArgumentException("The plan belongs to session " + plan.sessionId() + ", not " + id);
		}
		context.shared().lock();
		try {
			synchronized (this) {
				RestoreExecution execution = new RestoreExecution(plan, decisions, files, context.blobs());
				String time = now();
				long seq = index.lastSeq() + 1;
				String restoreId = "r" + seq;
				List<JournalRecord> records = new ArrayList<>();
				records.add(JournalRecord.restore(seq, time, restoreId, plan.kind().name(),
						plan.target() == null ? null
								: plan.target().isSessionStart() ? JournalRecord.SESSION_START
										: plan.target().checkpointId(),
						plan.undoesRestoreId()));
				List<RestoreExecution.Step> steps = execution.prepare();
				List<Long> accepted = new ArrayList<>();
				for (RestoreExecution.Step step : steps) {
					FileRestore file = step.file();
					if (!index.touchedInCurrentInterval(file.path())) {
						records.add(JournalRecord.touch(++seq, time, file.path(), index.currentInterval(),
								StateTokens.format(file.onDisk()), OriginalSource.DISK.name()));
					}
					FileState after = step.keepMine() ? file.onDisk() : file.target();
					FileState before = step.keepMine() ? file.latest() : file.onDisk();
					step.writeId(++seq);
					records.add(JournalRecord.write(seq, time, file.path(), index.currentInterval(),
							StateTokens.format(after), StateTokens.format(before),
							(step.keepMine() ? ChangeOrigin.USER_ACCEPTED : ChangeOrigin.RESTORE).name(),
							plan.kind().name(), restoreId));
					if (step.keepMine()) {
						accepted.add(seq);
					}
				}
				if (!accepted.isEmpty()) {
					records.add(JournalRecord.mark(++seq, time, accepted, WriteMark.APPLIED.name()));
				}
				append(records, true);
				execution.perform(steps);
				removeLeftovers(files);
				List<JournalRecord> marks = new ArrayList<>(2);
				long markSeq = index.lastSeq();
				if (!execution.performed().isEmpty()) {
					marks.add(JournalRecord.mark(++markSeq, now(), execution.performed(), WriteMark.APPLIED.name()));
				}
				if (!execution.failed().isEmpty()) {
					marks.add(JournalRecord.mark(++markSeq, now(), execution.failed(), WriteMark.REJECTED.name()));
				}
				if (!marks.isEmpty()) {
					append(marks, true);
				}
				RestoreResult result = new RestoreResult(restoreId, execution.outcomes());
				audit(plan, result);
				return result;
			}
		} finally {
			context.shared().unlock();
		}
	}

	/**
	 * Removes what writes cut short by a kill before the journal was read back left in the folders of the session's
	 * files (the temporary file of an atomic write that was never moved over its target), so that a restore leaves
	 * the workspace as it was; a folder that cannot be tidied keeps them, which the restore does not fail for.
	 */
	private void removeLeftovers(FileAccess files) {
		Set<String> folders = new LinkedHashSet<>();
		for (String path : index.paths()) {
			int slash = path.lastIndexOf('/');
			folders.add(slash < 0 ? "" : path.substring(0, slash));
		}
		for (String folder : folders) {
			try {
				files.removeLeftovers(folder, openedMillis);
			} catch (IOException | RuntimeException e) {
				// left as it is: the restored files are what matters
			}
		}
	}

	private void audit(RestorePlan plan, RestoreResult result) {
		String subject = plan.kind() == RestorePlan.Kind.UNDO_RESTORE ? "undo " + plan.undoesRestoreId()
				: plan.target().isSessionStart() ? "session start" : plan.target().checkpointId();
		long changed = result.files().stream().filter(FileOutcome::changedDisk).count();
		String detail = result.restoreId() + ": " + changed + " of " + result.files().size() + " files changed";
		context.audit().record(new AuditEvent(context.clock().instant(), id, "changes.restore", subject,
				result.complete() ? "DONE" : "PARTIAL", detail, "user"));
	}

	private void append(List<JournalRecord> records, boolean sync) throws IOException {
		journal.append(records, sync);
		records.forEach(index::apply);
	}

	private String now() {
		return context.clock().instant().toString();
	}

	@Override
	public synchronized void close() throws IOException {
		journal.close();
	}
}
