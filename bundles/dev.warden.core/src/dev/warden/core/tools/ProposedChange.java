package dev.warden.core.tools;

import java.util.Objects;

/**
 * A file change the agent wants to make, not yet made. The change subsystem shows it for review, applies it, and can
 * undo it.
 *
 * @param path        workspace-relative path
 * @param oldContent  the content the change was computed from, or {@code null} if the file is to be created
 * @param newContent  the content afterwards, or {@code null} if the file is to be deleted
 * @param description one line for the review, e.g. "Replace 1 occurrence in src/Main.java"
 */
public record ProposedChange(String path, String oldContent, String newContent, String description) {

	public ProposedChange {
		Objects.requireNonNull(path, "path"); //$NON-NLS-1$
		if (oldContent == null && newContent == null) {
			throw new IllegalArgumentException("A change needs old or new content: " + path); //$NON-NLS-1$
		}
		description = description == null ? "" : description; //$NON-NLS-1$
	}

	public boolean isCreation() {
		return oldContent == null;
	}

	public boolean isDeletion() {
		return newContent == null;
	}
}
