package dev.warden.core.trust;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.warden.core.internal.trust.PatternSyntax;
import dev.warden.core.internal.trust.Quoting;

/**
 * A deny rule, written in a pattern list with a leading {@code !}. Deny rules win over every trusted pattern,
 * universal trust included. Two forms:
 * <ul>
 * <li>a word pattern such as {@code !sudo *} or {@code !dd * of=/dev/*}: it denies every simple command whose
 * words <em>start with</em> the rule's words. Inside a word an unquoted {@code *} matches any characters
 * ({@code !mkfs*} denies {@code mkfs.ext4 /dev/sda}); a {@code *} standing alone matches any number of words;
 * quote a {@code *} to match it literally ({@code !rm -rf '/*'}). The program name is compared by its last path
 * segment, so {@code !sudo *} also denies {@code /usr/bin/sudo ls}. Rules are checked against the command and
 * against what each wrapper runs ({@code env sudo ls}, {@code bash -c 'sudo ls'}).</li>
 * <li>a built-in structural rule {@code !@id} (see {@link BuiltInDenyRule}).</li>
 * </ul>
 *
 * @param text    the rule as written, without the {@code !} (trimmed)
 * @param words   the glob words: an unquoted {@code *} is a wildcard, {@code \*} and {@code \\} are literal
 * @param builtIn the built-in rule, for the {@code @id} form (then {@code words} is empty)
 */
public record DenyRule(String text, List<String> words, Optional<BuiltInDenyRule> builtIn) {

	public DenyRule {
		Objects.requireNonNull(text, "text");
		words = List.copyOf(words);
		Objects.requireNonNull(builtIn, "builtIn");
	}

	/**
	 * Reads a deny rule, with or without its leading {@code !}.
	 *
	 * @throws IllegalArgumentException with a message a user reads when the text is not a valid rule
	 */
	public static DenyRule parse(String text) {
		PatternSyntax.DenyWords words = PatternSyntax.denyRule(text);
		return new DenyRule(words.text(), words.globs(), words.builtIn());
	}

	/** The rule written in a normal form, with its leading {@code !}. */
	public String canonical() {
		if (builtIn.isPresent()) {
			return "!@" + builtIn.get().id();
		}
		StringBuilder canonical = new StringBuilder("!");
		for (String word : words) {
			if (canonical.length() > 1) {
				canonical.append(' ');
			}
			canonical.append(globWord(word));
		}
		return canonical.toString();
	}

	/** A glob word as shell text: plain where possible, else quoted pieces with the wildcards left bare. */
	private static String globWord(String glob) {
		StringBuilder out = new StringBuilder();
		StringBuilder literal = new StringBuilder();
		for (int i = 0; i < glob.length(); i++) {
			char c = glob.charAt(i);
			if (c == '\\' && i + 1 < glob.length()) {
				literal.append(glob.charAt(++i));
			} else if (c == '*') {
				if (!literal.isEmpty()) {
					out.append(Quoting.quote(literal.toString()));
					literal.setLength(0);
				}
				out.append('*');
			} else {
				literal.append(c);
			}
		}
		if (!literal.isEmpty() || out.isEmpty()) {
			out.append(Quoting.quote(literal.toString()));
		}
		return out.toString();
	}

	/** What the rule denies, for display. */
	public String describe() {
		return builtIn.map(BuiltInDenyRule::description).orElse("commands starting with `" + text + "`");
	}
}
