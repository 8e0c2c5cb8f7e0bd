package dev.warden.core.internal.changes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.warden.core.changes.ChangeKind;
import dev.warden.core.changes.ContentHash;
import dev.warden.core.changes.ChangeOrigin;
import dev.warden.core.changes.Checkpoint;
import dev.warden.core.changes.FileState;
import dev.warden.core.changes.OriginalSource;
import dev.warden.core.changes.RestoreInfo;
import dev.warden.core.changes.RestorePlan;
import dev.warden.core.changes.RestoreTarget;
import dev.warden.core.changes.TouchedFile;
import dev.warden.core.changes.WriteMark;

/**
 * What a session's journal says, rebuilt in memory by replaying its records, and the answers derived from it: per
 * file, its original at each checkpoint and the latest state the session left it in.
 * <p>
 * The records between two checkpoints form an <em>interval</em>: interval 0 precedes the first checkpoint, interval
 * {@code n} follows checkpoint {@code n}. A file's first change in an interval is preceded by a {@code touch} record
 * with the file's state at that moment, which is its state at the interval's checkpoint.
 */
final class SessionIndex {

	/** Something recorded about one file. */
	sealed interface Event permits Touch, Write {
	}

	/** A file's first change in an interval, with its state just before. */
	record Touch(long seq, int interval, FileState original, OriginalSource source) implements Event {
	}

	/** A recorded write of a file; {@code before} is recorded only for restores. */
	record Write(long seq, String path, int interval, FileState after, FileState before, ChangeOrigin origin,
			String detail, String restoreId) implements Event {
	}

	/**
	 * The state the session last left a file in; when the last write is not yet marked, the file may also still be in
	 * the state before it ({@code alternative}, otherwise {@code null}).
	 */
	record Latest(FileState state, FileState alternative) {

		boolean matches(FileState onDisk) {
			return state.equals(onDisk) || onDisk.equals(alternative);
		}
	}

	private record Restore(String id, Instant time, RestorePlan.Kind kind, RestoreTarget target, String undoes,
			List<Long> writes) {
	}

	private final String sessionId;
	private String title = "";
	private Instant started;
	private Instant lastActivity;
	private long lastSeq;
	private final List<Checkpoint> checkpoints = new ArrayList<>();
	private final Map<String, Checkpoint> checkpointsById = new HashMap<>();
	private final Map<String, List<Event>> events = new LinkedHashMap<>();
	private final Map<Long, Write> writes = new HashMap<>();
	private final Map<Long, WriteMark> marks = new HashMap<>();
	private final Map<String, Restore> restores = new LinkedHashMap<>();

	SessionIndex(String sessionId) {
		this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
	}

	/**
	 * Takes in one record.
	 *
	 * @throws IllegalArgumentException if the record does not make sense (unknown type, missing field, unknown
	 *                                  reference)
	 */
	void apply(JournalRecord record) {
		long seq = required(record.seq(), "seq");
		Instant time = Instant.parse(required(record.time(), "time"));
		switch (required(record.type(), "type")) {
		case JournalRecord.SESSION -> {
			if (!sessionId.equals(record.session())) {
				throw new IllegalArgumentException("Journal of another session: " + record.session());
			}
			title = record.title() == null ? "" : record.title();
			started = time;
		}
		case JournalRecord.CHECKPOINT -> {
			int number = required(record.number(), "number");
			if (number != checkpoints.size() + 1) {
				throw new IllegalArgumentException("Checkpoint " + number + " out of order");
			}
			Checkpoint checkpoint = new Checkpoint(required(record.checkpoint(), "checkpoint"), number,
					record.summary(), time);
			if (checkpointsById.putIfAbsent(checkpoint.id(), checkpoint) != null) {
				throw new IllegalArgumentException("Checkpoint " + checkpoint.id() + " recorded twice");
			}
			checkpoints.add(checkpoint);
		}
		case JournalRecord.TOUCH -> {
			Touch touch = new Touch(seq, required(record.interval(), "interval"),
					StateTokens.parse(record.state()), OriginalSource.valueOf(required(record.source(), "source")));
			events.computeIfAbsent(required(record.path(), "path"), p -> new ArrayList<>()).add(touch);
		}
		case JournalRecord.WRITE -> {
			String path = required(record.path(), "path");
			Write write = new Write(seq, path, required(record.interval(), "interval"),
					StateTokens.parse(record.state()),
					record.before() == null ? null : StateTokens.parse(record.before()),
					ChangeOrigin.valueOf(required(record.origin(), "origin")), record.detail(), record.restore());
			events.computeIfAbsent(path, p -> new ArrayList<>()).add(write);
			writes.put(seq, write);
			if (write.restoreId() != null) {
				Restore restore = restores.get(write.restoreId());
				if (restore == null) {
					throw new IllegalArgumentException("Write for an unknown restore " + write.restoreId());
				}
				restore.writes().add(seq);
			}
		}
		case JournalRecord.MARK -> {
			WriteMark mark = WriteMark.valueOf(required(record.mark(), "mark"));
			for (Long id : required(record.writes(), "writes")) {
				if (!writes.containsKey(id)) {
					throw new IllegalArgumentException("Mark for an unknown write " + id);
				}
				marks.put(id, mark);
			}
		}
		case JournalRecord.RESTORE -> {
			RestorePlan.Kind kind = RestorePlan.Kind.valueOf(required(record.kind(), "kind"));
			RestoreTarget target = null;
			if (kind == RestorePlan.Kind.RESTORE) {
				String id = required(record.target(), "target");
				target = JournalRecord.SESSION_START.equals(id) ? RestoreTarget.sessionStart() : new RestoreTarget(id);
			}
			String id = required(record.restore(), "restore");
			restores.put(id, new Restore(id, time, kind, target, record.undoes(), new ArrayList<>()));
		}
		default -> throw new IllegalArgumentException("Unknown record type " + record.type());
		}
		lastSeq = Math.max(lastSeq, seq);
		lastActivity = time;
	}

	private static <T> T required(T value, String field) {
		if (value == null) {
			throw new IllegalArgumentException("Record without " + field);
		}
		return value;
	}

	boolean started() {
		return started != null;
	}

	String title() {
		return title;
	}

	Instant startTime() {
		return started;
	}

	Instant lastActivity() {
		return lastActivity;
	}

	long lastSeq() {
		return lastSeq;
	}

	/** The interval records go to now. */
	int currentInterval() {
		return checkpoints.size();
	}

	List<Checkpoint> checkpoints() {
		return List.copyOf(checkpoints);
	}

	/** @throws IllegalArgumentException if there is no checkpoint {@code id} */
	Checkpoint checkpoint(String id) {
		Checkpoint checkpoint = checkpointsById.get(id);
		if (checkpoint == null) {
			throw new IllegalArgumentException("No checkpoint '" + id + "' in session " + sessionId);
		}
		return checkpoint;
	}

	/** The first interval a restore to {@code target} undoes. */
	int firstInterval(RestoreTarget target) {
		return target.isSessionStart() ? 0 : checkpoint(target.checkpointId()).number();
	}

	/** The files touched, in the order they were first touched. */
	List<String> paths() {
		return List.copyOf(events.keySet());
	}

	boolean touchedInCurrentInterval(String path) {
		List<Event> list = events.get(path);
		if (list == null) {
			return false;
		}
		for (int i = list.size() - 1; i >= 0; i--) {
			if (list.get(i) instanceof Touch touch) {
				return touch.interval() == currentInterval();
			}
		}
		return false;
	}

	/** The file's state at the start of interval {@code interval}, if it was changed in it or later. */
	Optional<Touch> firstTouchFrom(String path, int interval) {
		for (Event event : events.getOrDefault(path, List.of())) {
			if (event instanceof Touch touch && touch.interval() >= interval) {
				return Optional.of(touch);
			}
		}
		return Optional.empty();
	}

	/** The state the session last left {@code path} in, or empty if it never touched it. */
	Optional<Latest> latest(String path) {
		List<Event> list = events.get(path);
		if (list == null) {
			return Optional.empty();
		}
		FileState known = null;
		FileState alternative = null;
		for (Event event : list) {
			if (event instanceof Touch touch) {
				known = touch.original();
				alternative = null;
			} else if (event instanceof Write write) {
				WriteMark mark = marks.get(write.seq());
				if (mark == WriteMark.REJECTED || mark == WriteMark.UNDONE) {
					continue;
				}
				alternative = mark == null ? (write.before() != null ? write.before() : known) : null;
				known = write.after();
			}
		}
		return Optional.of(new Latest(known, alternative));
	}

	TouchedFile touchedFile(String path) {
		Touch first = firstTouchFrom(path, 0).orElseThrow();
		FileState latest = latest(path).orElseThrow().state();
		Write last = lastWrite(path);
		return new TouchedFile(path, ChangeKind.between(first.original(), latest), first.original(), first.source(),
				latest, last == null ? ChangeOrigin.AGENT_TOOL : last.origin(), last == null ? 0 : last.seq());
	}

	private Write lastWrite(String path) {
		List<Event> list = events.get(path);
		for (int i = list.size() - 1; i >= 0; i--) {
			if (list.get(i) instanceof Write write) {
				return write;
			}
		}
		return null;
	}

	boolean hasWrite(long id) {
		return writes.containsKey(id);
	}

	boolean hasRestore(String id) {
		return restores.containsKey(id);
	}

	/** The writes of restore {@code id} that were not rejected. */
	List<Write> restoreWrites(String id) {
		Restore restore = restores.get(id);
		if (restore == null) {
			throw new IllegalArgumentException("No restore '" + id + "' in session " + sessionId);
		}
		return restore.writes().stream().filter(w -> marks.get(w) != WriteMark.REJECTED).map(writes::get).toList();
	}

	List<RestoreInfo> restores() {
		List<RestoreInfo> list = new ArrayList<>();
		for (Restore restore : restores.values()) {
			List<String> paths = restore.writes().stream().map(w -> writes.get(w).path()).distinct().toList();
			boolean complete = restore.writes().stream().allMatch(marks::containsKey);
			list.add(new RestoreInfo(restore.id(), restore.time(), restore.kind(), restore.target(), restore.undoes(),
					paths, complete));
		}
		return list;
	}

	/** Adds the content hashes {@code record} refers to {@code into}. */
	static void collectHashes(JournalRecord record, Set<String> into) {
		if (record.state() != null && ContentHash.isHash(record.state())) {
			into.add(record.state());
		}
		if (record.before() != null && ContentHash.isHash(record.before())) {
			into.add(record.before());
		}
	}
}
