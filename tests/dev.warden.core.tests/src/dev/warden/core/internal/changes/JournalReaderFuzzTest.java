package dev.warden.core.internal.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

import dev.warden.core.tests.fuzz.Fuzz;

/**
 * The change-journal reader on truncated and corrupted files (in the core's package: the journal format is internal
 * to it). A journal of random records — text in every script, quotes, escapes, long fields — is written through the
 * real file, then cut short, overwritten, filled with garbage in the middle, or given garbage at the end. Holds: the
 * reader throws nothing; every record fully written before the first damaged byte comes back, equal and in order;
 * nothing it returns was not written; and reopening for appending keeps them and reads back what follows.
 */
class JournalReaderFuzzTest {

	@TempDir
	static Path folder;

	private static final JournalCodec CODEC = new JournalCodec();

	private static final List<String> TEXT = List.of("src/App.java", "a b", "\"", "\\", "\n", "\r", "\t", "\u0000",
			"\u2028", "\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "{\"r\":", ",\"crc\":\"", "\"}", "x".repeat(3_000), "");

	/** A corruption of a journal of {@code length} bytes. */
	private record Damage(int kind, int at, int length, byte[] garbage) {
	}

	@AfterAll
	static void report() {
		Fuzz.report("journal-reader");
	}

	@Test
	void noRecordWrittenBeforeTheDamageIsLost() {
		Gen<List<JournalRecord>> journals = in -> {
			List<JournalRecord> records = new ArrayList<>();
			for (int i = Fuzz.between(in, 1, 30); i > 0; i--) {
				records.add(record(in, records.size() + 1));
			}
			return records;
		};
		Gen<Damage> damages = in -> new Damage(Fuzz.between(in, 0, 4), Fuzz.between(in, 0, Integer.MAX_VALUE / 2),
				Fuzz.between(in, 1, 64), Fuzz.bytes(64).generate(in));
		Fuzz.theory(1_500).forAll(journals, damages).checkAssert((records, damage) -> Fuzz.timed("journal-reader",
				damage + " on " + records.size() + " records", () -> check(records, damage)));
	}

	private static void check(List<JournalRecord> records, Damage damage) throws IOException {
		Path file = Files.createTempFile(folder, "journal", ".jsonl");
		Files.delete(file);
		List<Long> ends = new ArrayList<>();
		try (JournalFile journal = JournalFile.open(file, CODEC, 0)) {
			long end = 0;
			for (JournalRecord record : records) {
				journal.append(List.of(record), false);
				end += CODEC.encode(record).length;
				ends.add(end);
			}
		}
		byte[] intact = Files.readAllBytes(file);
		assertEquals(ends.get(ends.size() - 1), intact.length);
		int at = damage.at() % (intact.length + 1);
		byte[] damaged = switch (damage.kind()) {
		case 0 -> Arrays.copyOf(intact, at); // cut short by a crash
		case 1 -> { // bytes overwritten in place
			byte[] b = intact.clone();
			for (int i = 0; i < damage.length() && at + i < b.length; i++) {
				b[at + i] = damage.garbage().length == 0 ? 0 : damage.garbage()[i % damage.garbage().length];
			}
			yield b;
		}
		case 2 -> concat(Arrays.copyOf(intact, at), damage.garbage(), Arrays.copyOfRange(intact, at, intact.length));
		case 3 -> concat(intact, damage.garbage()); // garbage a file system left after a crash
		default -> { // a block of zeros, as after a power loss
			byte[] b = intact.clone();
			Arrays.fill(b, at, Math.min(b.length, at + damage.length() * 64), (byte) 0);
			yield b;
		}
		};
		int firstDamaged = firstDifference(intact, damaged);
		Files.write(file, damaged);
		JournalFile.Contents contents = JournalFile.read(file, CODEC);
		List<JournalRecord> read = contents.lines().stream().map(JournalFile.Line::record).toList();
		int whole = 0;
		while (whole < ends.size() && ends.get(whole) <= firstDamaged) {
			whole++;
		}
		assertTrue(read.size() >= whole, "records before the damage: " + whole + ", read: " + read.size());
		assertEquals(records.subList(0, whole), read.subList(0, whole), "records before the damage");
		for (JournalRecord record : read) {
			assertTrue(records.contains(record), "only records that were written come back: " + record);
		}
		try (JournalFile journal = JournalFile.open(file, CODEC, contents.intactLength())) {
			journal.append(List.of(JournalRecord.mark(999_999, "t", List.of(1L), "after")), false);
		}
		List<JournalRecord> again = JournalFile.read(file, CODEC).lines().stream().map(JournalFile.Line::record)
				.toList();
		assertEquals(read, again.subList(0, read.size()), "reopening keeps what was read");
		assertEquals("after", again.get(again.size() - 1).mark(), "and what is appended after it reads back");
		Files.delete(file);
	}

	private static JournalRecord record(RandomnessSource in, long seq) {
		String time = "2026-12-01T00:00:" + Fuzz.between(in, 10, 59) + "Z";
		return switch (Fuzz.between(in, 0, 5)) {
		case 0 -> JournalRecord.session(seq, time, text(in), text(in));
		case 1 -> JournalRecord.checkpoint(seq, time, text(in), Fuzz.between(in, 0, 1_000_000), text(in));
		case 2 -> JournalRecord.touch(seq, time, text(in), Fuzz.between(in, 0, 1000), text(in), text(in));
		case 3 -> JournalRecord.write(seq, time, text(in), Fuzz.between(in, 0, 1000), text(in), text(in), text(in),
				text(in), Fuzz.between(in, 0, 1) == 0 ? null : text(in));
		case 4 -> JournalRecord.mark(seq, time, List.of(seq, (long) Fuzz.between(in, 0, 100)), text(in));
		default -> JournalRecord.restore(seq, time, text(in), text(in), text(in), text(in));
		};
	}

	/** Text of valid code points (the journal holds Java strings that came from files and the user). */
	private static String text(RandomnessSource in) {
		StringBuilder b = new StringBuilder();
		for (int i = Fuzz.between(in, 0, 4); i > 0; i--) {
			b.append(TEXT.get(Fuzz.between(in, 0, TEXT.size() - 1)));
		}
		return b.toString();
	}

	private static int firstDifference(byte[] a, byte[] b) {
		int n = Math.min(a.length, b.length);
		for (int i = 0; i < n; i++) {
			if (a[i] != b[i]) {
				return i;
			}
		}
		return n;
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}
}
