package dev.warden.core.internal.edits;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.ltk.core.refactoring.Change;
import org.eclipse.ltk.core.refactoring.RefactoringStatus;
import org.eclipse.ltk.core.refactoring.resource.DeleteResourceChange;
import org.eclipse.ltk.core.refactoring.resource.ResourceChange;

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

	@Override
	public Change perform(IProgressMonitor monitor) throws CoreException {
		SubMonitor progress = SubMonitor.convert(monitor, getName(), 2);
		IFile file = ResourcesPlugin.getWorkspace().getRoot().getFile(path);
		createParents(file.getParent(), progress.split(1));
		file.create(new ByteArrayInputStream(content.getBytes(charset)), IResource.KEEP_HISTORY, progress.split(1));
		return new DeleteResourceChange(path, true);
	}

	private static void createParents(IContainer container, IProgressMonitor monitor) throws CoreException {
		if (container instanceof IFolder folder && !folder.exists()) {
			createParents(folder.getParent(), monitor);
			folder.create(IResource.NONE, true, monitor);
		}
	}
}
