package dev.warden.core.changes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Optional;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.content.IContentDescription;

/**
 * A workspace file's contents as the user sees them (an open editor's document first) and the path the change journal
 * knows it by.
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
}
