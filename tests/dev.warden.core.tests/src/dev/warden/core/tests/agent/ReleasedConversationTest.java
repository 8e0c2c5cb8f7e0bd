package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.agent.Compaction;
import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.ConversationStore;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.Usage;

/**
 * A conversation released by its store ({@link ConversationStore#release}) holds only the messages after its newest
 * summary; the ones the summary stands for are read again from the saved chat, identical, whenever they are needed.
 */
class ReleasedConversationTest {

	private static final Instant CREATED = Instant.parse("2026-03-04T05:06:07Z");

	@TempDir
	Path dir;

	/** {@code turns} turns of a prompt, a command, its output (each a new string of 20,000 characters) and an answer. */
	private static List<Message> turns(int from, int turns) {
		List<Message> messages = new ArrayList<>();
		for (int turn = from; turn < from + turns; turn++) {
			messages.add(Message.user("Turn " + turn + ": run the build ✓"));
			messages.add(new Message(Role.ASSISTANT,
					List.of(new ContentPart.ToolUse("call_" + turn, "run_command", "{\"command\":\"make\"}")), false));
			messages.add(new Message(Role.USER, List.of(new ContentPart.ToolResult("call_" + turn,
					("line " + turn + " of the build \"log\"\n").repeat(800), turn % 3 == 0)), false));
			messages.add(Message.assistant(List.of(new ContentPart.Reasoning("thinking " + turn, "sig" + turn, ""),
					new ContentPart.Text("Turn " + turn + " built."))));
		}
		return messages;
	}

	private static Conversation compacted(String id, int turns, int summarizedTurns) {
		Conversation conversation = new Conversation(id, "Run the build", CREATED, CREATED, turns(0, turns),
				new Usage(10, 20, 0, 0));
		return conversation.compacted(new Compaction(summarizedTurns * 4, "Summary of the first turns.", CREATED, 9000, 300));
	}

	@Test
	void aReleasedConversationDoesNotHoldWhatItsSummaryStandsForAndReadsItBackIdentically() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		Conversation conversation = compacted("release-1", 12, 10);
		store.save(conversation);
		WeakReference<String> early = new WeakReference<>(
				((ContentPart.ToolResult) conversation.messages().get(2).parts().get(0)).content());
		WeakReference<String> late = new WeakReference<>(
				((ContentPart.ToolResult) conversation.messages().get(46).parts().get(0)).content());
		Conversation released = store.release(conversation);
		assertNotSame(conversation, released);
		conversation = null;

		for (int i = 0; i < 10 && early.get() != null; i++) {
			System.gc();
		}
		assertNull(early.get(), "an output the summary stands for is not held");
		assertEquals(48, released.messages().size());
		assertEquals("line 11 of the build \"log\"\n".repeat(800),
				((ContentPart.ToolResult) released.messages().get(46).parts().get(0)).content());
		assertSame(late.get(), ((ContentPart.ToolResult) released.messages().get(46).parts().get(0)).content(),
				"an output after the summary is held as it was");

		Conversation again = compacted("release-1", 12, 10);
		assertEquals(again.messages(), released.messages(), "read back from the saved chat, every message identical");
		assertEquals(again.messages().get(5), released.messages().get(5));
		assertEquals(again.messages().subList(3, 9), released.messages().subList(3, 9));
	}

	@Test
	void aReleasedConversationGrowsIsCompactedAgainAndSavedWholeWithEveryMessage() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		Conversation released = store.release(saved(store, compacted("release-2", 12, 10)));
		List<Message> more = turns(12, 3);
		for (Message message : more) {
			released = released.append(message);
			store.save(released); // appended to the log
			released = store.release(released);
		}
		// a new summary: the chat is written whole, its start read from the files it replaces
		released = released.compacted(new Compaction(56, "Summary of more turns.", CREATED, 9000, 300));
		store.save(released);
		released = store.release(released);

		Conversation expected = compacted("release-2", 12, 10);
		for (Message message : more) {
			expected = expected.append(message);
		}
		expected = expected.compacted(new Compaction(56, "Summary of more turns.", CREATED, 9000, 300));
		Conversation loaded = new ConversationStore(dir).load("release-2").orElseThrow();
		assertEquals(expected.messages(), loaded.messages());
		assertEquals(expected.compactions(), loaded.compactions());
		assertEquals(expected.messages(), released.messages());
		assertEquals(60, released.messages().size());
	}

	@Test
	void aReleasedConversationShortenedBeforeItsSummaryKeepsEveryMessageBeforeTheCut() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		Conversation released = store.release(saved(store, compacted("release-3", 12, 10)));
		Conversation shortened = released.truncated(21);
		assertEquals(List.of(), shortened.compactions(), "the summary stood for more than is kept");
		assertEquals(compacted("release-3", 12, 10).messages().subList(0, 21), shortened.messages());
		store.save(shortened);
		assertSame(shortened, store.release(shortened), "nothing is released without a summary");
		assertEquals(shortened.messages(), new ConversationStore(dir).load("release-3").orElseThrow().messages());
	}

	@Test
	void aLoadedChatIsReleasedToo() throws Exception {
		new ConversationStore(dir).save(compacted("release-4", 12, 10));
		ConversationStore store = new ConversationStore(dir);
		Conversation loaded = store.load("release-4").orElseThrow();
		Conversation released = store.release(loaded);
		assertNotSame(loaded, released);
		assertEquals(loaded, released);
	}

	@Test
	void onlyWhatTheStoreSavedOrReadIsReleased() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		Conversation unsaved = compacted("release-5", 12, 10);
		assertSame(unsaved, store.release(unsaved), "not saved: nothing to read it back from");
		store.save(unsaved);
		Conversation grown = unsaved.append(Message.user("One more"));
		assertSame(grown, store.release(grown), "the files do not hold its last message");
	}

	@Test
	void aChatChangedBehindTheBackOfItsReleasedConversationIsAnErrorNeverOtherMessages() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		Conversation released = store.release(saved(store, compacted("release-6", 12, 10)));
		// another window's store writes a different chat under the same id
		List<Message> other = new ArrayList<>(turns(0, 12));
		other.set(5, Message.assistant(List.of(new ContentPart.Text("Something else"))));
		new ConversationStore(dir).save(new Conversation("release-6", "Other", CREATED, CREATED, other, Usage.ZERO));
		assertThrows(UncheckedIOException.class, () -> released.messages().get(5));

		store.delete("release-6");
		assertThrows(UncheckedIOException.class, () -> List.copyOf(released.messages()));
		assertEquals(turns(11, 1).get(3), released.messages().get(47), "what it holds is still there");
	}

	@Test
	void textWithLoneSurrogatesIsSavedExactlySoItsReleasedStartReadsBack() throws Exception {
		// a model's JSON may carry "\ud83d" alone, and a tool's output is cut at any char: neither is valid UTF-8
		List<Message> messages = new ArrayList<>(turns(0, 4));
		messages.set(0, Message.user("cut emoji \ud83d, lone low \ude00, pair \ud83d\ude00, at the end \ud83d"));
		messages.set(2, new Message(Role.USER,
				List.of(new ContentPart.ToolResult("call_0", "output cut inside a pair: \ud83d", false)), false));
		Conversation conversation = new Conversation("surrogates", "Lone surrogates", CREATED, CREATED, messages,
				new Usage(1, 1, 0, 0)).compacted(new Compaction(12, "Summary.", CREATED, 900, 30));
		ConversationStore store = new ConversationStore(dir);
		store.save(conversation);
		Conversation released = store.release(conversation);
		assertEquals(messages, released.messages(), "the released start reads back as it was held");
		assertEquals(messages, new ConversationStore(dir).load("surrogates").orElseThrow().messages(),
				"a saved chat reads back exactly");

		Conversation grown = released.append(Message.assistant(List.of(new ContentPart.Text("tail \udbff"))));
		store.save(grown); // appended to the log
		assertEquals(grown.messages(), new ConversationStore(dir).load("surrogates").orElseThrow().messages());
	}

	private static Conversation saved(ConversationStore store, Conversation conversation) throws Exception {
		store.save(conversation);
		return conversation;
	}
}
