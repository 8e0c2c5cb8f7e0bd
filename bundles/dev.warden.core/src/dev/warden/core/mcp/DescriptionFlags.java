package dev.warden.core.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds text in a tool description that speaks to the model rather than describing the tool ("tool poisoning"):
 * orders to ignore earlier instructions, to keep something from the user, to read secrets or call other tools, tags
 * that pose as system text, and characters a person cannot see. The flags are shown on the approval card; they
 * decide nothing alone (the call is asked about, also when the tool is trusted).
 */
public final class DescriptionFlags {

	private record Rule(Pattern pattern, String flag) {
	}

	private static final List<Rule> RULES = List.of(
			rule("\\b(ignore|disregard|forget|override)\\b.{0,40}\\b(previous|prior|above|earlier|all|other|system)\\b.{0,20}\\b(instructions?|rules?|prompts?|messages?|guidelines?)", //$NON-NLS-1$
					"tells the model to ignore its instructions"), //$NON-NLS-1$
			rule("\\b(do not|don't|dont|never|without)\\b.{0,30}\\b(tell|telling|inform|informing|mention|mentioning|reveal|revealing|show|showing|notify|notifying|alert|alerting)\\b.{0,30}\\b(the )?user", //$NON-NLS-1$
					"tells the model to keep something from the user"), //$NON-NLS-1$
			rule("<\\s*/?\\s*(important|system|instructions?|secret|admin|assistant)\\b[^>]*>", //$NON-NLS-1$
					"contains a tag that poses as system text"), //$NON-NLS-1$
			rule("\\b(before|after|first|always)\\b.{0,40}\\b(read|cat|open|send|upload|include|pass)\\b.{0,60}(\\.ssh|id_rsa|\\.env\\b|credentials|api[ _-]?keys?|passwords?|tokens?|mcp\\.json)", //$NON-NLS-1$
					"asks for secrets or configuration files"), //$NON-NLS-1$
			rule("\\byou (must|should|have to|need to)\\b.{0,60}\\b(call|use|invoke|run)\\b.{0,40}\\b(tool|function|command)", //$NON-NLS-1$
					"instructs the model to call other tools"), //$NON-NLS-1$
			rule("\\b(system prompt|developer message|new instructions|jailbreak)\\b", //$NON-NLS-1$
					"speaks of the model's instructions")); //$NON-NLS-1$

	private DescriptionFlags() {
	}

	private static Rule rule(String regex, String flag) {
		return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL), flag);
	}

	/** @return what in {@code text} looks like instructions to the model; empty when nothing does */
	public static List<String> scan(String text) {
		List<String> flags = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return flags;
		}
		String hidden = hiddenCharacters(text);
		String visible = text.toLowerCase(Locale.ROOT);
		for (Rule rule : RULES) {
			if (rule.pattern().matcher(visible).find()) {
				flags.add(rule.flag());
			}
		}
		if (!hidden.isEmpty()) {
			flags.add("contains characters a person cannot see (" + hidden + ")"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return flags;
	}

	/** Names the first invisible or direction-changing characters in {@code text}, e.g. "U+200B". */
	private static String hiddenCharacters(String text) {
		List<String> found = new ArrayList<>();
		text.codePoints().filter(DescriptionFlags::isHidden).distinct().limit(3)
				.forEach(cp -> found.add(String.format("U+%04X", cp))); //$NON-NLS-1$
		return String.join(", ", found); //$NON-NLS-1$
	}

	private static boolean isHidden(int cp) {
		if (cp == '\n' || cp == '\r' || cp == '\t') {
			return false;
		}
		int type = Character.getType(cp);
		return type == Character.FORMAT // zero-width characters, bidirectional controls, tag characters
				|| type == Character.CONTROL || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
				|| (cp >= 0xE0000 && cp <= 0xE007F) || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
	}
}
