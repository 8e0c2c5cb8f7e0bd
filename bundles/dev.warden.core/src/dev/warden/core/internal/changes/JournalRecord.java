package dev.warden.core.internal.changes;

import java.util.List;

/**
 * One line of a session's change journal, as serialised to JSON. Which fields are set depends on {@link #type()}:
 * <ul>
 * <li>{@code session}: {@code session}, {@code title} — the journal's first record</li>
 * <li>{@code checkpoint}: {@code checkpoint} (id), {@code number}, {@code summary}</li>
 * <li>{@code touch}: {@code path}, {@code interval}, {@code state} (the original), {@code source} — the first change
 * of a file after a checkpoint</li>
 * <li>{@code write}: {@code path}, {@code interval}, {@code state} (the content afterwards), {@code origin},
 * {@code detail}, and for restores {@code restore} and {@code before}</li>
 * <li>{@code mark}: {@code writes}, {@code mark}</li>
 * <li>{@code restore}: {@code restore} (id), {@code kind}, {@code target} or {@code undoes}</li>
 * </ul>
 * States are written as a content hash, {@code absent} or {@code unrecoverable}. Every record has a sequence number
 * ({@code seq}, which is also a write's id) and a time.
 */
record JournalRecord(String type, Long seq, String time, String session, String title, String checkpoint,
		Integer number, String summary, String path, Integer interval, String state, String before, String source,
		String origin, String detail, String restore, String kind, String target, String undoes, List<Long> writes,
		String mark) {

	static final String SESSION = "session";
	static final String CHECKPOINT = "checkpoint";
	static final String TOUCH = "touch";
	static final String WRITE = "write";
	static final String MARK = "mark";
	static final String RESTORE = "restore";

	/** The {@code target} of a restore to the start of the session. */
	static final String SESSION_START = "@start";

	static JournalRecord session(long seq, String time, String session, String title) {
		return new JournalRecord(SESSION, seq, time, session, title, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null);
	}

	static JournalRecord checkpoint(long seq, String time, String id, int number, String summary) {
		return new JournalRecord(CHECKPOINT, seq, time, null, null, id, number, summary, null, null, null, null, null,
				null, null, null, null, null, null, null, null);
	}

	static JournalRecord touch(long seq, String time, String path, int interval, String original, String source) {
		return new JournalRecord(TOUCH, seq, time, null, null, null, null, null, path, interval, original, null,
				source, null, null, null, null, null, null, null, null);
	}

	static JournalRecord write(long seq, String time, String path, int interval, String after, String before,
			String origin, String detail, String restore) {
		return new JournalRecord(WRITE, seq, time, null, null, null, null, null, path, interval, after, before, null,
				origin, detail, restore, null, null, null, null, null);
	}

	static JournalRecord mark(long seq, String time, List<Long> writes, String mark) {
		return new JournalRecord(MARK, seq, time, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, List.copyOf(writes), mark);
	}

	static JournalRecord restore(long seq, String time, String id, String kind, String target, String undoes) {
		return new JournalRecord(RESTORE, seq, time, null, null, null, null, null, null, null, null, null, null, null,
				null, id, kind, target, undoes, null, null);
	}
}
