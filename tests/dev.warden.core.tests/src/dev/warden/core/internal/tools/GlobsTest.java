package dev.warden.core.internal.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/**
 * The globs {@code list_files} and {@code search_text} match by the text of a path's last name ({@code *.java},
 * {@code **&#47;*.java}, {@code pom.xml}) select exactly the paths the platform's glob matcher selects, on random
 * globs and paths; other globs are left to that matcher.
 */
class GlobsTest {

	private static final long SEED = Long.getLong("warden.fuzz.seed", 20_261_202L);

	private static final List<String> GLOB_PIECES = List.of("*", "*", "**/", "**", ".md", ".java", "pom.xml", "a", "md",
			".", "/", "?", "[a]", "{a,b}", "\\*", " ", "src/", "x.", "A", ".MD", "..");

	private static final List<String> NAMES = List.of("a.md", "b.java", "pom.xml", "xpom.xml", "a", "md", ".md", "A.MD",
			"a.md.txt", "src", "x.", "*", "a b", "{a,b}", "[a]", ".hidden.md", "pom.xml.bak", "Amd", ".java");

	@Test
	void namedGlobsMatchAsThePlatformMatcherDoes() throws Exception {
		Random random = new Random(SEED);
		int fast = 0;
		for (int i = 0; i < 3_000; i++) {
			String glob = glob(random);
			Predicate<String> byName = Globs.byName(glob);
			if (byName == null) {
				continue;
			}
			fast++;
			Predicate<String> platform;
			try {
				platform = Globs.platform(glob);
			} catch (dev.warden.core.tools.ToolException e) {
				throw new AssertionError("a glob matched by name is a valid glob: " + glob, e);
			}
			for (int j = 0; j < 40; j++) {
				String path = path(random);
				assertEquals(platform.test(path), byName.test(path), () -> "glob '" + glob + "' on '" + path + "'");
			}
		}
		assertTrue(fast > 100, "random globs of the named forms were tried: " + fast);
	}

	@Test
	void theCommonFormsAreMatchedByName() throws Exception {
		assertNotNull(Globs.byName("*.md"));
		assertNotNull(Globs.byName("**/*.java"));
		assertNotNull(Globs.byName("pom.xml"));
		assertNull(Globs.byName("src/**/*.java"));
		assertNull(Globs.byName("*.{java,md}"));
		assertNull(Globs.byName(" *.md"));
		Predicate<String> md = Globs.matcher("*.md");
		assertTrue(md.test("README.md"));
		assertTrue(md.test("docs/guide/intro.md"));
		assertFalse(md.test("docs/guide.md/intro.txt"));
		assertFalse(md.test("README.MD"));
		Predicate<String> pom = Globs.matcher("**/pom.xml");
		assertTrue(pom.test("pom.xml"));
		assertTrue(pom.test("a/b/pom.xml"));
		assertFalse(pom.test("a/bpom.xml"));
	}

	private static String glob(Random random) {
		StringBuilder glob = new StringBuilder();
		for (int n = 1 + random.nextInt(3); n > 0; n--) {
			glob.append(GLOB_PIECES.get(random.nextInt(GLOB_PIECES.size())));
		}
		return glob.toString();
	}

	/** A relative path as a walk gives it: names joined by {@code /}, none empty. */
	private static String path(Random random) {
		List<String> names = new ArrayList<>();
		for (int n = 1 + random.nextInt(4); n > 0; n--) {
			names.add(NAMES.get(random.nextInt(NAMES.size())));
		}
		return String.join("/", names);
	}
}
