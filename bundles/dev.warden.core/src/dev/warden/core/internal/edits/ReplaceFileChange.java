package dev.warden.core.internal.edits;

import java.io.IOException;
import java.util.Arrays;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourceAttributes;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.ltk.core.refactoring.Change;
import org.eclipse.ltk.core.refactoring.RefactoringStatus;
import org.eclipse.ltk.core.refactoring.resource.ResourceChange;

import dev.warden.core.changes.WorkspaceFileContents;

/**
 * Replaces a file's bytes whole and atomically ({@link WorkspaceFileContents#write}): an IDE killed while it is
 * performed leaves the file as it was or as it is meant to be, never half written, which a {@link
 * org.eclipse.ltk.core.refactoring.TextFileChange} committing its buffer in place can leave. Used for a file that no
 * editor has open; an open file is changed through its document instead, so that its editor keeps its state. Valid
 * only while the file holds the bytes it is expected to hold (as the user sees them: an editor's unsaved text counts);
 * its undo is the same change the other way.
 */
public final class ReplaceFileChange extends ResourceChange {

	private final String name;
	private final IPath path;
	private final byte[] expected;
	private final byte[] content;

	/**
	 * @param expected the bytes the file must hold for the change to be performed
	 * @param content  the bytes it holds afterwards
	 */
	public ReplaceFileChange(String name, IPath path, byte[] expected, byte[] content) {
		this.name = name;
		this.path = path;
		this.expected = expected.clone();
		this.content = content.clone();
	}

	@Override
	protected IResource getModifiedResource() {
		return file();
	}

	private IFile file() {
		return ResourcesPlugin.getWorkspace().getRoot().getFile(path);
	}

	@Override
	public String getName() {
		return name;
	}

	@Override
	public RefactoringStatus isValid(IProgressMonitor monitor) throws CoreException {
		IFile file = file();
		if (!file.exists()) {
			return RefactoringStatus.createFatalErrorStatus("The file " + path + " no longer exists."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		ResourceAttributes attributes = file.getResourceAttributes();
		if (attributes != null && attributes.isReadOnly()) {
			return RefactoringStatus.createFatalErrorStatus("The file " + path + " is read-only."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		try {
			if (!Arrays.equals(WorkspaceFileContents.currentBytes(file).orElse(null), expected)) {
				return RefactoringStatus.createFatalErrorStatus(
						"The file " + path + " has changed since the change was computed."); //$NON-NLS-1$ //$NON-NLS-2$
			}
		} catch (IOException e) {
			return RefactoringStatus.createFatalErrorStatus("The file " + path + " cannot be read: " + e.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new RefactoringStatus();
	}

	@Override
	public Change perform(IProgressMonitor monitor) throws CoreException {
		try {
			WorkspaceFileContents.write(file(), content, false, monitor);
		} catch (IOException e) {
			throw new CoreException(Status.error("The file " + path + " could not be written: " + e.getMessage(), e)); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new ReplaceFileChange(name, path, content, expected);
	}
}
