package dev.warden.core.internal.changes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.warden.core.changes.BlobException;
import dev.warden.core.changes.BlobStore;
import dev.warden.core.changes.ChangeOrigin;
import dev.warden.core.changes.FileAccess;
import dev.warden.core.changes.FileRestore;
import dev.warden.core.changes.FileRestore.Action;
import dev.warden.core.changes.FileState;
import dev.warden.core.changes.RestorePlan;
import dev.warden.core.changes.RestoreTarget;
import dev.warden.core.internal.changes.SessionIndex.Latest;
import dev.warden.core.internal.changes.SessionIndex.Touch;
import dev.warden.core.internal.changes.SessionIndex.Write;

/**
 * Works out what a restore would do to each file, comparing the file on disk with what the session left: a file
 * someone else changed since is a conflict, never overwritten by the plan. Reads files, writes nothing.
 */
final class RestorePlanner {

	private final String sessionId;
	private final SessionIndex index;
	private final BlobStore blobs;

	RestorePlanner(String sessionId, SessionIndex index, BlobStore blobs) {
		this.sessionId = sessionId;
		this.index = index;
		this.blobs = blobs;
	}

	/** The plan to bring every file changed since {@code target} back to its state then. */
	RestorePlan planRestore(RestoreTarget target, FileAccess files) throws IOException {
		int from = index.firstInterval(target);
		List<FileRestore> plan = new ArrayList<>();
		for (String path : index.paths()) {
			Optional<Touch> touch = index.firstTouchFrom(path, from);
			if (touch.isPresent()) {
				plan.add(plan(path, touch.get().original(), index.latest(path).orElseThrow(), files));
			}
		}
		return new RestorePlan(sessionId, RestorePlan.Kind.RESTORE, target, null, plan);
	}

	/** The plan to give the files restore {@code restoreId} wrote the content they had just before it. */
	RestorePlan planUndo(String restoreId, FileAccess files) throws IOException {
		List<FileRestore> plan = new ArrayList<>();
		for (Write write : index.restoreWrites(restoreId)) {
			if (write.origin() != ChangeOrigin.RESTORE) {
				continue; // a file the user kept: the restore did not change it
			}
			plan.add(plan(write.path(), write.before(), new Latest(write.after(), null), files));
		}
		return new RestorePlan(sessionId, RestorePlan.Kind.UNDO_RESTORE, null, restoreId, plan);
	}

	private FileRestore plan(String path, FileState target, Latest latest, FileAccess files) throws IOException {
		FileState onDisk = FileState.of(files.read(path).orElse(null));
		FileState left = latest.state();
		if (onDisk.equals(target)) {
			return new FileRestore(path, Action.NONE, target, left, onDisk, "The file is as at the target already");
		}
		if (target.isUnrecoverable()) {
			return new FileRestore(path, Action.UNRECOVERABLE, target, left, onDisk,
					"A command changed this file and its earlier content was found neither in the journal, nor in "
							+ "the local history, nor in Git");
		}
		if (target.isPresent()) {
			try {
				blobs.get(target.hash());
			} catch (BlobException e) {
				return new FileRestore(path, Action.UNRECOVERABLE, target, left, onDisk, e.getMessage());
			}
		}
		if (latest.matches(onDisk)) {
			return new FileRestore(path, target.isAbsent() ? Action.DELETE : Action.WRITE, target, left, onDisk,
					target.isAbsent() ? "Created by the session" : "Changed by the session");
		}
		return new FileRestore(path, Action.CONFLICT, target, left, onDisk,
				"The file was changed on disk after the session last wrote it");
	}
}
