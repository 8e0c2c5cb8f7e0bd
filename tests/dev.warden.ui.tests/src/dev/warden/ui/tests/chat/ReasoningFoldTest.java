package dev.warden.ui.tests.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.internal.chat.MessageEntry;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/**
 * The model's reasoning, streamed by the server in {@code reasoning_content}, is shown folded under the answer: never
 * in the answer's text, opened and closed by its link, and still there when the chat is opened again from the history.
 */
class ReasoningFoldTest {

	private static final String REASONING = "The user asks which number is greater. Compare the tenths: 9.11 has 1 "
			+ "tenth and 9.8 has 8 tenths, so 9.8 is greater although 11 > 8 as whole numbers.";

	private static final String ANSWER = "**9.8** is greater: compare the digits after the point, 8 tenths against 1.";

	private ChatFixture chat;
	private ChatView view;
	private Display display;

	@BeforeEach
	void setUp() throws Exception {
		chat = ChatFixture.project("numbers").file("README.md", "# numbers\n").model("deepseek-reasoner", 20)
				.maximized().open();
		view = chat.view;
		display = chat.display;
	}

	@AfterEach
	void tearDown() throws Exception {
		chat.close();
	}

	private List<MessageEntry> answers() {
		return view.conversation().entries().stream()
				.filter(e -> e instanceof MessageEntry m && !m.hasAction() && !m.markdown().contains("which is greater"))
				.map(MessageEntry.class::cast).toList();
	}

	private MessageEntry answer() {
		List<MessageEntry> answers = answers();
		assertEquals(1, answers.size(), "one answer; the chat's notices: " + view.conversation().notices());
		return answers.get(0);
	}

	@Test
	void reasoningIsFoldedUnderTheAnswerAndNeverMixedIntoIt() throws Exception {
		chat.model.reasoningThenText(REASONING, ANSWER);
		view.send("9.11 and 9.8, which is greater?");
		// the job ends before its last batch of events is drawn: wait for the drawn answer too
		Workbenches.waitUntil(display, () -> !view.controller().isRunning() && answers().stream()
				.anyMatch(a -> a.markdown().equals(ANSWER) && a.reasoning().equals(REASONING)), 30, "the answer arrives");
		Workbenches.settle(display);

		MessageEntry answer = answer();
		assertEquals(ANSWER, answer.markdown(), "the answer holds no reasoning");
		assertFalse(String.join("\n", answer.renderedTexts()).contains("tenths, so"), "nor does what is drawn");
		assertEquals(REASONING, answer.reasoning());
		assertFalse(answer.isReasoningVisible(), "folded at first");
		Screenshots.take(view.getSite().getShell(), "reasoning-folded");

		answer.setReasoningVisible(true);
		Workbenches.settle(display);
		assertTrue(answer.isReasoningVisible());
		Screenshots.take(view.getSite().getShell(), "readme-reasoning-fold");

		String saved = view.controller().conversation().id();
		view.controller().newChat();
		assertTrue(view.controller().open(saved), "the chat opens again from the history");
		Workbenches.settle(display);
		MessageEntry reloaded = answer();
		assertEquals(ANSWER, reloaded.markdown());
		assertEquals(REASONING, reloaded.reasoning(), "the reasoning was saved with the conversation");
		assertFalse(reloaded.isReasoningVisible());
	}
}
