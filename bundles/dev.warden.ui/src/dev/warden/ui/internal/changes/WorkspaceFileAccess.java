package dev.warden.ui.internal.changes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.NullProgressMonitor;

import dev.warden.core.changes.FileAccess;
import dev.warden.core.changes.NioFileAccess;
import dev.warden.core.changes.WorkspaceFileContents;

/**
 * {@link FileAccess} through the workspace: files are read as the user sees them (an editor's unsaved text counts, so a
 * restore takes it for the user's own edit and never overwrites it unasked) and written atomically (a temporary
 * file moved over the old one, then the workspace refreshed), so that a restore cut short by a crash leaves no torn
 * file; the journal, not local history, keeps what a restore replaced. A file whose editor has unsaved text is written only on the user's decision; its buffer is
 * then reverted first so that the file gets exactly the restored bytes and the editor shows them.
 */
final class WorkspaceFileAccess implements FileAccess {

	private final IWorkspaceRoot root = ResourcesPlugin.getWorkspace().getRoot();

	/** The workspace file for a journal path ({@code project/folder/name}). */
	IFile file(String path) {
		IPath location = IPath.fromPortableString(path);
		if (location.segmentCount() < 2) {
			throw new IllegalArgumentException("Not a file in a project: " + path); //$NON-NLS-1$
		}
		return root.getFile(location);
	}

	@Override
	public Optional<byte[]> read(String path) throws IOException {
		IFile file = file(path);
		try {
			file.refreshLocal(IResource.DEPTH_ZERO, new NullProgressMonitor());
			return WorkspaceFileContents.currentBytes(file);
		} catch (CoreException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	@Override
	public void write(String path, byte[] content) throws IOException {
		IFile file = file(path);
		try {
			discardUnsaved(file);
			IPath location = file.getLocation();
			if (location != null) {
				// atomically (a temporary file moved over it): an IDE killed in the middle of a restore leaves each
				// file with its bytes from before or after, never a torn file, which setContents, writing in place,
				// can leave; then the workspace is told
				createParents(file.getParent());
				writeAtomically(location.toFile().toPath(), content);
				file.refreshLocal(IResource.DEPTH_ZERO, new NullProgressMonitor());
			} else if (file.exists()) {
				file.setContents(new ByteArrayInputStream(content), IResource.FORCE | IResource.KEEP_HISTORY,
						new NullProgressMonitor());
			} else {
				createParents(file.getParent());
				file.create(new ByteArrayInputStream(content), IResource.FORCE | IResource.KEEP_HISTORY,
						new NullProgressMonitor());
			}
		} catch (CoreException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	@Override
	public void delete(String path) throws IOException {
		IFile file = file(path);
		try {
			discardUnsaved(file);
			if (file.exists()) {
				file.delete(IResource.FORCE | IResource.KEEP_HISTORY, new NullProgressMonitor());
			}
		} catch (CoreException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	/**
	 * Writes {@code content} to a temporary file in Warden's state folder and moves it over {@code target}: a crash
	 * leaves the old or the new bytes, and at most a temporary file in the state folder, nothing in the project. Where
	 * the project lies on another file system, the temporary file goes beside the target instead.
	 */
	private static void writeAtomically(java.nio.file.Path target, byte[] content) throws IOException {
		java.nio.file.Path folder = org.eclipse.core.runtime.Platform
				.getStateLocation(org.osgi.framework.FrameworkUtil.getBundle(WorkspaceFileAccess.class)).append("restore")
				.toFile().toPath();
		java.nio.file.Files.createDirectories(folder);
		try {
			NioFileAccess.replaceAtomically(target, content, folder);
		} catch (java.nio.file.AtomicMoveNotSupportedException e) {
			// another file system: a temporary file beside the target
			NioFileAccess.replaceAtomically(target, content, target.getParent());
		}
	}

	/** Only reached on the user's decision (the unsaved text made the file a conflict); the journal keeps that text. */
	private static void discardUnsaved(IFile file) throws CoreException {
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(file.getFullPath(),
				LocationKind.IFILE);
		if (buffer != null && buffer.isDirty()) {
			buffer.revert(new NullProgressMonitor());
		}
	}

	private static void createParents(IContainer container) throws CoreException {
		if (container instanceof IFolder folder && !folder.exists()) {
			createParents(folder.getParent());
			folder.create(IResource.FORCE, true, new NullProgressMonitor());
		}
	}
}
