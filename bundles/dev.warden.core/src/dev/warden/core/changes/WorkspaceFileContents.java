package dev.warden.core.changes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.content.IContentDescription;
import org.osgi.framework.FrameworkUtil;

/**
 * A workspace file's contents as the user sees them (an open editor's document first), the path the change journal
 * knows it by, and writing a file whole so that a process killed in the middle leaves its old bytes or its new ones.
 */
public final class WorkspaceFileContents {

	private WorkspaceFileContents() {
	}

	/** The path the change journal knows {@code file} by: relative to the workspace root, with {@code /}. */
	public static String journalPath(IFile file) {
		return file.getFullPath().makeRelative().toString();
	}

	/**
	 * The file's bytes as the user sees them: the editor's document, encoded in the file's charset, when it has unsaved
	 * edits; else the bytes on disk; empty when the file does not exist.
	 */
	public static Optional<byte[]> currentBytes(IFile file) throws CoreException, IOException {
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(file.getFullPath(),
				LocationKind.IFILE);
		if (buffer != null && buffer.isDirty()) {
			byte[] disk = file.exists() ? read(file) : null;
			return Optional.of(encode(file, buffer.getDocument().get(), disk));
		}
		if (!file.exists()) {
			return Optional.empty();
		}
		return Optional.of(read(file));
	}

	private static byte[] read(IFile file) throws CoreException, IOException {
		try (InputStream in = file.getContents(true)) {
			return in.readAllBytes();
		}
	}

	/** {@code text} in the file's charset, after the byte order mark the file has now ({@code current}), if any. */
	public static byte[] encode(IFile file, String text, byte[] current) throws CoreException {
		String charset = file.exists() ? file.getCharset() : file.getParent().getDefaultCharset();
		byte[] body = text.getBytes(Charset.forName(charset));
		byte[] bom = file.exists() ? byteOrderMark(file) : null;
		if (bom == null || current == null || current.length < bom.length
				|| !Arrays.equals(Arrays.copyOf(current, bom.length), bom)) {
			return body;
		}
		byte[] result = Arrays.copyOf(bom, bom.length + body.length);
		System.arraycopy(body, 0, result, bom.length, body.length);
		return result;
	}

	private static byte[] byteOrderMark(IFile file) throws CoreException {
		IContentDescription description = file.getContentDescription();
		return description == null ? null : (byte[]) description.getProperty(IContentDescription.BYTE_ORDER_MARK);
	}


	/**
	 * The file's text as the user sees it: the editor's document when it is open (saved or not), else the file's
	 * contents; empty when the file does not exist.
	 */
	public static Optional<String> currentText(IFile file) throws CoreException, IOException {
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(file.getFullPath(),
				LocationKind.IFILE);
		if (buffer != null) {
			return Optional.of(buffer.getDocument().get());
		}
		if (!file.exists()) {
			return Optional.empty();
		}
		try (InputStream in = file.getContents(true)) {
			return Optional.of(new String(in.readAllBytes(), Charset.forName(file.getCharset())));
		}
	}

	/**
	 * Writes {@code content} to {@code file} atomically and tells the workspace: the bytes go to a temporary file in
	 * Warden's state folder (beside the file when the project lies on another file system), forced to disk and moved
	 * over the file, so that an IDE killed at any instant leaves the file with its bytes from before or after, never a
	 * torn file, as {@link IFile#setContents} and {@link IFile#create}, writing in place, can leave. Missing folders are
	 * created first. A file outside the local file system (no location) is written through the workspace instead. The
	 * workspace keeps no local history of the replaced bytes: the change journal keeps them.
	 *
	 * @param mustBeNew whether the file is being created: refused when it exists (also when it appeared on disk
	 *                  unseen by the workspace)
	 */
	public static void write(IFile file, byte[] content, boolean mustBeNew, IProgressMonitor monitor)
			throws CoreException, IOException {
		createFolders(file.getParent(), monitor);
		IPath location = file.getLocation();
		if (location == null) {
			if (file.exists()) {
				file.setContents(content, IResource.FORCE | IResource.KEEP_HISTORY, monitor);
			} else {
				file.create(content, IResource.NONE, monitor);
			}
			return;
		}
		Path target = location.toPath();
		if (mustBeNew && Files.exists(target)) {
			throw new FileAlreadyExistsException(target.toString(), null, "the file exists already"); //$NON-NLS-1$
		}
		Path folder = Platform.getStateLocation(FrameworkUtil.getBundle(WorkspaceFileContents.class)).append("writes") //$NON-NLS-1$
				.toPath();
		Files.createDirectories(folder);
		try {
			NioFileAccess.replaceAtomically(target, content, folder);
		} catch (AtomicMoveNotSupportedException e) {
			NioFileAccess.replaceAtomically(target, content, target.getParent());
		}
		file.refreshLocal(IResource.DEPTH_ZERO, monitor);
	}

	private static void createFolders(IContainer container, IProgressMonitor monitor) throws CoreException {
		if (container instanceof IFolder folder && !folder.exists()) {
			createFolders(folder.getParent(), monitor);
			folder.create(IResource.FORCE, true, monitor);
		}
	}
}
