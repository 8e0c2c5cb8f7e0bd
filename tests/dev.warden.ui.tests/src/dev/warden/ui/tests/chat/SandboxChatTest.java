package dev.warden.ui.tests.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.undo.WorkspaceUndoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.google.gson.JsonObject;

import dev.warden.core.agent.Mode;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditReader;
import dev.warden.core.sandbox.SandboxAvailability;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.changes.ReviewDialog;
import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.internal.chat.CommandApprovalCard;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/**
 * A formatter-like command run from the chat, in the sandbox: in Supervised mode its changes wait in the review
 * dialog (apply all, some or none); in Autopilot they are one step of the undo history named after the command, which
 * Edit &gt; Undo takes back to the exact bytes; and Run once with network gives that one run the proxy.
 */
@EnabledOnOs(OS.LINUX)
class SandboxChatTest {

	/** Tabs to four spaces in every Java file, through a temporary file and a rename, as formatters do. */
	private static final String FORMATTER = "for f in src/*.java; do expand -t 4 \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"; "
			+ "done; echo formatted > src/format-report.txt\n";

	private static final String APP = "class App {\r\n\tint answer() {\r\n\t\treturn 42;\r\n\t}\r\n}\r\n";
	private static final String UTIL = "class Util {\n\tstatic int twice(int x) {\n\t\treturn 2 * x;\n\t}\n}\n";

	private static final String PROJECT = "sandbox-chat";

	private ChatFixture chat;
	private ChatView view;
	private Display display;

	@BeforeEach
	void setUp() throws Exception {
		SandboxAvailability availability = WardenServices.sandbox().availability();
		assertTrue(availability.available(), "NO SANDBOX ON THIS MACHINE (" + availability.reason()
				+ "): install bubblewrap and allow unprivileged user namespaces");
		IProject stale = ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT);
		if (stale.exists()) {
			stale.delete(true, true, null); // left by a run that failed before its fixture was complete
		}
		chat = ChatFixture.project(PROJECT).file("format.sh", FORMATTER).open();
		chat.project.getFolder("src").create(true, true, null);
		for (String[] file : new String[][] { { "src/App.java", APP }, { "src/Util.java", UTIL } }) {
			chat.project.getFile(file[0]).create(
					new java.io.ByteArrayInputStream(file[1].getBytes(StandardCharsets.UTF_8)), true, null);
		}
		view = chat.view;
		display = chat.display;
		Workbenches.waitUntil(display, view::commandsSandboxed, 20, "the view knows commands are sandboxed");
	}

	@AfterEach
	void tearDown() throws Exception {
		if (chat != null) {
			chat.close();
		} else {
			IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT);
			if (project.exists()) {
				project.delete(true, true, null);
			}
		}
	}

	private static JsonObject command(String line) {
		JsonObject json = new JsonObject();
		json.addProperty("command", line);
		return json;
	}

	private Path file(String path) {
		return chat.project.getLocation().toFile().toPath().resolve(path);
	}

	private CommandApprovalCard waitForCard() {
		Workbenches.waitUntil(display, () -> view.approvals().lastCard() instanceof CommandApprovalCard, 20,
				"the command's approval card");
		return (CommandApprovalCard) view.approvals().lastCard();
	}

	private void waitUntilIdle() {
		Workbenches.waitUntil(display, () -> !view.controller().isRunning(), 60, "the agent finishes");
		Workbenches.settle(display);
	}

	private ReviewDialog waitForReview() {
		ReviewDialog[] found = new ReviewDialog[1];
		Workbenches.waitUntil(display, () -> {
			for (Shell shell : display.getShells()) {
				if (shell.getData() instanceof ReviewDialog dialog && shell.isVisible()) {
					found[0] = dialog;
					return true;
				}
			}
			return false;
		}, 60, "the review dialog opens");
		return found[0];
	}

	private List<AuditEvent> audit() throws Exception {
		String session = view.controller().conversation().id();
		return AuditReader.read(WardenServices.state().auditDirectory(), e -> e.sessionId().equals(session), 200)
				.events();
	}

	@Test
	void supervisedFormatterShowsItsChangesInTheReviewAndAppliesOnlyTheFilesKept() throws Exception {
		WardenServices.mode().setMode(Mode.SUPERVISED);
		chat.model.toolCall("call_1", "run_command", command("sh format.sh")).text("Formatted what you kept.");
		view.send("Format the Java files");
		waitForCard().pressRunOnce();

		ReviewDialog review = waitForReview();
		assertEquals(APP, Files.readString(file("src/App.java")), "nothing is written before the review");
		assertFalse(Files.exists(file("src/format-report.txt")));
		assertEquals(Set.of("src/App.java", "src/Util.java", "src/format-report.txt"), review.checkedPaths());
		review.select("src/App.java");
		for (int i = 0; i < 5; i++) {
			Workbenches.settle(display); // a loaded machine maps and paints the dialog late
		}
		Screenshots.take(review.getShell(), "chat-command-review");
		review.setChecked("src/Util.java", false);
		review.setChecked("src/format-report.txt", false);
		review.applySelected();
		waitUntilIdle();

		assertEquals(APP.replace("\t", "    "), Files.readString(file("src/App.java")));
		assertEquals(UTIL, Files.readString(file("src/Util.java")), "the file left out is as it was");
		assertFalse(Files.exists(file("src/format-report.txt")));
		String told = chat.model.requests().get(1);
		assertTrue(told.contains("Changed src/App.java."), told);
		assertTrue(told.contains("the user left it out") && told.contains("src/Util.java"), told);
	}

	@Test
	void autopilotAppliesTheCommandAsOneUndoableStepNamedAfterIt() throws Exception {
		byte[] app = Files.readAllBytes(file("src/App.java"));
		byte[] util = Files.readAllBytes(file("src/Util.java"));
		chat.model.toolCall("call_1", "run_command", command("sh format.sh")).text("Formatted.");
		view.send("Format the Java files");
		waitForCard().pressRunOnce();
		waitUntilIdle();
		assertEquals(APP.replace("\t", "    "), Files.readString(file("src/App.java")));
		assertEquals(UTIL.replace("\t", "    "), Files.readString(file("src/Util.java")));
		assertEquals("formatted\n", Files.readString(file("src/format-report.txt")));

		IOperationHistory history = PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
		IUndoContext workspace = WorkspaceUndoUtil.getWorkspaceUndoContext();
		assertTrue(history.canUndo(workspace), "the command's change is in the history Edit > Undo uses");
		assertEquals("Command: sh format.sh", history.getUndoOperation(workspace).getLabel());
		history.undo(workspace, null, null);
		assertArrayEquals(app, Files.readAllBytes(file("src/App.java")), "one undo: App.java byte for byte");
		assertArrayEquals(util, Files.readAllBytes(file("src/Util.java")), "one undo: Util.java byte for byte");
		assertFalse(Files.exists(file("src/format-report.txt")), "one undo: the created file is gone");
	}

	@Test
	void runOnceWithNetworkGivesThatRunTheProxyAndIsAudited() throws Exception {
		chat.model.toolCall("call_1", "run_command", command("echo \"proxy=$HTTPS_PROXY\" > proxy.txt"))
				.text("Noted.")
				.toolCall("call_2", "run_command", command("echo \"proxy=$HTTPS_PROXY\" > again.txt"))
				.text("Noted again.");
		view.send("Which proxy do commands get?");
		CommandApprovalCard card = waitForCard();
		assertTrue(card.offersNetwork(), "a sandboxed command's card offers Run once with network");
		for (int i = 0; i < 3; i++) {
			Workbenches.settle(display);
		}
		Screenshots.take(view.getSite().getShell(), "chat-command-approval-network");
		card.pressRunWithNetwork();
		waitUntilIdle();
		assertEquals("proxy=http://127.0.0.1:3128\n", Files.readString(file("proxy.txt"), StandardCharsets.UTF_8));
		assertTrue(audit().stream().anyMatch(e -> e.kind().equals("approval") && e.detail().equals("run once with network")),
				audit().toString());

		view.send("And the next one?");
		CommandApprovalCard next = waitForCardOtherThan(card);
		next.pressRunOnce();
		waitUntilIdle();
		assertEquals("proxy=\n", Files.readString(file("again.txt"), StandardCharsets.UTF_8),
				"the next command has no network again");
	}

	private CommandApprovalCard waitForCardOtherThan(CommandApprovalCard previous) {
		Workbenches.waitUntil(display, () -> view.approvals().lastCard() instanceof CommandApprovalCard c
				&& c != previous, 20, "the next command's approval card");
		return (CommandApprovalCard) view.approvals().lastCard();
	}
}
