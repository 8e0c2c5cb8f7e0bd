package dev.warden.core.changes;

import java.io.IOException;
import java.util.Objects;

/** Stored content that cannot be given back: it is missing, or its bytes no longer match its hash. */
public class BlobException extends IOException {

	private static final long serialVersionUID = 1L;

	/** Why the content cannot be given back. */
	public enum Reason {
		/** Nothing is stored under the hash. */
		MISSING,
		/** The stored bytes do not hash to the name they are stored under: the storage was damaged. */
		CORRUPT
	}

	private final transient ContentHash hash;
	private final Reason reason;

	public BlobException(ContentHash hash, Reason reason, String message) {
		super(message);
		this.hash = Objects.requireNonNull(hash, "hash");
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	public ContentHash hash() {
		return hash;
	}

	public Reason reason() {
		return reason;
	}
}
