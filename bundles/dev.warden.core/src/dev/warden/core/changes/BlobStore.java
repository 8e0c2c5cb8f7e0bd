package dev.warden.core.changes;

import java.io.IOException;

/**
 * Content-addressed storage of file contents: each content is kept once, under its SHA-256, and checked against that
 * hash whenever it is read.
 */
public interface BlobStore {

	/**
	 * Stores {@code content} durably (it survives a crash once this returns) unless it is stored already.
	 *
	 * @return the content's hash, by which it is read back
	 */
	ContentHash put(byte[] content) throws IOException;

	/**
	 * The content stored under {@code hash}.
	 *
	 * @throws BlobException if it is not stored or the stored bytes no longer match the hash
	 */
	byte[] get(ContentHash hash) throws IOException;

	/** Whether content is stored under {@code hash} (without checking it). */
	boolean contains(ContentHash hash);
}
