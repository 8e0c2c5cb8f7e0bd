package dev.warden.ui.tests.changes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.compare.CompareEditorInput;
import org.eclipse.compare.structuremergeviewer.DiffNode;
import org.eclipse.compare.structuremergeviewer.Differencer;
import org.eclipse.compare.structuremergeviewer.IDiffElement;
import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.ide.undo.WorkspaceUndoUtil;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.core.agent.Approval;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.changes.ChangeKind;
import dev.warden.core.changes.ChangeOrigin;
import dev.warden.core.changes.Checkpoint;
import dev.warden.core.changes.ConflictDecision;
import dev.warden.core.changes.FileOutcome;
import dev.warden.core.changes.FileRestore;
import dev.warden.core.changes.OriginalSource;
import dev.warden.core.changes.RestoreResult;
import dev.warden.core.changes.TouchedFile;
import dev.warden.core.tools.Capability;
import dev.warden.core.tools.ChangeOutcome;
import dev.warden.core.tools.ChangeSink;
import dev.warden.core.tools.ProposedChange;
import dev.warden.ui.internal.changes.ChangesCompareInput;
import dev.warden.ui.internal.changes.ChatChanges;
import dev.warden.ui.internal.changes.ChatChanges.RestoreRequest;
import dev.warden.ui.internal.changes.RestoreDialog;
import dev.warden.ui.internal.changes.ReviewDialog;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/**
 * The chat session's changes in a real workbench, driven as the chat view drives them: the agent's edits applied
 * through the sink and undone with the workbench's undo, the Supervised review, View all, Revert all, conflicts, and
 * checkpoints, in a temporary project.
 */
class ChatChangesTest {

	private final Display display = Display.getCurrent();
	private IProject project;
	private ChatChanges changes;
	private ChangeSink sink;

	@BeforeEach
	void createProject() throws CoreException {
		String name = "changes-" + UUID.randomUUID().toString().substring(0, 8);
		project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
		project.create(null);
		project.open(null);
		project.setDefaultCharset(StandardCharsets.UTF_8.name(), null);
		changes = ChatChanges.forSession("test-" + name, "Test " + name);
		changes.activate();
		sink = changes.sink(path -> Optional.of(ResourcesPlugin.getWorkspace().getRoot().getFile(IPath.fromPortableString(path))));
	}

	@AfterEach
	void deleteProject() throws CoreException {
		Workbenches.page().closeAllEditors(false);
		for (Shell shell : display.getShells()) {
			if (shell.getData() instanceof ReviewDialog || shell.getData() instanceof RestoreDialog) {
				shell.close();
			}
		}
		changes.deactivate();
		project.delete(true, true, null);
	}

	@Test
	void agentEditIsUndoneByTheWorkbenchUndoByteForByte() throws Exception {
		byte[] original = "first line\r\nsecond line\r\nno newline at the end".getBytes(StandardCharsets.UTF_8);
		IFile file = create("src/Greeting.txt", original);
		String before = new String(original, StandardCharsets.UTF_8);
		String after = before.replace("second", "2nd");

		ChangeOutcome outcome = apply(new ProposedChange(path(file), before, after, "Shorten a word"));
		assertTrue(outcome.applied(), outcome.message());
		assertEquals(after, text(file));
		assertEquals(ChangeKind.MODIFIED, touched(file).kind());

		IOperationHistory history = PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
		assertTrue(history.canUndo(WorkspaceUndoUtil.getWorkspaceUndoContext()),
				"Edit > Undo (the workspace undo context, which includes refactorings) offers the agent's step");
		assertEquals("Warden: Shorten a word",
				history.getUndoOperation(WorkspaceUndoUtil.getWorkspaceUndoContext()).getLabel());
		IStatus undone = history.undo(WorkspaceUndoUtil.getWorkspaceUndoContext(), new NullProgressMonitor(), null);
		assertTrue(undone.isOK(), undone.toString());
		assertArrayEquals(original, bytes(file), "the file is back byte for byte");
		assertEquals(ChangeKind.UNCHANGED, touched(file).kind(), "the journal knows the step was undone");

		IStatus redone = history.redo(WorkspaceUndoUtil.getWorkspaceUndoContext(), new NullProgressMonitor(), null);
		assertTrue(redone.isOK(), redone.toString());
		assertEquals(after, text(file));
		assertEquals(ChangeKind.MODIFIED, touched(file).kind(), "the journal knows the step was redone");
	}

	/**
	 * A file no editor has open is replaced whole (a new file moved over it, as its new inode shows), so that an IDE
	 * killed at that instant leaves it before or after, never torn; it keeps its permissions, a created file gets those
	 * of any new file, nothing is left beside them, and the undo is as whole. A file open in an editor is changed in
	 * its document.
	 */
	@Test
	void anAgentEditReplacesAClosedFileWholeAndChangesAnOpenOneInItsEditor() throws Exception {
		IFile script = create("bin/build.sh", "#!/bin/sh\necho one\n".getBytes(StandardCharsets.UTF_8));
		Path location = script.getLocation().toPath();
		Files.setPosixFilePermissions(location, PosixFilePermissions.fromString("rwxr-x---"));
		Object inode = Files.getAttribute(location, "unix:ino");

		assertTrue(apply(new ProposedChange(path(script), text(script), "#!/bin/sh\necho two\n", "Two")).applied());
		assertEquals("#!/bin/sh\necho two\n", text(script));
		assertNotEquals(inode, Files.getAttribute(location, "unix:ino"), "replaced by a whole new file, not rewritten in place");
		assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(location)),
				"the script stays executable, and private");
		IFile created = project.getFile("bin/notes.txt");
		assertTrue(apply(new ProposedChange(path(created), null, "notes\n", "Notes")).applied());
		Path reference = Files.createFile(location.resolveSibling("reference.txt"));
		assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(created.getLocation().toPath()),
				"a created file gets the permissions of any new file");
		Files.delete(reference);
		try (Stream<Path> left = Files.list(location.getParent())) {
			assertEquals(Set.of("build.sh", "notes.txt"), left.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
					"no temporary file beside them");
		}
		assertTrue(script.isSynchronized(IResource.DEPTH_ZERO), "the workspace knows the new bytes");

		IOperationHistory history = PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
		IStatus undone = history.undo(WorkspaceUndoUtil.getWorkspaceUndoContext(), new NullProgressMonitor(), null);
		assertTrue(undone.isOK(), undone.toString());
		assertFalse(created.exists(), "the creation is undone first");
		undone = history.undo(WorkspaceUndoUtil.getWorkspaceUndoContext(), new NullProgressMonitor(), null);
		assertTrue(undone.isOK(), undone.toString());
		assertEquals("#!/bin/sh\necho one\n", text(script));
		assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(location)));

		IFile open = create("src/Open.txt", "alpha\nbeta\n".getBytes(StandardCharsets.UTF_8));
		ITextEditor editor = (ITextEditor) IDE.openEditor(Workbenches.page(), open);
		IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
		Object openInode = Files.getAttribute(open.getLocation().toPath(), "unix:ino");
		assertTrue(apply(new ProposedChange(path(open), "alpha\nbeta\n", "alpha\ngamma\n", "Gamma")).applied());
		Workbenches.waitUntil(display, () -> document.get().equals("alpha\ngamma\n"), 10, "the editor shows the edit");
		assertFalse(editor.isDirty(), "a saved editor stays saved");
		assertEquals("alpha\ngamma\n", text(open));
		assertEquals(openInode, Files.getAttribute(open.getLocation().toPath(), "unix:ino"),
				"an open file is changed through its document");
	}

	@Test
	void supervisedReviewAppliesTheSelectedFileAndRejectsTheOther() throws Exception {
		IFile one = create("src/One.java", "class One {\n\tint size = 1;\n}\n".getBytes(StandardCharsets.UTF_8));
		IFile two = create("src/Two.java", "class Two {\n\tint size = 2;\n}\n".getBytes(StandardCharsets.UTF_8));
		ProposedChange first = new ProposedChange(path(one), text(one), text(one).replace("1", "10"), "Grow One");
		ProposedChange second = new ProposedChange(path(two), text(two), text(two).replace("2", "20"), "Grow Two");
		ToolInvocation invocation = new ToolInvocation(changes.sessionId(), "call-1", "edit_file",
				Set.of(Capability.CHANGE_FILES), path(one), null);

		CompletableFuture<Approval> answer = changes.review(shell(), invocation, List.of(first, second));
		ReviewDialog dialog = find(ReviewDialog.class);
		dialog.select(path(two));
		DiffNode shown = (DiffNode) dialog.shownInput();
		assertEquals("Two.java", shown.getName(), "the compare viewer shows the selected file");
		dialog.setChecked(path(two), false);
		dialog.setReason("Two stays small");
		dialog.select(path(one));
		Screenshots.take(dialog.getShell(), "changes-review");
		dialog.applySelected();

		Approval approval = answer.get(5, TimeUnit.SECONDS);
		assertTrue(approval.approves(path(one)));
		assertFalse(approval.approves(path(two)));
		assertEquals("Two stays small", approval.reason());
		for (ProposedChange change : List.of(first, second)) {
			if (approval.approves(change.path())) {
				assertTrue(apply(change).applied());
			}
		}
		assertTrue(text(one).contains("size = 10"));
		assertTrue(text(two).contains("size = 2;"), "the rejected file is untouched");
		assertEquals(List.of(path(one)), changes.journal().touchedFiles().stream().map(TouchedFile::path).toList());
	}

	@Test
	void viewAllOpensACompareEditorListingCreatedModifiedAndDeletedFiles() throws Exception {
		IFile modified = create("src/Modified.java", "class Modified {}\n".getBytes(StandardCharsets.UTF_8));
		IFile deleted = create("src/Deleted.java", "class Deleted {}\n".getBytes(StandardCharsets.UTF_8));
		IFile created = project.getFile("src/Created.java");
		assertTrue(apply(new ProposedChange(path(modified), text(modified), "class Modified {\n\tvoid run() {}\n}\n",
				"Add run()")).applied());
		assertTrue(apply(new ProposedChange(path(deleted), text(deleted), null, "Remove Deleted")).applied());
		assertTrue(apply(new ProposedChange(path(created), null, "class Created {}\n", "Add Created")).applied());

		IWorkbenchPage page = Workbenches.page();
		changes.viewAll(page);
		Workbenches.waitUntil(display, () -> compareInput(page) != null
				&& compareInput(page).getCompareResult() != null, 20, "the compare editor shows the changes");
		CompareEditorInput input = compareInput(page);
		Map<String, Integer> kinds = leaves((DiffNode) input.getCompareResult()).stream()
				.collect(Collectors.toMap(IDiffElement::getName, IDiffElement::getKind));
		assertEquals(Map.of("Created.java", Differencer.ADDITION, "Modified.java", Differencer.CHANGE,
				"Deleted.java", Differencer.DELETION), kinds);
		IEditorReference editor = page.findEditors(input, null, IWorkbenchPage.MATCH_INPUT)[0];
		page.setPartState(editor, IWorkbenchPage.STATE_MAXIMIZED);
		Workbenches.settle(display);
		Workbenches.settle(display);
		Screenshots.take(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "changes-view-all");
		page.setPartState(editor, IWorkbenchPage.STATE_RESTORED);
	}

	@Test
	void revertAllRestoresExactBytesAndItsUndoBringsTheAgentVersionsBack() throws Exception {
		byte[] keptBytes = "alpha\r\nbeta\r\n\u00e9t\u00e9\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] goneBytes = "to be deleted\n".getBytes(StandardCharsets.UTF_8);
		IFile edited = create("a/Edited.txt", keptBytes);
		IFile deleted = create("a/Deleted.txt", goneBytes);
		IFile created = project.getFile("b/c/Created.txt");
		String editedBefore = sha(bytes(edited));
		String deletedBefore = sha(bytes(deleted));

		assertTrue(apply(new ProposedChange(path(edited), text(edited), text(edited).replace("beta", "gamma"), "Edit"))
				.applied());
		assertTrue(apply(new ProposedChange(path(deleted), text(deleted), null, "Delete")).applied());
		assertTrue(apply(new ProposedChange(path(created), null, "new file\n", "Create")).applied());
		String editedByAgent = sha(bytes(edited));

		CompletableFuture<Optional<RestoreResult>> done = changes.revertAll(shell());
		RestoreDialog dialog = find(RestoreDialog.class);
		assertEquals(3, dialog.request().plan().clearChanges().size());
		dialog.confirm();
		RestoreResult result = done.get(10, TimeUnit.SECONDS).orElseThrow();
		assertTrue(result.complete(), result.toString());

		assertEquals(editedBefore, sha(bytes(edited)), "the edited file has its original bytes");
		assertEquals(deletedBefore, sha(bytes(deleted)), "the deleted file is back with its bytes");
		assertFalse(created.exists(), "the created file is gone");

		IOperationHistory history = PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
		assertEquals("Revert All Warden Changes",
				history.getUndoOperation(WorkspaceUndoUtil.getWorkspaceUndoContext()).getLabel());
		IStatus undone = history.undo(WorkspaceUndoUtil.getWorkspaceUndoContext(), new NullProgressMonitor(), null);
		assertTrue(undone.isOK(), undone.toString());
		assertEquals(editedByAgent, sha(bytes(edited)), "undo brings the agent's version back");
		assertFalse(deleted.exists(), "and deletes the file the agent deleted");
		assertEquals("new file\n", text(created), "and re-creates the file the agent created");
	}

	@Test
	void aUserEditAfterTheAgentIsAConflictAndIsNotOverwritten() throws Exception {
		IFile saved = create("src/Saved.txt", "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));
		IFile unsaved = create("src/Unsaved.txt", "red\ngreen\nblue\n".getBytes(StandardCharsets.UTF_8));
		assertTrue(apply(new ProposedChange(path(saved), text(saved), "one\n2\nthree\n", "Number two")).applied());
		assertTrue(apply(new ProposedChange(path(unsaved), text(unsaved), "red\ngreen\nblue\nyellow\n", "Add yellow"))
				.applied());

		byte[] mine = "one\n2\nthree\nfour (mine)\n".getBytes(StandardCharsets.UTF_8);
		saved.setContents(new ByteArrayInputStream(mine), IResource.KEEP_HISTORY, null);
		ITextEditor editor = (ITextEditor) IDE.openEditor(Workbenches.page(), unsaved);
		IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
		document.replace(0, 0, "purple (typed, not saved)\n");
		assertTrue(editor.isDirty());

		CompletableFuture<Optional<RestoreResult>> done = changes.revertAll(shell());
		RestoreDialog dialog = find(RestoreDialog.class);
		RestoreRequest request = dialog.request();
		assertEquals(Set.of(path(saved), path(unsaved)),
				request.plan().conflicts().stream().map(FileRestore::path).collect(Collectors.toSet()));
		assertEquals(List.of(path(unsaved)), request.unsavedEditors(), "the unsaved editor is named");
		dialog.select(path(saved));
		DiffNode threeWay = (DiffNode) dialog.shownInput();
		assertNotNull(threeWay.getAncestor(), "the conflict shows the original");
		assertNotNull(threeWay.getLeft(), "the current version");
		assertNotNull(threeWay.getRight(), "and the agent's");
		Screenshots.take(dialog.getShell(), "changes-conflict");
		dialog.decide(path(unsaved), ConflictDecision.KEEP_MINE);
		dialog.confirm();
		RestoreResult result = done.get(10, TimeUnit.SECONDS).orElseThrow();

		assertArrayEquals(mine, bytes(saved), "the user's saved edit is not overwritten");
		assertEquals(FileOutcome.Outcome.SKIPPED, outcome(result, saved));
		assertTrue(editor.isDirty(), "the unsaved editor stays unsaved");
		assertTrue(document.get().startsWith("purple"), "with the user's text");
		assertEquals(FileOutcome.Outcome.KEPT_MINE, outcome(result, unsaved));
	}

	@Test
	void restoreToTheMiddleOfThreeCheckpoints() throws Exception {
		IFile file = create("Notes.txt", "v0\n".getBytes(StandardCharsets.UTF_8));
		IFile later = project.getFile("Later.txt");
		changes.checkpoint("first prompt");
		assertTrue(apply(new ProposedChange(path(file), "v0\n", "v1\n", "to v1")).applied());
		Checkpoint second = changes.checkpoint("second prompt");
		assertTrue(apply(new ProposedChange(path(file), "v1\n", "v2\n", "to v2")).applied());
		assertTrue(apply(new ProposedChange(path(later), null, "later\n", "create later")).applied());
		changes.checkpoint("third prompt");
		assertTrue(apply(new ProposedChange(path(file), "v2\n", "v3\n", "to v3")).applied());

		RestoreResult result = changes.restore(changes.planRestoreTo(second.id()), Map.of(), shell());
		assertTrue(result.complete(), result.toString());
		assertEquals("v1\n", text(file), "the file is as it was just before the second prompt");
		assertFalse(later.exists(), "a file created after the second prompt is gone");
		assertEquals(3, changes.checkpoints().size());
	}

	@Test
	void filesChangedByACommandAreRecordedAndReverted() throws Exception {
		byte[] trackedBytes = "colour = red\n".getBytes(StandardCharsets.UTF_8);
		IFile tracked = create("config/tracked.properties", trackedBytes);
		IFile edited = create("config/edited.properties", "size = 1\n".getBytes(StandardCharsets.UTF_8));
		IFile untracked = create("config/untracked.properties", "shape = round\n".getBytes(StandardCharsets.UTF_8));
		File root = project.getLocation().toFile();
		run(root, "git", "init", "-q");
		run(root, "git", "add", "config/tracked.properties");
		run(root, "git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "init");
		project.refreshLocal(IResource.DEPTH_INFINITE, null);
		assertTrue(apply(new ProposedChange(path(edited), "size = 1\n", "size = 2\n", "Grow")).applied());

		String command = "sed -i s/red/blue/;s/2/3/;s/round/square/ config/tracked.properties config/edited.properties config/untracked.properties";
		try (AutoCloseable watch = changes.watchCommand(project, command)) {
			run(root, "sed", "-i", "s/red/blue/;s/2/3/;s/round/square/", "config/tracked.properties",
					"config/edited.properties", "config/untracked.properties");
		}
		assertEquals("colour = blue\n", text(tracked));
		TouchedFile fromGit = touched(tracked);
		assertEquals(ChangeOrigin.COMMAND, fromGit.lastOrigin());
		assertEquals(OriginalSource.GIT, fromGit.originalSource());
		assertEquals(ChangeOrigin.COMMAND, touched(edited).lastOrigin());
		assertEquals(OriginalSource.DISK, touched(edited).originalSource(), "the journal had its original already");
		assertFalse(touched(untracked).recoverable(), "an original found nowhere is flagged");

		RestoreResult result = changes.restore(changes.planRevertAll(), Map.of(), shell());
		assertArrayEquals(trackedBytes, bytes(tracked), "the command's change is reverted");
		assertEquals("size = 1\n", text(edited), "the agent's and the command's changes are reverted");
		assertEquals("shape = square\n", text(untracked), "an unrecoverable file is left alone");
		assertEquals(FileOutcome.Outcome.UNRECOVERABLE, outcome(result, untracked));
	}

	private static void run(File directory, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
	}

	private ChangeOutcome apply(ProposedChange change) {
		CompletableFuture<ChangeOutcome> outcome = CompletableFuture.supplyAsync(() -> sink.apply(change));
		Workbenches.waitUntil(display, outcome::isDone, 30, "the agent's change to " + change.path() + " is applied");
		return outcome.join();
	}

	private TouchedFile touched(IFile file) {
		return changes.journal().touchedFiles().stream().filter(t -> t.path().equals(path(file))).findFirst()
				.orElseThrow(() -> new AssertionError("not in the journal: " + path(file)));
	}

	private static FileOutcome.Outcome outcome(RestoreResult result, IFile file) {
		return result.files().stream().filter(f -> f.path().equals(path(file))).findFirst().orElseThrow().outcome();
	}

	private IFile create(String relative, byte[] content) throws CoreException {
		IFile file = project.getFile(relative);
		for (int i = 1; i < file.getProjectRelativePath().segmentCount(); i++) {
			var folder = project.getFolder(file.getProjectRelativePath().uptoSegment(i));
			if (!folder.exists()) {
				folder.create(true, true, null);
			}
		}
		file.create(new ByteArrayInputStream(content), true, null);
		return file;
	}

	private static String path(IFile file) {
		return file.getFullPath().makeRelative().toString();
	}

	private static byte[] bytes(IFile file) throws CoreException, IOException {
		file.refreshLocal(IResource.DEPTH_ZERO, null);
		try (InputStream in = file.getContents(true)) {
			return in.readAllBytes();
		}
	}

	private static String text(IFile file) throws CoreException, IOException {
		return new String(bytes(file), StandardCharsets.UTF_8);
	}

	private static String sha(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	private static Shell shell() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
	}

	private <T> T find(Class<T> type) {
		Object[] found = new Object[1];
		Workbenches.waitUntil(display, () -> {
			for (Shell shell : display.getShells()) {
				if (type.isInstance(shell.getData()) && shell.isVisible()) {
					found[0] = shell.getData();
					return true;
				}
			}
			return false;
		}, 10, "a " + type.getSimpleName() + " opens");
		return type.cast(found[0]);
	}

	private static CompareEditorInput compareInput(IWorkbenchPage page) {
		for (IEditorReference reference : page.getEditorReferences()) {
			IEditorPart editor = reference.getEditor(false);
			if (editor != null && editor.getEditorInput() instanceof ChangesCompareInput input) {
				return input;
			}
		}
		return null;
	}

	private static List<IDiffElement> leaves(DiffNode node) {
		List<IDiffElement> leaves = new ArrayList<>();
		for (IDiffElement child : node.getChildren()) {
			if (child instanceof DiffNode inner && inner.hasChildren()) {
				leaves.addAll(leaves(inner));
			} else {
				leaves.add(child);
			}
		}
		return leaves;
	}
}
