package dev.warden.core.internal.changes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.warden.core.changes.BlobException;
import dev.warden.core.changes.BlobStore;
import dev.warden.core.changes.ContentHash;

/**
 * A {@link BlobStore} in a folder: each content in a file named by its SHA-256, under a sub-folder named by the first
 * two digits ({@code ab/cdef…}). Contents are written to a temporary file, forced to disk and renamed atomically, so a
 * stored file is always whole; reads check the bytes against the name.
 * <p>
 * Hand-written rather than a Git object database: the contents must be readable without a repository, stored
 * uncompressed for speed, and deletable one by one when no journal needs them.
 */
public final class FileBlobStore implements BlobStore {

	private final Path folder;

	public FileBlobStore(Path folder) throws IOException {
		this.folder = Objects.requireNonNull(folder, "folder");
		Durability.createFolders(folder);
	}

	@Override
	public ContentHash put(byte[] content) throws IOException {
		ContentHash hash = ContentHash.of(content);
		Path file = fileOf(hash);
		if (Files.isRegularFile(file)) {
			return hash;
		}
		Durability.createFolders(file.getParent());
		Durability.writeAtomically(file, content);
		return hash;
	}

	@Override
	public byte[] get(ContentHash hash) throws IOException {
		byte[] content;
		try {
			content = Files.readAllBytes(fileOf(hash));
		} catch (NoSuchFileException e) {
			throw new BlobException(hash, BlobException.Reason.MISSING, "Stored content " + hash + " is missing");
		}
		if (!ContentHash.of(content).equals(hash)) {
			throw new BlobException(hash, BlobException.Reason.CORRUPT,
					"Stored content " + hash + " is damaged: its bytes no longer match their hash");
		}
		return content;
	}

	@Override
	public boolean contains(ContentHash hash) {
		return Files.isRegularFile(fileOf(hash));
	}

	/** Where the content of {@code hash} is stored. */
	Path fileOf(ContentHash hash) {
		String hex = hash.hex();
		return folder.resolve(hex.substring(0, 2)).resolve(hex.substring(2));
	}

	/** Every stored file: contents, and temporary files left by a crash, for the sweep. */
	List<Path> allFiles() throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> fans = Files.newDirectoryStream(folder)) {
			for (Path fan : fans) {
				if (!Files.isDirectory(fan)) {
					files.add(fan);
					continue;
				}
				try (DirectoryStream<Path> entries = Files.newDirectoryStream(fan)) {
					entries.forEach(files::add);
				}
			}
		}
		return files;
	}

	/** The hash a stored file holds, or {@code null} for anything else (a temporary file, a stray file). */
	ContentHash hashOf(Path file) {
		Path fan = file.getParent();
		if (fan == null || !fan.getParent().equals(folder)) {
			return null;
		}
		String hex = fan.getFileName().toString() + file.getFileName();
		return ContentHash.isHash(hex) ? new ContentHash(hex) : null;
	}
}
