package dev.warden.core.protect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.ignore.IgnoreNode;

import dev.warden.core.internal.protect.IgnoreRules;
import dev.warden.core.internal.protect.WildcardLimit;

/**
 * The list of sensitive patterns: files hidden from the agent whatever the project's ignore files say. It is text in
 * {@code .gitignore} syntax, matched with JGit's ignore rules against paths relative to each root; the built-in list
 * is the resource {@code sensitive-patterns.gitignore} next to this class, and the user may replace it with an edited
 * copy (the preference page keeps the text). Sensitive patterns ignore case on every file system: {@code ID_RSA} and
 * {@code .ENV} are as secret as {@code id_rsa} and {@code .env}.
 */
public final class SensitivePatterns {

	private static final String RESOURCE = "sensitive-patterns.gitignore";

	private final String text;
	private final List<FastIgnoreRule> rules;
	private final List<String> literals;

	private SensitivePatterns(String text) {
		this.text = text;
		this.rules = compile(text.toLowerCase(Locale.ROOT));
		this.literals = rules.stream().map(IgnoreRules::literal).toList();
	}

	/**
	 * The rule that decides the lower-cased {@code path}, or {@code null}: as
	 * {@link IgnoreRules#decisive(List, String, boolean)} over {@link #rules()}, skipping rules whose plain text the
	 * path does not contain (the list is long and consulted for every entry of a walk).
	 */
	public FastIgnoreRule decisive(String path, boolean directory) {
		return IgnoreRules.decisive(rules, literals, path, directory);
	}

	/** The built-in list. */
	public static SensitivePatterns defaults() {
		return parse(defaultText());
	}

	/** The text of the built-in list, for a preference page to show and edit. */
	public static String defaultText() {
		return DefaultText.VALUE;
	}

	/** The resource, read once when first asked for: the decorator consults it for every resource it decorates. */
	private static final class DefaultText {
		static final String VALUE = read();

		private static String read() {
			try (InputStream in = SensitivePatterns.class.getResourceAsStream(RESOURCE)) {
				if (in == null) {
					throw new IllegalStateException("missing resource " + RESOURCE);
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	/** A list from text in {@code .gitignore} syntax, for example an edited copy of {@link #defaultText()}. */
	public static SensitivePatterns parse(String text) {
		return new SensitivePatterns(Objects.requireNonNull(text, "text"));
	}

	/** The text this list was made from. */
	public String text() {
		return text;
	}

	/**
	 * The rules in file order, made from the lower-cased text: match them against a lower-cased path (see
	 * {@link #lowerCase(String)}).
	 */
	public List<FastIgnoreRule> rules() {
		return rules;
	}

	/** {@code path} lower-cased the way the rules are. */
	public static String lowerCase(String path) {
		return path.toLowerCase(Locale.ROOT);
	}

	/**
	 * The plain spelling a look-alike of {@code path} stands for, lower-cased, or {@code path} lower-cased when it is
	 * plain: compatibility forms are folded (NFKC: full-width {@code .ｅｎｖ}, ligatures, mathematical letters), common
	 * Cyrillic and Greek letters that look Latin become those letters ({@code .еnv} with a Cyrillic {@code е}), and
	 * trailing dots and spaces of each name are dropped ({@code id_rsa.}, {@code .env }, aliases on Windows). A path
	 * whose plain spelling is sensitive is as sensitive as the plain one.
	 */
	public static String plainSpelling(String path) {
		String folded = Normalizer.normalize(path, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		StringBuilder b = new StringBuilder(folded.length());
		for (int i = 0; i < folded.length(); i++) {
			char c = folded.charAt(i);
			int at = LOOK_ALIKES.indexOf(c);
			b.append(at >= 0 && at % 2 == 0 ? LOOK_ALIKES.charAt(at + 1) : c);
		}
		// a look-alike of '/' (full-width, fraction slash) becomes one here: empty names are left out
		List<String> segments = new java.util.ArrayList<>();
		for (String segment : b.toString().split("/")) {
			if (segment.isEmpty()) {
				continue;
			}
			int end = segment.length();
			if (!segment.equals(".") && !segment.equals("..")) {
				while (end > 0 && (segment.charAt(end - 1) == '.' || segment.charAt(end - 1) == ' ')) {
					end--;
				}
			}
			segments.add(end == 0 ? segment : segment.substring(0, end));
		}
		return segments.isEmpty() ? lowerCase(path) : String.join("/", segments);
	}

	/** Pairs of a lower-case look-alike and the Latin letter it passes for. */
	private static final String LOOK_ALIKES = "аaсcеeһhіiјjӏlоoрpԛqѕsԝwхxуyԁdɡgɑaαaοoρpνvιiκkυuχxϲcϳjӀlᴠvʏy";

	private static List<FastIgnoreRule> compile(String text) {
		IgnoreNode node = new IgnoreNode();
		try {
			node.parse(RESOURCE, new ByteArrayInputStream(WildcardLimit.tame(text).getBytes(StandardCharsets.UTF_8)));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return List.copyOf(node.getRules());
	}
}
