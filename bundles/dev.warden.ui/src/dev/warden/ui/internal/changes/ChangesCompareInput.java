package dev.warden.ui.internal.changes;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.compare.CompareConfiguration;
import org.eclipse.compare.CompareEditorInput;
import org.eclipse.compare.CompareUI;
import org.eclipse.compare.ITypedElement;
import org.eclipse.compare.structuremergeviewer.DiffNode;
import org.eclipse.compare.structuremergeviewer.Differencer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;

import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.FileState;
import dev.warden.core.changes.TouchedFile;

/**
 * "View all changes": a compare editor over every file a chat session touched, grouped by folder, each file's
 * content before the session (left) against its current content (right) — created, modified and deleted files, and
 * files whose original a command left unknown (shown as such). Navigable file by file with the compare editor's
 * next/previous buttons.
 */
public final class ChangesCompareInput extends CompareEditorInput {

	/** A folder in the tree of changed files. */
	private record Folder(String path) implements ITypedElement {

		@Override
		public String getName() {
			return path;
		}

		@Override
		public Image getImage() {
			return PlatformUI.getWorkbench().getSharedImages().getImage(ISharedImages.IMG_OBJ_FOLDER);
		}

		@Override
		public String getType() {
			return ITypedElement.FOLDER_TYPE;
		}
	}

	private final ChangeSession session;
	private final WorkspaceFileAccess files;

	/** @param chatTitle the chat's title as the user knows it; may be blank for a chat without a prompt yet */
	ChangesCompareInput(ChangeSession session, WorkspaceFileAccess files, String chatTitle) {
		super(configuration());
		this.session = session;
		this.files = files;
		setTitle(NLS.bind(ChangesMessages.Compare_title, title(session, chatTitle)));
	}

	/** The chat's title, else the journal's, else its first prompt; the session's id only when there is none. */
	static String title(ChangeSession session, String chatTitle) {
		if (chatTitle != null && !chatTitle.isBlank()) {
			return chatTitle;
		}
		if (!session.info().title().isBlank()) {
			return session.info().title();
		}
		return session.checkpoints().stream().map(c -> c.promptSummary()).filter(t -> !t.isBlank()).findFirst()
				.orElse(session.id());
	}

	private static CompareConfiguration configuration() {
		CompareConfiguration configuration = new CompareConfiguration();
		configuration.setLeftEditable(false);
		configuration.setRightEditable(false);
		configuration.setProperty(CompareConfiguration.MIRRORED, Boolean.FALSE);
		configuration.setLeftLabel(NLS.bind(ChangesMessages.Compare_original, "")); //$NON-NLS-1$
		configuration.setRightLabel(NLS.bind(ChangesMessages.Compare_current, "")); //$NON-NLS-1$
		return configuration;
	}

	static ChangesCompareInput open(IWorkbenchPage page, ChangeSession session, WorkspaceFileAccess files,
			String chatTitle) {
		ChangesCompareInput input = new ChangesCompareInput(session, files, chatTitle);
		CompareUI.openCompareEditorOnPage(input, page);
		return input;
	}

	@Override
	protected Object prepareInput(IProgressMonitor monitor) throws InvocationTargetException {
		List<TouchedFile> touched = session.touchedFiles().stream()
				.sorted(Comparator.comparing(TouchedFile::path)).toList();
		SubMonitor progress = SubMonitor.convert(monitor, touched.size());
		DiffNode root = new DiffNode(Differencer.NO_CHANGE);
		Map<String, DiffNode> folders = new LinkedHashMap<>();
		try {
			for (TouchedFile file : touched) {
				progress.split(1);
				addFile(root, folders, file);
			}
		} catch (IOException | CoreException e) {
			throw new InvocationTargetException(e);
		}
		if (!root.hasChildren()) {
			setMessage(ChangesMessages.Compare_noChanges);
			return null;
		}
		return root;
	}

	private void addFile(DiffNode root, Map<String, DiffNode> folders, TouchedFile touched)
			throws IOException, CoreException {
		String path = touched.path();
		int slash = path.lastIndexOf('/');
		String name = path.substring(slash + 1);
		IFile file = files.file(path);
		String charset = file.exists() ? file.getCharset() : file.getParent().getDefaultCharset();
		Optional<byte[]> current = files.read(path);
		ITypedElement original = original(touched, name, charset);
		if (original instanceof CompareItem item && current.isPresent()
				&& java.util.Arrays.equals(item.content(), current.get())) {
			return; // back as it was
		}
		if (original == null && current.isEmpty()) {
			return; // created and deleted again
		}
		DiffNode folder = folders.computeIfAbsent(path.substring(0, Math.max(slash, 0)), p -> {
			Folder element = new Folder(p);
			return new DiffNode(root, Differencer.CHANGE, null, element, element);
		});
		int kind = original == null ? Differencer.ADDITION : current.isEmpty() ? Differencer.DELETION
				: Differencer.CHANGE;
		new DiffNode(folder, kind, null, original, current.map(c -> new CompareItem(name, c, charset)).orElse(null));
	}

	private ITypedElement original(TouchedFile touched, String name, String charset) throws IOException {
		FileState state = touched.original();
		return switch (state.kind()) {
		case ABSENT -> null;
		case PRESENT -> new CompareItem(name, session.content(state), charset);
		case UNRECOVERABLE -> new CompareItem(NLS.bind(ChangesMessages.Compare_originalUnknown, name),
				ChangesMessages.Compare_unknownContent.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8.name(),
				CompareItem.typeOf(name));
		};
	}
}
