package dev.warden.core.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

/**
 * What {@link FolderEntries} keeps of a workspace's folders between command lines never hides a change: a link made
 * where a read path had nothing, a folder replaced by a link, a link whose target appears later, a change whose
 * modification time is set back, and a root that comes to lead elsewhere are all seen by the next line, on real
 * folders and links.
 */
class FolderEntriesTest {

	@TempDir
	Path workspace;

	@TempDir
	Path outside;

	/**
	 * Targets whose kept folders count as settled at once (a clock ten seconds ahead), so that every look keeps
	 * what it finds; each change below waits first, so that it falls in a later tick of the file system's clock.
	 */
	private OutputTargets targets(FolderEntries entries) {
		return new OutputTargets(workspace, entries);
	}

	private static FolderEntries ahead() {
		return new FolderEntries(() -> System.currentTimeMillis() + 10_000);
	}

	/** Where the path leads when a link on it leads outside: the real form of its longest part that exists. */
	private static Optional<Path> look(OutputTargets targets, String below) {
		return targets.leadsOutsideBelow(below, new OutputTargets.Looks());
	}

	private static void laterTick() throws InterruptedException {
		Thread.sleep(30); // more than a tick of the coarse clock that file systems stamp changes with
	}

	@Test
	void aLinkMadeWhereNothingWasIsFollowed() throws Exception {
		Files.createDirectories(workspace.resolve("src"));
		FolderEntries entries = ahead();
		OutputTargets targets = targets(entries);
		assertEquals(Optional.empty(), look(targets, "src/conf/passwd"));
		assertEquals(Optional.empty(), look(targets, "src/conf/passwd"));
		assertTrue(entries.kept() >= 2, "the root and src are kept: " + entries.kept());
		laterTick();
		Files.createSymbolicLink(workspace.resolve("src/conf"), outside);
		assertEquals(Optional.of(outside.toRealPath()), look(targets, "src/conf/passwd"));
	}

	@Test
	void aFolderReplacedByALinkIsFollowed() throws Exception {
		Files.createDirectories(workspace.resolve("docs/api"));
		FolderEntries entries = ahead();
		OutputTargets targets = targets(entries);
		assertEquals(Optional.empty(), look(targets, "docs/api/index.md"));
		laterTick();
		Files.delete(workspace.resolve("docs/api"));
		Files.createSymbolicLink(workspace.resolve("docs/api"), outside);
		assertEquals(Optional.of(outside.toRealPath()), look(targets, "docs/api/index.md"));
	}

	@Test
	void aChangeWhoseModificationTimeIsSetBackIsSeen() throws Exception {
		Path docs = Files.createDirectories(workspace.resolve("docs"));
		FileTime modified = Files.getLastModifiedTime(docs);
		FolderEntries entries = ahead();
		OutputTargets targets = targets(entries);
		assertEquals(Optional.empty(), look(targets, "docs/keys/id_rsa"));
		laterTick();
		Files.createSymbolicLink(docs.resolve("keys"), outside);
		Files.setLastModifiedTime(docs, modified); // `touch -d`: the change time moves all the same
		assertEquals(modified, Files.getLastModifiedTime(docs));
		assertEquals(Optional.of(outside.toRealPath()), look(targets, "docs/keys/id_rsa"));
	}

	@Test
	void aLinkThatLeadsNowhereIsFollowedAgainWhenItsTargetAppears() throws Exception {
		Path target = outside.resolve("later.txt");
		Files.createSymbolicLink(workspace.resolve("notes.txt"), target);
		FolderEntries entries = ahead();
		OutputTargets targets = targets(entries);
		assertEquals(Optional.empty(), look(targets, "notes.txt"), "nothing can be read through it yet");
		Files.writeString(target, "secret"); // the workspace's folders do not change
		assertEquals(Optional.of(target.toRealPath()), look(targets, "notes.txt"));
	}

	/** Why writing to {@code text}, resolved in the workspace, is not covered, with the line's looks. */
	private Optional<String> write(OutputTargets targets, String text, OutputTargets.Looks looks) {
		return targets.whyNotCovered(Word.literal(text), workspace, false, looks);
	}

	@Test
	void aWriteTargetThatIsALinkLeadingNowhereIsAskedAboutThoughTheListingIsKept() throws Exception {
		Files.createDirectories(workspace.resolve("logs"));
		FolderEntries entries = ahead();
		OutputTargets targets = targets(entries);
		OutputTargets.Looks looks = new OutputTargets.Looks();
		assertEquals(Optional.empty(), write(targets, "build.log", looks), "a new file of the root");
		assertEquals(Optional.empty(), write(targets, "logs/build.log", looks), "a new file of a folder");
		assertTrue(entries.kept() >= 2, "the root and logs are kept: " + entries.kept());
		laterTick();
		// writing through a link that leads nowhere makes its target, outside
		Files.createSymbolicLink(workspace.resolve("build.log"), outside.resolve("made.txt"));
		Files.createSymbolicLink(workspace.resolve("logs/build.log"), outside.resolve("made.txt"));
		for (String target : List.of("build.log", "logs/build.log")) {
			OutputTargets.Looks next = new OutputTargets.Looks();
			Optional<String> why = write(targets, target, next);
			assertTrue(why.isPresent(), target + " leads outside, yet: " + why);
			assertTrue(entries.kept() >= 2, "the changed folders are kept again: " + entries.kept());
			assertTrue(write(targets, "logs/other.log", next).isEmpty(), "a new name beside it stays covered");
		}
		laterTick();
		Files.delete(workspace.resolve("logs/build.log"));
		Files.delete(workspace.resolve("logs"));
		Files.createSymbolicLink(workspace.resolve("logs"), outside);
		Optional<String> why = write(targets, "logs/new.log", new OutputTargets.Looks());
		assertTrue(why.isPresent() && why.get().contains(outside.toRealPath().toString()),
				"a folder replaced by a link outside: " + why);
	}

	@Test
	void aNameThatDiffersOnlyInCaseIsLookedAtAfresh() throws Exception {
		Files.createSymbolicLink(workspace.resolve("conf"), outside);
		OutputTargets targets = targets(ahead());
		assertTrue(look(targets, "conf/x").isPresent());
		// on a file system that compares names without case, CONF is conf: the listing does not say it is missing
		Optional<Path> upper = look(targets, "CONF/x");
		assertEquals(Files.exists(workspace.resolve("CONF")), upper.isPresent());
	}

	@Test
	void aRootThatComesToLeadElsewhereIsListedAgain(@TempDir Path base) throws Exception {
		Path first = Files.createDirectories(base.resolve("first"));
		Path second = Files.createDirectories(base.resolve("second"));
		Files.createSymbolicLink(second.resolve("conf"), outside);
		Path root = Files.createSymbolicLink(base.resolve("root"), first);
		FolderEntries entries = ahead();
		OutputTargets targets = new OutputTargets(root, entries);
		assertEquals(Optional.empty(), look(targets, "conf/x"));
		laterTick();
		Files.delete(root);
		Files.createSymbolicLink(root, second);
		assertTrue(look(targets, "conf/x").isPresent(), "conf of the folder the root now leads to is a link out");
	}

	@Test
	void aRecentlyChangedFolderIsNotKept() throws Exception {
		Files.createDirectories(workspace.resolve("src"));
		FolderEntries entries = new FolderEntries(System::currentTimeMillis);
		assertEquals(Optional.empty(), look(targets(entries), "src/Main.java"));
		assertEquals(0, entries.kept(), "folders changed in the last two seconds may change again in the same tick");
	}

	@Test
	void aLargeFolderIsNotListed() throws Exception {
		Path big = Files.createDirectories(workspace.resolve("big"));
		for (int i = 0; i <= FolderEntries.MAX_NAMES; i++) {
			Files.createFile(big.resolve("f" + i));
		}
		OutputTargets targets = targets(ahead());
		assertEquals(Optional.empty(), look(targets, "big/f1"));
		laterTick();
		Files.createSymbolicLink(big.resolve("new"), outside);
		assertTrue(look(targets, "big/new").isPresent());
	}

	/**
	 * Names whose bytes are no UTF-8 read as U+FFFD, as the real U+FFFD does: a folder that holds a link named
	 * {@code a}U+FFFD and files whose names read the same is not answered from, so the link is found.
	 */
	@Test
	void namesThatReadAsOneDoNotHideALink() throws Exception {
		assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")), "file names are not UTF-8 here");
		Path folder = Files.createDirectories(workspace.resolve("odd"));
		Process shell = new ProcessBuilder("bash", "-c", "cd \"$1\" && for b in 80 fe ff c0 f5; do touch \"a$(printf"
				+ " \"\\\\x$b\")\"; done && ln -s \"$2\" \"a$(printf '\\357\\277\\275')\"", "bash", folder.toString(),
				outside.toString()).redirectErrorStream(true).start();
		assertEquals(0, shell.waitFor(), new String(shell.getInputStream().readAllBytes()));
		try (java.util.stream.Stream<Path> names = Files.list(folder)) {
			assertEquals(6, names.count());
		}
		OutputTargets targets = targets(ahead());
		for (int i = 0; i < 2; i++) {
			assertEquals(Optional.of(outside.toRealPath()), look(targets, "odd/a\uFFFD/id_rsa"));
		}
	}

	@Test
	void manySpellingsOfAFolderKeepItOnce() throws Exception {
		Files.createDirectories(workspace.resolve("src/main"));
		FolderEntries entries = ahead();
		OutputTargets targets = targets(entries);
		for (String spelling : List.of("src/main/A.java", "./src/main/A.java", "src//main/A.java", "src/./main/A.java",
				".//src/main//./A.java", "src/main/")) {
			assertEquals(Optional.empty(), look(targets, spelling), spelling);
		}
		assertEquals(3, entries.kept(), "the root, src and src/main");
	}

	/**
	 * A folder swapped for another while it is looked at (its parent exchanged with a decoy's, which changes neither
	 * folder's own change time) is not kept as the decoy's: once the swapping stops, the link of the real folder is
	 * found. Exchanges with {@code renameat2(RENAME_EXCHANGE)}, as an attacker racing the check would.
	 */
	@Test
	void aFolderSwappedWhileItIsListedIsNotKeptAsTheOther() throws Throwable {
		java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
		Optional<java.lang.foreign.MemorySegment> symbol = linker.defaultLookup().find("renameat2");
		assumeTrue(symbol.isPresent(), "no renameat2 in the C library");
		java.lang.invoke.MethodHandle renameat2 = linker.downcallHandle(symbol.get(),
				java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
						java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS,
						java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS,
						java.lang.foreign.ValueLayout.JAVA_INT));
		Files.createDirectories(workspace.resolve("a/b"));
		Files.createSymbolicLink(workspace.resolve("a/b/conf"), outside); // the real a/b: conf leads out
		Files.createDirectories(workspace.resolve("decoy/b/conf")); // the decoy: conf is a folder
		try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofShared()) {
			java.lang.foreign.MemorySegment a = cString(arena, workspace.resolve("a"));
			java.lang.foreign.MemorySegment decoy = cString(arena, workspace.resolve("decoy"));
			java.lang.invoke.MethodHandle exchange = java.lang.invoke.MethodHandles.insertArguments(renameat2, 0,
					-100, a, -100, decoy, 2); // AT_FDCWD, RENAME_EXCHANGE
			assumeTrue((int) exchange.invoke() == 0 && (int) exchange.invoke() == 0, "the file system cannot exchange");
			OutputTargets targets = targets(ahead());
			long deadline = System.nanoTime() + 3_000_000_000L;
			for (int tries = 0; System.nanoTime() < deadline; tries++) {
				java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
				int[] exchanges = { 0 };
				Thread swapper = new Thread(() -> {
					try {
						while (!stop.get()) {
							exchanges[0] += (int) exchange.invoke() == 0 ? 1 : 0;
						}
					} catch (Throwable e) {
						throw new IllegalStateException(e);
					}
				});
				swapper.start();
				look(targets, "a/b/conf/passwd");
				stop.set(true);
				swapper.join();
				if (exchanges[0] % 2 == 1) {
					exchange.invoke(); // a is the real one again
				}
				assertEquals(Optional.of(outside.toRealPath()), look(targets, "a/b/conf/passwd"),
						"after " + (tries + 1) + " races");
			}
		}
	}

	private static java.lang.foreign.MemorySegment cString(java.lang.foreign.Arena arena, Path path) {
		byte[] bytes = path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		java.lang.foreign.MemorySegment segment = arena.allocate(bytes.length + 1L);
		for (int i = 0; i < bytes.length; i++) {
			segment.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, bytes[i]);
		}
		segment.set(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
		return segment;
	}

	/**
	 * Through the policy, with the real clock: folders settled two seconds ago are kept between lines, and what
	 * changes after that is judged on the next line.
	 */
	@Test
	void thePolicyJudgesTheNextLineByTheFoldersAsTheyAreNow() throws Exception {
		for (String folder : List.of("a", "b/inner", "c")) {
			Files.createDirectories(workspace.resolve(folder));
		}
		Thread.sleep(FolderEntries.SETTLED_MILLIS + 200);
		TrustPolicy policy = TrustPolicy.builder(workspace)
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("cat *", "grep *"))).build();
		String lines = "cat a/etc/hosts && grep x b/inner/hosts && cat c/hosts";
		assertEquals(Verdict.TRUSTED, policy.evaluate(lines).verdict());
		FolderEntries kept = FolderEntries.of(workspace.toRealPath());
		assumeTrue(kept != null, "the file system of the temporary folder is not one whose folders are kept");
		assertTrue(kept.kept() >= 3, "the root, a, b and b/inner are kept: " + kept.kept());

		laterTick();
		Files.createSymbolicLink(workspace.resolve("a/etc"), Path.of("/etc"));
		assertAsks(policy, "cat a/etc/hosts");
		Files.delete(workspace.resolve("b/inner"));
		Files.createSymbolicLink(workspace.resolve("b/inner"), Path.of("/etc"));
		assertAsks(TrustPolicy.builder(workspace)
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("grep *"))).build(), "grep x b/inner/hosts");
		Files.createSymbolicLink(workspace.resolve("c/hosts"), Path.of("/etc/hosts"));
		assertAsks(policy, "cat c/hosts");
	}

	private static void assertAsks(TrustPolicy policy, String line) throws IOException {
		CommandVerdict verdict = policy.evaluate(line);
		assertEquals(Verdict.ASK, verdict.verdict(), line);
		assertNotNull(verdict.reason());
		assertTrue(verdict.reason().contains("/etc"), verdict.reason());
	}
}
