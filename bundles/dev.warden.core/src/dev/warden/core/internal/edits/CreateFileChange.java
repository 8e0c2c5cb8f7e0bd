package dev.warden.core.internal.edits;

import java.io.IOException;
import java.nio.charset.Charset;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.ltk.core.refactoring.Change;
import org.eclipse.ltk.core.refactoring.RefactoringStatus;
import org.eclipse.ltk.core.refactoring.resource.DeleteResourceChange;
import org.eclipse.ltk.core.refactoring.resource.ResourceChange;

import dev.warden.core.changes.WorkspaceFileContents;

/**
 * Creates a file (and the folders it needs) with the given text; its undo deletes the file again. LTK has no public
 * change for creating a file, so this small one is written here.
 */
public final class CreateFileChange extends ResourceChange {

	private final IPath path;
	private final String content;
	private final Charset charset;

	/** @param charset the encoding the new file's folder uses by default, so the file needs no encoding setting */
	public CreateFileChange(IPath path, String content, Charset charset) {
		this.path = path;
		this.content = content;
		this.charset = charset;
	}

	@Override
	protected IResource getModifiedResource() {
		return ResourcesPlugin.getWorkspace().getRoot().getFile(path);
	}

	@Override
	public String getName() {
		return "Create " + path.makeRelative(); //$NON-NLS-1$
	}

	public String content() {
		return content;
	}

	@Override
	public RefactoringStatus isValid(IProgressMonitor monitor) throws CoreException {
		IFile file = ResourcesPlugin.getWorkspace().getRoot().getFile(path);
		if (file.exists()) {
			return RefactoringStatus.createFatalErrorStatus(
					"The file " + path + " exists already; it was created since the change was computed."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new RefactoringStatus();
	}

	/** Written atomically (see {@link WorkspaceFileContents#write}): a kill leaves no file or the whole file. */
	@Override
	public Change perform(IProgressMonitor monitor) throws CoreException {
		IFile file = ResourcesPlugin.getWorkspace().getRoot().getFile(path);
		try {
			WorkspaceFileContents.write(file, content.getBytes(charset), true, monitor);
		} catch (IOException e) {
			throw new CoreException(Status.error("The file " + path + " could not be created: " + e.getMessage(), e)); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new DeleteResourceChange(path, true);
	}
}
