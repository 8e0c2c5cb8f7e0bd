package dev.warden.ui.internal.changes;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.NullProgressMonitor;

import dev.warden.core.changes.FileAccess;
import dev.warden.core.changes.WorkspaceFileContents;

/**
 * {@link FileAccess} through the workspace: files are read as the user sees them (an editor's unsaved text counts, so a
 * restore takes it for the user's own edit and never overwrites it unasked) and written atomically
 * ({@link WorkspaceFileContents#write}), so that a restore cut short by a crash leaves no torn file; the journal, not
 * local history, keeps what a restore replaced. A file whose editor has unsaved text is written only on the user's
 * decision; its buffer is then reverted first so that the file gets exactly the restored bytes and the editor shows
 * them.
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
			// atomically: an IDE killed in the middle of a restore leaves each file with its bytes from before or
			// after, never a torn file
			WorkspaceFileContents.write(file, content, false, new NullProgressMonitor());
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

	/** Only reached on the user's decision (the unsaved text made the file a conflict); the journal keeps that text. */
	private static void discardUnsaved(IFile file) throws CoreException {
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(file.getFullPath(),
				LocationKind.IFILE);
		if (buffer != null && buffer.isDirty()) {
			buffer.revert(new NullProgressMonitor());
		}
	}
}
