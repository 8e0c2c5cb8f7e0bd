package dev.warden.core.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The scan of a line for a word that stands alone once quotes and back-slashes are removed
 * ({@link CommandJudge#standsAloneWithoutQuotes}) finds what the same search in a copy of the line without them
 * finds: on spellings that hide the word ({@code ex""ec}, {@code e\xec}), look-alikes that must not match, and random
 * lines made of the pieces that matter.
 */
class LineScanTest {

	private static final long SEED = Long.getLong("warden.fuzz.seed", 20_261_204L);

	@Test
	void quotedSpellingsOfTheWordAreFound() {
		for (String line : new String[] { "exec >list; echo .env", "ex\"\"ec >l", "e\\xec 3>l", "'exec' >l",
				"a; \"e\"'x'ec", "x=1 exec", "echo ok;exec", "(exec >l)", "\"\"exec\"\"" }) {
			assertTrue(CommandJudge.standsAloneWithoutQuotes(line, "exec"), line);
		}
	}

	@Test
	void lookAlikesAreNot() {
		for (String line : new String[] { "find . -exec cat {} +", "execute", "./exec", "my_exec x", "exec.sh",
				"npm test", "ex ec", "ex\"\"ecs", "e'x'ec-x", "" }) {
			assertFalse(CommandJudge.standsAloneWithoutQuotes(line, "exec"), line);
		}
	}

	@Test
	void randomLinesAgreeWithTheSearchInTheLineWithoutQuotes() {
		Random random = new Random(SEED);
		String[] pieces = { "exec", "ex", "ec", "e", "x", "c", "'", "\"", "\\", " ", ";", "-", ".", "/", "_", "a", "1",
				"set", "s", "t", "(", ")", "|" };
		String[] words = { "exec", "set", "e", "." };
		for (int n = 0; n < 20_000; n++) {
			StringBuilder line = new StringBuilder();
			for (int i = random.nextInt(12); i >= 0; i--) {
				line.append(pieces[random.nextInt(pieces.length)]);
			}
			String text = line.toString();
			String word = words[random.nextInt(words.length)];
			StringBuilder plain = new StringBuilder();
			for (char c : text.toCharArray()) {
				if (c != '\'' && c != '"' && c != '\\') {
					plain.append(c);
				}
			}
			assertEquals(CommandJudge.nextStandalone(plain.toString(), word, 0) >= 0,
					CommandJudge.standsAloneWithoutQuotes(text, word), () -> word + " in " + text);
		}
	}
}
