package dev.warden.ui.tests.chat;

import dev.warden.core.settings.WardenPreferences;
import dev.warden.ui.internal.WardenServices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.undo.WorkspaceUndoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditReader;
import dev.warden.core.settings.ProtectionSettings;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.ui.internal.changes.RestoreDialog;
import dev.warden.ui.internal.changes.ReviewDialog;
import dev.warden.ui.internal.chat.CommandApprovalCard;
import dev.warden.ui.internal.chat.MessageEntry;
import dev.warden.ui.internal.chat.ToolCard;
import dev.warden.core.settings.ModelSettings;
import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/**
 * The chat view driving a real agent loop against a scripted model server on loopback, in a real project.
 */
class ChatAgentTest {

	private ChatFixture chat;
	private ScriptedModelServer model;
	private IProject project;
	private ChatView view;
	private Display display;

	@BeforeEach
	void setUp() throws Exception {
		chat = ChatFixture.project("chat-demo").file("README.md", "# Demo\n").open();
		model = chat.model;
		project = chat.project;
		view = chat.view;
		display = chat.display;
	}

	@AfterEach
	void tearDown() throws Exception {
		chat.close();
	}

	private static ModeService mode() {
		return PlatformUI.getWorkbench().getService(ModeService.class);
	}

	private static JsonObject args(String... pairs) {
		JsonObject json = new JsonObject();
		for (int i = 0; i < pairs.length; i += 2) {
			json.addProperty(pairs[i], pairs[i + 1]);
		}
		return json;
	}

	private void sendAndWait(String prompt) {
		view.send(prompt);
		waitUntilIdle();
	}

	private void waitUntilIdle() {
		Workbenches.waitUntil(display, () -> !view.controller().isRunning(), 30, "the agent finishes");
		Workbenches.settle(display);
	}

	private String content(String path) throws Exception {
		return Files.readString(project.getLocation().toFile().toPath().resolve(path));
	}

	private <T> T waitForCard(Class<T> type) {
		Workbenches.waitUntil(display, () -> type.isInstance(view.approvals().lastCard()), 20, "a " + type.getSimpleName());
		return type.cast(view.approvals().lastCard());
	}

	@Test
	void autopilotPromptEditsAFileThatEditUndoTakesBack() throws Exception {
		model.toolCall("call_1", "write_file", args("path", "notes.txt", "content", "hello from the agent\n"))
				.text("I created **notes.txt** with a greeting.");
		sendAndWait("Create notes.txt with a greeting");

		IFile notes = project.getFile("notes.txt");
		assertTrue(notes.exists(), "the file is in the workspace, known to Eclipse");
		assertEquals("hello from the agent\n", content("notes.txt"));
		// the view draws the agent's events in batches: wait for the card rather than for a fixed time
		Workbenches.waitUntil(display, () -> view.conversation().entries().stream().anyMatch(e -> e instanceof ToolCard card
				&& card.summary().equals("Wrote notes.txt") && card.status().equals("done")), 10, "a card for the write");
		List<Object> entries = view.conversation().entries();
		assertTrue(entries.stream().anyMatch(e -> e instanceof MessageEntry m && m.markdown().contains("I created **notes.txt**")));
		Screenshots.take(view.getSite().getShell(), "chat-autopilot");

		List<AuditEvent> audit = AuditReader.read(WardenServices.state().auditDirectory(),
				e -> e.sessionId().equals(view.controller().conversation().id()), 100).events();
		assertTrue(audit.stream().anyMatch(e -> e.kind().equals("file.write") && e.subject().contains("notes.txt")),
				"the write is audited: " + audit);

		var history = PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
		var workspaceContext = WorkspaceUndoUtil.getWorkspaceUndoContext();
		assertTrue(history.canUndo(workspaceContext), "the agent's change is in the undo history Edit > Undo uses");
		assertTrue(history.getUndoOperation(workspaceContext).getLabel().contains("notes.txt"),
				history.getUndoOperation(workspaceContext).getLabel());
		history.undo(workspaceContext, null, null);
		assertFalse(notes.exists(), "Edit > Undo removed the file the agent created");
	}

	@Test
	void supervisedModeAppliesOnlyTheChangeTheUserAllowed() throws Exception {
		mode().setMode(Mode.SUPERVISED);
		model.toolCall("call_a", "write_file", args("path", "a.txt", "content", "A\n"))
				.toolCall("call_b", "write_file", args("path", "b.txt", "content", "B\n"))
				.text("Wrote what you allowed.");
		view.send("Write a.txt and b.txt");

		ReviewDialog first = findDialog(ReviewDialog.class, null);
		assertFalse(project.getFile("a.txt").exists(), "nothing is written before the review");
		Screenshots.take(first.getShell(), "chat-supervised-review");
		first.applySelected();
		ReviewDialog second = findDialog(ReviewDialog.class, first);
		second.setReason("keep b out of it");
		second.rejectAll();
		waitUntilIdle();

		assertEquals("A\n", content("a.txt"));
		assertFalse(project.getFile("b.txt").exists(), "the rejected change was not applied");
		assertTrue(model.requests().get(2).contains("keep b out of it"), "the agent was told why");
	}

	@Test
	void restoreToACheckpointBringsTheFilesBackAsTheyWereBeforeThatPrompt() throws Exception {
		model.toolCall("call_1", "write_file", args("path", "first.txt", "content", "one\n")).text("Wrote first.")
				.toolCall("call_2", "write_file", args("path", "second.txt", "content", "two\n"))
				.toolCall("call_3", "write_file", args("path", "first.txt", "content", "one, changed\n"))
				.text("Wrote second and changed first.");
		sendAndWait("write first");
		sendAndWait("write second");
		assertEquals("one, changed\n", content("first.txt"));
		List<MessageEntry> prompts = view.conversation().entries().stream()
				.filter(e -> e instanceof MessageEntry m && m.hasAction()).map(MessageEntry.class::cast).toList();
		assertEquals(2, prompts.size(), "each prompt offers Restore to here");

		prompts.get(1).runAction();
		RestoreDialog dialog = findDialog(RestoreDialog.class, null);
		Screenshots.take(dialog.getShell(), "chat-restore-checkpoint");
		dialog.confirm();
		Workbenches.waitUntil(display, () -> !project.getFile("second.txt").exists(), 20, "second.txt is gone");
		assertEquals("one\n", content("first.txt"), "first.txt is as it was before the second prompt");
		Workbenches.waitUntil(display, () -> view.conversation().notices().stream()
				.anyMatch(n -> n.startsWith("The files are back")), 10, "the restore is confirmed in the chat");
		int messages = view.controller().conversation().messages().size();
		assertTrue(view.conversation().runLastNoticeAction());
		assertTrue(view.controller().conversation().messages().size() < messages, "the later messages were dropped");
		assertEquals(1, view.conversation().entries().stream()
				.filter(e -> e instanceof MessageEntry m && m.hasAction()).count(), "one prompt is left");

		// two new prompts after the restore, then the chat read back from disk: each prompt keeps its own checkpoint
		// (the dropped prompt's checkpoint stays in the journal and must not shift the others)
		model.toolCall("call_4", "write_file", args("path", "first.txt", "content", "three\n")).text("Changed first.")
				.toolCall("call_5", "write_file", args("path", "fourth.txt", "content", "four\n")).text("Wrote fourth.");
		sendAndWait("change first again");
		sendAndWait("write fourth");
		assertTrue(view.controller().open(view.controller().conversation().id()));
		Workbenches.settle(display);
		List<MessageEntry> reloaded = view.conversation().entries().stream()
				.filter(e -> e instanceof MessageEntry m && m.hasAction()).map(MessageEntry.class::cast).toList();
		assertEquals(3, reloaded.size(), "every prompt offers Restore to here after reloading");
		reloaded.get(2).runAction();
		findDialog(RestoreDialog.class, dialog).confirm();
		Workbenches.waitUntil(display, () -> !project.getFile("fourth.txt").exists(), 20, "fourth.txt is gone");
		assertEquals("three\n", content("first.txt"), "the restore went to the last prompt's own checkpoint");
	}

	private <T extends org.eclipse.jface.window.Window> T findDialog(Class<T> type, Object notThis) {
		Object[] found = new Object[1];
		Workbenches.waitUntil(display, () -> {
			for (org.eclipse.swt.widgets.Shell shell : display.getShells()) {
				if (type.isInstance(shell.getData()) && shell.isVisible() && shell.getData() != notThis) {
					found[0] = shell.getData();
					return true;
				}
			}
			return false;
		}, 20, "a " + type.getSimpleName() + " opens");
		return type.cast(found[0]);
	}

	@Test
	void untrustedCommandWaitsForRunOnce() throws Exception {
		model.toolCall("call_1", "run_command", args("command", "touch made-by-agent.txt"))
				.text("Done.");
		view.send("Make a file with touch");

		CommandApprovalCard card = waitForCard(CommandApprovalCard.class);
		assertFalse(Files.exists(project.getLocation().toFile().toPath().resolve("made-by-agent.txt")),
				"the command did not run before approval");
		Screenshots.take(view.getSite().getShell(), "chat-command-approval");
		card.pressRunOnce();
		waitUntilIdle();
		assertTrue(Files.exists(project.getLocation().toFile().toPath().resolve("made-by-agent.txt")));
		assertEquals("", WardenServices.trust().workspaceText(), "Run once trusts nothing for later");
	}

	@Test
	void aRejectedCommandsCardSaysItDidNotRun() throws Exception {
		model.toolCall("call_1", "run_command", args("command", "touch rejected.txt")).text("Understood.");
		view.send("Make a file with touch");
		CommandApprovalCard card = waitForCard(CommandApprovalCard.class);
		card.pressReject("not now");
		waitUntilIdle();
		assertFalse(Files.exists(project.getLocation().toFile().toPath().resolve("rejected.txt")));
		ToolCard tool = view.conversation().entries().stream().filter(ToolCard.class::isInstance).map(ToolCard.class::cast)
				.findFirst().orElseThrow();
		assertEquals("Not run (rejected): touch rejected.txt", tool.summary());
		assertEquals("", tool.status(), "the line says it all");
	}

	@Test
	void aFailedEditsCardSaysTheEditFailed() throws Exception {
		model.toolCall("call_1", "edit_file", args("path", "README.md", "old_string", "no such text", "new_string", "x"))
				.text("It did not match.");
		view.send("Change the readme");
		waitUntilIdle();
		ToolCard tool = view.conversation().entries().stream().filter(ToolCard.class::isInstance).map(ToolCard.class::cast)
				.findFirst().orElseThrow();
		assertEquals("Edit failed: README.md", tool.summary());
		assertEquals("", tool.status(), "the line says it all");
		Screenshots.take(view.getSite().getShell(), "chat-edit-failed");
	}

	@Test
	void viewAllChangesIsTitledWithTheChatsFirstPrompt() throws Exception {
		model.toolCall("call_1", "write_file", args("path", "notes.txt", "content", "one\n")).text("Written.");
		view.send("Write the notes");
		waitUntilIdle();
		org.eclipse.ui.IWorkbenchPage page = Workbenches.page();
		view.controller().changes().viewAll(page);
		Workbenches.waitUntil(display, () -> page.getActiveEditor() != null
				&& page.getActiveEditor().getEditorInput() instanceof org.eclipse.compare.CompareEditorInput, 20,
				"the compare editor opens");
		String title = ((org.eclipse.compare.CompareEditorInput) page.getActiveEditor().getEditorInput()).getTitle();
		assertEquals("Warden: Changes in 'Write the notes'", title);
		page.closeAllEditors(false);
	}

	@Test
	void notNowHoldsForTheRestOfTheChatAndANewChatAsksAgain() throws Exception {
		IProject stranger = ResourcesPlugin.getWorkspace().getRoot().getProject("chat-stranger");
		stranger.create(null);
		stranger.open(null);
		int[] asked = { 0 };
		org.eclipse.swt.widgets.Listener notNow = event -> {
			if (event.widget instanceof org.eclipse.swt.widgets.Shell shell
					&& shell.getData() instanceof dev.warden.ui.internal.protect.ProjectTrustDialog dialog) {
				asked[0]++;
				display.asyncExec(dialog::pressNotNow);
			}
		};
		display.addFilter(org.eclipse.swt.SWT.Show, notNow);
		try {
			model.text("First.").text("Second.").text("Third.");
			sendAndWait("one");
			sendAndWait("two");
			assertEquals(1, asked[0], "Not Now holds for the rest of the chat");
			view.controller().newChat();
			sendAndWait("three");
			assertEquals(2, asked[0], "a new chat asks again");
			assertFalse(WardenServices.protection().isProjectTrusted("chat-stranger"));
		} finally {
			display.removeFilter(org.eclipse.swt.SWT.Show, notNow);
			stranger.delete(true, true, null);
		}
	}

	@Test
	void alwaysTrustSavesOnlyThePatternTheUserTicked() throws Exception {
		model.toolCall("call_1", "run_command", args("command", "touch one.txt && touch two.txt"))
				.text("Done.");
		view.send("touch two files");
		CommandApprovalCard card = waitForCard(CommandApprovalCard.class);
		assertTrue(card.shownCommand().equals("touch one.txt && touch two.txt"),
				"the command is shown exactly, && included: " + card.shownCommand());
		card.pressAlwaysTrust(java.util.Arrays.asList("touch *", null));
		waitUntilIdle();
		assertEquals(List.of("touch *"), WardenServices.trust().workspaceText().lines().toList());
		assertTrue(Files.exists(project.getLocation().toFile().toPath().resolve("two.txt")));
	}

	@Test
	void stopInterruptsALongStreamWithinASecond() throws Exception {
		List<String> tokens = ScriptedModelServer.splitIntoTokens("word ".repeat(2000));
		model.text(20, tokens);
		view.send("Write a lot");
		Workbenches.waitUntil(display, () -> view.conversation().entries().stream()
				.anyMatch(e -> e instanceof MessageEntry m && !m.markdown().isEmpty() && m != view.conversation().entries().get(0)),
				20, "the answer starts streaming");
		assertEquals(1, org.eclipse.core.runtime.jobs.Job.getJobManager()
				.find(dev.warden.ui.internal.chat.ChatController.JOB_FAMILY).length, "the prompt runs as a job in the Progress view");
		long start = System.nanoTime();
		view.pressStop();
		Workbenches.waitUntil(display, () -> !view.controller().isRunning(), 5, "the agent stops");
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertTrue(millis < 2000, "stopped in " + millis + " ms");
		Workbenches.settle(display);
		assertTrue(view.conversation().entries().stream().anyMatch(
				e -> e instanceof MessageEntry m && m.markdown().startsWith("word")), "the partial answer is kept");
	}

	@Test
	void stopKillsARunningCommand() throws Exception {
		WardenServices.trust().saveWorkspaceText("sleep *\n");
		model.toolCall("call_1", "run_command", args("command", "sleep 30")).text("never reached");
		view.send("wait a while");
		Workbenches.waitUntil(display, () -> view.conversation().entries().stream()
				.anyMatch(e -> e instanceof ToolCard card && card.summary().equals("Ran sleep 30")), 20, "the command runs");
		Thread.sleep(300);
		long start = System.nanoTime();
		view.pressStop();
		Workbenches.waitUntil(display, () -> !view.controller().isRunning(), 5, "the agent stops");
		assertTrue((System.nanoTime() - start) / 1_000_000 < 2000);
	}

	@Test
	void theEditorSelectionAMentionedFileAndAFetchedPageReachTheModel() throws Exception {
		project.getFile("Main.java").create(new ByteArrayInputStream(
				"class Main {\n  int answer() {\n    return 42;\n  }\n}\n".getBytes(StandardCharsets.UTF_8)), true, null);
		project.getFile(".env").create(new ByteArrayInputStream("TOKEN=s3cret\n".getBytes(StandardCharsets.UTF_8)), true, null);
		try {
			var editor = (org.eclipse.ui.texteditor.ITextEditor) org.eclipse.ui.ide.IDE.openEditor(Workbenches.page(),
					project.getFile("Main.java"));
			editor.selectAndReveal(13, 31);
			Workbenches.page().activate(editor);
			view.attachments().attachEditor(Workbenches.page(), dev.warden.core.agent.AgentScope
					.of(dev.warden.core.agent.AgentScope.candidates(), dev.warden.ui.internal.WardenServices.protection()).pathPolicy()).ifPresent(p -> {
						throw new AssertionError(p);
					});
			assertEquals("Main.java lines 2\u20133", view.attachments().attachments().get(0).label());

			model.text("Thanks.");
			view.send("Use this for @README.md and @.env");
			Workbenches.settle(display);
			waitUntilIdle();
			String sent = model.requests().get(0);
			assertTrue(sent.contains("return 42;"), "the selection was sent");
			assertTrue(sent.contains("# Demo"), "the mentioned file was sent");
			assertFalse(sent.contains("s3cret"), "a hidden file is never attached");
			assertTrue(view.conversation().notices().stream().anyMatch(n -> n.startsWith(".env is not attached")),
					view.conversation().notices().toString());
			Screenshots.take(view.getSite().getShell(), "chat-context");
		} finally {
			Workbenches.page().closeAllEditors(false);
		}
	}

	@Test
	void aPastedUrlIsOfferedFetchedSafelyAndAttachedAsUntrustedData() throws Exception {
		var web = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		web.createContext("/doc", exchange -> {
			byte[] body = "<html><body><h1>Style guide</h1><p>Use tabs.</p></body></html>".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		web.start();
		try {
			WardenServices.protection().saveNames(ProtectionSettings.URL_ALLOWED, java.util.Set.of("127.0.0.1"));
			WardenServices.protection().setUrlNoteShown();
			String url = "http://127.0.0.1:" + web.getAddress().getPort() + "/doc";
			view.typeInInput("Summarize " + url);
			assertEquals(url, view.offeredUrl(), "the view offers to fetch the pasted URL");
			view.fetchOfferedUrl();
			Workbenches.waitUntil(display, () -> !view.attachments().attachments().isEmpty(), 20, "the page is attached");
			assertTrue(view.attachments().attachments().get(0).promptText().contains("Use tabs."));
			assertTrue(view.attachments().attachments().get(0).promptText().contains("UNTRUSTED WEB CONTENT"));

			view.typeInInput("Now http://169.254.169.254/latest/meta-data please");
			view.fetchOfferedUrl();
			Workbenches.waitUntil(display, () -> view.conversation().notices().stream()
					.anyMatch(n -> n.contains("169.254.169.254") && n.contains("not fetched")), 20, "the metadata address is refused");
		} finally {
			web.stop(0);
			WardenServices.protection().saveNames(ProtectionSettings.URL_ALLOWED, java.util.Set.of());
		}
	}

	@Test
	void theConversationSurvivesClosingTheView() throws Exception {
		model.text("Hello! I can help with chat-demo.");
		sendAndWait("Hi there");
		String id = view.controller().conversation().id();
		Workbenches.page().hideView(view);
		view = (ChatView) Workbenches.page().showView(ChatView.ID);
		assertTrue(view.controller().history().stream().anyMatch(s -> s.id().equals(id)), "the chat is in the history");
		assertTrue(view.controller().open(id));
		Workbenches.settle(display);
		assertTrue(view.conversation().entries().stream()
				.anyMatch(e -> e instanceof MessageEntry m && m.markdown().equals("Hello! I can help with chat-demo.")));
		assertTrue(view.statusText().contains("scripted"), view.statusText());
		IResource readme = project.getFile("README.md");
		assertTrue(readme.exists());
	}
}
