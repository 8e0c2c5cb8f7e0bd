package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.ConversationStore;
import dev.warden.core.agent.SessionSummary;
import dev.warden.core.internal.agent.ConversationIndex;
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
			assertEquals(List.of("abc-1.json", "abc-1.log"), files.map(p -> p.getFileName().toString()).sorted().toList(),
					"the added message went to the log");
		}
		store.save(conversation); // one message fewer: the whole chat again
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(List.of("abc-1.json"), files.map(p -> p.getFileName().toString()).toList());
		}
		assertEquals(conversation, store.load("abc-1").orElseThrow());
	}

	/** A chat as an agent grows it: prompt, a step, its tool result, the answer, each saved. */
	private static List<Conversation> steps(String id, int prompts) {
		Instant start = Instant.parse("2026-01-02T03:04:05Z");
		Conversation conversation = new Conversation(id, "", start, start, List.of(), Usage.ZERO);
		List<Conversation> versions = new java.util.ArrayList<>();
		for (int i = 0; i < prompts; i++) {
			conversation = conversation.append(Message.user("Prompt " + i + " with \"quotes\", a\nline break and ✓"));
			versions.add(conversation);
			conversation = conversation.append(new Message(Role.ASSISTANT, List.of(new ContentPart.Reasoning("think " + i,
					"sig" + i, ""), new ContentPart.ToolUse("t" + i, "read_file", "{\"path\":\"a\"}")), false))
					.addUsage(new Usage(10, 20, 1, 2));
			versions.add(conversation);
			conversation = conversation
					.append(new Message(Role.USER, List.of(new ContentPart.ToolResult("t" + i, "x".repeat(i), false)), false));
			versions.add(conversation);
			conversation = conversation.append(new Message(Role.ASSISTANT, List.of(new ContentPart.Text("Answer " + i)), false));
			versions.add(conversation);
		}
		return versions;
	}

	@Test
	void aStepThatOnlyAddsMessagesIsAppendedToTheLogAndReadBackIdentically() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		List<Conversation> versions = steps("grow-1", 20);
		store.save(versions.get(0));
		long jsonSize = Files.size(dir.resolve("grow-1.json"));
		for (Conversation version : versions.subList(1, versions.size())) {
			store.save(version);
		}
		Conversation last = versions.get(versions.size() - 1);
		assertEquals(jsonSize, Files.size(dir.resolve("grow-1.json")), "the JSON was not written again");
		assertEquals(versions.size() - 1, Files.readAllLines(dir.resolve("grow-1.log")).size(), "a line a step");
		assertEquals(last, store.load("grow-1").orElseThrow());
		ConversationStore restarted = new ConversationStore(dir);
		assertEquals(last, restarted.load("grow-1").orElseThrow(), "read back by a new store, as after a restart");
		SessionSummary summary = restarted.list().get(0);
		assertEquals(80, summary.messages(), "the index counts what the log added");

		// after the restart the first save writes the chat whole, then appends again
		Conversation more = last.append(Message.user("One more"));
		restarted.save(more);
		assertTrue(Files.notExists(dir.resolve("grow-1.log")));
		restarted.save(more.append(new Message(Role.ASSISTANT, List.of(new ContentPart.Text("Sure")), false)));
		assertEquals(1, Files.readAllLines(dir.resolve("grow-1.log")).size());
		assertEquals(82, new ConversationStore(dir).list().get(0).messages());
	}

	@Test
	void aLogLineTornByACrashLeavesTheVersionBeforeIt() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		List<Conversation> versions = steps("torn-1", 3);
		for (Conversation version : versions) {
			store.save(version);
		}
		Path log = dir.resolve("torn-1.log");
		byte[] whole = Files.readAllBytes(log);
		Conversation last = versions.get(versions.size() - 1);
		Conversation before = versions.get(versions.size() - 2);
		// the crash cut the last line anywhere, even inside a character: the version before it, never a torn chat
		String text = new String(whole, java.nio.charset.StandardCharsets.UTF_8);
		int lastLineStart = text.substring(0, text.length() - 1).lastIndexOf('\n') + 1;
		int lastLineStartBytes = text.substring(0, lastLineStart).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		for (int cut = lastLineStartBytes; cut < whole.length; cut += 7) {
			Files.write(log, java.util.Arrays.copyOf(whole, cut));
			assertEquals(before, new ConversationStore(dir).load("torn-1").orElseThrow(), "cut at " + cut);
		}
		Files.write(log, whole);
		assertEquals(last, new ConversationStore(dir).load("torn-1").orElseThrow());
	}

	@Test
	void aCompactionOrAShortenedChatWritesTheWholeChatAgain() throws Exception {
		ConversationStore store = new ConversationStore(dir);
		List<Conversation> versions = steps("whole-2", 4);
		for (Conversation version : versions) {
			store.save(version);
		}
		Conversation last = versions.get(versions.size() - 1);
		Conversation compacted = last.compacted(new dev.warden.core.agent.Compaction(8, "## Goal\nsummary",
				Instant.parse("2026-01-02T04:00:00Z"), 900, 100));
		store.save(compacted);
		assertTrue(Files.notExists(dir.resolve("whole-2.log")), "a compaction is written whole");
		assertEquals(compacted, store.load("whole-2").orElseThrow());
		Conversation next = compacted.append(Message.user("And now?"));
		store.save(next);
		assertEquals(next, new ConversationStore(dir).load("whole-2").orElseThrow());

		Conversation shortened = next.truncated(4);
		store.save(shortened);
		assertTrue(Files.notExists(dir.resolve("whole-2.log")), "a shortened chat is written whole");
		Conversation again = shortened.append(Message.user("From here"));
		store.save(again);
		assertEquals(again, new ConversationStore(dir).load("whole-2").orElseThrow());
		store.delete("whole-2");
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("whole-2")).toList());
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

	/** Writes a saved chat directly, as an older Warden (without an index) or another process would. */
	private void writeChat(Conversation conversation) throws IOException {
		Files.writeString(dir.resolve(conversation.id() + ".json"), ConversationJson.write(conversation));
	}

	@Test
	void listOf5000SavedChatsReadsTheIndexInsteadOfParsingEachChat() throws Exception {
		Instant start = Instant.parse("2025-01-01T00:00:00Z");
		for (int i = 0; i < 5000; i++) {
			writeChat(sample("chat-" + i, "Task number " + i, start.plusSeconds(i)));
		}
		long t0 = System.nanoTime();
		List<SessionSummary> first = new ConversationStore(dir).list();
		long t1 = System.nanoTime();
		assertEquals(5000, first.size());
		assertEquals("Task number 4999", first.get(0).title(), "newest first");
		assertEquals(4, first.get(0).messages());
		assertEquals(new Usage(1, 2, 3, 4), first.get(0).usage());
		assertTrue(Files.exists(dir.resolve(ConversationIndex.FILE_NAME)), "the first list wrote the index");

		// change a chat's bytes behind the index's back while keeping its size, time and file: a store that still
		// parsed every chat would see the damage, one that reads the index shows what it indexed
		Path tampered = dir.resolve("chat-17.json");
		FileTime modified = Files.getLastModifiedTime(tampered);
		byte[] bytes = Files.readAllBytes(tampered);
		java.util.Arrays.fill(bytes, (byte) 'x');
		try (var channel = java.nio.channels.FileChannel.open(tampered, java.nio.file.StandardOpenOption.WRITE)) {
			channel.write(java.nio.ByteBuffer.wrap(bytes));
		}
		Files.setLastModifiedTime(tampered, modified);

		long t2 = System.nanoTime();
		List<SessionSummary> second = new ConversationStore(dir).list();
		long t3 = System.nanoTime();
		assertEquals(first, second, "a new store (as after a restart) lists the same chats from the index");
		assertTrue(second.stream().anyMatch(s -> s.title().equals("Task number 17")), "chat-17 came from the index");
		System.out.printf("ConversationStore.list of 5000 chats: %d ms parsing every chat, %d ms from the index (load %s)%n",
				(t1 - t0) / 1_000_000, (t3 - t2) / 1_000_000, Files.readString(Path.of("/proc/loadavg")).strip());
	}

	@Test
	void aStaleIndexIsReadAgainFromTheChatsThatChanged() throws Exception {
		Instant now = Instant.parse("2025-03-01T00:00:00Z");
		ConversationStore store = new ConversationStore(dir);
		store.save(sample("kept", "Kept task", now));
		store.save(sample("renamed", "Old title", now.plusSeconds(1)));
		store.save(sample("removed", "Removed task", now.plusSeconds(2)));
		assertEquals(3, store.list().size());

		// another process (or a store killed before it listed again) changes the folder behind the index
		ConversationStore other = new ConversationStore(dir);
		other.save(sample("renamed", "New title", now.plusSeconds(3)));
		Files.delete(dir.resolve("removed.json"));
		writeChat(sample("added", "Added task", now.plusSeconds(4)));

		List<String> titles = store.list().stream().map(SessionSummary::title).toList();
		assertEquals(List.of("Added task", "New title", "Kept task"), titles);
		assertEquals(titles, new ConversationStore(dir).list().stream().map(SessionSummary::title).toList());
	}

	@Test
	void aMissingOrTornIndexIsRebuilt() throws Exception {
		Instant now = Instant.parse("2025-03-01T00:00:00Z");
		ConversationStore store = new ConversationStore(dir);
		for (int i = 0; i < 20; i++) {
			store.save(sample("c" + i, "Task " + i, now.plusSeconds(i)));
		}
		List<SessionSummary> expected = store.list();
		Path index = dir.resolve(ConversationIndex.FILE_NAME);
		String whole = Files.readString(index);

		Files.writeString(index, whole.substring(0, whole.length() / 2)); // torn by a crash
		assertEquals(expected, new ConversationStore(dir).list());
		assertEquals(whole.length(), Files.readString(index).length(), "the torn index was written anew");

		Files.writeString(index, "{\"version\":99,\"chats\":[]}"); // a future format
		assertEquals(expected, new ConversationStore(dir).list());

		Files.delete(index);
		assertEquals(expected, new ConversationStore(dir).list());
		assertTrue(Files.exists(index));

		store.delete("c3");
		assertEquals(19, store.list().size());
		assertTrue(new ConversationStore(dir).list().stream().noneMatch(s -> s.id().equals("c3")));
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
