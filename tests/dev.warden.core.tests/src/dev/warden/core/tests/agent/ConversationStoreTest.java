package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.ConversationStore;
import dev.warden.core.agent.SessionSummary;
import dev.warden.core.internal.agent.ConversationJson;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.Usage;

class ConversationStoreTest {

	@TempDir
	Path dir;

	private static Conversation sample(String id, String prompt, Instant updated) {
		List<Message> messages = List.of(Message.user(prompt),
				new Message(Role.ASSISTANT, List.of(new ContentPart.Text("Reading \"it\" ✓"),
						new ContentPart.ToolUse("t1", "read_file", "{\"path\": broken")), false),
				new Message(Role.USER, List.of(new ContentPart.ToolResult("t1", "bad JSON", true)), false),
				new Message(Role.ASSISTANT, List.of(new ContentPart.Text("Partial")), true));
		return new Conversation(id, prompt, updated.minusSeconds(60), updated, messages, new Usage(1, 2, 3, 4));
	}

	@Test
	void savedConversationReadsBackIdentically() throws Exception {
		ConversationStore store = new ConversationStore(dir.resolve("sessions"));
		Conversation conversation = sample("abc-1", "Fix the build", Instant.parse("2025-01-02T03:04:05Z"));
		store.save(conversation);
		assertEquals(conversation, new ConversationStore(dir.resolve("sessions")).load("abc-1").orElseThrow());
	}

	@Test
	void toolCallsLeftWithoutResultsByAKilledIdeAreAnsweredAsInterruptedOnLoad() throws Exception {
		Instant now = Instant.parse("2025-01-02T03:04:05Z");
		List<Message> saved = List.of(Message.user("Build it"),
				new Message(Role.ASSISTANT, List.of(new ContentPart.Text("Building."),
						new ContentPart.ToolUse("t1", "run_command", "{\"command\":\"make\"}"),
						new ContentPart.ToolUse("t2", "read_file", "{\"path\":\"a\"}")), false),
				// the IDE saved t2's result, then was killed while make ran; the user prompted again after restart
				new Message(Role.USER, List.of(new ContentPart.ToolResult("t2", "a", false)), false),
				new Message(Role.ASSISTANT, List.of(new ContentPart.ToolUse("t3", "run_command", "{}")), false),
				Message.user("Are you still there?"));
		ConversationStore store = new ConversationStore(dir);
		store.save(new Conversation("killed-1", "Build it", now, now, saved, Usage.ZERO));

		List<Message> loaded = store.load("killed-1").orElseThrow().messages();
		assertEquals(6, loaded.size(), loaded.toString());
		assertEquals(List.of(new ContentPart.ToolResult("t2", "a", false),
				new ContentPart.ToolResult("t1", ConversationJson.INTERRUPTED_RESULT, true)), loaded.get(2).parts());
		assertEquals(Role.USER, loaded.get(4).role());
		assertEquals(List.of(new ContentPart.ToolResult("t3", ConversationJson.INTERRUPTED_RESULT, true)),
				loaded.get(4).parts(), "a result message is put right after the call");
		assertEquals("Are you still there?", loaded.get(5).text());
		assertTrue(ConversationJson.INTERRUPTED_RESULT.contains("may not have finished"));

		Conversation whole = sample("whole-1", "Fix the build", now);
		store.save(whole);
		assertEquals(whole, store.load("whole-1").orElseThrow(), "a conversation without open calls is unchanged");
	}

	@Test
	void savingAgainReplacesTheFileAndLeavesNoTemporaryFiles() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		Conversation conversation = sample("abc-1", "Fix the build", Instant.now());
		store.save(conversation);
		store.save(conversation.append(Message.user("more")));
		assertEquals(5, store.load("abc-1").orElseThrow().messages().size());
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(List.of("abc-1.json"), files.map(p -> p.getFileName().toString()).toList());
		}
	}

	@Test
	void listShowsTitlesNewestFirstAndFlagsDamagedFiles() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		store.save(sample("old", "Older task", Instant.parse("2025-01-01T00:00:00Z")));
		store.save(sample("new", "Newer task", Instant.parse("2025-02-01T00:00:00Z")));
		Files.writeString(dir.resolve("broken.json"), "{\"version\":1,\"id\":");
		List<SessionSummary> sessions = store.list();
		assertEquals(3, sessions.size());
		List<String> titles = sessions.stream().map(SessionSummary::title).toList();
		assertEquals("Newer task", titles.get(titles.indexOf("Newer task")));
		assertTrue(titles.indexOf("Newer task") < titles.indexOf("Older task"));
		assertTrue(titles.stream().anyMatch(t -> t.startsWith("(damaged: ")), titles.toString());
		IOException e = assertThrows(IOException.class, () -> store.load("broken"));
		assertTrue(e.getMessage().contains("broken.json is damaged"), e.getMessage());
	}

	@Test
	void unknownOrUnsafeIdsLoadNothing() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		assertTrue(store.load("missing").isEmpty());
		assertTrue(store.load("../etc/passwd").isEmpty());
	}

	@Test
	void titleIsTheStartOfTheFirstPrompt() {
		Conversation conversation = Conversation.start().append(Message.user("  Please   refactor " + "x".repeat(100)));
		assertEquals(60, conversation.title().length());
		assertTrue(conversation.title().startsWith("Please refactor xxx"));
		assertTrue(conversation.title().endsWith("…"));
	}
}
