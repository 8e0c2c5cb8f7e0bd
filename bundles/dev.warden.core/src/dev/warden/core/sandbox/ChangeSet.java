package dev.warden.core.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * What a sandboxed command wrote to the roots, collected from its copy-on-write layer. Created and modified entries
 * point at the staged files, which live until {@link #close()}; apply or discard the set before closing it.
 */
public final class ChangeSet implements AutoCloseable {

	private final List<SandboxChange> changes;
	private final Closeable staging;

	/**
	 * @param changes in path order per root: reviewable changes, written-through output and refusals
	 * @param staging what holds the staged files, closed with this set; may be {@code null}
	 */
	public ChangeSet(List<SandboxChange> changes, Closeable staging) {
		this.changes = List.copyOf(changes);
		this.staging = staging;
	}

	/** Every change, in path order per root. */
	public List<SandboxChange> changes() {
		return changes;
	}

	/** An empty set that owns nothing. */
	public static ChangeSet empty() {
		return new ChangeSet(List.of(), null);
	}

	/** The changes to review and apply like an agent's edit (neither refused nor written through). */
	public List<SandboxChange> reviewable() {
		return changes.stream().filter(c -> c.kind() != SandboxChangeKind.REFUSED && !c.writtenThrough()).toList();
	}

	/** Git-ignored output, applied without review. */
	public List<SandboxChange> writtenThrough() {
		return changes.stream().filter(c -> c.kind() != SandboxChangeKind.REFUSED && c.writtenThrough()).toList();
	}

	/** The writes that are not carried over, each with its reason. */
	public List<SandboxChange> refused() {
		return changes.stream().filter(c -> c.kind() == SandboxChangeKind.REFUSED).toList();
	}

	public boolean isEmpty() {
		return changes.isEmpty();
	}

	/**
	 * The lines {@code releng/bin/sandbox-run} prints; paths relative to their root, prefixed with the root's name
	 * when there are several.
	 */
	public List<String> toTsv() {
		boolean several = changes.stream().map(SandboxChange::root).distinct().count() > 1;
		return changes.stream().map(c -> c.toTsv(several ? c.root().name() + "/" : "")).toList();
	}

	/** Deletes the staged files. */
	@Override
	public void close() throws IOException {
		if (staging != null) {
			staging.close();
		}
	}
}
