package dev.warden.core.internal.trust;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.warden.core.trust.BuiltInDenyRule;
import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PartStatus;
import dev.warden.core.trust.Verdict;

/**
 * Judges one command line against compiled rules: parses it, walks every simple command it would run
 * (unwrapping wrappers and re-parsing command strings), and gives each a {@link CommandPart}. One instance per
 * command line.
 */
public final class CommandJudge {

	private static final String SUBSTITUTION = "inside a substitution";

	private static final Map<String, String> FAIL_CLOSED = Map.ofEntries(
			Map.entry("eval", "`eval` runs a string as a command line"),
			Map.entry("source", "`source` runs the commands of a file in this shell"),
			Map.entry(".", "`.` runs the commands of a file in this shell"),
			Map.entry("alias", "`alias` changes what command names mean"),
			Map.entry("unalias", "`unalias` changes what command names mean"),
			Map.entry("trap", "`trap` runs a command string later"),
			Map.entry("enable", "`enable` loads or switches built-in commands"),
			Map.entry("fc", "`fc` runs commands from the history"),
			Map.entry("let", "`let` evaluates arithmetic, which can run commands through array subscripts"),
			Map.entry("bind", "`bind` can bind a key to a command"),
			Map.entry("complete", "`complete` can register a command to run"),
			Map.entry("compgen", "`compgen` can run a command or function"),
			Map.entry("coproc", "`coproc` is not supported"));

	private static final Set<String> VARIABLE_BUILTINS = Set.of("test", "[", "printf", "read", "unset", "declare",
			"typeset", "local", "export", "readonly", "mapfile", "readarray", "wait", "getopts");

	private static final Set<String> DECLARATION_BUILTINS = Set.of("export", "declare", "typeset", "local",
			"readonly");

	/** Where a part of the walk sits and how many parts it produced. */
	private record Stage(int first, int end) {
	}

	/** A command list to judge after the command that holds it. */
	private record Nested(Script script, String context) {
	}

	/** The judgement of one part while it is being made: keeps the most severe status and its reason. */
	private static final class Judgement {
		PartStatus status = PartStatus.COVERED;
		String reason;
		String pattern;

		void raise(PartStatus newStatus, String why, String rule) {
			if (newStatus.compareTo(status) > 0) {
				status = newStatus;
				reason = why;
				pattern = rule;
			}
		}
	}

	private final PolicyRules rules;
	private final Path workingDirectory;
	private final boolean directoryMayChange;
	private final List<CommandPart> parts = new ArrayList<>();
	private final List<List<String>> partNames = new ArrayList<>();
	private final Map<String, Optional<String>> targetChecks = new HashMap<>();

	private CommandJudge(PolicyRules rules, Path workingDirectory, boolean directoryMayChange) {
		this.rules = rules;
		this.workingDirectory = workingDirectory;
		this.directoryMayChange = directoryMayChange;
	}

	/** Judges a command line run in {@code workingDirectory}. */
	public static CommandVerdict judge(PolicyRules rules, String commandLine, Path workingDirectory) {
		Script script;
		try {
			script = ShellParser.parse(commandLine);
		} catch (ShellSyntaxException e) {
			return new CommandVerdict(commandLine, Verdict.ASK, "not understood: " + e.getMessage(), false, List.of());
		}
		CommandJudge judge = new CommandJudge(rules, workingDirectory, mentionsDirectoryChange(commandLine));
		judge.script(script, "", List.of());
		return judge.verdict(commandLine);
	}

	/**
	 * Whether a word {@code cd}, {@code pushd} or {@code popd} appears anywhere in the line: then the directory
	 * that relative redirection targets land in cannot be known. Deliberately coarse (it also sees the word inside
	 * quotes), so that no way of changing directory is missed.
	 */
	static boolean mentionsDirectoryChange(String line) {
		for (String word : new String[] { "cd", "pushd", "popd" }) {
			int from = 0;
			while (true) {
				int at = line.indexOf(word, from);
				if (at < 0) {
					break;
				}
				int after = at + word.length();
				if ((at == 0 || !isPathChar(line.charAt(at - 1))) && (after == line.length()
						|| !isPathChar(line.charAt(after)))) {
					return true;
				}
				from = after;
			}
		}
		return false;
	}

	private static boolean isPathChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
	}

	// ---- the walk

	private void script(Script script, String context, List<Redirect> inherited) {
		for (Pipeline pipeline : script.pipelines()) {
			List<Stage> stages = new ArrayList<>(pipeline.commands().size());
			for (Command command : pipeline.commands()) {
				int first = parts.size();
				if (command instanceof SimpleCommand simple) {
					simple(simple, context, inherited);
				} else if (command instanceof CompoundCommand compound) {
					for (Redirect redirect : compound.redirects()) {
						for (Script substitution : redirect.target().substitutions()) {
							script(substitution, SUBSTITUTION, List.of());
						}
					}
					List<Redirect> redirects = new ArrayList<>(inherited);
					redirects.addAll(compound.redirects());
					script(compound.body(), context, redirects);
				}
				stages.add(new Stage(first, parts.size()));
			}
			if (stages.size() > 1 && rules.hasBuiltIn(BuiltInDenyRule.DOWNLOAD_TO_SHELL)) {
				denyDownloadPipedToShell(stages);
			}
		}
	}

	private void denyDownloadPipedToShell(List<Stage> stages) {
		String downloader = null;
		for (Stage stage : stages) {
			for (int i = stage.first(); i < stage.end(); i++) {
				for (String name : partNames.get(i)) {
					if (downloader != null && StructuralRules.isInterpreter(name)) {
						deny(i, "pipes a download (`" + downloader + "`) into `" + name + "`",
								BuiltInDenyRule.DOWNLOAD_TO_SHELL);
						break;
					}
				}
			}
			for (int i = stage.first(); i < stage.end() && downloader == null; i++) {
				for (String name : partNames.get(i)) {
					if (StructuralRules.isDownloader(name)) {
						downloader = name;
					}
				}
			}
		}
	}

	private void deny(int index, String why, BuiltInDenyRule rule) {
		CommandPart part = parts.get(index);
		if (part.status() == PartStatus.DENIED) {
			return;
		}
		parts.set(index, new CommandPart(part.text(), part.words(), part.assignments(), part.redirections(),
				part.judgedWords(), part.openEnded(), part.context(), PartStatus.DENIED,
				Optional.of("!@" + rule.id()), "`" + part.text() + "` " + why, List.of()));
	}

	private void simple(SimpleCommand command, String context, List<Redirect> inherited) {
		int index = parts.size();
		parts.add(null);
		partNames.add(List.of());
		List<Nested> nested = new ArrayList<>(0);
		for (Assignment assignment : command.assignments()) {
			collect(assignment.value(), nested);
		}
		for (Word word : command.words()) {
			collect(word, nested);
		}
		for (Redirect redirect : command.redirects()) {
			collect(redirect.target(), nested);
		}
		List<Redirect> redirects = command.redirects();
		if (!inherited.isEmpty()) {
			redirects = new ArrayList<>(command.redirects());
			redirects.addAll(inherited);
		}

		Judgement judgement = new Judgement();
		List<Word> words = command.words();
		List<List<Word>> layers = new ArrayList<>(2);
		List<Word> envAssignments = new ArrayList<>(0);
		List<Word> outputFiles = new ArrayList<>(0);
		List<List<Word>> findCommands = List.of();
		String runsScriptOf = null;
		boolean openTail = false;
		List<Word> judged = List.of();

		if (!words.isEmpty()) {
			layers.add(words);
			if (!words.get(0).literal()) {
				judgement.raise(PartStatus.FAILED_CLOSED, "the command name `" + Quoting.oneLine(words.get(0).text())
						+ "` is not a literal word (it holds an expansion, a glob, a brace or `~`), so what runs cannot"
						+ " be known", null);
			} else {
				List<Word> current = words;
				for (int depth = 0; current != null && depth < 16; depth++) {
					Wrappers.Unwrapped unwrapped = Wrappers.unwrap(current);
					if (unwrapped instanceof Wrappers.Inner inner) {
						envAssignments.addAll(inner.assignments());
						openTail |= inner.openTail();
						current = inner.words();
						layers.add(current);
						if (!current.get(0).literal()) {
							judgement.raise(PartStatus.FAILED_CLOSED, "the command that `" + inner.wrapper() + "` runs, `"
									+ Quoting.oneLine(current.get(0).text()) + "`, is not a literal word", null);
							current = null;
						}
						continue;
					}
					if (unwrapped instanceof Wrappers.ShellString shell) {
						runsScriptOf = shell.wrapper();
						try {
							nested.add(new Nested(ShellParser.parse(shell.script()), "run by " + shell.wrapper()));
						} catch (ShellSyntaxException e) {
							judgement.raise(PartStatus.FAILED_CLOSED, "the command line that `" + shell.wrapper()
									+ "` runs is not understood: " + e.getMessage(), null);
						}
						current = null;
					} else if (unwrapped instanceof Wrappers.FindExec find) {
						findCommands = find.commands();
						outputFiles.addAll(find.outputFiles());
					} else if (unwrapped instanceof Wrappers.Privileged privileged) {
						if (!privileged.innerWords().isEmpty()) {
							layers.add(privileged.innerWords());
						}
					} else if (unwrapped instanceof Wrappers.Unknown unknown) {
						judgement.raise(PartStatus.FAILED_CLOSED, unknown.reason(), null);
						current = null;
					}
					break;
				}
				judged = current == null ? List.of() : current;
			}
		}
		List<String> names = new ArrayList<>(layers.size());
		for (List<Word> layer : layers) {
			if (layer.get(0).literal()) {
				names.add(Quoting.basename(layer.get(0).text()));
			}
		}
		partNames.set(index, names);

		for (int i = 0; i < layers.size(); i++) {
			List<Word> layer = layers.get(i);
			failClosedBuiltins(layer, judgement);
			denyRules(layer, openTail && i == layers.size() - 1 && i > 0, judgement);
		}
		denyOutputs(redirects, outputFiles, judgement);

		boolean universal = rules.isUniversal();
		if (!judged.isEmpty()) {
			PolicyRules.Match match = rules.match(judged, openTail);
			if (match.pattern() != null) {
				judgement.pattern = judgement.status == PartStatus.COVERED ? match.pattern().text() : judgement.pattern;
			} else {
				judgement.raise(PartStatus.NOT_COVERED, notCoveredReason(judged, openTail, match.blockedBy()), null);
			}
			if (!universal) {
				declarations(judged, judgement);
			}
		}
		if (!universal) {
			for (Assignment assignment : command.assignments()) {
				dangerousAssignment(assignment.name(), words.isEmpty(), judgement);
			}
			for (Word word : envAssignments) {
				dangerousAssignment(Wrappers.assignedName(word), false, judgement);
			}
			for (Redirect redirect : redirects) {
				if (redirect.kind() == Redirect.Kind.OUTPUT) {
					checkTarget(redirect.target(), judgement);
				}
			}
			for (Word file : outputFiles) {
				checkTarget(file, judgement);
			}
		}
		guard(words, envAssignments, redirects, outputFiles, judgement);

		String text = display(command, inherited);
		String reason = judgement.reason;
		if (judgement.status == PartStatus.COVERED) {
			if (judgement.pattern != null) {
				reason = "covered by `" + judgement.pattern + "`";
			} else if (runsScriptOf != null) {
				reason = "runs the command line given to `" + runsScriptOf + "`, whose commands are judged on their own";
			} else if (!findCommands.isEmpty()) {
				reason = "covered";
			} else {
				reason = words.isEmpty() ? "runs nothing: it only assigns variables or redirects" : "covered";
			}
		} else if (judgement.status != PartStatus.NOT_COVERED) {
			reason = "`" + text + "`: " + reason;
		}
		List<String> suggestions = judgement.status == PartStatus.NOT_COVERED ? suggest(judged, openTail) : List.of();
		List<String> assignments = new ArrayList<>();
		command.assignments().forEach(assignment -> assignments.add(assignment.display()));
		envAssignments.forEach(word -> assignments.add(word.text()));
		List<String> redirections = new ArrayList<>();
		redirects.forEach(redirect -> redirections.add(redirect.display()));
		parts.set(index, new CommandPart(text, texts(words), assignments, redirections, texts(judged), openTail,
				context, judgement.status, Optional.ofNullable(judgement.pattern), reason, suggestions));

		for (List<Word> findCommand : findCommands) {
			simple(new SimpleCommand(List.of(), findCommand, List.of()), "run by find", List.of());
		}
		for (Nested inner : nested) {
			script(inner.script(), inner.context(), List.of());
		}
	}

	private static void collect(Word word, List<Nested> nested) {
		for (Script substitution : word.substitutions()) {
			nested.add(new Nested(substitution, SUBSTITUTION));
		}
	}

	// ---- the checks

	private static void failClosedBuiltins(List<Word> layer, Judgement judgement) {
		String name = layer.get(0).text();
		String why = FAIL_CLOSED.get(name);
		if (why == null && name.equals("hash") && layer.stream().anyMatch(w -> w.text().startsWith("-p"))) {
			why = "`hash -p` changes which program a command name runs";
		}
		if (why == null && (name.equals("mapfile") || name.equals("readarray"))
				&& layer.stream().anyMatch(w -> w.text().startsWith("-C"))) {
			why = "`" + name + " -C` runs a callback command";
		}
		if (why == null && VARIABLE_BUILTINS.contains(name)) {
			for (int i = 1; i < layer.size(); i++) {
				String text = layer.get(i).text();
				if (text.indexOf('[') >= 0 && (text.indexOf('$') >= 0 || text.indexOf('`') >= 0)) {
					why = "`" + Quoting.oneLine(text) + "` names an array element whose subscript `" + name
							+ "` evaluates as arithmetic, which can run commands";
					break;
				}
			}
		}
		if (why != null) {
			judgement.raise(PartStatus.FAILED_CLOSED, why + "; that is not supported", null);
		}
	}

	private void denyRules(List<Word> layer, boolean openTail, Judgement judgement) {
		String name = Quoting.basename(layer.get(0).text());
		denyWords(rules.denyMatchers(name), layer, name, openTail, judgement);
		denyWords(rules.denyMatchersForAnyName(), layer, name, openTail, judgement);
		switch (name) {
		case "rm" -> {
			if (rules.hasBuiltIn(BuiltInDenyRule.RM_ROOT_OR_HOME)) {
				StructuralRules.removesRootOrHome(layer).ifPresent(why -> judgement.raise(PartStatus.DENIED, why,
						"!@" + BuiltInDenyRule.RM_ROOT_OR_HOME.id()));
			}
		}
		case "git" -> {
			if (rules.hasBuiltIn(BuiltInDenyRule.GIT_FORCE_PUSH)) {
				StructuralRules.forcePushes(layer).ifPresent(why -> judgement.raise(PartStatus.DENIED, why,
						"!@" + BuiltInDenyRule.GIT_FORCE_PUSH.id()));
			}
		}
		default -> {
			if (rules.hasBuiltIn(BuiltInDenyRule.SHELL_STARTUP_WRITE)) {
				StructuralRules.writesStartupFile(layer, name).ifPresent(why -> judgement.raise(PartStatus.DENIED,
						why, "!@" + BuiltInDenyRule.SHELL_STARTUP_WRITE.id()));
			}
			if (rules.hasBuiltIn(BuiltInDenyRule.DOWNLOAD_TO_SHELL) && layer.get(0).literal()
					&& StructuralRules.isInterpreter(name)) {
				for (Word word : layer) {
					if (StructuralRules.downloadsIn(word)) {
						judgement.raise(PartStatus.DENIED, "runs a download with `" + name + "`",
								"!@" + BuiltInDenyRule.DOWNLOAD_TO_SHELL.id());
						break;
					}
				}
			}
		}
		}
	}

	private static void denyWords(List<DenyMatcher> matchers, List<Word> layer, String name, boolean openTail,
			Judgement judgement) {
		for (DenyMatcher matcher : matchers) {
			DenyMatcher.Result result = matcher.match(layer, name, openTail);
			if (result == DenyMatcher.Result.MATCH) {
				judgement.raise(PartStatus.DENIED, "matches the deny rule `!" + matcher.rule().text() + "`",
						"!" + matcher.rule().text());
			} else if (result == DenyMatcher.Result.MAYBE) {
				judgement.raise(PartStatus.NOT_COVERABLE, "arguments added at run time could make it match the deny"
						+ " rule `!" + matcher.rule().text() + "`", null);
			}
		}
	}

	private void denyOutputs(List<Redirect> redirects, List<Word> outputFiles, Judgement judgement) {
		if (!rules.hasBuiltIn(BuiltInDenyRule.SHELL_STARTUP_WRITE)) {
			return;
		}
		String rule = "!@" + BuiltInDenyRule.SHELL_STARTUP_WRITE.id();
		for (Redirect redirect : redirects) {
			if (redirect.kind() == Redirect.Kind.OUTPUT) {
				StructuralRules.startupTarget(redirect.target().text())
						.ifPresent(why -> judgement.raise(PartStatus.DENIED, why, rule));
			}
		}
		for (Word file : outputFiles) {
			StructuralRules.startupTarget(file.text()).ifPresent(why -> judgement.raise(PartStatus.DENIED, why, rule));
		}
	}

	/** Checks where a command writes; the file system is asked once per literal target and command line. */
	private void checkTarget(Word target, Judgement judgement) {
		Optional<String> why = target.literal() && !target.processSubstitution()
				? targetChecks.computeIfAbsent(target.text(),
						text -> rules.outputTargets().whyNotCovered(target, workingDirectory, directoryMayChange))
				: rules.outputTargets().whyNotCovered(target, workingDirectory, directoryMayChange);
		why.ifPresent(reason -> judgement.raise(PartStatus.NOT_COVERABLE, reason, null));
	}

	/** Assignments through {@code export PATH=…}, {@code read PATH}, {@code printf -v PATH}. */
	private static void declarations(List<Word> judged, Judgement judgement) {
		String name = judged.get(0).text();
		if (!DECLARATION_BUILTINS.contains(name) && !name.equals("read") && !name.equals("printf")) {
			return;
		}
		for (int i = 1; i < judged.size(); i++) {
			String text = judged.get(i).text();
			String variable = null;
			if (DECLARATION_BUILTINS.contains(name) && text.indexOf('=') > 0) {
				variable = text.substring(0, text.indexOf('='));
				if (variable.endsWith("+")) {
					variable = variable.substring(0, variable.length() - 1);
				}
			} else if (name.equals("read") && !text.startsWith("-")) {
				variable = text;
			} else if (name.equals("printf") && text.equals("-v") && i + 1 < judged.size()) {
				variable = judged.get(i + 1).text();
			}
			if (variable != null && DangerousVariables.isDangerous(variable)) {
				judgement.raise(PartStatus.NOT_COVERABLE, DangerousVariables.reason(variable), null);
			}
		}
	}

	private static void dangerousAssignment(String name, boolean standalone, Judgement judgement) {
		if (DangerousVariables.isDangerous(name)) {
			judgement.raise(PartStatus.NOT_COVERABLE, DangerousVariables.reason(name)
					+ (standalone ? " (for every later command of the line)" : ""), null);
		}
	}

	private void guard(List<Word> words, List<Word> envAssignments, List<Redirect> redirects, List<Word> outputFiles,
			Judgement judgement) {
		for (Word word : words) {
			guardWord(word.text(), judgement);
		}
		for (Word word : envAssignments) {
			guardWord(word.text(), judgement);
		}
		for (Redirect redirect : redirects) {
			if (redirect.kind() == Redirect.Kind.INPUT || redirect.kind() == Redirect.Kind.OUTPUT) {
				guardWord(redirect.target().text(), judgement);
			}
		}
		for (Word file : outputFiles) {
			guardWord(file.text(), judgement);
		}
	}

	private void guardWord(String word, Judgement judgement) {
		rules.guard().whyHidden(word, workingDirectory)
				.ifPresent(why -> judgement.raise(PartStatus.NOT_COVERABLE, why, null));
	}

	private static String notCoveredReason(List<Word> judged, boolean openTail, RiskyOptions.Risk risk) {
		StringBuilder reason = new StringBuilder("no trusted pattern covers `")
				.append(displayWords(judged)).append('`');
		if (risk != null) {
			reason.append(": ").append(risk.reason()).append("; only a pattern that spells it out covers it");
		}
		if (openTail) {
			reason.append(" (arguments are added at run time, so only a pattern ending in `*` can cover it)");
		}
		return reason.toString();
	}

	// ---- suggestions

	/** Patterns that would cover the words, narrowest first. */
	static List<String> suggest(List<Word> judged, boolean openTail) {
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
			if (!PolicyRules.wildcardWouldCover(judged, length)) {
				continue;
			}
			suggestions.add(Quoting.join(texts(judged.subList(0, length))) + " *");
		}
		return suggestions;
	}

	private static boolean isOneLine(String text) {
		return text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
	}

	// ---- the verdict

	private CommandVerdict verdict(String commandLine) {
		if (parts.isEmpty()) {
			return new CommandVerdict(commandLine, Verdict.ASK, "the command line runs nothing", true, parts);
		}
		CommandPart worst = null;
		int notCovered = 0;
		for (CommandPart part : parts) {
			if (part.status() != PartStatus.COVERED) {
				notCovered++;
				if (worst == null || part.status().compareTo(worst.status()) > 0) {
					worst = part;
				}
			}
		}
		if (worst != null) {
			Verdict verdict = worst.status() == PartStatus.DENIED ? Verdict.DENIED : Verdict.ASK;
			String reason = worst.reason() + (notCovered > 1 && verdict == Verdict.ASK
					? " (and " + (notCovered - 1) + (notCovered > 2 ? " more parts need" : " more part needs") + " approval)"
					: "");
			return new CommandVerdict(commandLine, verdict, reason, true, parts);
		}
		List<String> patterns = new ArrayList<>();
		for (CommandPart part : parts) {
			part.pattern().filter(pattern -> !patterns.contains(pattern)).ifPresent(patterns::add);
		}
		String reason = patterns.isEmpty() ? parts.get(0).reason()
				: "covered by `" + String.join("`, `", patterns) + "`";
		return new CommandVerdict(commandLine, Verdict.TRUSTED, reason, true, parts);
	}

	// ---- display

	private static String display(SimpleCommand command, List<Redirect> inherited) {
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
		for (Word word : words) {
			append(text, displayWord(word));
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
