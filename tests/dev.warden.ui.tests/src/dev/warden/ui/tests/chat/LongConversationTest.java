package dev.warden.ui.tests.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.compare.CompareEditorInput;
import org.eclipse.compare.structuremergeviewer.DiffNode;
import org.eclipse.compare.structuremergeviewer.IDiffContainer;
import org.eclipse.compare.structuremergeviewer.IDiffElement;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.warden.core.agent.Compaction;
import dev.warden.core.agent.Conversation;
import dev.warden.ui.internal.changes.RestoreDialog;
import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.internal.chat.MessageEntry;
import dev.warden.ui.internal.chat.ToolCard;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/**
 * A conversation far longer than the model's context window, held in the chat view against a scripted model with an
 * 8k-token window: it is compacted as needed and keeps working, and what the agent did before a compaction can still
 * be viewed and restored.
 */
class LongConversationTest {

	private static final int WINDOW = 8192;

	private ChatFixture chat;
	private ScriptedModelServer model;
	private ChatView view;
	private Display display;

	@BeforeEach
	void setUp() throws Exception {
		chat = ChatFixture.project("long-chat").file("README.md", "# Long\n").open();
		model = chat.model.window(WINDOW);
		view = chat.view;
		display = chat.display;
	}

	@AfterEach
	void tearDown() throws Exception {
		chat.close();
	}

	private void sendAndWait(String prompt) {
		view.send(prompt);
		Workbenches.waitUntil(display, () -> !view.controller().isRunning(), 60, "the agent finishes: " + prompt);
	}

	private static JsonObject write(String path, String content) {
		JsonObject json = new JsonObject();
		json.addProperty("path", path);
		json.addProperty("content", content);
		return json;
	}

	private static String prompt(int turn) {
		return "Turn " + turn + ": read these notes and answer with the turn number. "
				+ "Notes about the shop's checkout, the cart totals and the tax rules for each region. ".repeat(4);
	}

	private static String answer(int turn) {
		return "Answer " + turn + ": noted. " + "The totals add up and the tax rules hold for every region. ".repeat(3);
	}

	private String content(String path) throws Exception {
		return Files.readString(chat.project.getLocation().toFile().toPath().resolve(path));
	}

	/** The prompts shown, each with its Restore to here. */
	private List<MessageEntry> promptEntries() {
		return view.conversation().entries().stream().filter(e -> e instanceof MessageEntry m && m.hasAction())
				.map(MessageEntry.class::cast).toList();
	}

	private List<ToolCard> summaryCards() {
		return view.conversation().entries().stream().filter(ToolCard.class::isInstance).map(ToolCard.class::cast)
				.filter(card -> card.summary().startsWith("Earlier conversation summarized")).toList();
	}

	@Test
	void threeHundredTurnsInAnEightThousandTokenWindowAreCompactedAndEarlierTurnsCanStillBeRestored()
			throws Exception {
		model.toolCall("call_1", "write_file", write("early.txt", "one\n")).text("Wrote early.txt.");
		sendAndWait(prompt(1));
		model.toolCall("call_2", "write_file", write("second.txt", "two\n")).text("Wrote second.txt.");
		sendAndWait(prompt(2));
		for (int turn = 3; turn <= 300; turn++) {
			model.text(answer(turn));
			sendAndWait(prompt(turn));
		}
		Workbenches.settle(display);
		Screenshots.take(view.getSite().getShell(), "long-conversation-end");

		// the view keeps widgets for the newest prompts only; the earlier ones are a click away
		assertEquals(50, promptEntries().size(), "the newest prompts are shown");
		assertEquals(Optional.of("250 earlier prompts of this chat are not shown.  Show them"),
				view.conversation().earlierPrompts());
		assertTrue(view.conversation().showEarlierPrompts());
		Workbenches.settle(display);
		assertEquals(Optional.empty(), view.conversation().earlierPrompts(), "all are shown");

		Conversation conversation = view.controller().conversation();
		assertEquals(2 * 4 + 298 * 2, conversation.messages().size(), "every prompt, call, result and answer is kept");
		assertEquals(answer(300), conversation.messages().get(conversation.messages().size() - 1).text());
		assertEquals(0, model.refused(), "no request passed the window; the status line: " + view.contextText());
		assertTrue(model.largestPrompt() <= WINDOW - 1024, "largest prompt: " + model.largestPrompt());
		List<Compaction> compactions = conversation.compactions();
		assertTrue(compactions.size() >= 5, "compacted again and again: " + compactions.size());
		assertEquals(model.summaries(), compactions.size());
		Workbenches.waitUntil(display, () -> summaryCards().size() >= compactions.size(), 10, "a card for each summary");
		assertEquals(compactions.size(), summaryCards().size(), "each summary is a card in the chat: "
				+ compactions.stream().map(c -> c.upTo() + ":" + c.tokensBefore() + "->" + c.tokensAfter()).toList()
				+ " cards " + summaryCards().stream().map(ToolCard::summary).toList());
		assertTrue(view.conversation().notices().isEmpty(), "no failure was shown: " + view.conversation().notices());
		ToolCard card = summaryCards().get(summaryCards().size() - 1);
		assertTrue(card.output().startsWith("## Goal\nSummary " + compactions.size()), card.output());
		String lastRequest = model.requests().get(model.requests().size() - 1);
		assertTrue(lastRequest.contains("Summary " + compactions.size() + ": answer the numbered prompts"),
				"the newest summary is sent");
		assertFalse(lastRequest.contains("Turn 1: "), "the first prompt is not sent verbatim");

		// the status line: the share of the window the last request used, as the server counted it
		assertTrue(view.contextText().matches("context \\d+ % of 8,192"), view.contextText());
		int share = view.contextMeterSelection();
		assertTrue(share > 0 && share <= 100, "meter at " + share);

		// View All Changes still lists what the first two turns wrote, long compacted away
		IWorkbenchPage page = Workbenches.page();
		view.controller().changes().viewAll(page);
		Workbenches.waitUntil(display, () -> page.getActiveEditor() != null
				&& page.getActiveEditor().getEditorInput() instanceof CompareEditorInput input
				&& input.getCompareResult() != null, 20, "the compare editor shows the changes");
		CompareEditorInput input = (CompareEditorInput) page.getActiveEditor().getEditorInput();
		assertEquals(List.of("early.txt", "second.txt"), leaves((DiffNode) input.getCompareResult()).stream()
				.map(IDiffElement::getName).sorted().collect(Collectors.toList()));
		page.closeAllEditors(false);

		// Restore to here on the second prompt: the files as they were before it, the later messages dropped
		List<MessageEntry> prompts = promptEntries();
		assertEquals(300, prompts.size(), "each prompt offers Restore to here");
		prompts.get(1).runAction();
		RestoreDialog dialog = findDialog();
		dialog.confirm();
		Workbenches.waitUntil(display, () -> !chat.project.getFile("second.txt").exists(), 20, "second.txt is gone");
		assertEquals("one\n", content("early.txt"));
		Workbenches.waitUntil(display, () -> view.conversation().notices().stream()
				.anyMatch(n -> n.startsWith("The files are back")), 10, "the restore is confirmed in the chat");
		assertTrue(view.conversation().runLastNoticeAction());
		Conversation restored = view.controller().conversation();
		assertEquals(4, restored.messages().size(), "the first turn is left");
		assertTrue(restored.compactions().stream().allMatch(c -> c.upTo() <= 4),
				"no summary of dropped messages is left: " + restored.compactions());

		// and the conversation goes on from there
		model.text("Still here.");
		sendAndWait("Turn after the restore");
		assertEquals("Still here.", view.controller().conversation().messages()
				.get(view.controller().conversation().messages().size() - 1).text());
		assertFalse(model.requests().get(model.requests().size() - 1).contains("Turn 150: "),
				"dropped turns are not sent again");
	}

	@Test
	void compactNowSummarizesTheEarlierTurnsIntoACardTheUserCanOpen() throws Exception {
		for (int turn = 1; turn <= 6; turn++) {
			model.text(answer(turn));
			sendAndWait(prompt(turn));
		}
		assertTrue(summaryCards().isEmpty(), "six short turns fit the window");
		view.compactNow();
		Workbenches.waitUntil(display, () -> !view.controller().isRunning() && !summaryCards().isEmpty(), 30,
				"the summary card appears");
		Compaction compaction = view.controller().conversation().lastCompaction();
		assertTrue(compaction != null && compaction.upTo() >= 2, "the earlier turns are summarized");
		assertEquals(12, view.controller().conversation().messages().size(), "the chat keeps every message");
		ToolCard card = summaryCards().get(0);
		card.setOutputVisible(true);
		assertTrue(card.output().contains("## Open tasks"), card.output());
		assertTrue(view.contextText().matches("context about \\d+ % of 8,192"), "estimated after the summary: "
				+ view.contextText());
		IWorkbenchPage page = Workbenches.page();
		page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
		Workbenches.settle(display);
		view.conversation().scrollToEnd();
		Workbenches.settle(display);
		Screenshots.take(view.getSite().getShell(), "readme-context-meter");
		page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);

		// the summary stays in the saved chat and is shown again where it belongs when the chat is reopened
		assertTrue(view.controller().open(view.controller().conversation().id()));
		Workbenches.settle(display);
		assertEquals(1, summaryCards().size());
		model.text("Going on.");
		sendAndWait("Turn 7");
		String last = model.requests().get(model.requests().size() - 1);
		assertTrue(last.contains("Summary 1: answer the numbered prompts") && !last.contains("Turn 1: "), last);
	}

	private static List<IDiffElement> leaves(IDiffContainer container) {
		List<IDiffElement> leaves = new ArrayList<>();
		for (IDiffElement child : container.getChildren()) {
			if (child instanceof IDiffContainer inner && inner.hasChildren()) {
				leaves.addAll(leaves(inner));
			} else {
				leaves.add(child);
			}
		}
		return leaves;
	}

	private RestoreDialog findDialog() {
		Object[] found = new Object[1];
		Workbenches.waitUntil(display, () -> {
			for (org.eclipse.swt.widgets.Shell shell : display.getShells()) {
				if (shell.getData() instanceof RestoreDialog d && shell.isVisible()) {
					found[0] = d;
					return true;
				}
			}
			return false;
		}, 20, "the restore dialog opens");
		return (RestoreDialog) found[0];
	}
}
