package dev.warden.core.internal.changes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.warden.core.changes.ContentHash;

/**
 * Mark and sweep of the contents store: marks every content a journal refers to, then deletes the others and the
 * temporary files a crash left. Journals are deleted before contents, never the other way round, so a crash in the
 * middle leaves only contents nobody refers to, swept the next time.
 */
final class BlobSweeper {

	/** What a sweep deleted. */
	record Swept(int blobs, long bytes) {
	}

	private final FileBlobStore blobs;
	private final JournalCodec codec;

	BlobSweeper(FileBlobStore blobs, JournalCodec codec) {
		this.blobs = blobs;
		this.codec = codec;
	}

	/** Deletes the contents none of {@code journals} refers to; the caller keeps sessions from writing meanwhile. */
	Swept sweep(List<Path> journals) throws IOException {
		Set<String> live = new HashSet<>();
		for (Path journal : journals) {
			for (JournalFile.Line line : JournalFile.read(journal, codec).lines()) {
				SessionIndex.collectHashes(line.record(), live);
			}
		}
		int count = 0;
		long bytes = 0;
		for (Path file : blobs.allFiles()) {
			ContentHash hash = blobs.hashOf(file);
			if (hash != null && !live.contains(hash.hex())) {
				long size = Files.size(file);
				if (Files.deleteIfExists(file)) {
					count++;
					bytes += size;
				}
			} else if (hash == null && file.getFileName().toString().startsWith(".tmp-")) {
				Files.deleteIfExists(file);
			}
		}
		return new Swept(count, bytes);
	}
}
