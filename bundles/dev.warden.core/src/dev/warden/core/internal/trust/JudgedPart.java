package dev.warden.core.internal.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.PartFact;
import dev.warden.core.trust.PartStatus;

/**
 * One simple command of a command line as the judge decided it. The status and the pattern are kept as plain
 * fields because the verdict needs them for every part; the display text, the word lists, the usual reasons and
 * the suggestions of its {@link CommandPart} are only written out when the part is read, since a long line has
 * many parts and the verdict needs the reason of one of them.
 * <p>
 * A part does not change once made: the repeats of a command on a line share the part of the first, and a rule that
 * looks at the whole pipeline replaces the part of its place with a {@link #denied} one.
 */
final class JudgedPart {

	private final SimpleCommand command;
	private final List<Redirect> inherited;
	private final List<Redirect> redirects;
	private final List<Word> envAssignments;
	private final List<Word> judged;
	private final boolean openTail;
	private final String context;
	private final List<String> names;
	private final PartStatus status;
	private final String pattern;
	/** The reason when it was decided as a sentence; null when {@link #reason()} derives it from the status. */
	private final String reason;
	private final PolicyRules.Risk blockedBy;
	/** The risky word of the judged words by the program facts, for the suggestions; null when none. */
	private final PolicyRules.Risk risk;
	private final PartFact fact;

	/**
	 * @param command        the simple command as parsed
	 * @param inherited      the redirections of the subshells and groups around it
	 * @param redirects      its own redirections followed by the inherited ones
	 * @param envAssignments the {@code NAME=value} words a wrapper such as {@code env} adds
	 * @param judged         the words matched against the patterns (empty when it runs nothing itself)
	 * @param openTail       whether arguments are added at run time
	 * @param context        where the part sits
	 * @param names          the program names of its layers of wrapping, for the pipeline rules
	 * @param status         the judgement
	 * @param pattern        the covering pattern or the matching deny rule, or null
	 * @param why            for a covered part without a pattern, its reason; for a part that is denied, not
	 *                       coverable or failed closed, the reason of the check (the part's text is put in front);
	 *                       else null: the reason is written from the pattern or the words
	 * @param blockedBy      for a part that is not covered, the risky option that kept a wildcard from covering it
	 * @param risk           the risky word of the judged words, or null
	 * @param fact           the program fact that made it not covered, or null
	 */
	JudgedPart(SimpleCommand command, List<Redirect> inherited, List<Redirect> redirects, List<Word> envAssignments,
			List<Word> judged, boolean openTail, String context, List<String> names, PartStatus status,
			String pattern, String why, PolicyRules.Risk blockedBy, PolicyRules.Risk risk, PartFact fact) {
		this(command, inherited, redirects, envAssignments, judged, openTail, context, names, status, pattern, why,
				blockedBy, risk, fact, status == PartStatus.COVERED || status == PartStatus.NOT_COVERED);
	}

	/** The part denied or asked about by a rule of the whole line; its reason is a sentence of its own. */
	private JudgedPart(JudgedPart part, PartStatus status, String rule, String reason, PartFact fact) {
		this(part.command, part.inherited, part.redirects, part.envAssignments, part.judged, part.openTail,
				part.context, part.names, status, rule, reason, part.blockedBy, part.risk, fact, true);
		this.paths = part.paths;
	}

	private JudgedPart(SimpleCommand command, List<Redirect> inherited, List<Redirect> redirects,
			List<Word> envAssignments, List<Word> judged, boolean openTail, String context, List<String> names,
			PartStatus status, String pattern, String why, PolicyRules.Risk blockedBy, PolicyRules.Risk risk,
			PartFact fact, boolean prefixed) {
		this.command = command;
		this.inherited = inherited;
		this.redirects = redirects;
		this.envAssignments = envAssignments;
		this.judged = judged;
		this.openTail = openTail;
		this.context = context;
		this.names = names;
		this.status = status;
		this.pattern = pattern;
		this.blockedBy = blockedBy;
		this.risk = risk;
		this.fact = fact;
		this.reason = why;
		this.prefixed = prefixed;
	}

	/** Whether {@link #reason} is a sentence of its own; else the part's text goes in front when it is read. */
	private final boolean prefixed;

	/**
	 * The paths the part uses on the file system, as its checks judged them before the line runs (those it opens, and
	 * the folders it walks without following links), and the folders it may make symbolic links in; null when it
	 * names none (most parts).
	 */
	record Paths(List<String> used, List<String> walked, List<String> linksMadeIn, PartFact linksFact) {
	}

	private Paths paths;

	/** Notes the paths the part uses and the folders it may make links in; set once, when it is decided. */
	JudgedPart withPaths(Paths paths) {
		this.paths = paths;
		return this;
	}

	/** The paths it uses and the folders it may make links in, or null. */
	Paths paths() {
		return paths;
	}

	PartStatus status() {
		return status;
	}

	/** The covering pattern or the matching deny rule, or null. */
	String pattern() {
		return pattern;
	}

	/** The program names of the part's layers ({@code timeout 5 curl …} has {@code timeout} and {@code curl}). */
	List<String> names() {
		return names;
	}

	/** Why the part has its status, in one sentence a user reads. */
	String reason() {
		if (reason != null && !prefixed) {
			return "`" + text() + "`: " + reason; // written out when read: most parts' reasons never are
		}
		if (reason != null) {
			return reason;
		}
		if (status == PartStatus.NOT_COVERED) {
			return notCoveredReason();
		}
		return "covered by `" + pattern + "`";
	}

	/**
	 * The part denied by a rule that looks at the whole pipeline; a part already denied keeps its rule. A part
	 * does not change: repeats of a command on a line share theirs, and the rule replaces the part of one place.
	 */
	JudgedPart denied(String why, String rule) {
		if (status == PartStatus.DENIED) {
			return this;
		}
		return new JudgedPart(this, PartStatus.DENIED, rule, "`" + text() + "` " + why, null);
	}

	/**
	 * The part asked about by a rule that looks at the whole line ({@code why} follows the part's text), unless it
	 * is judged at least as severely already.
	 */
	JudgedPart notCoverable(String why, PartFact fact) {
		if (status.compareTo(PartStatus.NOT_COVERABLE) >= 0) {
			return this;
		}
		return new JudgedPart(this, PartStatus.NOT_COVERABLE, null, "`" + text() + "` " + why, fact);
	}

	/** The part for the API. */
	CommandPart toCommandPart() {
		List<String> assignments = new ArrayList<>(command.assignments().size() + envAssignments.size());
		command.assignments().forEach(assignment -> assignments.add(assignment.display()));
		envAssignments.forEach(word -> assignments.add(word.text()));
		List<String> redirections = new ArrayList<>(redirects.size());
		redirects.forEach(redirect -> redirections.add(redirect.display()));
		List<String> suggestions = status == PartStatus.NOT_COVERED ? suggest(judged, openTail, risk) : List.of();
		return new CommandPart(text(), texts(command.words()), assignments, redirections, texts(judged), openTail,
				context, status, Optional.ofNullable(pattern), reason(), suggestions,
				status == PartStatus.COVERED ? Optional.empty() : Optional.ofNullable(fact));
	}

	private String notCoveredReason() {
		StringBuilder text = new StringBuilder("no trusted pattern covers `").append(displayWords(judged)).append('`');
		if (blockedBy != null) {
			text.append(": ").append(blockedBy.reason()).append("; only a pattern that spells it out covers it");
		}
		if (openTail) {
			text.append(" (arguments are added at run time, so only a pattern ending in `*` can cover it)");
		}
		return text.toString();
	}

	// ---- suggestions

	/** Patterns that would cover the words, narrowest first. */
	private static List<String> suggest(List<Word> judged, boolean openTail, PolicyRules.Risk risk) {
		List<String> suggestions = new ArrayList<>();
		int literalPrefix = 0;
		while (literalPrefix < judged.size() && judged.get(literalPrefix).literal()
				&& isOneLine(judged.get(literalPrefix).text())) {
			literalPrefix++;
		}
		boolean exact = literalPrefix == judged.size() && !openTail;
		if (exact) {
			suggestions.add(Quoting.join(texts(judged)));
		}
		int longest = exact && judged.size() > 2 ? judged.size() - 1 : literalPrefix;
		for (int length = longest; length >= 1 && suggestions.size() < 4; length--) {
			if (length > 1 && judged.get(length - 1).text().startsWith("-")) {
				continue;
			}
			if (!PolicyRules.wildcardWouldCover(risk, length)) {
				continue;
			}
			suggestions.add(Quoting.join(texts(judged.subList(0, length))) + " *");
		}
		return suggestions;
	}

	private static boolean isOneLine(String text) {
		return text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
	}

	// ---- display

	/** The simple command for display, one line, with the redirections of the subshells and groups around it. */
	String text() {
		StringBuilder text = new StringBuilder();
		for (Assignment assignment : command.assignments()) {
			append(text, assignment.name() + (assignment.append() ? "+=" : "=") + displayWord(assignment.value()));
		}
		for (Word word : command.words()) {
			append(text, displayWord(word));
		}
		for (Redirect redirect : command.redirects()) {
			append(text, redirect.display());
		}
		for (Redirect redirect : inherited) {
			append(text, redirect.display());
		}
		return Quoting.oneLine(text.toString());
	}

	private static void append(StringBuilder text, String piece) {
		if (!text.isEmpty()) {
			text.append(' ');
		}
		text.append(piece);
	}

	private static String displayWord(Word word) {
		return word.literal() ? Quoting.quote(word.text()) : word.text();
	}

	private static String displayWords(List<Word> words) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words.size(); i++) {
			append(text, displayWord(words.get(i)));
		}
		return Quoting.oneLine(text.toString());
	}

	private static List<String> texts(List<Word> words) {
		List<String> texts = new ArrayList<>(words.size());
		for (Word word : words) {
			texts.add(word.text());
		}
		return texts;
	}
}
