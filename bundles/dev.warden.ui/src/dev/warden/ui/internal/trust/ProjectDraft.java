package dev.warden.ui.internal.trust;

import dev.warden.ui.internal.WardenServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.resources.IProject;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.trust.Acceptance;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;

/**
 * A project's shared list and its acceptance as the Trusted Commands page shows them, edits included, until Apply
 * stores them.
 */
public final class ProjectDraft {

	private final IProject project;
	private final List<String> storedRows;
	private final List<String> rows;
	private Optional<String> acceptedHash;
	private PatternList toAccept;
	private boolean toRevoke;

	/** The project's list and acceptance as stored now. */
	public ProjectDraft(IProject project) {
		this.project = project;
		this.storedRows = PatternLines.rows(WardenServices.trust().projectText(project));
		this.rows = new ArrayList<>(storedRows);
		this.acceptedHash = WardenServices.trust().acceptedHash(project);
	}

	public IProject project() {
		return project;
	}

	public List<String> rows() {
		return List.copyOf(rows);
	}

	public void setRows(List<String> newRows) {
		rows.clear();
		rows.addAll(newRows);
	}

	/** The list as drafted. */
	public PatternList list() {
		return PatternLines.list(PatternScope.PROJECT, project.getName(), rows);
	}

	/** The hash of the content the user accepted, as drafted. */
	public Optional<String> acceptedHash() {
		return acceptedHash;
	}

	/** The drafted list's acceptance, as drafted. */
	public Acceptance acceptance() {
		return list().acceptance(acceptedHash);
	}

	/** Whether the drafted list has trust patterns, the only entries that need acceptance. */
	public boolean needsAcceptance() {
		return !list().trusted().isEmpty();
	}

	/** Records, on {@link #save()}, that the user accepted {@code shown}. */
	public void accept(PatternList shown) {
		toAccept = shown;
		toRevoke = false;
		acceptedHash = Optional.of(shown.contentHash());
	}

	/** Records, on {@link #save()}, that the user withdrew the acceptance. */
	public void revoke() {
		toAccept = null;
		toRevoke = true;
		acceptedHash = Optional.empty();
	}

	/** Whether the acceptance changed since the draft was read. */
	public boolean acceptanceChanged() {
		return toAccept != null || toRevoke;
	}

	/** Whether anything differs from what is stored. */
	public boolean isDirty() {
		return !rows.equals(storedRows) || acceptanceChanged();
	}

	/** Stores the list (when edited) in the project's {@code .settings}, then the acceptance (when changed). */
	public void save() throws BackingStoreException {
		if (!rows.equals(storedRows)) {
			WardenServices.trust().saveProjectText(project, PatternLines.text(rows));
		}
		if (toAccept != null) {
			WardenServices.trust().accept(project, toAccept);
		} else if (toRevoke) {
			WardenServices.trust().revokeAcceptance(project);
		}
	}
}
