package dev.warden.core.internal.changes;

import java.time.Clock;
import java.util.concurrent.locks.Lock;

import dev.warden.core.audit.AuditLog;

/**
 * What the sessions of a store share: the contents store, the journal format, the clock, the audit trail, and the
 * lock that keeps pruning from running while a session stores content and records it.
 *
 * @param blobs  the contents store
 * @param codec  the journal line format
 * @param clock  the time records are stamped with
 * @param audit  where restores are recorded
 * @param shared held by a session while it stores contents and appends the records that refer to them
 */
record StoreContext(FileBlobStore blobs, JournalCodec codec, Clock clock, AuditLog audit, Lock shared) {
}
