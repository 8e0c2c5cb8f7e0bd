package dev.warden.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.warden.ui.internal.chat.ConversationViewer;
import dev.warden.ui.internal.chat.MessageEntry;
import dev.warden.ui.internal.chat.ToolCard;
import dev.warden.ui.internal.chat.ChatView;

class ConversationViewerTest {

	@AfterEach
	void closeView() {
		var view = Workbenches.page().findView(ChatView.ID);
		if (view != null) {
			Workbenches.page().hideView(view);
		}
		InstanceScope.INSTANCE.getNode("dev.warden.ui").remove("model.name");
	}

	@Test
	void streamedMarkdownIsRenderedInBatchesIntoProseAndCodeBlocks() throws Exception {
		ChatView view = (ChatView) Workbenches.page().showView(ChatView.ID);
		Workbenches.page().setPartState(Workbenches.page().getReference(view), org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED);
		ConversationViewer conversation = view.conversation();
		conversation.addUserMessage("Why does `FooTest` fail?");
		MessageEntry answer = conversation.addAssistantMessage();
		for (String token : List.of("The test ", "fails because **`parse`** ", "returns `null`:\n\n", "```java\n",
				"String s = parse(in);\n", "s.length(); // NPE\n", "```\n\n", "Fix it in ", "[Foo.java](https://example.org/Foo.java).")) {
			answer.append(token);
		}
		ToolCard read = conversation.addToolCard("Read src/Foo.java lines 1\u201380");
		read.setStatus("done");
		ToolCard run = conversation.addToolCard("Ran mvn -q test");
		run.appendOutput("[ERROR] FooTest.parses:12 NullPointerException\n[ERROR] Tests run: 4, Failures: 1\n");
		run.setStatus("exit 1");
		conversation.refresh();

		assertEquals(List.of("The test fails because parse returns null:", "String s = parse(in);\ns.length(); // NPE",
				"Fix it in Foo.java."), answer.renderedTexts());
		assertTrue(run.output().contains("NullPointerException"));
		run.setOutputVisible(true);
		conversation.refresh();
		Screenshots.take(view.getSite().getShell(), "chat-conversation");
	}
}
