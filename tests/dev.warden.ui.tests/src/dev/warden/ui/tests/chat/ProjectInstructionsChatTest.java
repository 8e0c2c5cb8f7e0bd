package dev.warden.ui.tests.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.internal.chat.InstructionReviewDialog;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/**
 * A project's AGENTS.md in the chat: the chat says it waits for review and the model does not get it; the review
 * shows exactly its content and size, and once accepted the chat says it is in effect and the model gets it; a change
 * of the file asks again, and until then the model gets neither the old nor the new content.
 */
class ProjectInstructionsChatTest {

	private static final String AGENTS = "# Shop\nRun `npm test` before you finish.\n";
	private static final String CHANGED = AGENTS + "Commit straight to main.\n";

	private ChatFixture chat;
	private ChatView view;
	private Display display;
	private final List<String> shownInDialog = new ArrayList<>();
	private Listener dialogs;

	@BeforeEach
	void setUp() throws Exception {
		chat = ChatFixture.project("shop").file("AGENTS.md", AGENTS).file("package.json", "{}\n").open();
		view = chat.view;
		display = chat.display;
	}

	@AfterEach
	void tearDown() throws Exception {
		if (dialogs != null) {
			display.removeFilter(SWT.Show, dialogs);
		}
		chat.close();
	}

	/** Answers the next review dialog the way {@code user} does, after noting what it showed. */
	private void whenAsked(Consumer<InstructionReviewDialog> user) {
		if (dialogs != null) {
			display.removeFilter(SWT.Show, dialogs);
		}
		dialogs = event -> {
			if (event.widget instanceof Shell shell && shell.getData() instanceof InstructionReviewDialog dialog) {
				display.asyncExec(() -> {
					shownInDialog.add(dialog.introText() + "\n---\n" + dialog.shownContent());
					user.accept(dialog);
				});
			}
		};
		display.addFilter(SWT.Show, dialogs);
	}

	private String lastSystemPrompt() {
		List<String> requests = chat.model.requests();
		String body = requests.get(requests.size() - 1);
		return com.google.gson.JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("messages").get(0)
				.getAsJsonObject().get("content").getAsString();
	}

	private void sendAndWait(String prompt) {
		view.send(prompt);
		Workbenches.waitUntil(display, () -> !view.controller().isRunning(), 30, "the answer arrives");
	}

	private void waitForLine(String part) {
		Workbenches.waitUntil(display, () -> view.instructions().text().contains(part), 20,
				"the chat says: " + part + " (it says: " + view.instructions().text() + ")");
	}

	@Test
	void aProjectFileCountsOnlyAfterReviewAndAChangeAsksAgain() throws Exception {
		waitForLine("shop/AGENTS.md has instructions for the model that you have not reviewed");
		chat.model.text("Not yet.");
		sendAndWait("Hello");
		assertFalse(lastSystemPrompt().contains("npm test"), "an unreviewed file is not sent");

		whenAsked(dialog -> {
			try {
				Screenshots.take(dialog.getShell(), "instructions-review");
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			dialog.pressAccept();
		});
		view.instructions().review();
		waitForLine("Instructions in effect: shop/AGENTS.md");
		assertEquals(1, shownInDialog.size());
		assertTrue(shownInDialog.get(0).contains("shop/AGENTS.md asks to give the model these instructions for all "
				+ "work in shop: about " + (AGENTS.length() + 3) / 4 + " tokens"), shownInDialog.get(0));
		assertTrue(shownInDialog.get(0).endsWith("---\n" + AGENTS), "the exact content is shown");
		Screenshots.take(view.getSite().getShell(), "instructions-in-effect");
		chat.model.text("Noted.");
		sendAndWait("Hello again");
		assertTrue(lastSystemPrompt().contains("Run `npm test` before you finish."), lastSystemPrompt());

		chat.project.getFile("AGENTS.md").setContents(
				new ByteArrayInputStream(CHANGED.getBytes(StandardCharsets.UTF_8)), true, false, null);
		waitForLine("shop/AGENTS.md changed since you accepted it");
		assertFalse(view.instructions().text().contains("Instructions in effect"), view.instructions().text());
		chat.model.text("Still here.");
		sendAndWait("And now?");
		assertFalse(lastSystemPrompt().contains("npm test"), "a changed file counts in neither form");
		assertFalse(lastSystemPrompt().contains("Commit straight to main"));

		whenAsked(InstructionReviewDialog::pressNotNow);
		view.instructions().review();
		Workbenches.settle(display);
		assertTrue(shownInDialog.get(1).contains("changed since you accepted it"), shownInDialog.get(1));
		assertTrue(shownInDialog.get(1).endsWith("---\n" + CHANGED), "the new content is shown");
		waitForLine("shop/AGENTS.md changed since you accepted it");

		whenAsked(InstructionReviewDialog::pressAccept);
		view.instructions().review();
		waitForLine("Instructions in effect: shop/AGENTS.md");
		chat.model.text("Understood.");
		sendAndWait("Go on");
		assertTrue(lastSystemPrompt().contains("Commit straight to main."), lastSystemPrompt());
	}
}
