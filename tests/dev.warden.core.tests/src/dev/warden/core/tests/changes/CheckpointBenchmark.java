package dev.warden.core.tests.changes;

import dev.warden.core.internal.changes.JournalChangeStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.changes.Checkpoint;
import dev.warden.core.changes.NioFileAccess;
import dev.warden.core.changes.RestorePlan;
import dev.warden.core.changes.RestoreResult;
import dev.warden.core.changes.RestoreTarget;
import dev.warden.core.changes.WriteMark;

/**
 * Checkpoint creation and restore time against workspace size, for the change journal and, in the same run, for a
 * whole-workspace snapshot in a shadow Git repository (add all + commit per checkpoint, restore by checking out the
 * changed files). Each round: a checkpoint, the agent changes 10 files, restore to that checkpoint.
 * <p>
 * Arguments: workspace sizes (default {@code 1000 10000 100000}). Workspaces go to the temporary folder and are
 * deleted afterwards.
 */
public final class CheckpointBenchmark {

	private static final int CHANGED = 10;
	private static final int JOURNAL_CHECKPOINTS = 2000;

	private CheckpointBenchmark() {
	}

	/** Figures for one workspace size. */
	private record Row(int files, double setupSeconds, double checkpointMedianMicros, double checkpointP99Micros,
			double recordPerWriteMillis, double restoreMillis, long journalBytes, double gitInitialSeconds,
			double gitCheckpointMillis, double gitStatusMillis, double gitRestoreMillis, long gitBytes) {
	}

	public static void main(String[] args) throws Exception {
		int[] sizes = args.length == 0 ? new int[] { 1_000, 10_000, 100_000 }
				: Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
		warmUp();
		List<Row> rows = new ArrayList<>();
		for (int size : sizes) {
			rows.add(measure(size));
			System.out.println("done: " + size + " files");
		}
		print(rows);
	}

	private static void warmUp() throws IOException, GitAPIException {
		Path root = Files.createTempDirectory("warden-bench-warmup");
		try {
			measureIn(root, 200, 3);
		} finally {
			deleteTree(root);
		}
	}

	private static Row measure(int size) throws IOException, GitAPIException {
		Path root = Files.createTempDirectory("warden-bench-" + size);
		try {
			return measureIn(root, size, size >= 100_000 ? 3 : 5);
		} finally {
			deleteTree(root);
		}
	}

	private static Row measureIn(Path root, int size, int rounds) throws IOException, GitAPIException {
		Path workspace = root.resolve("workspace");
		long start = System.nanoTime();
		createWorkspace(workspace, size);
		double setup = seconds(System.nanoTime() - start);
		NioFileAccess files = new NioFileAccess(workspace);

		// change journal
		long[] checkpointTimes = new long[JOURNAL_CHECKPOINTS];
		long recordTime = 0;
		long[] restoreTimes = new long[rounds];
		Path state = root.resolve("state");
		try (ChangeStore store = JournalChangeStore.open(state, AuditLog.NONE)) {
			ChangeSession session = store.createSession("benchmark");
			for (int i = 0; i < JOURNAL_CHECKPOINTS; i++) {
				long t = System.nanoTime();
				session.createCheckpoint("prompt " + i);
				checkpointTimes[i] = System.nanoTime() - t;
			}
			for (int round = 0; round < rounds; round++) {
				Checkpoint checkpoint = session.createCheckpoint("round " + round);
				List<String> changed = changedPaths(size, round);
				for (String path : changed) {
					byte[] before = files.read(path).orElseThrow();
					byte[] after = ("agent round " + round + " " + path).getBytes(StandardCharsets.UTF_8);
					long t = System.nanoTime();
					long id = session.recordAgentWrite(path, before, after, "benchmark edit");
					recordTime += System.nanoTime() - t;
					files.write(path, after);
					t = System.nanoTime();
					session.mark(id, WriteMark.APPLIED);
					recordTime += System.nanoTime() - t;
				}
				long t = System.nanoTime();
				RestorePlan plan = session.planRestore(RestoreTarget.checkpoint(checkpoint), files);
				RestoreResult result = session.execute(plan, Map.of(), files);
				restoreTimes[round] = System.nanoTime() - t;
				check(result.complete() && result.files().size() == CHANGED, "journal restore " + result);
				check(Arrays.equals(files.read(changed.get(0)).orElseThrow(), contentOf(indexOf(changed.get(0)))),
						"journal restore content");
			}
		}
		long journalBytes = sizeOf(state);

		// shadow git repository over the same workspace
		Path gitDir = root.resolve("shadow.git");
		long[] gitCheckpointTimes = new long[rounds];
		long[] gitStatusTimes = new long[rounds];
		long[] gitRestoreTimes = new long[rounds];
		double gitInitial;
		try (Git git = Git.init().setGitDir(gitDir.toFile()).setDirectory(workspace.toFile()).call()) {
			long t = System.nanoTime();
			snapshot(git, "initial");
			gitInitial = seconds(System.nanoTime() - t);
			for (int round = 0; round < rounds; round++) {
				t = System.nanoTime();
				RevCommit checkpoint = snapshot(git, "round " + round);
				gitCheckpointTimes[round] = System.nanoTime() - t;
				List<String> changed = changedPaths(size, round);
				for (String path : changed) {
					Files.writeString(workspace.resolve(path), "agent round " + round + " " + path);
				}
				t = System.nanoTime();
				int modified = git.status().call().getModified().size();
				gitStatusTimes[round] = System.nanoTime() - t;
				check(modified == CHANGED, "git status found " + modified);
				t = System.nanoTime();
				var checkout = git.checkout().setStartPoint(checkpoint);
				changed.forEach(checkout::addPath);
				checkout.call();
				gitRestoreTimes[round] = System.nanoTime() - t;
				check(Arrays.equals(Files.readAllBytes(workspace.resolve(changed.get(0))),
						contentOf(indexOf(changed.get(0)))), "git restore content");
			}
		}
		long gitBytes = sizeOf(gitDir);
		Arrays.sort(checkpointTimes);
		return new Row(size, setup, micros(checkpointTimes[checkpointTimes.length / 2]),
				micros(checkpointTimes[checkpointTimes.length * 99 / 100]),
				millis(recordTime) / (rounds * (double) CHANGED), millis(median(restoreTimes)), journalBytes,
				gitInitial, millis(median(gitCheckpointTimes)), millis(median(gitStatusTimes)),
				millis(median(gitRestoreTimes)), gitBytes);
	}

	private static RevCommit snapshot(Git git, String message) throws GitAPIException {
		git.add().addFilepattern(".").call();
		git.add().addFilepattern(".").setUpdate(true).call();
		return git.commit().setMessage(message).setAuthor("warden", "warden@localhost")
				.setCommitter("warden", "warden@localhost").setSign(false).setAllowEmpty(true).call();
	}

	private static void createWorkspace(Path workspace, int size) throws IOException {
		for (int i = 0; i < size; i++) {
			Path file = workspace.resolve(pathOf(i));
			if (i % 100 == 0) {
				Files.createDirectories(file.getParent());
			}
			Files.write(file, contentOf(i));
		}
	}

	private static String pathOf(int i) {
		return "pkg" + i / 100 + "/File" + i + ".java";
	}

	private static int indexOf(String path) {
		return Integer.parseInt(path.substring(path.lastIndexOf("File") + 4, path.length() - 5));
	}

	private static byte[] contentOf(int i) {
		return ("package pkg" + i / 100 + ";\n\nclass File" + i + " {\n\tint value = " + i + ";\n}\n")
				.getBytes(StandardCharsets.UTF_8);
	}

	/** Ten files spread over the workspace, different in each round. */
	private static List<String> changedPaths(int size, int round) {
		List<String> paths = new ArrayList<>();
		for (int k = 0; k < CHANGED; k++) {
			paths.add(pathOf((k * (size / CHANGED) + round * 7 + 3) % size));
		}
		return paths;
	}

	private static void check(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException("Benchmark check failed: " + what);
		}
	}

	private static long median(long[] times) {
		long[] sorted = times.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	private static double micros(long nanos) {
		return nanos / 1e3;
	}

	private static long sizeOf(Path folder) throws IOException {
		AtomicLong total = new AtomicLong();
		Files.walkFileTree(folder, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				total.addAndGet(attributes.size());
				return FileVisitResult.CONTINUE;
			}
		});
		return total.get();
	}

	private static void deleteTree(Path root) throws IOException {
		Files.walkFileTree(root, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
				if (e != null) {
					throw e;
				}
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}

	private static void print(List<Row> rows) {
		System.out.println();
		System.out.println("Change journal (copy-on-first-write)                  | Shadow Git repository (snapshot per checkpoint)");
		System.out.printf("%8s %9s | %12s %10s %13s %12s %10s | %11s %13s %11s %12s %10s%n", "files", "setup s",
				"cp median us", "cp p99 us", "record/write ms", "restore ms", "state MB", "initial s",
				"checkpoint ms", "status ms", "checkout ms", "repo MB");
		for (Row r : rows) {
			System.out.printf("%8d %9.1f | %12.1f %10.1f %13.2f %12.2f %10.2f | %11.1f %13.1f %11.1f %12.1f %10.2f%n",
					r.files(), r.setupSeconds(), r.checkpointMedianMicros(), r.checkpointP99Micros(),
					r.recordPerWriteMillis(), r.restoreMillis(), r.journalBytes() / 1e6, r.gitInitialSeconds(),
					r.gitCheckpointMillis(), r.gitStatusMillis(), r.gitRestoreMillis(), r.gitBytes() / 1e6);
		}
		System.out.println();
		System.out.println("cp = checkpoint creation (" + JOURNAL_CHECKPOINTS + " samples); record/write = journal cost"
				+ " of one agent write (original + new content stored and forced to disk, record, mark);");
		System.out.println("restore = plan + execute of a restore to the round's checkpoint after " + CHANGED
				+ " files changed; git: checkpoint = add all + commit, status = finding the changed files,"
				+ " checkout = checkout of the " + CHANGED + " changed files from the checkpoint commit.");
	}
}
