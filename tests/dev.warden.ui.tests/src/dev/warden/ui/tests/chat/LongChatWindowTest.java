package dev.warden.ui.tests.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.core.agent.Conversation;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.internal.chat.MessageEntry;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/**
 * A long chat keeps widgets for its newest prompts only: opened from the history, it shows the newest 50 and a line
 * that says how many earlier ones are not shown, whose link shows them all; in a running chat, the oldest prompts leave
 * the view as new ones come, while the conversation keeps every message.
 */
class LongChatWindowTest {

	private ChatFixture chat;
	private ChatView view;
	private Display display;

	@BeforeEach
	void setUp() throws Exception {
		chat = ChatFixture.project("long").file("README.md", "# long\n").model("scripted", 20).open();
		view = chat.view;
		display = chat.display;
	}

	@AfterEach
	void tearDown() throws Exception {
		chat.close();
	}

	private List<String> shownTexts() {
		return view.conversation().entries().stream().filter(MessageEntry.class::isInstance)
				.map(e -> ((MessageEntry) e).markdown()).toList();
	}

	@Test
	void aSavedChatOfManyPromptsOpensWithTheNewestAndShowsTheEarlierOnRequest() throws Exception {
		Conversation conversation = Conversation.start().withTitle("A long chat");
		for (int prompt = 1; prompt <= 120; prompt++) {
			conversation = conversation.append(Message.user("Prompt " + prompt))
					.append(Message.assistant(List.of(new ContentPart.Text("Answer " + prompt))));
		}
		WardenServices.state().conversations().save(conversation);

		assertTrue(view.controller().open(conversation.id()));
		Workbenches.settle(display);
		List<String> shown = shownTexts();
		assertEquals(100, shown.size(), "50 prompts and their answers: " + shown.size());
		assertEquals("Prompt 71", shown.get(0));
		assertEquals("Answer 120", shown.get(shown.size() - 1));
		assertEquals(Optional.of("70 earlier prompts of this chat are not shown.  Show them"),
				view.conversation().earlierPrompts());
		assertTrue(view.conversation().notices().isEmpty(), "the line is not a notice: " + view.conversation().notices());
		view.conversation().scrollToStart();
		Workbenches.settle(display);
		Screenshots.take(view.conversation().getControl().getParent(), "long-chat-earlier-prompts");

		assertTrue(view.conversation().showEarlierPrompts());
		Workbenches.settle(display);
		shown = shownTexts();
		assertEquals(240, shown.size());
		assertEquals("Prompt 1", shown.get(0));
		assertEquals(Optional.empty(), view.conversation().earlierPrompts());
		assertEquals(240, view.controller().conversation().messages().size(), "the conversation is untouched");

		view.controller().newChat();
		Workbenches.settle(display);
		assertEquals(Optional.empty(), view.conversation().earlierPrompts());
		assertEquals(List.of(), shownTexts());
	}

	private void answer(int prompt) {
		chat.model.text("Answer " + prompt);
		view.send("Prompt " + prompt);
		Workbenches.waitUntil(display, () -> !view.controller().isRunning() && shownTexts().contains("Answer " + prompt),
				30, "answer " + prompt);
	}

	@Test
	void inARunningChatTheOldestPromptsLeaveTheViewAsNewOnesCome() throws Exception {
		view.controller().setShownPrompts(3);
		for (int prompt = 1; prompt <= 5; prompt++) {
			answer(prompt);
		}
		assertEquals(List.of("Prompt 3", "Answer 3", "Prompt 4", "Answer 4", "Prompt 5", "Answer 5"), shownTexts());
		assertEquals(Optional.of("2 earlier prompts of this chat are not shown.  Show them"),
				view.conversation().earlierPrompts());
		assertEquals(10, view.controller().conversation().messages().size(), "every message is kept");

		answer(6);
		assertEquals("Prompt 4", shownTexts().get(0));
		assertEquals(Optional.of("3 earlier prompts of this chat are not shown.  Show them"),
				view.conversation().earlierPrompts());

		assertTrue(view.conversation().showEarlierPrompts());
		Workbenches.settle(display);
		assertEquals(12, shownTexts().size());
		assertEquals("Prompt 1", shownTexts().get(0));
	}
}
