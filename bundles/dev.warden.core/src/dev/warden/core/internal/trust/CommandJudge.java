package dev.warden.core.internal.trust;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.warden.core.trust.BuiltInDenyRule;
import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PartFact;
import dev.warden.core.trust.PartStatus;
import dev.warden.core.trust.TrustPattern;
import dev.warden.core.trust.Verdict;

/**
 * Judges one command line against compiled rules: parses it, walks every simple command it would run
 * (unwrapping wrappers and re-parsing command strings), and judges each; a {@link JudgedPart} keeps what the
 * verdict needs and writes out its {@link CommandPart} when it is read. One instance per command line.
 */
public final class CommandJudge {

	private static final String SUBSTITUTION = "inside a substitution";

	/** The built-in deny rules as a part names them (see {@link CommandPart#pattern()}). */
	private static final String RM_ROOT_OR_HOME_RULE = "!@" + BuiltInDenyRule.RM_ROOT_OR_HOME.id();
	private static final String GIT_FORCE_PUSH_RULE = "!@" + BuiltInDenyRule.GIT_FORCE_PUSH.id();
	private static final String SHELL_STARTUP_WRITE_RULE = "!@" + BuiltInDenyRule.SHELL_STARTUP_WRITE.id();
	private static final String DOWNLOAD_TO_SHELL_RULE = "!@" + BuiltInDenyRule.DOWNLOAD_TO_SHELL.id();

	static final Map<String, String> FAIL_CLOSED = Names.mapOf(Map.ofEntries(
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
			Map.entry("coproc", "`coproc` is not supported")));

	static final Set<String> VARIABLE_BUILTINS = Names.setOf("test", "[", "printf", "read", "unset", "declare",
			"typeset", "local", "export", "readonly", "mapfile", "readarray", "wait", "getopts");

	/** The options of {@code set} that only change how commands run, not how the line is read or expanded. */
	private static final String SAFE_SET_FLAGS = "euxvaCfn";
	private static final Set<String> SAFE_SET_OPTIONS = Set.of("errexit", "nounset", "xtrace", "pipefail", "verbose",
			"noclobber", "allexport", "noglob", "noexec");

	/** Built-ins of bash that dash does not have: there the name runs a program found on PATH. */
	static final Set<String> BASH_ONLY_BUILTINS = Names.setOf("shopt", "declare", "typeset", "builtin",
			"disown", "dirs", "pushd", "popd", "help", "history", "logout", "suspend", "caller", "mapfile", "readarray");

	static final Set<String> DECLARATION_BUILTINS = Names.setOf("export", "declare", "typeset", "local",
			"readonly");

	/**
	 * Whether a command of this name may be one that {@link #failClosedBuiltins} or {@link #declarations} judge; when
	 * not, neither finds anything.
	 */
	static boolean mayFailClosed(String name) {
		return FAIL_CLOSED.containsKey(name) || VARIABLE_BUILTINS.contains(name)
				|| DECLARATION_BUILTINS.contains(name) || name.equals("hash") || name.equals("set");
	}

	/** Where a part of the walk sits and how many parts it produced. */
	private record Stage(int first, int end) {
	}

	/** A command list to judge after the command that holds it. */
	private record Nested(Script script, String context) {
	}

	/**
	 * A simple command where it sits: its words (as values: equal words are equal), the context and the
	 * redirections of the subshells and groups around it. Everything a judgement reads.
	 * <p>
	 * Its hash code reads the counts, the context and the texts of all words, of a long word only its length and a
	 * few characters: the hashes of short texts are kept by the strings, and the scan of a program's facts reads
	 * them anyway. Commands of one program most often differ in a word in the middle ({@code echo step 3 done}).
	 * Two places with equal such hashes compare a hash of all their texts, made when first needed. Places with equal
	 * hash codes are ordered by that full hash, so that the map finds one among many such places in a tree instead
	 * of a list.
	 */
	private static final class Place implements Comparable<Place> {
		final SimpleCommand command;
		final String context;
		final List<Redirect> inherited;
		/**
		 * Whether another command reads what this one prints: 0 none, 1 one reads it ({@link CommandJudge#outputRead}),
		 * 2 one takes it for names of files ({@link CommandJudge#namesRead}); 3 more when the command takes the names
		 * a listing printed for arguments ({@link CommandJudge#argumentsFromListing}), 6 more when it reads what the
		 * command before it in its pipeline prints ({@link CommandJudge#pipedInput}), 12 more when another command
		 * opens the files whose names it prints ({@link CommandJudge#namesOpened}).
		 */
		final int outputRead;
		/** Computed when first needed (a line of one command never needs it), then kept. */
		private int hash;
		private boolean hashed;
		/** The hash of all the texts, or 0 when not computed yet ({@link #fullHash} never returns 0). */
		private int fullHash;
		/**
		 * The part the command was judged to be in this place, set once it is decided: a part does not change
		 * (a rule of the whole pipeline replaces it), so each repeat of the place shares it.
		 */
		JudgedPart part;
		/** The commands that its {@code find -exec} and its substitutions or command strings run. */
		List<List<Word>> findCommands;
		List<Nested> nested;

		Place(SimpleCommand command, String context, List<Redirect> inherited, int outputRead) {
			this.command = command;
			this.context = context;
			this.inherited = inherited;
			this.outputRead = outputRead;
		}

		private int hash() {
			if (hashed) {
				return hash;
			}
			List<Word> words = command.words();
			int hash = (context.hashCode() * 31 + inherited.size()) * 3 + outputRead;
			hash = (hash * 31 + command.assignments().size()) * 31 + command.redirects().size();
			hash = hash * 31 + words.size();
			for (int i = 0; i < words.size(); i++) {
				hash = hash * 31 + shortHash(words.get(i).text());
			}
			this.hash = hash;
			hashed = true;
			return hash;
		}

		/**
		 * The hash of a short text; of a long one (a 2 KB commit message), its length and a few of its characters:
		 * a long text is hashed in full only when another place shares the short hash.
		 */
		private static int shortHash(String text) {
			int length = text.length();
			if (length <= 64) {
				return text.hashCode();
			}
			return ((length * 31 + text.charAt(0)) * 31 + text.charAt(length / 2)) * 31 + text.charAt(length - 1);
		}

		/**
		 * Hashes all the texts as written (a word's text holds its substitutions as written); {@link #equals}
		 * compares all of it.
		 */
		private int fullHash() {
			int full = fullHash;
			if (full == 0) {
				full = hash();
				List<Assignment> assignments = command.assignments();
				for (int i = 0; i < assignments.size(); i++) {
					full = full * 31 + assignments.get(i).value().text().hashCode();
				}
				List<Word> words = command.words();
				for (int i = 0; i < words.size(); i++) {
					full = full * 31 + words.get(i).text().hashCode();
				}
				List<Redirect> redirects = command.redirects();
				for (int i = 0; i < redirects.size(); i++) {
					full = full * 31 + redirects.get(i).target().text().hashCode();
				}
				full = full == 0 ? 1 : full;
				fullHash = full;
			}
			return full;
		}

		@Override
		public int hashCode() {
			return hash();
		}

		/**
		 * Compares the counts and the program names first: the places of a short line are compared one by one
		 * (see {@link CommandJudge#earlier}), and most differ there, without a hash of either.
		 */
		@Override
		public boolean equals(Object other) {
			if (!(other instanceof Place place) || (hashed && place.hashed && hash != place.hash)) {
				return false;
			}
			List<Word> words = command.words();
			List<Word> others = place.command.words();
			if (words.size() != others.size() || inherited.size() != place.inherited.size() || outputRead != place.outputRead
					|| command.assignments().size() != place.command.assignments().size()
					|| command.redirects().size() != place.command.redirects().size()
					|| (!words.isEmpty() && !words.get(0).text().equals(others.get(0).text()))) {
				return false;
			}
			return hash() == place.hash() && fullHash() == place.fullHash() && command.equals(place.command)
					&& context.equals(place.context) && inherited.equals(place.inherited);
		}

		@Override
		public int compareTo(Place other) {
			return Integer.compare(fullHash(), other.fullHash());
		}
	}

	/** The judgement of one part while it is being made: keeps the most severe status and its reason. */
	private static final class Judgement {
		PartStatus status = PartStatus.COVERED;
		String reason;
		String pattern;
		PartFact fact;
		/** Whether a reason other than a folder with hidden files was found. */
		boolean otherProblem;

		/** Starts the judgement of the next command: one instance serves every command of a line. */
		void clear() {
			status = PartStatus.COVERED;
			reason = null;
			pattern = null;
			fact = null;
			otherProblem = false;
		}

		void raise(PartStatus newStatus, String why, String rule) {
			raise(newStatus, why, rule, null);
		}

		void raise(PartStatus newStatus, String why, String rule, PartFact because) {
			if (newStatus != PartStatus.COVERED && (because == null || !because.sandboxWaivable())) {
				otherProblem = true;
			}
			if (newStatus.compareTo(status) > 0) {
				status = newStatus;
				reason = why;
				pattern = rule;
				fact = because;
			}
		}

		/** The fact that decided the part; a folder with hidden files is waivable only when nothing else was found. */
		PartFact decidingFact() {
			if (fact != null && fact.sandboxWaivable() && otherProblem) {
				return new PartFact(fact.program(), fact.spelling(), fact.kind(), fact.effect(), fact.source(), false);
			}
			return fact;
		}

		/** Raises to {@code newStatus} when a check found a reason. */
		void raiseWhen(PartStatus newStatus, Optional<String> why, String rule) {
			if (why.isPresent()) {
				raise(newStatus, why.get(), rule);
			}
		}
	}

	private final PolicyRules rules;
	/**
	 * The scanner of the facts of {@link #rules}, which serves every command of the line; made for the first
	 * program with facts to scan.
	 */
	private FactScan.Scanner scanner;
	/** {@link #listsMatter} for the scans; and the redirections of the command scanned. */
	private final java.util.function.BooleanSupplier listsMatter = this::listsMatter;
	private List<Redirect> scannedRedirects = List.of();
	private final Path workingDirectory;
	private final boolean directoryMayChange;
	/**
	 * Whether another command reads what the command being judged prints: a later command of its pipeline or the
	 * command whose substitution it is ({@code cat $(echo .env)}, {@code echo .env | xargs cat}). Then the words it
	 * prints or matches by are not taken for mere text.
	 */
	private boolean outputRead;
	/**
	 * Whether another command takes what the command being judged prints for names of files: {@code xargs} later in
	 * its pipeline ({@code ls -a | xargs cat}), or the command whose substitution it is ({@code cat $(ls -a)}). Then
	 * the names a listing prints are files that command opens. Implies {@link #outputRead}.
	 */
	private boolean namesRead;
	/**
	 * Whether another command opens the files whose names this one prints ({@code find a | xargs cat},
	 * {@code cat $(find a)}): it opens them through the links among them.
	 */
	private boolean namesOpened;
	/**
	 * Whether the command judged now takes the names a listing printed for its arguments ({@code find src | xargs
	 * grep x}): the commands before it in the pipeline only list names of files or pick some of them.
	 */
	private boolean argumentsFromListing;
	/** Whether the command judged now reads what the command before it in its pipeline prints. */
	private boolean pipedInput;
	/** The line being judged. */
	private final String line;
	/**
	 * Whether the unquoted globs of the line are expanded as the shell does by default, so that they are judged by
	 * the names they match ({@link #globsExpandAsByDefault}; else by every name they could match, dot files too): 0
	 * when not found yet (most lines have no glob), 1 yes, -1 no.
	 */
	private int defaultGlobs;
	/** Whether the word {@code exec} stands anywhere in the line: 0 when not found yet, 1 yes, -1 no. */
	private int lineHasExec;
	/** Whether a {@code cd} on the line may lead outside the workspace (not only into one of its folders). */
	private final boolean directoryMayLeave;
	/**
	 * How many places the map of decided commands is sized for: one per 12 characters of the line, more than long
	 * lines hold, but no more than twice the commands of the line's top level (a 2 KB commit message is one word).
	 */
	private final int expectedPlaces;
	/** The parts of the line, handed over to its verdict. */
	private final List<JudgedPart> parts;
	/** What the output targets and the folders read of the line were found to be; made at their first check. */
	private Map<String, Optional<String>> targetChecks;
	/** What the file system said of the symbolic links on paths the line reads, asked once per path. */
	private Map<String, Optional<String>> linkChecks;
	/** What the file system holds at the folders and files of the paths the line reads. */
	private Map<Path, OutputTargets.Part> pathParts;
	/** The same, for paths known by their text below the workspace root ({@link #belowRoot}). */
	private OutputTargets.Looks looksBelow;

	/** What the file system holds at the root's folders, looked at once per line (made when first asked for). */
	private OutputTargets.Looks looksBelow() {
		if (looksBelow == null) {
			looksBelow = new OutputTargets.Looks();
		}
		return looksBelow;
	}
	/** The working directory's path below the workspace root; a NUL when it has none; null until asked. */
	private String workingDirectoryBelow;
	private Map<String, Optional<String>> treeChecks;
	/** The same for programs that skip dot files and ignored files. */
	private Map<String, Optional<String>> skippingTreeChecks;
	/** Whether the working directory lies in the workspace: 0 when not found yet, 1 yes, -1 no. */
	private int workingDirectoryInWorkspace;
	/**
	 * The simple commands judged so far, each its own key (it holds its decision); made when more than
	 * {@link #FEW_PLACES} have been judged: the places of a short line are compared one by one.
	 */
	private Map<Place, Place> decided;
	/**
	 * The first places of the line, until the map is made: the first in a field of its own, the others in an array
	 * made for the second (a line of one command needs none).
	 */
	private Place firstPlace;
	private Place[] fewPlaces;
	private int fewPlaceCount;
	private static final int FEW_PLACES = 8;
	/**
	 * How many commands of a line are looked for among the earlier ones before the judge gives up when none was
	 * found: a line that repeats commands does so from its first few (the same pipeline for each file, a loop
	 * written out), and on a line that does not, hashing every command and keeping it in the map costs about
	 * a seventh of its decision. Giving up changes no verdict, only how often a command is decided.
	 */
	private static final int LOOK_FOR_REPEATS = 2 * FEW_PLACES;
	/** Whether a command of the line was found to repeat an earlier one. */
	private boolean repeated;
	/** Whether the judge stopped looking for repeats on this line ({@link #LOOK_FOR_REPEATS}). */
	private boolean stoppedLooking;
	/**
	 * The layers and the judgement of the command being decided, emptied for each: {@link #decide} does not call
	 * itself (the commands a command runs are decided after it), and what it keeps of them is copied out.
	 */
	private final Layers layers = new Layers();
	private final Judgement judgement = new Judgement();

	/**
	 * A judge for one line. A judge is made for each line and dropped with it, not kept for the next: under the G1
	 * collector (the IDE's), each reference to a new object stored into a long-lived one pays a memory barrier, and a
	 * judge kept from line to line, with its lists and its scanner, paid one for most words it looked at.
	 */
	private CommandJudge(PolicyRules rules, Path workingDirectory, boolean directoryMayChange,
			boolean directoryMayLeave, String line, int topLevelCommands) {
		this.rules = rules;
		this.expectedPlaces = Math.max(16, Math.min(line.length() / 12, 2 * topLevelCommands));
		// sized for one command per 12 characters, more than long lines hold: neither grows while it fills
		this.parts = new ArrayList<>(Math.max(10, line.length() / 12));
		this.workingDirectory = workingDirectory;
		this.directoryMayChange = directoryMayChange;
		this.directoryMayLeave = directoryMayLeave;
		this.line = line;
	}

	/** Judges a command line run in {@code workingDirectory}. */
	public static CommandVerdict judge(PolicyRules rules, String commandLine, Path workingDirectory) {
		Script script;
		try {
			script = ShellParser.parse(commandLine);
		} catch (ShellSyntaxException e) {
			return new CommandVerdict(commandLine, Verdict.ASK, "not understood: " + e.getMessage(), false, List.of());
		}
		boolean directoryMayChange = mentionsDirectoryChange(commandLine);
		int topLevelCommands = 0;
		for (int i = 0; i < script.pipelines().size(); i++) {
			topLevelCommands += script.pipelines().get(i).commands().size();
		}
		CommandJudge judge = new CommandJudge(rules, workingDirectory, directoryMayChange,
				directoryMayChange && directoryMayLeave(commandLine), commandLine, topLevelCommands);
		judge.script(script, "", List.of());
		if (judge.linksMade) {
			judge.linksMadeOnTheLine(commandLine);
		}
		CommandVerdict verdict = judge.verdict(commandLine);
		if (verdict.verdict() == Verdict.TRUSTED && script.unportable().isPresent()) {
			// The shell that runs the line may be dash or bash (see CommandShell): trusted only where both
			// would run exactly the parts.
			return new CommandVerdict(commandLine, Verdict.ASK, script.unportable().get(), true, verdict.parts());
		}
		return verdict;
	}

	/**
	 * Whether a word {@code cd}, {@code pushd} or {@code popd} appears anywhere in the line: then the directory
	 * that relative redirection targets land in cannot be known. Deliberately coarse (it also sees the word inside
	 * quotes), so that no way of changing directory is missed.
	 */
	static boolean mentionsDirectoryChange(String line) {
		for (String word : DIRECTORY_WORDS) {
			if (nextStandalone(line, word, 0) >= 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a {@code cd} or {@code pushd} of the line may lead out of the working directory's tree: {@code popd}, a
	 * {@code cd} without a folder (home), or a folder that is absolute, goes up ({@code ..}), starts at a home or
	 * holds an expansion or a quote. As coarse as {@link #mentionsDirectoryChange}: it reads the word after each
	 * {@code cd} in the text.
	 */
	static boolean directoryMayLeave(String line) {
		for (String word : DIRECTORY_WORDS) {
			for (int after = nextStandalone(line, word, 0); after >= 0; after = nextStandalone(line, word, after)) {
				if (word.equals("popd")) {
					return true;
				}
				int start = after;
				while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
					start++;
				}
				int end = start;
				while (end < line.length() && " \t\n;&|()<>".indexOf(line.charAt(end)) < 0) {
					end++;
				}
				String target = line.substring(start, end);
				if (target.isEmpty() || target.contains("..") || "/~$-`\"'\\".indexOf(target.charAt(0)) >= 0
						|| target.indexOf('$') >= 0 || target.indexOf('`') >= 0) {
					return true;
				}
			}
		}
		return false;
	}

	private static final String[] DIRECTORY_WORDS = { "cd", "pushd", "popd" };

	/**
	 * Whether nothing on the line can make the shell expand globs otherwise than by default, where {@code *},
	 * {@code ?} and brackets match no leading dot: bash's {@code dotglob} and {@code GLOBIGNORE}, set on the line or
	 * for a nested bash ({@code bash -c 'shopt -s dotglob; cat *'}, {@code env BASHOPTS=dotglob bash -c 'cat *'}), and
	 * {@code set -f}, after which a program gets the pattern itself and may match dot files with it.
	 * As coarse as {@link #mentionsDirectoryChange}: it reads the text with its quotes and back-slashes removed, and
	 * where the line expands anything, also any built-in or program that sets a variable or an option whose name an
	 * expansion may make.
	 */
	static boolean globsExpandAsByDefault(String line) {
		if (GLOBBING_FROM_ENVIRONMENT) {
			return false;
		}
		boolean expands = line.indexOf('$') >= 0 || line.indexOf('`') >= 0;
		String plain = withoutQuotes(line);
		for (String name : GLOBBING_NAMES) {
			if (plain.contains(name)) {
				return false;
			}
		}
		if (nextStandalone(plain, "set", 0) >= 0) {
			return false; // set -f: the program gets the pattern, and may match it itself (zip, find)
		}
		if (expands) {
			for (String word : NAME_SETTERS) {
				if (nextStandalone(plain, word, 0) >= 0) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Whether the environment that commands inherit already sets what changes a nested bash's globbing (or names a
	 * start-up file it reads first).
	 */
	private static final boolean GLOBBING_FROM_ENVIRONMENT = System.getenv("GLOBIGNORE") != null
			|| System.getenv("BASHOPTS") != null || System.getenv("BASH_ENV") != null
			|| (System.getenv("SHELLOPTS") != null && System.getenv("SHELLOPTS").contains("noglob"));
	/** The line with its quotes and back-slashes removed: how the shell spells a word made of quoted pieces. */
	private static String withoutQuotes(String line) {
		StringBuilder text = new StringBuilder(line.length());
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c != '\'' && c != '"' && c != '\\') {
				text.append(c);
			}
		}
		return text.toString();
	}

	/**
	 * Whether {@code word} stands alone in the line with its quotes and back-slashes removed, as
	 * {@code nextStandalone(withoutQuotes(line), word, 0) >= 0} says, without making that copy of the line.
	 */
	static boolean standsAloneWithoutQuotes(String line, String word) {
		for (int k = 1; k < word.length(); k++) {
			if (line.indexOf(word.charAt(k)) < 0) {
				return false; // the usual case, found at the cost of a search for a letter (`exec` needs an `x`)
			}
		}
		if (line.indexOf('\'') < 0 && line.indexOf('"') < 0 && line.indexOf('\\') < 0) {
			return nextStandalone(line, word, 0) >= 0;
		}
		char initial = word.charAt(0); // a letter, never a quote
		for (int i = line.indexOf(initial); i >= 0; i = line.indexOf(initial, i + 1)) {
			int before = i - 1; // the character before, quotes skipped: none at the start
			while (before >= 0 && isQuoteCharacter(line.charAt(before))) {
				before--;
			}
			if (before >= 0 && isPathChar(line.charAt(before))) {
				continue;
			}
			int at = i;
			int matched = 0;
			while (matched < word.length() && at < line.length()) {
				char d = line.charAt(at++);
				if (isQuoteCharacter(d)) {
					continue;
				}
				if (d != word.charAt(matched)) {
					break;
				}
				matched++;
			}
			while (matched == word.length() && at < line.length() && isQuoteCharacter(line.charAt(at))) {
				at++;
			}
			if (matched == word.length() && (at == line.length() || !isPathChar(line.charAt(at)))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isQuoteCharacter(char c) {
		return c == '\'' || c == '"' || c == '\\';
	}

	private static final String[] GLOBBING_NAMES = { "shopt", "dotglob", "GLOBIGNORE", "BASHOPTS", "SHELLOPTS",
			"noglob", "BASH_ENV", "PWD", "HOME" };
	private static final String[] NAME_SETTERS = { "declare", "typeset", "local", "export", "readonly", "read",
			"mapfile", "readarray", "printf", "getopts", "let", "eval", "source", ".", "enable", "builtin",
			"command", "exec", "env", "sudo", "doas", "-O", "+O" };

	/**
	 * Where the next occurrence of {@code word} at or after {@code from} that stands alone (not inside a longer
	 * name or path) ends, or -1 when there is none.
	 */
	static int nextStandalone(String line, String word, int from) {
		int at = line.indexOf(word, from);
		while (at >= 0) {
			int after = at + word.length();
			if ((at == 0 || !isPathChar(line.charAt(at - 1))) && (after == line.length()
					|| !isPathChar(line.charAt(after)))) {
				return after;
			}
			at = line.indexOf(word, after);
		}
		return -1;
	}

	private static boolean isPathChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
	}

	// ---- the walk

	private void script(Script script, String context, List<Redirect> inherited) {
		if (!namesRead && SUBSTITUTION.equals(context)) {
			boolean read = outputRead;
			boolean opened = namesOpened;
			outputRead = true; // the line reads what a substitution prints, and may take it for names
			namesRead = true;
			namesOpened = true;
			try {
				script(script, context, inherited);
			} finally {
				outputRead = read;
				namesRead = false;
				namesOpened = opened;
			}
			return;
		}
		List<Pipeline> pipelines = script.pipelines();
		scriptDepth++;
		try {
			walk(pipelines, context, inherited);
		} finally {
			scriptDepth--;
		}
	}

	private void walk(List<Pipeline> pipelines, String context, List<Redirect> inherited) {
		for (int p = 0; p < pipelines.size(); p++) {
			Pipeline pipeline = pipelines.get(p);
			if (scriptDepth == 1) {
				if (listStarts == null) {
					listStarts = new int[pipelines.size()];
				}
				listStarts[p] = parts.size(); // a list of the line's own: its parts follow those of the lists before
			}
			if (pipeline.commands().size() == 1) {
				command(pipeline.commands().get(0), context, inherited); // no pipeline rule applies to one command
				continue;
			}
			List<Stage> stages = new ArrayList<>(pipeline.commands().size());
			findNamesTakerAndKeeper(pipeline.commands());
			int namesTaker = this.namesTaker;
			int namesKept = this.namesKept;
			boolean takerOpens = namesTaker > 0 && opensNames(pipeline.commands().get(namesTaker));
			for (int i = 0; i < pipeline.commands().size(); i++) {
				Command command = pipeline.commands().get(i);
				int first = parts.size();
				boolean read = outputRead;
				boolean names = namesRead;
				boolean opened = namesOpened;
				namesOpened = opened || (takerOpens && i < namesTaker);
				outputRead = read || i < pipeline.commands().size() - 1; // the next command reads what it prints
				// through filters too: `ls -a | tr '\n' ' ' | xargs cat`, `ls -a | grep . > list.txt`
				namesRead = names || i < namesKept;
				boolean fromListing = argumentsFromListing;
				boolean piped = pipedInput;
				argumentsFromListing = i == namesTaker && listingStages(pipeline.commands(), i);
				pipedInput = i > 0;
				try {
					command(command, context, inherited);
				} finally {
					outputRead = read;
					namesRead = names;
					namesOpened = opened;
					argumentsFromListing = fromListing;
					pipedInput = piped;
				}
				stages.add(new Stage(first, parts.size()));
			}
			if (stages.size() > 1 && rules.hasBuiltIn(BuiltInDenyRule.DOWNLOAD_TO_SHELL)) {
				denyDownloadPipedToShell(stages);
			}
		}
	}

	/**
	 * Whether a command that takes what it reads for names of files opens them: one that runs another program on
	 * them ({@code xargs}, {@code parallel}), one whose program is not spelled out, or a compound command. An archiver
	 * that reads names ({@code cpio -o}, {@code tar -T -}) keeps the links among them as links unless told
	 * otherwise, which its own facts judge.
	 */
	private static boolean opensNames(Command command) {
		if (!(command instanceof SimpleCommand simple)) {
			return true;
		}
		List<Word> words = simple.words();
		return (!words.isEmpty() && !words.get(0).literal()) || namesXargsOrParallel(words);
	}

	/** Whether a word names {@code xargs} or {@code parallel}, also behind a wrapper ({@code timeout 5 xargs cat}). */
	private static boolean namesXargsOrParallel(List<Word> words) {
		for (int w = 0; w < words.size(); w++) {
			String text = words.get(w).text();
			if (text.contains("xargs") || text.contains("parallel")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Finds, in one walk from the end of a pipeline with one lookup of each program, {@link #namesTaker}: the index
	 * of the last command that may take what it reads for names of files, or -1: one that names {@code xargs} or
	 * {@code parallel} in a word (also through a wrapper: {@code timeout 5 xargs cat}), that reads the names of the
	 * files it works on from its input ({@link #takesNames}: {@code cpio -o}), whose program is not spelled out, or
	 * a compound command; and {@link #namesKept}: the greater of that index and that of the last command after the
	 * first that may keep what it reads in a file: its output is redirected to a file; it names {@code tee},
	 * {@code sponge} or {@code dd}, or a shell, in a word; or a program whose facts write files writes one by its
	 * words, or runs code that may ({@code sort -o list.txt}, {@code sed -n 'w l'}, {@code split - part},
	 * {@code awk '{print > "l"}'}), also behind a wrapper. Names a listing prints into such a pipeline are kept as
	 * {@code ls -a > list.txt} keeps them.
	 */
	private void findNamesTakerAndKeeper(List<Command> commands) {
		int keeper = -1;
		int taker = -1;
		for (int i = commands.size() - 1; i > 0 && taker < 0; i--) {
			if (!(commands.get(i) instanceof SimpleCommand simple)) {
				taker = i;
				break;
			}
			List<Word> words = simple.words();
			PolicyRules.Known known = words.isEmpty() ? null : rules.known(Quoting.basename(words.get(0).text()));
			if (!words.isEmpty() && (!words.get(0).literal() || takesNames(words, known))) {
				taker = i; // `find src | cpio -o`, `git ls-files | zip x.zip -@`
			} else if (namesXargsOrParallel(words)) {
				taker = i;
			} else if (keeper < 0 && keeps(simple, known)) {
				keeper = i;
			}
		}
		namesTaker = taker;
		namesKept = Math.max(taker, keeper);
	}

	/** What {@link #findNamesTakerAndKeeper} found for the pipeline walked now. */
	private int namesTaker;
	private int namesKept;

	/** Whether a command may keep what it reads in a file; {@code known} is what the policy knows of its program. */
	private boolean keeps(SimpleCommand command, PolicyRules.Known known) {
		if (keepsOutput(command.redirects())) {
			return true;
		}
		List<Word> words = command.words();
		if (words.isEmpty()) {
			return false;
		}
		// the program of each word after a wrapper may be the one that runs (`timeout 5 sort -o l`)
		int last = known.wraps() ? words.size() : 1;
		for (int w = 0; w < last; w++) {
			String name = Quoting.basename(words.get(w).text());
			if (KEEPS_INPUT.contains(name) || Wrappers.SHELLS.contains(name)) {
				return true; // what a shell's script does with its input is not looked into
			}
			FactTable.Program program = w == 0 ? known.facts() : rules.facts().program(name);
			if (program != null && program.writesFiles && words.get(w).literal()) {
				List<FactScan.Hit> hits = FactScan.scan(rules.facts(), program, words.subList(w, words.size())).hits();
				for (int h = 0; h < hits.size(); h++) {
					FactTable.Kind kind = hits.get(h).fact().kind();
					if (kind == FactTable.Kind.WRITES || kind == FactTable.Kind.RUNS) {
						return true; // a write, or code that may write (awk's `print >`)
					}
				}
			}
		}
		return false;
	}

	/** Whether a word gives one of these options the standard input as its value ({@code --files-from=/dev/stdin}). */
	private static boolean attachedStandardInput(String text, Set<String> options) {
		for (String option : options) {
			if (text.length() > option.length() && text.startsWith(option)) {
				String value = text.substring(option.length());
				if (FactScan.standardInput(value.startsWith("=") ? value.substring(1) : value)) {
					return true;
				}
			}
		}
		return false;
	}

	/** Programs that write what they read into files they are given (`ls -a | tee list.txt`). */
	private static final Set<String> KEEPS_INPUT = Names.setOf("tee", "sponge", "dd");

	/**
	 * Whether a command may take the names of the files it works on from its input: its program has an option with a
	 * {@code names} fact, and a word gives one that takes no value ({@code cpio -o}, {@code zip -@}, also in a
	 * cluster: {@code cpio -ov}) or gives one that takes a value the value {@code -} ({@code tar -T -}, {@code wc
	 * --files0-from=-}). Behind a wrapper ({@code timeout 60 cpio -o}), any word may name that program. Read from
	 * the words, without a scan: {@code ls | wc -l} and {@code ls | sort -} stay listings printed for the user (a
	 * names option this misses, such as an abbreviation, is asked about by {@link #decide}).
	 */
	private boolean takesNames(List<Word> words, PolicyRules.Known known) {
		FactTable.Program program = known.facts();
		if ((program == null || !program.takesNames) && known.wraps()) {
			program = null;
			for (int w = 1; program == null && w < words.size(); w++) {
				FactTable.Program wrapped = rules.facts().program(Quoting.basename(words.get(w).text()));
				program = wrapped != null && wrapped.takesNames ? wrapped : null;
			}
		}
		if (program == null || !program.takesNames) {
			return false;
		}
		for (int w = 1; w < words.size(); w++) {
			String text = words.get(w).text();
			if (program.namesFromInput.contains(text)
					|| (FactScan.standardInput(text) && program.namesValued.contains(words.get(w - 1).text()))
					|| attachedStandardInput(text, program.namesValued)) {
				return true; // `cpio -o`, `tar -T -`, `tar -T-`, `wc --files0-from=-`, `tar -T /dev/stdin`
			}
			for (int c = 1; text.length() > 2 && text.charAt(0) == '-' && text.charAt(1) != '-' && c < text.length();
					c++) {
				if (program.namesFromInput.contains("-" + text.charAt(c))) {
					return true; // `cpio -ov`
				}
			}
		}
		return false;
	}

	/**
	 * A glob in front of a word ({@code tar -cf x.tar *}) expands to the names of the working folder, and a file
	 * named like an option ({@code --checkpoint-action=exec=id}, made by an earlier {@code touch}) becomes one:
	 * such a name that the glob matches is asked about. The folder is listed once per line, and only for a glob
	 * before {@code --}.
	 */
	private void optionLikeNames(List<Word> judged, String program, Judgement judgement) {
		for (int i = 1; i < judged.size(); i++) {
			Word word = judged.get(i);
			String text = word.text();
			if (word.literal() && text.equals("--")) {
				return;
			}
			if (word.literal() || text.isEmpty() || "*?[".indexOf(text.charAt(0)) < 0 || text.indexOf('/') >= 0) {
				continue;
			}
			for (String name : dashNames()) {
				if (globMatches(text, name)) {
					judgement.raise(PartStatus.NOT_COVERABLE, "`" + Quoting.oneLine(text) + "` matches the file `"
							+ Quoting.oneLine(name) + "`, whose name `" + program + "` would take for an option", null);
					return;
				}
			}
		}
	}

	/** The names in the working folder that start with {@code -}, listed when first asked for. */
	private List<String> dashNames() {
		if (dashNames == null) {
			List<String> names = new ArrayList<>(0);
			try (java.nio.file.DirectoryStream<Path> entries = java.nio.file.Files.newDirectoryStream(
					workingDirectory, "-*")) {
				for (Path entry : entries) {
					names.add(entry.getFileName().toString());
				}
			} catch (java.io.IOException | RuntimeException e) {
				// a folder that cannot be listed holds no name the check could find
			}
			dashNames = names;
		}
		return dashNames;
	}

	private List<String> dashNames;

	private static boolean globMatches(String glob, String name) {
		try {
			return java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(name));
		} catch (RuntimeException e) {
			return true; // a glob Java cannot read: the name may match
		}
	}

	/**
	 * Whether an interpreter is given no script (or {@code -}) and no code or module by an option, so that it reads
	 * its program from its input ({@code echo 'import os; os.system("id")' | python3}).
	 */
	private static boolean noProgramGiven(FactScan scan, List<Word> judged) {
		for (FactScan.Hit hit : scan.hits()) {
			if (hit.fact().spelling().startsWith("@") && !"-".equals(hit.word())) {
				return false; // the script it runs is an operand, judged by the facts
			}
		}
		for (int i = 1; i < judged.size(); i++) {
			String text = judged.get(i).text();
			if (CODE_OPTIONS.contains(text) || (text.length() > 2 && text.charAt(0) == '-' && text.charAt(1) != '-'
					&& "cmerE".indexOf(text.charAt(1)) >= 0)) {
				return false; // `-c CODE`, `-m MODULE`, `-e CODE`: judged by the facts
			}
		}
		return true;
	}

	/**
	 * Whether the command reads what the line gives it on its input: the command before it in a pipeline, a
	 * here-document or a here-string (a file redirected in is judged as a file it reads).
	 */
	private boolean inputGiven(List<Redirect> redirects) {
		if (pipedInput) {
			return true;
		}
		for (int i = 0; i < redirects.size(); i++) {
			Redirect.Kind kind = redirects.get(i).kind();
			if ((kind == Redirect.Kind.HEREDOC || kind == Redirect.Kind.HERESTRING) && redirects.get(i).fd() <= 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a program that reads commands on its input is given them by an option instead, and then does not read
	 * its input for commands ({@code psql -c 'select 1'}, {@code mysql -e …}, {@code psql -f schema.sql}); the
	 * option's value is judged by the program's facts.
	 */
	private static boolean commandsGiven(List<Word> judged) {
		for (int i = 1; i < judged.size(); i++) {
			String text = judged.get(i).text();
			int equals = text.indexOf('=');
			if (COMMAND_OPTIONS.contains(equals < 0 ? text : text.substring(0, equals))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The word that {@code pnpm WORD} runs as a program, or null: pnpm runs one of its own commands, else the script
	 * of that name in the package's {@code package.json} (in the folder {@code -C}/{@code --dir} names), else the
	 * program of that name. A word that is no command the table knows, no command of {@link #PNPM_COMMANDS} and no
	 * script of the package (a missing or unreadable package.json has none) is such a program. With a filter or
	 * {@code -r}, pnpm runs the scripts of the selected packages and falls back to nothing.
	 */
	private String pnpmFallback(List<Word> judged, PolicyRules.Known known, FactScan scan) {
		FactTable.Program pnpm = known.facts();
		if (pnpm == null || scan.program() != pnpm) {
			return null; // a command of pnpm's that the table knows
		}
		String dir = null;
		for (int i = 1; i < judged.size(); i++) {
			Word word = judged.get(i);
			String text = word.text();
			if (word.literal() && text.startsWith("-") && !text.equals("-")) {
				int equals = text.indexOf('=');
				String name = equals < 0 ? text : text.substring(0, equals);
				if (PNPM_SELECTORS.contains(name)) {
					return null;
				}
				FactTable.Option option = pnpm.option(name, true);
				boolean valued = option != null && option.arity() == FactTable.Arity.VALUE && equals < 0;
				if (name.equals("-C") || name.equals("--dir")) {
					dir = equals >= 0 ? text.substring(equals + 1) : i + 1 < judged.size() ? judged.get(i + 1).text() : "";
				}
				i += valued ? 1 : 0;
				continue;
			}
			if (!word.literal()) {
				return text; // what it names cannot be known
			}
			return PNPM_COMMANDS.contains(text) || packageScripts(dir).contains(text) ? null : text;
		}
		return null;
	}

	/**
	 * The word that {@code bun run WORD} runs as a program, or null: bun runs the package's script of that name, else
	 * the file of that name (judged by the facts as a script it loads), else a program of that name from the
	 * package's binaries or the system's.
	 */
	private String bunRunFallback(List<Word> judged, PolicyRules.Known known, FactScan scan) {
		FactTable.Program bun = known.facts();
		FactTable.Program run = bun == null ? null : bun.subcommand("run");
		if (run == null || scan.program() != run) {
			return null;
		}
		boolean afterRun = false;
		for (int i = 1; i < judged.size(); i++) {
			Word word = judged.get(i);
			String text = word.text();
			if (!afterRun) {
				afterRun = word.literal() && text.equals("run");
				continue;
			}
			if (word.literal() && text.startsWith("-") && !text.equals("-")) {
				continue; // bun run's own options take no value before the script (`--bun`, `--silent`)
			}
			if (!word.literal()) {
				return text;
			}
			try {
				if (java.nio.file.Files.isRegularFile(workingDirectory.resolve(text))) {
					return null; // a file, which the facts judge as a script it loads
				}
			} catch (java.nio.file.InvalidPathException e) {
				return text;
			}
			return packageScripts(null).contains(text) ? null : text;
		}
		return null;
	}

	/** The names of the scripts of the package.json in {@code dir} (the working directory when null), or none. */
	private Set<String> packageScripts(String dir) {
		if (dir != null && (dir.isEmpty() || dir.startsWith("/") || dir.startsWith("~") || dir.contains(".."))) {
			return Set.of(); // a folder that may lie outside the workspace is not read (its -C is asked about)
		}
		try {
			Path file = (dir == null ? workingDirectory : workingDirectory.resolve(dir)).resolve("package.json");
			if (!java.nio.file.Files.isRegularFile(file) || java.nio.file.Files.size(file) > 4 << 20) {
				return Set.of();
			}
			com.google.gson.JsonElement scripts = com.google.gson.JsonParser
					.parseString(java.nio.file.Files.readString(file)).getAsJsonObject().get("scripts");
			return scripts != null && scripts.isJsonObject() ? scripts.getAsJsonObject().keySet() : Set.of();
		} catch (java.io.IOException | RuntimeException e) {
			return Set.of(); // no scripts can be read: the word is judged as a program
		}
	}

	/** pnpm's own commands (those the table has facts for are found by the scan already). */
	private static final Set<String> PNPM_COMMANDS = Set.of("add", "approve-builds", "audit", "bin", "c", "cat-file",
			"cat-index", "config", "create", "dedupe", "deploy", "dlx", "docs", "doctor", "env", "exec", "fetch",
			"find-hash", "get", "help", "home", "i", "ignored-builds", "import", "info", "init", "install",
			"install-test", "it", "licenses", "link", "list", "ll", "ln", "login", "logout", "ls", "outdated", "pack",
			"patch", "patch-commit", "patch-remove", "prune", "publish", "rb", "rebuild", "recursive", "remove", "rm",
			"root", "run", "run-script", "sbom", "search", "self-update", "server", "set", "setup", "start", "stop",
			"restart", "store", "t", "test", "tst", "uninstall", "unlink", "up", "update", "upgrade", "version", "view",
			"whoami", "why", "dist-tag", "deprecate", "undeprecate", "unpublish", "owner", "team", "org", "access",
			"adduser", "ping", "show");

	/** pnpm's options that select packages of a workspace, whose scripts it then runs (it falls back to nothing). */
	private static final Set<String> PNPM_SELECTORS = Set.of("-F", "--filter", "--filter-prod", "-r", "--recursive");

	/** The options with which a program that reads commands on its input is given them instead. */
	private static final Set<String> COMMAND_OPTIONS = Set.of("-c", "--command", "-e", "--execute", "-f", "--file");

	/** The options with which an interpreter runs code or a module it is given, not its input. */
	private static final Set<String> CODE_OPTIONS = Set.of("-c", "-m", "-e", "-E", "-r", "-p", "--eval", "--print",
			"--command");

	/**
	 * Whether the wrapper that adds arguments at run time ({@code xargs}) reads them from something the line
	 * gives it: the command before it in a pipeline, an input redirection (not {@code /dev/null}), or a file it is
	 * given ({@code xargs -a FILE}). A command run alone reads no input.
	 */
	private boolean argumentsFromInput(Layers layers, List<Redirect> redirects) {
		if (pipedInput) {
			return true;
		}
		for (int i = 0; i < redirects.size(); i++) {
			Redirect redirect = redirects.get(i);
			if (redirect.kind() == Redirect.Kind.INPUT && !HARMLESS_READS.contains(redirect.target().text())) {
				return true;
			}
		}
		for (int l = 0; l < layers.words.size() && layers.words.get(l) != layers.judged; l++) {
			List<Word> layer = layers.words.get(l);
			for (int w = 1; w < layer.size(); w++) {
				String text = layer.get(w).text();
				if (text.startsWith("--arg-file") || (text.startsWith("-") && !text.startsWith("--")
						&& text.indexOf('a') > 0)) {
					return true;
				}
			}
		}
		return false;
	}

	/** How a reason about names read from the input ends: what is judged instead. */
	private static final String LISTINGS_JUDGED = " (names that a listing such as `find` or `git ls-files` prints are"
			+ " judged by its facts)";

	/** Whether a fact of the program's operands is about paths or programs (not only words, as `echo`'s). */
	private static boolean judgesPaths(FactTable.Program program) {
		for (FactTable.Fact fact : program.operandFacts) {
			if (fact.kind() != FactTable.Kind.SCRIPT && fact.kind() != FactTable.Kind.TAKES
					&& fact.kind() != FactTable.Kind.PLAIN && fact.kind() != FactTable.Kind.TASK) {
				return true;
			}
		}
		return false;
	}

	/** Whether the commands before {@code end} only list names of files, or pick some of the lines they read. */
	private boolean listingStages(List<Command> commands, int end) {
		for (int i = 0; i < end; i++) {
			if (!(commands.get(i) instanceof SimpleCommand simple) || simple.words().isEmpty()
					|| !simple.words().get(0).literal() || !lister(simple.words())) {
				return false;
			}
		}
		return true;
	}

	private void command(Command command, String context, List<Redirect> inherited) {
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
	}

	private void denyDownloadPipedToShell(List<Stage> stages) {
		String downloader = null;
		for (int s = 0; s < stages.size(); s++) {
			Stage stage = stages.get(s);
			for (int i = stage.first(); i < stage.end(); i++) {
				List<String> names = parts.get(i).names();
				for (int n = 0; n < names.size(); n++) {
					String name = names.get(n);
					if (downloader != null && StructuralRules.isInterpreter(name)) {
						parts.set(i, parts.get(i).denied("pipes a download (`" + downloader + "`) into `" + name
								+ "`", DOWNLOAD_TO_SHELL_RULE));
						break;
					}
				}
			}
			for (int i = stage.first(); i < stage.end() && downloader == null; i++) {
				List<String> names = parts.get(i).names();
				for (int n = 0; n < names.size(); n++) {
					String name = names.get(n);
					if (StructuralRules.isDownloader(name)) {
						downloader = name;
					}
				}
			}
		}
	}

	/** What the wrappers of a simple command run, layer by layer, as {@link #unwrap} finds it. */
	private static final class Layers {
		/** The words of each layer: the command itself, then what each wrapper runs. */
		final List<List<Word>> words = new ArrayList<>(2);
		/** What the policy knows of each layer's program: the one lookup of its name. */
		final List<PolicyRules.Known> known = new ArrayList<>(2);
		/** The {@code NAME=value} words that wrappers such as {@code env} add. */
		List<Word> envAssignments = List.of();
		/** The files that {@code find -fprint} and its relatives write. */
		List<Word> outputFiles = List.of();
		/** The commands that {@code find -exec} and its relatives run. */
		List<List<Word>> findCommands = List.of();
		/** The wrapper that runs a command string ({@code bash -c}), or null. */
		String runsScriptOf;
		/** Whether arguments are added at run time ({@code xargs}). */
		boolean openTail;
		/** The words matched against the patterns: the innermost layer, or empty when it cannot be judged. */
		List<Word> judged = List.of();
		/**
		 * The command lists of the substitutions and of the command strings the command just decided runs, read
		 * (with {@link #findCommands}) as soon as {@link #decide} returns.
		 */
		List<Nested> decidedNested = List.of();

		/** Empties it for the next command: one instance serves every command of a line. */
		void clear() {
			words.clear();
			known.clear();
			envAssignments = List.of();
			outputFiles = List.of();
			findCommands = List.of();
			runsScriptOf = null;
			openTail = false;
			judged = List.of();
			decidedNested = List.of();
		}
	}

	/**
	 * Judges a simple command where it sits. A long line runs the same commands again and again ({@code … | grep -v
	 * test | wc -l}), and an equal command in an equal place is judged alike (the file system is asked once per line
	 * already): a repeat shares the part of the first and is not decided again. Each repeat still has its place
	 * among the parts, and the commands it runs are walked again, as they are judged in order.
	 */
	private void simple(SimpleCommand command, String context, List<Redirect> inherited) {
		Place place = stoppedLooking ? null
				: new Place(command, context, inherited,
						(namesRead ? 2 : outputRead ? 1 : 0) + (argumentsFromListing ? 3 : 0) + (pipedInput ? 6 : 0)
								+ (namesOpened ? 12 : 0));
		Place first = place == null ? null : earlier(place);
		JudgedPart part;
		List<List<Word>> findCommands;
		List<Nested> nested;
		if (first == null) {
			part = decide(command, context, inherited);
			findCommands = layers.findCommands;
			nested = layers.decidedNested;
			if (place != null) {
				place.part = part;
				place.findCommands = findCommands;
				place.nested = nested;
			}
		} else {
			part = first.part;
			findCommands = first.findCommands;
			nested = first.nested;
		}
		parts.add(part);
		if (findCommands.isEmpty() && nested.isEmpty()) {
			return;
		}
		// what the commands it runs print goes where its output goes (`sh -c 'echo .env' > list`)
		boolean read = outputRead;
		List<Redirect> redirects = command.redirects();
		if (!inherited.isEmpty()) {
			redirects = new ArrayList<>(redirects);
			redirects.addAll(inherited);
		}
		boolean names = namesRead;
		boolean kept = keepsOutput(redirects);
		outputRead = read || kept;
		namesRead = names || kept; // kept in a file, a listing's names may be opened later (`sh -c 'ls -a' > list`)
		try {
			for (int i = 0; i < findCommands.size(); i++) {
				simple(new SimpleCommand(List.of(), findCommands.get(i), List.of()), "run by find", List.of());
			}
			for (int i = 0; i < nested.size(); i++) {
				script(nested.get(i).script(), nested.get(i).context(), List.of());
			}
		} finally {
			outputRead = read;
			namesRead = names;
		}
	}

	/**
	 * The equal place judged before, or null; then {@code place} is noted (with one lookup: {@link #decide} notes
	 * no place).
	 */
	private Place earlier(Place place) {
		if (decided != null) {
			Place found = decided.putIfAbsent(place, place);
			if (found != null) {
				repeated = true;
			} else if (!repeated && decided.size() >= LOOK_FOR_REPEATS) {
				stoppedLooking = true; // each further command is decided as if it were the first
			}
			return found;
		}
		if (firstPlace == null) { // the first place: a line of one command is not hashed
			firstPlace = place;
			return null;
		}
		if (firstPlace.equals(place)) {
			repeated = true;
			return firstPlace;
		}
		for (int i = 0; i < fewPlaceCount; i++) {
			if (fewPlaces[i].equals(place)) {
				repeated = true;
				return fewPlaces[i];
			}
		}
		if (fewPlaceCount < FEW_PLACES - 1) {
			if (fewPlaces == null) {
				fewPlaces = new Place[FEW_PLACES - 1];
			}
			fewPlaces[fewPlaceCount++] = place;
			return null;
		}
		decided = new HashMap<>(expectedPlaces);
		decided.put(firstPlace, firstPlace);
		for (Place few : fewPlaces) {
			decided.put(few, few);
		}
		decided.put(place, place);
		firstPlace = null;
		fewPlaces = null;
		fewPlaceCount = 0;
		return null;
	}

	/**
	 * Decides a simple command in its place: everything its part holds; the commands it runs in turn are left in
	 * {@link Layers#findCommands} and {@link Layers#decidedNested}.
	 */
	private JudgedPart decide(SimpleCommand command, String context, List<Redirect> inherited) {
		List<Nested> nested = substitutions(command);
		List<Redirect> redirects = command.redirects();
		if (!inherited.isEmpty()) {
			redirects = new ArrayList<>(command.redirects());
			redirects.addAll(inherited);
		}

		Judgement judgement = this.judgement;
		judgement.clear();
		List<Word> words = command.words();
		Layers layers = this.layers;
		layers.clear();
		if (!words.isEmpty()) {
			nested = unwrap(words, layers, nested, judgement);
		}
		// one lookup of what the policy knows of each layer's program (most commands have one layer), made by
		// unwrap and read by every check below; the facts of each layer are read once, into its scan
		scannedRedirects = redirects;
		List<FactScan> scans = scans(layers);
		FactScan judgedScan = FactScan.none();
		PolicyRules.Known judgedKnown = PolicyRules.UNKNOWN;
		for (int i = 0; i < scans.size(); i++) {
			if (layers.words.get(i) == layers.judged) {
				judgedScan = scans.get(i);
				judgedKnown = layers.known.get(i);
			}
		}
		List<String> names = names(layers);

		for (int i = 0; i < layers.words.size(); i++) {
			List<Word> layer = layers.words.get(i);
			PolicyRules.Known known = layers.known.get(i);
			if (known.failsClosed() && layer.get(0).literal()) {
				failClosedBuiltins(layer, judgement);
			}
			denyRules(layer, known, scans.get(i), layers.openTail && i == layers.words.size() - 1 && i > 0,
					judgement);
		}
		denyOutputs(redirects, layers.outputFiles, judgement);
		for (int i = 0; i < layers.words.size(); i++) {
			// the command itself, and a built-in that `command` runs (`command printf -v PATH x`)
			if (i == 0 || isCommandBuiltin(layers.words.get(i - 1))) {
				readAlikeInDashAndBash(layers.words.get(i), layers.known.get(i), context, judgement);
			}
		}

		boolean universal = rules.isUniversal();
		PolicyRules.Risk blockedBy = null;
		PolicyRules.Risk risk = judgedScan.risk();
		List<Word> judged = layers.judged;
		TrustPattern covering = null;
		if (!judged.isEmpty()) {
			PolicyRules.Match match = rules.match(judged, rules.trustPatterns(judged.get(0), judgedKnown),
					layers.openTail, risk, assignmentTexts(command, layers));
			if (match.pattern() != null) {
				covering = match.pattern();
				judgement.pattern = judgement.status == PartStatus.COVERED ? match.pattern().text() : judgement.pattern;
			} else {
				blockedBy = match.blockedBy();
				// the part writes the reason when it is read
				judgement.raise(PartStatus.NOT_COVERED, null, null, blockedBy == null || judgedScan.riskHit() == null
						? null : partFact(judgedScan.riskHit(), riskKind(judgedScan.riskHit()), false));
			}
			if (!universal && judgedKnown.failsClosed()) {
				declarations(judged, covering, judgement);
			}
		}
		if (!universal) {
			checkAssignmentsAndTargets(command, layers, redirects, covering, judgement);
			if (layers.openTail && !argumentsFromListing && argumentsFromInput(layers, redirects)
					&& judgedScan.program() != null
					&& (judgedScan.program().riskyOptions || judgesPaths(judgedScan.program())) && !judged.isEmpty()) {
				// `echo -o/tmp/x | xargs sort`, `xargs -a list.txt cat`: the arguments may be any options or paths
				String adder = names.contains("parallel") && !names.contains("xargs") ? "parallel" : "xargs";
				judgement.raise(PartStatus.NOT_COVERABLE, "`" + adder + "` gives `" + judgedKnown.name()
						+ "` arguments read from its input, which may be options or paths that cannot be judged"
						+ LISTINGS_JUDGED, null);
			}
		}
		if (!universal && !argumentsFromListing && !judgedScan.hits().isEmpty()) {
			FactScan.Hit namesHit = judgedScan.namesFromInput();
			if (namesHit != null && argumentsFromInput(layers, redirects)) {
				// `echo /etc/shadow | cpio -o`, `tar -cf x.tar -T - < list.txt`: names the check cannot see
				judgement.raise(PartStatus.NOT_COVERABLE, namesHit.subject() + " " + namesHit.fact().effect()
						+ ", which the line gives it from a command that does not only list names of files"
						+ LISTINGS_JUDGED, null,
						partFact(namesHit, PartFact.Kind.NAMES, false));
			}
		}
		if (!universal && argumentsFromListing && layers.openTail && !judgedScan.hits().isEmpty()) {
			replacedNames(layers, judgedScan, judgement);
		}
		if (!universal && judgedScan.program() != null && judgedScan.program().riskyOptions) {
			optionLikeNames(judged, judgedKnown.name(), judgement);
		}
		if (!judged.isEmpty() && inputGiven(redirects) && StructuralRules.isInterpreter(judgedKnown.name())
				&& (covering == null || covering.wildcard()) && noProgramGiven(judgedScan, judged)) {
			judgement.raise(PartStatus.NOT_COVERED, "`" + judgedKnown.name() + "` runs the code it reads from its"
					+ " input, which the line gives it; only a pattern that spells it out covers it", null);
		}
		String fallback = universal || judged.isEmpty() || (covering != null && !covering.wildcard()) ? null
				: switch (judgedKnown.name()) {
				case "pnpm" -> pnpmFallback(judged, judgedKnown, judgedScan);
				case "bun" -> bunRunFallback(judged, judgedKnown, judgedScan);
				default -> null;
				};
		if (fallback != null) {
			// `pnpm id`, `bun run id`: a script of that name, or else the program of that name
			judgement.raise(PartStatus.NOT_COVERED, "`" + judgedKnown.name() + "` runs the program `"
					+ Quoting.oneLine(fallback) + "`: that word is no " + judgedKnown.name() + " command, no script of"
					+ " the package and no file, so " + judgedKnown.name() + " runs the program of that name; only a"
					+ " pattern that spells it out covers it", null);
		}
		if (!judged.isEmpty() && inputGiven(redirects) && StructuralRules.readsCommands(judgedKnown.name())
				&& (covering == null || covering.wildcard()) && !commandsGiven(judged)) {
			// `echo '.shell id' | sqlite3 app.db`, `printf '!id\n' | ed notes.txt`, `echo 'shell id' | gdb -q`
			judgement.raise(PartStatus.NOT_COVERED, "`" + judgedKnown.name() + "` runs the commands it reads from its"
					+ " input, which the line gives it and which can run programs or read and write files; only a"
					+ " pattern that spells it out covers it", null);
		}
		for (int i = 0; i < scans.size(); i++) {
			factChecks(scans.get(i), i < layers.words.size() ? layers.words.get(i) : List.of(), universal,
					judgement); // also what wrappers read (`xargs -a FILE`)
			FactScan.Hit wrapperRisk = scans.size() == 1 ? null : scans.get(i).riskHit();
			if (wrapperRisk != null && scans.get(i) != judgedScan && !universal
					&& (covering == null || !covering.text().contains(wrapperRisk.word()))) {
				// a wrapper's own option that runs or changes what runs (`env -u NPM_CONFIG_IGNORE_SCRIPTS npm …`)
				judgement.raise(PartStatus.NOT_COVERED, "`" + Quoting.oneLine(wrapperRisk.word()) + "` of `"
						+ wrapperRisk.fact().program() + "` " + wrapperRisk.fact().effect()
						+ "; only a pattern that spells it out covers it", null,
						partFact(wrapperRisk, riskKind(wrapperRisk), false));
			}
		}
		// a variable set for the command may make it read what it takes for a pattern (`GREP=cat zgrep .env x`)
		guard(words, command.assignments().isEmpty() && layers.envAssignments.isEmpty() ? patternWords(scans, layers)
				: List.of(), command.assignments(), layers.envAssignments, redirects, layers.outputFiles, scans, layers,
				judgement);

		String reason = judgement.reason;
		if (judgement.status == PartStatus.COVERED && judgement.pattern == null) {
			if (layers.runsScriptOf != null) {
				reason = "runs the command line given to `" + layers.runsScriptOf
						+ "`, whose commands are judged on their own";
			} else {
				reason = words.isEmpty() && layers.findCommands.isEmpty()
						? "runs nothing: it only assigns variables or redirects"
						: "covered";
			}
		}
		layers.decidedNested = nested;
		JudgedPart part = new JudgedPart(command, inherited, redirects, layers.envAssignments, judged,
				layers.openTail, context, names, judgement.status, judgement.pattern, reason, blockedBy, risk,
				judgement.decidingFact());
		return universal ? part : part.withPaths(paths(scans, redirects));
	}

	/**
	 * The paths a command uses, by its facts and its redirections, and the folders its {@code links} facts say it may
	 * make symbolic links in; null when there are none. A path it reads, writes or loads, a folder it walks following
	 * links or whose names another command opens, a listing whose names another command opens, is used with all it
	 * holds; a folder walked without following links, only by itself and the paths below it (a link made in it is
	 * not followed, but the folder or one on the way may be replaced by one, which a program given it may follow:
	 * `grep -r x out`); a walk of what Git tracks or of what Git adds or cleans, a listing printed for the
	 * user, not at all (none of them follows a link).
	 */
	private JudgedPart.Paths paths(List<FactScan> scans, List<Redirect> redirects) {
		List<String> used = null;
		List<String> walked = null;
		List<String> linksMadeIn = null;
		PartFact linksFact = null;
		for (int s = 0; s < scans.size(); s++) {
			FactScan scan = scans.get(s);
			List<FactScan.Hit> hits = scan.hits();
			for (int i = 0; i < hits.size(); i++) {
				FactScan.Hit hit = hits.get(i);
				FactTable.Fact fact = hit.fact();
				FactTable.Kind kind = fact.kind();
				if (kind == FactTable.Kind.LINKS) {
					String folder = fact.here() ? "." : fact.defaultOperand() != null ? fact.defaultOperand()
							: hit.value() == null ? null : pathOf(hit);
					if (folder != null && !(fact.carries() && carriesNoLinks(hits, hit))) {
						linksMadeIn = add(linksMadeIn, folder);
						linksFact = linksFact != null ? linksFact : partFact(hit, PartFact.Kind.WRITES, false);
					}
				} else if (hit.value() == null) {
					continue;
				} else if (kind == FactTable.Kind.READS || kind == FactTable.Kind.WRITES
						|| kind == FactTable.Kind.LOADS || (kind == FactTable.Kind.LISTS && namesOpened)) {
					used = add(used, pathOf(hit));
				} else if (kind == FactTable.Kind.RECURSES && !fact.tracked() && !fact.deletes()
						&& !fact.gitIgnores()) {
					// the names of a walk that another command opens, it opens through the links among them
					if (namesOpened || followsLinks(scan, fact)) {
						used = add(used, pathOf(hit));
					} else {
						walked = add(walked, pathOf(hit));
					}
				}
			}
		}
		for (int i = 0; i < redirects.size(); i++) {
			Redirect redirect = redirects.get(i);
			if ((redirect.kind() == Redirect.Kind.OUTPUT || redirect.kind() == Redirect.Kind.INPUT)
					&& !HARMLESS_READS.contains(redirect.target().text())) {
				used = add(used, redirect.target().text());
			}
		}
		if (linksMadeIn != null) {
			linksMade = true;
		}
		return used == null && walked == null && linksMadeIn == null ? null
				: new JudgedPart.Paths(used == null ? List.of() : used, walked == null ? List.of() : walked,
						linksMadeIn == null ? List.of() : linksMadeIn, linksFact);
	}

	/**
	 * Whether a command that makes the links its other operands name or hold ({@code cp -a}, {@code mv}) is given
	 * only regular files, by literal words: then it makes none ({@code mv a.txt b.txt}).
	 */
	private boolean carriesNoLinks(List<FactScan.Hit> hits, FactScan.Hit links) {
		boolean any = false;
		for (int i = 0; i < hits.size(); i++) {
			FactScan.Hit hit = hits.get(i);
			FactTable.Kind kind = hit.fact().kind();
			if (hit == links || hit.value() == null || hit.index() == links.index()
					|| !hit.fact().spelling().startsWith("@") || (kind != FactTable.Kind.READS
							&& kind != FactTable.Kind.WRITES && kind != FactTable.Kind.RECURSES)) {
				continue;
			}
			if (!hit.valueLiteral()) {
				return false;
			}
			try {
				if (!java.nio.file.Files.isRegularFile(workingDirectory.resolve(pathOf(hit)),
						java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
					return false;
				}
			} catch (java.nio.file.InvalidPathException e) {
				return false;
			}
			any = true;
		}
		return any;
	}

	private static List<String> add(List<String> list, String text) {
		List<String> result = list == null ? new ArrayList<>(2) : list;
		result.add(text);
		return result;
	}

	/** Whether a part of the line may make symbolic links ({@link #linksMadeOnTheLine}). */
	private boolean linksMade;

	/**
	 * Where the parts of each list of the line's own start (a pipeline or a compound command each): the lists of a
	 * line run one after the other, unless one is put in the background.
	 */
	private int[] listStarts;
	private int scriptDepth;

	/** The list of the line's own that the part at {@code index} belongs to. */
	private int listOf(int index) {
		int list = 0;
		while (list + 1 < listStarts.length && listStarts[list + 1] <= index) {
			list++;
		}
		return list;
	}

	/**
	 * A command that may make symbolic links (an archive extracted, links copied or moved, a checkout: the
	 * {@code links} facts) leaves the checks of the paths that the line's other commands use in that folder unsound:
	 * they look at the file system before the line runs, and a link made there may lead anywhere by the time they
	 * run ({@code tar -xf x.tar -C src && cat src/k/id_rsa}, {@code git checkout other && grep -R KEY .}). Each such
	 * command in the same list of the line (the commands of a pipeline run together, a substitution before the
	 * command it is part of) or in a later one is asked about; on a line that puts a command in the background
	 * ({@code &}), every one. The folder is also the one its words reach through the links there now
	 * ({@code srclink/k} where {@code srclink -> src}), and the folders that links in it lead to, through which an
	 * archive extracts. The command that makes the links is judged on its own.
	 */
	private void linksMadeOnTheLine(String line) {
		int background = 0; // 1 when the line may put a command in the background, -1 when not; 0: not read yet
		for (int m = 0; m < parts.size(); m++) {
			JudgedPart.Paths maker = parts.get(m).paths();
			if (maker == null || maker.linksMadeIn().isEmpty()) {
				continue;
			}
			List<String> folders = null; // made for the first part that uses a path
			for (int i = 0; i < parts.size(); i++) {
				JudgedPart part = parts.get(i);
				JudgedPart.Paths paths = part.paths();
				if (i == m || paths == null || (paths.used().isEmpty() && paths.walked().isEmpty())
						|| part.status().compareTo(PartStatus.NOT_COVERABLE) >= 0) {
					continue;
				}
				if (listOf(i) < listOf(m)) {
					background = background != 0 ? background : putsInTheBackground(line) ? 1 : -1;
					if (background < 0) {
						continue; // an earlier list of the line, which has run by then
					}
				}
				if (folders == null) {
					folders = reaches(maker.linksMadeIn());
				}
				String used = usedWhereLinksAreMade(paths.used(), folders, true);
				used = used != null ? used : usedWhereLinksAreMade(paths.walked(), folders, false);
				if (used != null) {
					parts.set(i, part.notCoverable("uses `" + Quoting.oneLine(used) + "`, where `"
							+ parts.get(m).text() + "`, elsewhere on the line, may make symbolic links: where they"
							+ " lead cannot be known before the line runs", maker.linksFact()));
				}
			}
		}
	}

	/**
	 * Whether a lone {@code &} stands anywhere in the line (not {@code &&}, {@code >&}, {@code &>} …; in quotes
	 * too), or a word that names a program that runs another in the background ({@code setsid -f}).
	 */
	private static boolean putsInTheBackground(String line) {
		for (String word : BACKGROUND_WORDS) {
			if (nextStandalone(line, word, 0) >= 0) {
				return true;
			}
		}
		for (int i = line.indexOf('&'); i >= 0; i = line.indexOf('&', i + 1)) {
			char before = i == 0 ? ' ' : line.charAt(i - 1);
			char after = i + 1 == line.length() ? ' ' : line.charAt(i + 1);
			if (before != '&' && after != '&' && before != '>' && after != '>' && before != '<' && before != '|') {
				return true;
			}
		}
		return false;
	}

	/** Programs that run another in the background, or later, without a {@code &}. */
	private static final List<String> BACKGROUND_WORDS = List.of("setsid", "daemonize", "disown", "systemd-run",
			"screen", "tmux", "start-stop-daemon", "parallel", "sem", "at", "batch", "bg", "coproc");

	/**
	 * The folders where links may be made, as absolute real paths: each as its words name it and as the links on
	 * its way lead, and the folders that links under it lead to (at most {@value #MAX_LINKED} entries looked at);
	 * null for anywhere.
	 */
	private List<String> reaches(List<String> linksMadeIn) {
		List<String> folders = new ArrayList<>(linksMadeIn.size() * 2);
		for (int f = 0; f < linksMadeIn.size(); f++) {
			String folder = absolute(linksMadeIn.get(f));
			if (folder == null || directoryMayChange) {
				return null;
			}
			folders.add(folder);
			String real = real(folder);
			if (!real.equals(folder)) {
				folders.add(real);
			}
			if (!linkedFoldersUnder(Path.of(real), folders)) {
				return null;
			}
		}
		return folders;
	}

	private static final int MAX_LINKED = 20_000;

	/**
	 * Adds the real paths of the folders that links under {@code folder} lead to; false when the tree is too large
	 * to look at.
	 */
	private static boolean linkedFoldersUnder(Path folder, List<String> folders) {
		if (!java.nio.file.Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return true; // not made yet, or a file: no link under it
		}
		int count = 0;
		try (java.util.stream.Stream<Path> entries = java.nio.file.Files.walk(folder, 64)) {
			for (Iterator<Path> it = entries.iterator(); it.hasNext();) {
				Path entry = it.next();
				if (++count > MAX_LINKED) {
					return false;
				}
				if (java.nio.file.Files.isSymbolicLink(entry)) {
					// where it leads, also when nothing is there yet (an earlier command may make it)
					Path target = entry.getParent().resolve(java.nio.file.Files.readSymbolicLink(entry)).normalize();
					folders.add(java.nio.file.Files.exists(target) ? target.toRealPath().toString()
							: real(target.toString()));
				}
			}
		} catch (java.io.IOException | java.io.UncheckedIOException | SecurityException e) {
			return false;
		}
		return true;
	}

	/** An absolute path with the links on the way of its longest existing part resolved. */
	private static String real(String absolute) {
		try {
			Path path = Path.of(absolute);
			Path existing = path;
			while (existing != null && !java.nio.file.Files.exists(existing)) {
				existing = existing.getParent();
			}
			return existing == null ? absolute : existing.toRealPath().resolve(existing.relativize(path)).toString();
		} catch (java.io.IOException | RuntimeException e) {
			return absolute;
		}
	}

	/**
	 * The first of the paths that lies in one of the folders, or (with {@code holding}) holds one ({@code grep -R x
	 * .} walks {@code src}), by its words or by the links on its way now; or null. A path that goes up, starts at a
	 * home or holds an expansion before its last folder counts as any; all do when the folders are anywhere (null)
	 * or the line may change its directory.
	 */
	private String usedWhereLinksAreMade(List<String> used, List<String> folders, boolean holding) {
		for (int u = 0; u < used.size(); u++) {
			String path = absolute(used.get(u));
			if (folders == null || path == null || directoryMayChange) {
				return used.get(u);
			}
			String real = real(path);
			for (int f = 0; f < folders.size(); f++) {
				String folder = folders.get(f);
				if (below(path, folder, holding) || below(real, folder, holding)) {
					return used.get(u);
				}
			}
		}
		return null;
	}

	/** Whether a path is a folder or lies below it, or, with {@code holding}, holds it. */
	private static boolean below(String path, String folder, boolean holding) {
		String under = folder.endsWith("/") ? folder : folder + "/";
		return path.equals(folder) || path.startsWith(under)
				|| (holding && folder.startsWith(path.endsWith("/") ? path : path + "/"));
	}

	/**
	 * A path's text as an absolute path of the working directory, without {@code .} and empty parts, cut before its
	 * first expansion ({@code src/*.c} is the folder {@code src}); null when it goes up, starts at a home or holds a
	 * NUL (where a link on it leads cannot be told by its words).
	 */
	private String absolute(String text) {
		int expansion = firstExpansion(text);
		String path = text;
		if (expansion >= 0) {
			int slash = text.lastIndexOf('/', expansion);
			path = slash < 0 ? "" : slash == 0 ? "/" : text.substring(0, slash);
		}
		if (path.startsWith("~") || path.contains("..") || path.indexOf('\0') >= 0) {
			return null;
		}
		return workingDirectory.toAbsolutePath().resolve(path).normalize().toString();
	}

	/**
	 * Unwraps the wrappers of a command ({@code env}, {@code timeout}, {@code bash -c} …) into {@code layers},
	 * up to 16 deep; a command string a wrapper runs is added to {@code nested}. Returns the nested command lists.
	 */
	private List<Nested> unwrap(List<Word> words, Layers layers, List<Nested> nested, Judgement judgement) {
		layers.words.add(words);
		PolicyRules.Known known = rules.known(Quoting.basename(words.get(0).text()));
		layers.known.add(known);
		if (!words.get(0).literal()) {
			judgement.raise(PartStatus.FAILED_CLOSED, "the command name `" + Quoting.oneLine(words.get(0).text())
					+ "` is not a literal word (it holds an expansion, a glob, a brace or `~`), so what runs cannot"
					+ " be known", null);
			return nested;
		}
		List<Nested> result = nested;
		List<Word> current = words;
		for (int depth = 0; current != null && depth < 16 && known.wraps(); depth++) {
			Wrappers.Unwrapped unwrapped = Wrappers.unwrap(current);
			if (unwrapped instanceof Wrappers.Inner inner) {
				if (!inner.assignments().isEmpty()) {
					if (layers.envAssignments.isEmpty()) {
						layers.envAssignments = new ArrayList<>(inner.assignments().size());
					}
					layers.envAssignments.addAll(inner.assignments());
				}
				layers.openTail |= inner.openTail();
				current = inner.words();
				layers.words.add(current);
				known = rules.known(Quoting.basename(current.get(0).text()));
				layers.known.add(known);
				if (!current.get(0).literal()) {
					judgement.raise(PartStatus.FAILED_CLOSED, "the command that `" + inner.wrapper() + "` runs, `"
							+ Quoting.oneLine(current.get(0).text()) + "`, is not a literal word", null);
					current = null;
				}
				continue;
			}
			if (unwrapped instanceof Wrappers.ShellString shell) {
				layers.runsScriptOf = shell.wrapper();
				try {
					Script script = ShellParser.parse(shell.script());
					if (script.unportable().isPresent() && !shell.wrapper().startsWith("bash ")) {
						judgement.raise(PartStatus.FAILED_CLOSED, "the command line that `" + shell.wrapper()
								+ "` runs may be read by dash or by bash, which differ: " + script.unportable().get(),
								null);
					} else if (script.braces()) {
						// bash gives the program the words the braces expand to, which may be options
						// (`bash -c 'git log {--output=/tmp/x,}'`); the parser keeps the word whole
						judgement.raise(PartStatus.FAILED_CLOSED, "`" + shell.wrapper() + "` expands the braces of a"
								+ " word such as `{a,b}` or `{1..3}` into several words, which may be options; that is"
								+ " not supported", null);
					}
					result = result.isEmpty() ? new ArrayList<>(1) : result;
					result.add(new Nested(script, "run by " + shell.wrapper()));
				} catch (ShellSyntaxException e) {
					judgement.raise(PartStatus.FAILED_CLOSED, "the command line that `" + shell.wrapper()
							+ "` runs is not understood: " + e.getMessage(), null);
				}
				current = null;
			} else if (unwrapped instanceof Wrappers.FindExec find) {
				layers.findCommands = find.commands();
				layers.outputFiles = find.outputFiles();
			} else if (unwrapped instanceof Wrappers.Privileged privileged) {
				if (!privileged.innerWords().isEmpty()) {
					layers.words.add(privileged.innerWords());
					layers.known.add(rules.known(Quoting.basename(privileged.innerWords().get(0).text())));
				}
			} else if (unwrapped instanceof Wrappers.Unknown unknown) {
				judgement.raise(PartStatus.FAILED_CLOSED, unknown.reason(), null);
				current = null;
			}
			break;
		}
		layers.judged = current == null ? List.of() : current;
		return result;
	}

	/**
	 * {@code xargs -I R} puts each name a listing prints where its command says R: under another folder
	 * ({@code ls docs | xargs -I{} cat notes/{}}), whose links the listing's own check does not look at. A path of
	 * the command that holds R in a folder of its own is asked about when a link under that folder leads outside.
	 */
	private void replacedNames(Layers layers, FactScan judgedScan, Judgement judgement) {
		String replaced = null;
		for (int l = 0; l < layers.words.size() && replaced == null; l++) {
			List<Word> layer = layers.words.get(l);
			if (layer != layers.judged && "xargs".equals(layers.known.get(l).name())) {
				replaced = Wrappers.xargsReplaces(layer);
			}
		}
		if (replaced == null || replaced.isEmpty()) {
			return;
		}
		List<FactScan.Hit> hits = judgedScan.hits();
		for (int i = 0; i < hits.size(); i++) {
			FactScan.Hit hit = hits.get(i);
			FactTable.Kind kind = hit.fact().kind();
			if (hit.value() == null || (kind != FactTable.Kind.READS && kind != FactTable.Kind.WRITES
					&& kind != FactTable.Kind.LOADS && kind != FactTable.Kind.RECURSES)) {
				continue;
			}
			String path = pathOf(hit);
			int at = path.indexOf(replaced);
			int slash = at < 0 ? -1 : path.lastIndexOf('/', at);
			if (slash <= 0) {
				continue; // the names as printed, judged by the listing's own check
			}
			String folder = path.substring(0, slash);
			Optional<String> link = linkCheck(folder, false);
			if (link.isPresent()) {
				judgement.raise(PartStatus.NOT_COVERABLE, "`xargs` puts the names a listing prints into `"
						+ Quoting.oneLine(path) + "`, under `" + Quoting.oneLine(folder) + "`, where " + link.get(),
						null, partFact(hit, PartFact.Kind.READS, false));
				return;
			}
		}
	}

	/** The program names of the layers whose first word is literal. */
	private static List<String> names(Layers layers) {
		if (layers.words.size() == 1) {
			return layers.words.get(0).get(0).literal() ? layers.known.get(0).names() : List.of();
		}
		List<String> names = new ArrayList<>(layers.words.size());
		for (int i = 0; i < layers.words.size(); i++) {
			if (layers.words.get(i).get(0).literal()) {
				names.add(layers.known.get(i).name());
			}
		}
		return names;
	}

	/**
	 * Variables assigned before the command or through a wrapper, and where the command writes. An assignment in
	 * front of a command is covered only when its name is harmless or the covering pattern spells it out; a
	 * dangerous one never.
	 */
	private void checkAssignmentsAndTargets(SimpleCommand command, Layers layers, List<Redirect> redirects,
			TrustPattern covering, Judgement judgement) {
		List<Word> runs = layers.judged.isEmpty() ? command.words() : layers.judged;
		String program = runs.isEmpty() || (command.assignments().isEmpty() && layers.envAssignments.isEmpty())
				? null : Quoting.oneLine(runs.get(0).text());
		for (int i = 0; i < command.assignments().size(); i++) {
			Assignment assignment = command.assignments().get(i);
			if (!dangerousAssignment(assignment.name(), command.words().isEmpty(), judgement) && program != null) {
				failClosedAssignment(assignment.name(), assignment.display(), program, covering, judgement);
			}
		}
		for (int i = 0; i < layers.envAssignments.size(); i++) {
			String name = Wrappers.assignedName(layers.envAssignments.get(i));
			if (!dangerousAssignment(name, false, judgement) && program != null) {
				failClosedAssignment(name, layers.envAssignments.get(i).text(), program, covering, judgement);
			}
		}
		for (int i = 0; i < redirects.size(); i++) {
			if (redirects.get(i).kind() == Redirect.Kind.OUTPUT) {
				checkTarget(redirects.get(i).target(), judgement);
			} else if (redirects.get(i).kind() == Redirect.Kind.INPUT) {
				checkSource(redirects.get(i).target(), judgement);
			}
		}
		for (int i = 0; i < layers.outputFiles.size(); i++) {
			checkTarget(layers.outputFiles.get(i), judgement);
		}
	}

	/** The command lists that the substitutions in the command's words run, in order; most commands have none. */
	private static List<Nested> substitutions(SimpleCommand command) {
		List<Nested> nested = List.of();
		for (int i = 0; i < command.assignments().size(); i++) {
			nested = collect(command.assignments().get(i).value(), nested);
		}
		for (int i = 0; i < command.words().size(); i++) {
			nested = collect(command.words().get(i), nested);
		}
		for (int i = 0; i < command.redirects().size(); i++) {
			nested = collect(command.redirects().get(i).target(), nested);
		}
		return nested;
	}

	private static List<Nested> collect(Word word, List<Nested> nested) {
		if (word.substitutions().isEmpty()) {
			return nested;
		}
		List<Nested> result = nested.isEmpty() ? new ArrayList<>(2) : nested;
		for (int i = 0; i < word.substitutions().size(); i++) {
			result.add(new Nested(word.substitutions().get(i), SUBSTITUTION));
		}
		return result;
	}

	// ---- the checks

	private static void failClosedBuiltins(List<Word> layer, Judgement judgement) {
		String name = layer.get(0).text();
		String why = FAIL_CLOSED.get(name);
		if (why == null && name.equals("hash") && layer.stream().anyMatch(w -> w.text().startsWith("-p"))) {
			why = "`hash -p` changes which program a command name runs";
		}
		if (why == null && name.equals("set")) {
			why = setOptionChangingTheReading(layer);
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

	/** Why {@code set -a} and {@code set -o allexport} are asked about. */
	private static final String ALL_EXPORT = "`set -a` passes every variable assigned after it to the commands that"
			+ " follow, where one that is not harmless can change what they run";

	/**
	 * Why {@code set} changes how the shell reads or expands the rest of the line ({@code set -k} makes later
	 * {@code NAME=value} arguments assignments, {@code set +B} turns brace expansion off, {@code -o posix} …), or
	 * null when its options only change how commands run (errexit, xtrace, pipefail …).
	 */
	private static String setOptionChangingTheReading(List<Word> layer) {
		for (int i = 1; i < layer.size(); i++) {
			String text = layer.get(i).text();
			if (!layer.get(i).literal()) {
				return "`set " + Quoting.oneLine(text) + "` may change how the shell reads the rest of the line";
			}
			if (text.equals("--") || text.equals("-") || !(text.startsWith("-") || text.startsWith("+"))) {
				return null;
			}
			for (int j = 1; j < text.length(); j++) {
				char c = text.charAt(j);
				if (c == 'o') {
					String option = i + 1 < layer.size() ? layer.get(++i).text() : "";
					if (!SAFE_SET_OPTIONS.contains(option)) {
						return "`set " + text + " " + Quoting.oneLine(option)
								+ "` may change how the shell reads the rest of the line";
					}
					if (option.equals("allexport") && text.startsWith("-")) {
						return ALL_EXPORT;
					}
				} else if (c == 'a' && text.startsWith("-")) {
					return ALL_EXPORT;
				} else if (SAFE_SET_FLAGS.indexOf(c) < 0) {
					return "`set " + text + "` changes how the shell reads the rest of the line";
				}
			}
		}
		return null;
	}

	private void denyRules(List<Word> layer, PolicyRules.Known known, FactScan scan, boolean openTail,
			Judgement judgement) {
		String name = known.name();
		if (rules.hasBuiltIn(BuiltInDenyRule.SHELL_STARTUP_WRITE)) {
			List<FactScan.Hit> hits = scan.hits();
			for (int i = 0; i < hits.size(); i++) {
				FactScan.Hit hit = hits.get(i);
				if (hit.fact().kind() == FactTable.Kind.WRITES && hit.value() != null) {
					judgement.raiseWhen(PartStatus.DENIED, StructuralRules.startupTarget(hit.value()),
							SHELL_STARTUP_WRITE_RULE);
				}
			}
		}
		denyWords(known.deny(), layer, name, openTail, judgement);
		denyWords(rules.denyMatchersForAnyName(), layer, name, openTail, judgement);
		if (scan.program() == null) {
			if (rules.hasBuiltIn(BuiltInDenyRule.DOWNLOAD_TO_SHELL) && name.startsWith("python")) {
				interpreterDownloads(layer, name, judgement); // python3.12-style names the table need not list
			}
			return;
		}
		switch (name) {
		case "rm" -> {
			if (rules.hasBuiltIn(BuiltInDenyRule.RM_ROOT_OR_HOME)) {
				judgement.raiseWhen(PartStatus.DENIED, StructuralRules.removesRootOrHome(layer), RM_ROOT_OR_HOME_RULE);
			}
		}
		case "git" -> {
			if (rules.hasBuiltIn(BuiltInDenyRule.GIT_FORCE_PUSH)) {
				judgement.raiseWhen(PartStatus.DENIED, StructuralRules.forcePushes(layer), GIT_FORCE_PUSH_RULE);
			}
		}
		default -> {
			if (rules.hasBuiltIn(BuiltInDenyRule.DOWNLOAD_TO_SHELL) && layer.get(0).literal()
					&& StructuralRules.isInterpreter(name)) {
				interpreterDownloads(layer, name, judgement);
			}
		}
		}
	}

	private static void interpreterDownloads(List<Word> layer, String name, Judgement judgement) {
		for (int i = 0; i < layer.size(); i++) {
			if (StructuralRules.downloadsIn(layer.get(i))) {
				judgement.raise(PartStatus.DENIED, "runs a download with `" + name + "`", DOWNLOAD_TO_SHELL_RULE);
				break;
			}
		}
	}

	private static void denyWords(List<DenyMatcher> matchers, List<Word> layer, String name, boolean openTail,
			Judgement judgement) {
		for (int i = 0; i < matchers.size(); i++) {
			DenyMatcher matcher = matchers.get(i);
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
		for (int i = 0; i < redirects.size(); i++) {
			Redirect redirect = redirects.get(i);
			if (redirect.kind() == Redirect.Kind.OUTPUT) {
				judgement.raiseWhen(PartStatus.DENIED, StructuralRules.startupTarget(redirect.target().text()),
						SHELL_STARTUP_WRITE_RULE);
			}
		}
		for (int i = 0; i < outputFiles.size(); i++) {
			judgement.raiseWhen(PartStatus.DENIED, StructuralRules.startupTarget(outputFiles.get(i).text()),
					SHELL_STARTUP_WRITE_RULE);
		}
	}

	private Map<String, Optional<String>> targetChecks() {
		if (targetChecks == null) {
			targetChecks = new HashMap<>();
		}
		return targetChecks;
	}

	private Map<String, Optional<String>> treeChecks(boolean skipping) {
		if (skipping) {
			if (skippingTreeChecks == null) {
				skippingTreeChecks = new HashMap<>(4);
			}
			return skippingTreeChecks;
		}
		if (treeChecks == null) {
			treeChecks = new HashMap<>(4);
		}
		return treeChecks;
	}

	/**
	 * The file an input redirection gives a program, judged as a file it reads ({@code cat < /etc/passwd} as
	 * {@code cat /etc/passwd}): outside the workspace, or relative to a working directory that a {@code cd} of the
	 * line may move out of it, it is asked about. Every program is judged so: what it makes of its input cannot be
	 * known ({@code git commit -F - < /etc/shadow} commits the file, {@code make -f - < /tmp/x} runs it), and
	 * bash opens a network connection for {@code < /dev/tcp/HOST/PORT}.
	 */
	private void checkSource(Word source, Judgement judgement) {
		if (source.processSubstitution()) {
			return; // `< <(cmd)`: the command is judged on its own
		}
		String text = source.text();
		if (!source.literal() && withWorkingDirectory(text) == null) {
			judgement.raise(PartStatus.NOT_COVERABLE, "reads `" + Quoting.oneLine(text) + "`, which holds an expansion,"
					+ " so what it reads cannot be known", null);
			return;
		}
		Optional<String> beyond = beyondWorkspace(text, source.literal());
		if (beyond.isPresent()) {
			judgement.raise(PartStatus.NOT_COVERABLE, "reads " + beyond.get(), null);
		}
	}

	/**
	 * Where a path that a command reads lies when it may lie outside the workspace, as a reason ends:
	 * "`/etc/passwd`, outside the workspace", or relative to a working directory that a {@code cd} of the line may
	 * move out of it; empty when it lies inside.
	 */
	private Optional<String> beyondWorkspace(String path, boolean literal) {
		Optional<String> outside = outside(path, literal);
		if (outside.isPresent()) {
			return Optional.of("`" + outside.get() + "`, outside the workspace");
		}
		if (directoryMayLeave && !path.startsWith("/")) {
			return Optional.of("`" + Quoting.oneLine(path) + "`, relative to a working directory that a `cd` on the"
					+ " same line may move out of the workspace");
		}
		return Optional.empty();
	}

	/** Checks where a command writes; the file system is asked once per literal target and command line. */
	private void checkTarget(Word target, Judgement judgement) {
		Optional<String> why = target.literal() && !target.processSubstitution() ? checkedTarget(target)
				: rules.outputTargets().whyNotCovered(target, workingDirectory, directoryMayChange, looksBelow());
		judgement.raiseWhen(PartStatus.NOT_COVERABLE, why, null);
	}

	/**
	 * What the file system said of a literal target, asked once per line (a lookup and a put rather than
	 * {@code computeIfAbsent}, whose capturing function would be made for every target, asked or not).
	 */
	private Optional<String> checkedTarget(Word target) {
		Map<String, Optional<String>> checks = targetChecks();
		Optional<String> why = checks.get(target.text());
		if (why == null) {
			why = rules.outputTargets().whyNotCovered(target, workingDirectory, directoryMayChange, looksBelow());
			checks.put(target.text(), why);
		}
		return why;
	}

	private static boolean isCommandBuiltin(List<Word> wrapper) {
		return !wrapper.isEmpty() && wrapper.get(0).literal() && wrapper.get(0).text().equals("command");
	}

	/**
	 * The checks that a built-in means the same in dash and in bash, the shells that may run the line (see
	 * {@link CommandShell}): a bash-only built-in, option or format, a built-in that stops the line in dash, one that
	 * prints otherwise, and {@code printf}'s {@code %n}, which also counts where bash runs the line.
	 */
	private static void readAlikeInDashAndBash(List<Word> words, PolicyRules.Known known, String context,
			Judgement judgement) {
		if (words.isEmpty()) {
			return;
		}
		String name = words.get(0).text();
		if (name.startsWith("%")) {
			judgement.raise(PartStatus.FAILED_CLOSED, "`" + Quoting.oneLine(name) + "` names a job to resume in bash"
					+ " (`fg`), but a program in dash", null);
			return;
		}
		boolean byBash = context.startsWith("run by bash ");
		if (!byBash && known.bashOnly() && name.equals(known.name())) {
			judgement.raise(PartStatus.FAILED_CLOSED, "`" + name + "` is a bash built-in; dash, which may run the line,"
					+ " would run a program of that name instead", null);
			return;
		}
		if (!words.get(0).literal() || !StructuralRules.SHARED_BUILTINS.contains(name)) {
			return; // a program: the same in both shells
		}
		if (name.equals("printf")) {
			// `%n` counts also where bash runs the line: it sets a variable such as PATH or IFS, which changes what
			// runs after it
			String unread = StructuralRules.printfFormatNotInLine(words);
			if (unread != null) {
				judgement.raise(PartStatus.FAILED_CLOSED, "the format of `printf`, `" + Quoting.oneLine(unread)
						+ "`, is made by the shell, so its directives are not in the line; one may be `%n`, with which"
						+ " bash stores a count in the variable its argument names (such as PATH), and dash refuses it",
						null);
			}
			String directive = StructuralRules.printfDirective(words);
			if (directive != null && directive.endsWith("n")) {
				judgement.raise(PartStatus.FAILED_CLOSED, "the directive `" + Quoting.oneLine(directive)
						+ "` of `printf` makes bash store a count in the variable its argument names (`printf 'x%n'"
						+ " PATH` sets PATH), and dash refuses it", null);
			}
		}
		if (byBash) {
			return;
		}
		String stops = StructuralRules.stopsTheLineInDash(words);
		if (stops != null) {
			judgement.raise(PartStatus.FAILED_CLOSED, stops, null);
		}
		String loop = StructuralRules.outsideALoop(words);
		if (loop != null) {
			judgement.raise(PartStatus.FAILED_CLOSED, loop, null);
		}
		String option = StructuralRules.bashOnlyOption(words);
		if (option != null) {
			judgement.raise(PartStatus.FAILED_CLOSED, option + " is bash's; dash, which may run the line, refuses it",
					null);
		}
		String prints = StructuralRules.printsOtherwiseInDash(words);
		if (prints != null) {
			judgement.raise(PartStatus.FAILED_CLOSED, prints, null);
		}
	}

	/**
	 * Assignments through {@code export PATH=…}, {@code read PATH}, {@code printf -v PATH}; a variable that
	 * {@code export} passes to the commands after it fails closed as one in front of a command does.
	 */
	private void declarations(List<Word> judged, TrustPattern covering, Judgement judgement) {
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
			} else if (name.equals("export") && !text.startsWith("-")) {
				failClosedExport(variable == null ? text : variable, text, covering, judgement);
			}
		}
	}

	/**
	 * A variable {@code export} passes to the commands after it, whose name is not on the harmless list: covered only
	 * when the pattern spells it out ({@code export RUST_LOG=*}, {@code export RUST_LOG}).
	 */
	private void failClosedExport(String name, String word, TrustPattern covering, Judgement judgement) {
		if (rules.facts().isHarmlessVariable(name)) {
			return;
		}
		if (covering != null) {
			List<String> words = covering.words();
			for (int i = 1; i < words.size(); i++) {
				if (words.get(i).equals(name) || words.get(i).startsWith(name + "=")) {
					return;
				}
			}
		}
		judgement.raise(PartStatus.NOT_COVERABLE, "exporting " + name + " passes it to the commands after it, which it"
				+ " can change (what they run or where they write); only a pattern that spells out `export "
				+ Quoting.oneLine(word) + "` covers it (" + name + " is not one of the harmless variables)", null);
	}

	private static boolean dangerousAssignment(String name, boolean standalone, Judgement judgement) {
		if (DangerousVariables.isDangerous(name)) {
			judgement.raise(PartStatus.NOT_COVERABLE, DangerousVariables.reason(name)
					+ (standalone ? " (for every later command of the line)" : ""), null);
			return true;
		}
		return false;
	}

	/** An assignment in front of a command whose name is not on the harmless list: covered only when spelled out. */
	private void failClosedAssignment(String name, String display, String program, TrustPattern covering,
			Judgement judgement) {
		if (rules.facts().isHarmlessVariable(name) || (covering != null
				&& covering.assignments().contains(display))) {
			return;
		}
		judgement.raise(PartStatus.NOT_COVERABLE, "assigning " + name + " in front of `" + program + "` can change"
				+ " what it runs or where it writes; only a pattern that spells out `" + Quoting.oneLine(display)
				+ "` covers it (" + name + " is not one of the harmless variables)", null);
	}

	/** The {@code NAME=value} assignments of the command and its wrappers, as patterns spell them. */
	private static List<String> assignmentTexts(SimpleCommand command, Layers layers) {
		if (command.assignments().isEmpty() && layers.envAssignments.isEmpty()) {
			return List.of();
		}
		List<String> texts = new ArrayList<>(command.assignments().size() + layers.envAssignments.size());
		for (int i = 0; i < command.assignments().size(); i++) {
			texts.add(command.assignments().get(i).display());
		}
		for (int i = 0; i < layers.envAssignments.size(); i++) {
			texts.add(layers.envAssignments.get(i).text());
		}
		return texts;
	}

	// ---- the program facts

	/** The facts of each layer's program; a command that {@code npm exec} or {@code npx} runs becomes a layer. */
	private List<FactScan> scans(Layers layers) {
		if (layers.words.size() == 1) {
			List<Word> layer = layers.words.get(0);
			FactTable.Program program = layer.get(0).literal() ? layers.known.get(0).facts() : null;
			if (program == null) {
				return FactScan.none().alone();
			}
			FactScan scan = scan(program, layer);
			if (scan.innerCommand().isEmpty() || layer != layers.judged) {
				return scan.alone();
			}
		}
		List<FactScan> scans = new ArrayList<>(layers.words.size() + 1);
		for (int i = 0; i < layers.words.size(); i++) {
			List<Word> layer = layers.words.get(i);
			FactTable.Program program = layer.get(0).literal() ? layers.known.get(i).facts() : null;
			FactScan scan = program == null ? FactScan.none() : scan(program, layer);
			scans.add(scan);
			if (layer == layers.judged && !scan.innerCommand().isEmpty() && i == layers.words.size() - 1
					&& layers.words.size() < 16) {
				layers.words.add(scan.innerCommand()); // judged by the deny rules as the wrappers' commands are
				layers.known.add(rules.known(Quoting.basename(scan.innerCommand().get(0).text())));
			}
		}
		return scans;
	}

	/**
	 * Whether the names a listing program prints may be taken for files: by a later command ({@link #namesRead}), or
	 * from the file its output is kept in ({@code ls -a > list.txt}, as {@code echo .env > list.txt}). Asked by a
	 * scan only when a {@code lists} fact applies.
	 */
	private boolean listsMatter() {
		return namesRead || keepsOutput(scannedRedirects);
	}

	/** The scan of one layer: the one kept for an equal command, or one made with the line's scanner. */
	private FactScan scan(FactTable.Program program, List<Word> layer) {
		FactScan kept = FactScan.kept(rules.facts(), program, layer, listsMatter);
		return kept != null ? kept : scanner().scan(program, layer, listsMatter);
	}

	/** The scanner of the line, made for the first program with facts to scan that was not kept. */
	private FactScan.Scanner scanner() {
		if (scanner == null) {
			scanner = new FactScan.Scanner(rules.facts());
			scanner.listing = this::listing;
		}
		return scanner;
	}

	/** What the options and operands of the judged command write, read, load and walk. */
	private void factChecks(FactScan scan, List<Word> layer, boolean universal, Judgement judgement) {
		List<FactScan.Hit> hits = scan.hits();
		for (int i = 0; i < hits.size(); i++) {
			FactScan.Hit hit = hits.get(i);
			FactTable.Kind kind = hit.fact().kind();
			if (kind == FactTable.Kind.REACHES && hit.value() != null && !universal) {
				String why = Reach.why(hit.value(), hit.fact().valuePart());
				if (why != null) {
					// `curl http://169.254.169.254/latest/meta-data/iam/…`: the machine's cloud credentials
					judgement.raise(PartStatus.NOT_COVERABLE, hit.subject() + " reaches " + why, null,
							partFact(hit, PartFact.Kind.REACHES, false));
				}
				continue;
			}
			if (hit.value() == null || (kind != FactTable.Kind.WRITES && kind != FactTable.Kind.READS
					&& kind != FactTable.Kind.LOADS && kind != FactTable.Kind.RECURSES && kind != FactTable.Kind.LISTS)) {
				continue;
			}
			String path = pathOf(hit);
			String part = hit.fact().valuePart();
			if (part != null && part.endsWith("list") && path.indexOf(':') >= 0) {
				// a search path (`-cp lib:/tmp/x.jar`): every entry is judged
				for (String entry : path.split(":")) {
					factCheck(scan, hit, layer, kind, entry, universal, judgement);
				}
			} else {
				factCheck(scan, hit, layer, kind, path, universal, judgement);
			}
		}
	}

	/**
	 * The hosts a file URL may name for this machine ({@code file://localhost/etc/passwd}); another word after
	 * {@code //} is the start of a relative path, as the AWS command line reads {@code file://input.json}.
	 */
	private static final List<String> LOCAL_HOSTS = List.of("localhost/", "127.0.0.1/", "[::1]/");

	/** What one path of a fact's value ({@link #pathOf}) writes, reads, loads or walks. */
	private void factCheck(FactScan scan, FactScan.Hit hit, List<Word> layer, FactTable.Kind kind, String path,
			boolean universal, Judgement judgement) {
		if (FactScan.standardInput(path) && kind == FactTable.Kind.LOADS && inputGiven(scannedRedirects)) {
			// `echo 'all:;id' | make -f -`: the code it loads is what the line gives it
			judgement.raise(PartStatus.NOT_COVERED, hit.subject() + " loads code from its input, which the line gives"
					+ " it; only a pattern that spells it out covers it", null, partFact(hit, PartFact.Kind.LOADS, false));
			return;
		}
		if (path.contains("{}") && kind == FactTable.Kind.RECURSES && !universal && followsLinks(scan, hit.fact())) {
			// find's own facts judge the folders it walks, but not the links a program it runs follows there
			// (`find docs -exec grep -R x {} +`): they are looked for under the working directory
			Optional<String> link = linkCheck(".", skipsDotAndIgnored(scan, hit.fact()));
			if (link.isPresent()) {
				judgement.raise(PartStatus.NOT_COVERABLE, "`" + hit.fact().program() + "` reads every file under the"
						+ " folders find names and follows the symbolic links it finds there: " + link.get(), null,
						partFact(hit, PartFact.Kind.RECURSES, false));
			}
			return;
		}
		if (path.isEmpty() || path.equals("-") || path.contains("{}")) {
			return; // `{}`: a file that find names, under the folders whose walk find's own facts judge
		}
		if (!hit.valueLiteral() && kind != FactTable.Kind.WRITES && !listingOnly(hit, layer)) {
			String known = withWorkingDirectory(path);
			if (known == null) {
				if (!universal) {
					judgement.raise(PartStatus.NOT_COVERABLE, hit.subject() + " reads `" + Quoting.oneLine(path)
							+ "`, which holds an expansion, so what it reads cannot be known", null,
							partFact(hit, kind == FactTable.Kind.READS ? PartFact.Kind.READS
									: kind == FactTable.Kind.LOADS ? PartFact.Kind.LOADS : PartFact.Kind.RECURSES,
									false));
				}
				return;
			}
			path = known;
		}
		switch (kind) {
		case WRITES -> {
			// the part's fact is made only when a check finds something: most hits find nothing
			if (!universal && isHome(path)) {
				judgement.raise(PartStatus.NOT_COVERABLE, hit.subject() + " writes to `" + Quoting.oneLine(path)
						+ "`, outside the workspace", null, partFact(hit, PartFact.Kind.WRITES, false));
			} else if (!universal) {
				Word target = hit.valueLiteral() ? Word.literal(path) : new Word(path, false, List.of(), null, false);
				Optional<String> why = target.literal() ? checkedTarget(target)
						: rules.outputTargets().whyNotCovered(target, workingDirectory, directoryMayChange, looksBelow());
				if (why.isPresent()) {
					judgement.raise(PartStatus.NOT_COVERABLE, hit.subject() + " " + why.get(), null,
							partFact(hit, PartFact.Kind.WRITES, false));
				}
			}
			hidden(hit, path, PartFact.Kind.WRITES, judgement);
		}
		case READS, LOADS -> {
			PartFact.Kind factKind = kind == FactTable.Kind.READS ? PartFact.Kind.READS : PartFact.Kind.LOADS;
			Optional<String> beyond = universal ? Optional.empty() : beyondWorkspace(path, hit.valueLiteral());
			if (beyond.isPresent()) {
				judgement.raise(PartStatus.NOT_COVERABLE, hit.subject() + (kind == FactTable.Kind.READS ? " reads "
						: " loads code from ") + beyond.get(), null, partFact(hit, factKind, false));
			}
			hidden(hit, path, factKind, judgement);
		}
		case RECURSES, LISTS -> {
			if (hit.fact().tracked()) {
				trackedOperand(scan, hit, path, layer, universal, judgement);
			} else {
				recursion(scan, hit, path, workingDirectory, universal, judgement);
			}
		}
		default -> {
		}
		}
	}

	/**
	 * Whether the hit's value is the output of one command substitution whose commands only print names of files
	 * they list ({@code cat $(ls src)}, {@code wc -l $(git ls-files)}), or pick some of those lines: the names are
	 * judged by the facts of the listing (see {@link #listsMatter}), not as an unknown value.
	 */
	private boolean listingOnly(FactScan.Hit hit, List<Word> layer) {
		int index = hit.index();
		Word word = null;
		for (int at = index; at >= 0 && at <= index + 1 && at < layer.size(); at++) {
			if (layer.get(at).text().equals(hit.value())) {
				word = layer.get(at);
				break;
			}
		}
		return word != null && listing(word);
	}

	/** Whether the word is the output of one command substitution whose commands only list names of files. */
	private boolean listing(Word word) {
		if (word.substitutions().size() != 1) {
			return false;
		}
		String text = word.text();
		boolean whole = (text.startsWith("$(") && text.endsWith(")")) || (text.startsWith("`") && text.endsWith("`"));
		if (!whole) {
			return false;
		}
		for (Pipeline pipeline : word.substitutions().get(0).pipelines()) {
			if (!listingStages(pipeline.commands(), pipeline.commands().size())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the command's program (or subcommand: {@code git ls-files}) prints names of files it lists or walks,
	 * or only picks lines of what it reads.
	 */
	private boolean lister(List<Word> words) {
		String name = Quoting.basename(words.get(0).text());
		if (LINE_PICKERS.contains(name)) {
			return true;
		}
		FactTable.Program program = rules.known(name).facts();
		for (int i = 1; program != null && i < words.size() && program.hasSubcommands(); i++) {
			Word word = words.get(i);
			if (word.text().startsWith("-")) {
				continue;
			}
			FactTable.Program sub = word.literal() ? program.subcommand(word.text()) : null;
			if (sub == null) {
				break;
			}
			program = sub;
		}
		if (program == null) {
			return false;
		}
		for (FactTable.Fact fact : program.operandFacts) {
			if (fact.kind() == FactTable.Kind.LISTS || (fact.kind() == FactTable.Kind.RECURSES && !fact.tracked())) {
				return true; // not one that prints what Git keeps (`git show`, `git log -p`): no names of files
			}
		}
		return false;
	}

	/** Programs that print some of the lines they read, unchanged. */
	private static final Set<String> LINE_PICKERS = Set.of("grep", "egrep", "fgrep", "head", "tail", "sort", "uniq");

	/**
	 * A path whose only expansions are {@code $HOME} in front (judged as the home folder) or {@code $PWD} in front
	 * (the working directory, put in its place); null for a path with another expansion ({@code $X},
	 * {@code ${X:-/etc/passwd}}, {@code $(…)}), whose value the line does not show.
	 */
	private String withWorkingDirectory(String path) {
		String rest = path;
		String start = "";
		if (isHome(path)) {
			int slash = path.indexOf('/');
			start = slash < 0 ? path : path.substring(0, slash);
			rest = slash < 0 ? "" : path.substring(slash);
		} else if (path.equals("$PWD") || path.startsWith("$PWD/") || path.equals("${PWD}") || path.startsWith("${PWD}/")) {
			int slash = path.indexOf('/');
			start = workingDirectory.toAbsolutePath().toString();
			rest = slash < 0 ? "" : path.substring(slash);
		}
		return rest.indexOf('$') >= 0 || rest.indexOf('`') >= 0 ? null : start + rest;
	}

	/**
	 * The path in a fact's value: all of it, the host side of {@code HOST:CONTAINER}, the file after {@code @}, the
	 * value after {@code NAME=}, the place after {@code TYPE:} ({@code --cov-report=html:DIR}), or the {@code src=}
	 * or {@code dest=} field of {@code type=local,dest=DIR}. For a fact whose value is a search path
	 * ({@code value=list}, {@code value=assigned-list}), the whole list.
	 */
	private static String pathOf(FactScan.Hit hit) {
		String part = hit.fact().valuePart();
		String value = part == null ? hit.value() : partOf(hit.value(), part);
		// a scheme is read ignoring case (`FILE:///etc/passwd`): npm's file:, file URLs, git's git+file:, the AWS
		// command line's fileb:
		int scheme = value.regionMatches(true, 0, "git+file:", 0, 9) ? 4 : 0;
		int name = value.regionMatches(true, scheme, "fileb:", 0, 6) ? 6
				: value.regionMatches(true, scheme, "file:", 0, 5) ? 5 : 0;
		if (name > 0) {
			int start = scheme + name;
			boolean authority = value.startsWith("//", start);
			value = value.substring(authority ? start + 2 : start);
			for (String host : LOCAL_HOSTS) {
				if (authority && value.regionMatches(true, 0, host, 0, host.length())) {
					value = value.substring(host.length() - 1); // file://localhost/etc/passwd is /etc/passwd
					break;
				}
			}
		}
		return value;
	}

	/** The part of a fact's value that {@code value=PART} names as its path (see {@link #pathOf}). */
	private static String partOf(String value, String part) {
		switch (part) {
		case "host" -> {
			int colon = value.indexOf(':');
			return colon < 0 ? value : value.substring(0, colon);
		}
		case "assigned", "assigned-list" -> {
			int equals = value.indexOf('=');
			return equals < 0 ? value : value.substring(equals + 1);
		}
		case "typed" -> {
			int colon = value.indexOf(':');
			return colon < 0 ? value : value.substring(colon + 1);
		}
		case "at" -> {
			int at = value.indexOf('@');
			int lt = value.indexOf("=<");
			// PEP 508's `name @ file:///path` has blanks around the `@`; curl's `-F 'x=@"FILE"'` quotes the name
			String path = at >= 0 ? value.substring(at + 1).strip() : lt >= 0 ? value.substring(lt + 2) : value;
			return path.length() > 1 && path.startsWith("\"") ? path.substring(1, path.indexOf('"', 1) > 0
					? path.indexOf('"', 1) : path.length()) : path;
		}
		case "field" -> {
			if (value.indexOf('=') < 0) {
				return value; // `--output DIR`: the value is the path
			}
			for (String field : value.split(",")) {
				int equals = field.indexOf('=');
				String key = equals < 0 ? "" : field.substring(0, equals).strip();
				if (key.equalsIgnoreCase("src") || key.equalsIgnoreCase("source") || key.equalsIgnoreCase("dest")
						|| key.equalsIgnoreCase("destination")) {
					return field.substring(equals + 1);
				}
			}
			return ""; // no field names a path of the machine (`type=registry`, `id=x,env=TOKEN`)
		}
		default -> {
			return value;
		}
		}
	}

	private void hidden(FactScan.Hit hit, String path, PartFact.Kind kind, Judgement judgement) {
		if (hit.index() >= 0 && path.equals(hit.word())) {
			return; // a whole word: the guard has judged it with every word of the command (a default is no word)
		}
		Optional<String> why = rules.guard().whyHidden(path, workingDirectory);
		if (why.isPresent()) {
			judgement.raise(PartStatus.NOT_COVERABLE, hit.subject() + " uses a file hidden from the agent: " + why.get(), null,
					partFact(hit, kind, false));
		}
	}

	/**
	 * Where a path a command reads lies when that is outside the workspace, or empty. {@code ~} and {@code $HOME}
	 * lead to the home folder; a path with another expansion is judged by its part before the expansion.
	 */
	private static boolean isHome(String path) {
		return path.startsWith("~") || path.startsWith("$HOME") || path.startsWith("${HOME}");
	}

	private Optional<String> outside(String path, boolean literal) {
		Optional<String> byWords = outsideByWords(path);
		if (byWords.isEmpty() && !literal && GlobMatches.hasGlob(path) && path.indexOf('$') < 0 && path.indexOf('`') < 0
				&& path.indexOf('\0') < 0) {
			return throughMatches(path);
		}
		return byWords;
	}

	/**
	 * Where a glob's matches lead when one of them is a symbolic link out of the workspace ({@code cat docs/*}
	 * where {@code docs/hosts.txt -> /etc/hosts}), as {@code glob → link → /real/place}: the glob is judged by its
	 * folder first, but the shell gives the program the names it matches, which the system opens through their links.
	 */
	private Optional<String> throughMatches(String glob) {
		List<String> matches = GlobMatches.of(glob, workingDirectory, !defaultGlobs());
		if (matches == null) {
			return Optional.of(Quoting.oneLine(glob) + " → more than " + GlobMatches.MAX_NAMES
					+ " names, any of which may be a link");
		}
		for (int i = 0; i < matches.size(); i++) {
			Optional<String> why = throughLink(matches.get(i));
			if (why.isPresent()) {
				return Optional.of(Quoting.oneLine(glob) + " → " + why.get());
			}
		}
		return Optional.empty();
	}

	/** Where a path lies by its words (and the links of its part before any expansion). */
	private Optional<String> outsideByWords(String path) {
		if (goesDown(path) && workingDirectoryInWorkspace()) {
			return throughLink(path); // what the steps below find for such a path, read in one pass
		}
		String text = path;
		if (isHome(text)) {
			return Optional.of(Quoting.oneLine(text)); // a home folder, the user's or another's
		}
		if (HARMLESS_READS.contains(text)) {
			return Optional.empty();
		}
		int expansion = firstExpansion(text);
		if (expansion >= 0) {
			text = text.substring(0, expansion);
			int slash = text.lastIndexOf('/');
			text = slash < 0 ? "." : slash == 0 ? "/" : text.substring(0, slash);
		}
		if (!text.startsWith("/") && text.indexOf("..") < 0 && text.indexOf('\0') < 0
				&& workingDirectoryInWorkspace()) {
			return throughLink(text); // only goes down from a working directory in the workspace
		}
		Path resolved;
		try {
			resolved = workingDirectory.toAbsolutePath().resolve(text).normalize();
		} catch (java.nio.file.InvalidPathException e) {
			return Optional.of(Quoting.oneLine(path));
		}
		return resolved.startsWith(rules.outputTargets().root()) ? throughLink(text)
				: Optional.of(Quoting.oneLine(resolved.toString()));
	}

	/**
	 * Where a path that lies in the workspace by its words really leads, when a symbolic link on it leads outside
	 * ({@code cat docs/id_rsa} where {@code docs -> ~/.ssh}; {@code cat link/../etc/shadow}, where the system
	 * resolves {@code ..} after the link), as {@code link → /real/place}; the file system is asked once per path
	 * and line.
	 */
	private Optional<String> throughLink(String text) {
		Map<String, Optional<String>> checks = linkChecks == null ? (linkChecks = new HashMap<>(4)) : linkChecks;
		Optional<String> why = checks.get(text);
		if (why == null) {
			String below = belowRoot(text);
			Optional<Path> real;
			if (below != null) {
				real = rules.outputTargets().leadsOutsideBelow(below, looksBelow());
			} else {
				real = throughLinkByPath(text);
			}
			why = real.map(place -> Quoting.oneLine(text) + " → " + Quoting.oneLine(place.toString()));
			checks.put(text, why);
		}
		return why;
	}

	/**
	 * A path's text below the workspace root, when it is relative, only goes down and the working directory is a
	 * folder of the workspace named without {@code .} or {@code ..} (as it nearly always is); else null.
	 */
	private String belowRoot(String text) {
		if (text.isEmpty() || text.charAt(0) == '/' || text.contains("..") || text.indexOf('\0') >= 0
				|| !rules.outputTargets().rootResolved()) {
			return null;
		}
		if (workingDirectoryBelow == null) {
			Path absolute = workingDirectory.toAbsolutePath();
			Path root = rules.outputTargets().root();
			workingDirectoryBelow = absolute.equals(root) ? ""
					: absolute.startsWith(root) && absolute.equals(absolute.normalize())
							? root.relativize(absolute).toString() : "\0"; // NUL: no such folder
		}
		return workingDirectoryBelow.isEmpty() ? text
				: workingDirectoryBelow.equals("\0") ? null : workingDirectoryBelow + "/" + text;
	}

	/**
	 * Where a path that goes up, is absolute, or is read from outside the workspace really leads, when a link on it
	 * leads outside ({@link #throughLink}).
	 */
	private Optional<Path> throughLinkByPath(String text) {
		Path unresolved;
		try {
			unresolved = workingDirectory.toAbsolutePath().resolve(text); // `..` as the system reads it
		} catch (java.nio.file.InvalidPathException e) {
			return Optional.empty();
		}
		if (pathParts == null) {
			pathParts = new HashMap<>(8);
		}
		return rules.outputTargets().leadsOutside(unresolved, pathParts);
	}

	/** Whether the working directory lies in the workspace; found for the first relative path a command reads. */
	private boolean workingDirectoryInWorkspace() {
		if (workingDirectoryInWorkspace == 0) {
			workingDirectoryInWorkspace = rules.inWorkspace(workingDirectory) ? 1 : -1;
		}
		return workingDirectoryInWorkspace > 0;
	}

	/**
	 * Whether a path is relative and only goes down, read in one pass: it does not start at a home, holds no
	 * expansion, glob or brace ({@link #firstExpansion}), no {@code ..} and no NUL.
	 */
	private static boolean goesDown(String path) {
		if (path.isEmpty() || path.charAt(0) == '/' || path.charAt(0) == '~') {
			return false;
		}
		char previous = 0;
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '$' || c == '`' || c == '*' || c == '?' || c == '[' || c == '{' || c == '\0'
					|| (c == '.' && previous == '.')) {
				return false;
			}
			previous = c;
		}
		return true;
	}

	private static final Set<String> HARMLESS_READS = Names.setOf("/dev/null", "/dev/stdin", "/dev/zero",
			"/dev/urandom", "/dev/random", "/dev/fd/0");

	private static int firstExpansion(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '$' || c == '`' || c == '*' || c == '?' || c == '[' || c == '{') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Checks a folder that a program reads every file under, or whose files it names where another command may open
	 * them ({@link FactTable.Kind#LISTS}, scanned only when {@link #listsMatter}): asked about when it lies outside
	 * the workspace or holds files hidden from the agent. A program that reads what Git tracks works in
	 * {@code gitDirectory} (where {@code git -C} leads).
	 */
	private void recursion(FactScan scan, FactScan.Hit hit, String path, Path gitDirectory, boolean universal,
			Judgement judgement) {
		String program = hit.fact().program();
		String reads = hit.fact().kind() == FactTable.Kind.LISTS
				? "prints the names of the files under `%s` where another command may take them for files to open"
				: hit.fact().deletes() ? "deletes files under `%s`"
						: hit.fact().tracked() ? hit.fact().effect().replace("%", "%%") : "reads every file under `%s`";
		if (!universal) {
			Optional<String> outside = outside(path, hit.valueLiteral());
			if (outside.isPresent()) {
				judgement.raise(PartStatus.NOT_COVERABLE, "`" + program + "` " + reads.formatted(outside.get())
						+ ", outside the workspace", null,
						partFact(hit, PartFact.Kind.RECURSES, false));
				return;
			}
			if (directoryMayLeave && !path.startsWith("/")) {
				judgement.raise(PartStatus.NOT_COVERABLE, "`" + program + "` " + reads.formatted(Quoting.oneLine(path))
						+ ", relative to a working directory that a `cd` on the same"
						+ " line may move out of the workspace", null, partFact(hit, PartFact.Kind.RECURSES, false));
				return;
			}
		}
		boolean relativeAfterCd = directoryMayChange && !path.startsWith("/");
		boolean skips = skipsDotAndIgnored(scan, hit.fact());
		String folder = path;
		int expansion = firstExpansion(folder);
		if (expansion >= 0) {
			folder = folder.substring(0, expansion);
			int slash = folder.lastIndexOf('/');
			folder = slash < 0 ? "." : slash == 0 ? "/" : folder.substring(0, slash);
		}
		// after a `cd` into the workspace, the folder may be any of its folders: the whole workspace is checked
		if (relativeAfterCd) {
			folder = rules.outputTargets().root().toString();
		}
		Optional<String> why;
		if (expansion >= 0 && !relativeAfterCd && hit.fact().kind() == FactTable.Kind.LISTS) {
			// a listing names the files of the folders the glob matches (`ls *.md` names no file of `src`)
			why = rules.guard().whyMatchedFoldersHoldHidden(path, folder, workingDirectory,
					!hit.valueLiteral() && defaultGlobs(), skips);
		} else if (hit.fact().tracked()) {
			why = trackedCheck(folder, gitDirectory); // `git grep` reads what Git tracks, a committed `.env` too
		} else if (skips && hit.fact().gitIgnores()) {
			why = gitCheck(folder, false); // `git add .` skips what Git ignores, not `.env` hidden only as sensitive
		} else if (hit.fact().deletes()) {
			why = gitCheck(folder, true); // `git clean -x` deletes ignored build output, and `.env` too
		} else {
			why = treeCheck(folder, skips);
		}
		if (why.isPresent()) {
			// a container engine's daemon reads a mounted folder outside any sandbox of the command
			boolean maskable = !hit.fact().unmasked();
			judgement.raise(PartStatus.NOT_COVERABLE, "`" + program + "` " + reads.formatted(Quoting.oneLine(path))
					+ ", and " + why.get() + (maskable ? "; unless it runs in a sandbox that masks them"
							: "; a sandbox does not mask them, as another process reads them"),
					null, partFact(hit, PartFact.Kind.RECURSES, maskable));
			return;
		}
		// a walk's or a listing's names that another command opens, it opens through the links among them
		// (`find a | xargs cat`, `ls | xargs cat`, `cat $(du -a docs)`); a glob's matches were followed with its path
		boolean follows = followsLinks(scan, hit.fact());
		boolean opened = namesOpened && !hit.fact().tracked() && !hit.fact().deletes()
				&& (hit.fact().kind() == FactTable.Kind.RECURSES || hit.fact().kind() == FactTable.Kind.LISTS);
		if (follows || opened) {
			// a one-level listing names the folder's entries by their names in it, which the command that opens
			// them may find in the working directory too (`ls docs | xargs cat`); a listing of a glob, the entries
			// of the folders it matches (`ls docs/* | xargs cat`)
			boolean flat = !follows && hit.fact().flat();
			if (opened && !flat && expansion < 0 && hit.fact().kind() == FactTable.Kind.LISTS && !names(folder)) {
				folder = "."; // a word that names no file (`git diff --name-only HEAD~1`): the names may be any
			}
			Optional<String> link = expansion >= 0 && hit.fact().kind() == FactTable.Kind.LISTS && !relativeAfterCd
					? matchedFoldersCheck(path, hit.valueLiteral(), flat, skips)
					: flat ? entriesCheck(folder) : linkCheck(folder, skips);
			if (link.isPresent()) {
				// what lies outside is no file a sandbox masks: the sandbox reads the system as it is
				judgement.raise(PartStatus.NOT_COVERABLE, "`" + program + "` " + reads.formatted(Quoting.oneLine(path))
						+ (follows ? " and follows the symbolic links it finds there: "
								: ", and the command that opens the files it names follows the symbolic links there: ")
						+ link.get(), null, partFact(hit, PartFact.Kind.RECURSES, false));
			}
		}
	}

	/**
	 * Whether the program skips dot files and ignored files: its fact names options that unhide them, and none is
	 * given.
	 */
	private static boolean skipsDotAndIgnored(FactScan scan, FactTable.Fact fact) {
		return fact.unhide() != null && !scan.sawAny(fact.unhide());
	}

	/**
	 * Whether the program follows the symbolic links it finds under a folder: with one of the options the fact names
	 * ({@code grep -R}), or always unless an option keeps them as links ({@code zip -y}); an option that follows
	 * counts also where one that keeps links comes first ({@code aws s3 sync --no-follow-symlinks
	 * --follow-symlinks}).
	 */
	private static boolean followsLinks(FactScan scan, FactTable.Fact fact) {
		Set<String> follows = fact.follows();
		if (follows == null) {
			return false;
		}
		boolean always = follows.isEmpty() || follows.contains(FactTable.ALWAYS);
		boolean given = scan.sawAny(follows); // an option that follows, also one given after one that keeps links
		return given || (always && (fact.keepsLinks() == null || !scan.sawAny(fact.keepsLinks())));
	}

	/**
	 * Where a link under the folder leads outside the workspace (or to a hidden file in a folder such a link leads
	 * to), or empty; asked once per line and folder.
	 */
	private Optional<String> linkCheck(String folder, boolean skips) {
		return oncePerLine(skips, "\0links\0" + folder,
				() -> rules.guard().whyFolderLinksOutside(folder, workingDirectory, skips));
	}

	/**
	 * For a listing of a glob whose names another command opens: where a link among the entries of the folders the
	 * glob matches leads outside the workspace ({@link #entriesCheck} for a one-level listing, else anywhere under
	 * them); the matches themselves were followed with the path. Too many matches count as such a link.
	 */
	private Optional<String> matchedFoldersCheck(String glob, boolean literal, boolean flat, boolean skips) {
		if (literal || glob.indexOf('$') >= 0 || glob.indexOf('`') >= 0 || glob.indexOf('\0') >= 0) {
			return Optional.empty(); // a quoted glob names one file; an expansion is judged as an unknown value
		}
		List<String> matches = GlobMatches.of(glob, workingDirectory, !defaultGlobs());
		if (matches == null) {
			return Optional.of(Quoting.oneLine(glob) + " matches more than " + GlobMatches.MAX_NAMES
					+ " names, whose folders may hold a link that leads outside the workspace");
		}
		for (int i = 0; i < matches.size(); i++) {
			String match = matches.get(i);
			boolean folder;
			try {
				folder = java.nio.file.Files.isDirectory(workingDirectory.resolve(match));
			} catch (java.nio.file.InvalidPathException e) {
				folder = false;
			}
			if (folder) {
				Optional<String> why = flat ? entriesCheck(match) : linkCheck(match, skips);
				if (why.isPresent()) {
					return why;
				}
			}
		}
		return Optional.empty();
	}

	/** Whether a path names a file or folder, or a link, relative to the working directory. */
	private boolean names(String path) {
		try {
			return java.nio.file.Files.exists(workingDirectory.resolve(path), java.nio.file.LinkOption.NOFOLLOW_LINKS);
		} catch (java.nio.file.InvalidPathException e) {
			return false;
		}
	}

	/**
	 * Whether one of the folder's own entries is a link that leads outside the workspace, or an entry of the working
	 * directory named like one under the folder is ({@link dev.warden.core.trust.PathGuard#whyEntriesLinkOutside});
	 * asked once per line.
	 */
	private Optional<String> entriesCheck(String folder) {
		return oncePerLine(false, "\0entries\0" + folder,
				() -> rules.guard().whyEntriesLinkOutside(folder, workingDirectory));
	}

	/**
	 * Whether the folder holds files hidden from the agent that Git does not ignore ({@code git add}), or with
	 * {@code ignoredToo}, files hidden for a reason other than Git's ignore files ({@code git clean -x}); asked once
	 * per line and folder.
	 */
	private Optional<String> gitCheck(String folder, boolean ignoredToo) {
		// apart from the answers for programs that skip dot files too
		return oncePerLine(true, (ignoredToo ? "\0git-clean\0" : "\0git\0") + folder,
				() -> ignoredToo ? rules.guard().whyFolderHoldsHiddenGitCleans(folder, workingDirectory)
						: rules.guard().whyFolderHoldsHiddenGitAdds(folder, workingDirectory));
	}

	/**
	 * An operand of a program that prints or packs what Git tracks ({@code git show}, {@code git archive}): a
	 * revision, a path or a pathspec. Git reads in the folder {@code -C} names. A revision before {@code --} is not
	 * judged when paths follow it (Git then reads only those); {@code REV:path} and {@code :path} are judged like
	 * {@code cat path}, and a folder's tree like that folder; a file on disk is judged as that file where Git takes the
	 * word for a path (after {@code --}, or where a word that is both is refused as ambiguous); anything else (a
	 * revision, pathspec magic such as {@code :!src} or {@code :/message}) stands for the whole repository.
	 */
	private void trackedOperand(FactScan scan, FactScan.Hit hit, String path, List<Word> layer, boolean universal,
			Judgement judgement) {
		Path base = gitDirectory(scan);
		if (base == null) {
			recursion(scan, hit, ":/", workingDirectory, universal, judgement); // `git -C $DIR`: any repository
			return;
		}
		int dashes = -1;
		for (int i = 1; i < layer.size(); i++) {
			if (layer.get(i).literal() && layer.get(i).text().equals("--")) {
				dashes = i;
				break;
			}
		}
		boolean afterDashes = hit.index() >= 0 && dashes >= 0 && hit.index() > dashes;
		if (hit.index() >= 0 && dashes > hit.index() && dashes < layer.size() - 1) {
			return; // `git log -p HEAD -- src`: only the paths are read
		}
		String objectPath = afterDashes ? null : objectPath(path);
		if (objectPath != null) {
			revisionPath(scan, hit, objectPath, base, universal, judgement);
			return;
		}
		// a word Git may take for a path (pathspec magic, `:!src`, names no one path)
		boolean pathWord = hit.index() >= 0 && !path.startsWith(":") && (afterDashes || (dashes < 0
				&& !hit.fact().program().equals("git archive") && !hit.fact().program().equals("git cat-file")));
		Path resolved = base.resolve(path);
		String named = base.equals(workingDirectory) ? path : resolved.toString();
		if (pathWord && java.nio.file.Files.isRegularFile(resolved)) {
			hidden(hit, named, PartFact.Kind.READS, judgement); // `git diff src/App.java`: that file
		} else {
			recursion(scan, hit, pathWord && java.nio.file.Files.isDirectory(resolved) ? named : ":/", base, universal,
					judgement);
		}
	}

	/**
	 * The path of {@code REV:path} that Git reads from the tree of a revision: judged like {@code cat path}, and a
	 * folder like its tree; a path that starts with {@code ./} or {@code ../} is relative to the folder Git works in,
	 * which a {@code cd} may have moved, so the whole repository counts then.
	 */
	private void revisionPath(FactScan scan, FactScan.Hit hit, String objectPath, Path base, boolean universal,
			Judgement judgement) {
		// the path is relative to the top of the work tree, which is the workspace root when Git works there
		boolean atTop = base.toAbsolutePath().normalize()
				.equals(rules.outputTargets().root().toAbsolutePath().normalize());
		if (objectPath.equals("..") || objectPath.startsWith("./") || objectPath.startsWith("../")
				|| objectPath.contains("/../") || objectPath.endsWith("/..") || directoryMayChange || !atTop) {
			recursion(scan, hit, ":/", base, universal, judgement);
			if (!objectPath.startsWith("./") && !objectPath.startsWith("../")) {
				hidden(hit, objectPath, PartFact.Kind.READS, judgement);
			}
			return;
		}
		hidden(hit, objectPath, PartFact.Kind.READS, judgement);
		if (java.nio.file.Files.isDirectory(base.resolve(objectPath))) {
			recursion(scan, hit, base.resolve(objectPath).toString(), base, universal, judgement);
		}
	}

	/**
	 * The path of an object name that names one ({@code REV:path}, {@code :path}, {@code :N:path}, the top of the
	 * tree for {@code REV:}), or null: a revision, or pathspec magic ({@code :/message}, {@code :!src},
	 * {@code :(top)x}). The colon that ends the revision is the first outside braces ({@code HEAD@{now:}:x}).
	 */
	private static String objectPath(String word) {
		if (word.startsWith(":")) {
			if (word.length() > 1 && "/!^(".indexOf(word.charAt(1)) >= 0) {
				return null;
			}
			String path = word.substring(1);
			if (path.length() > 1 && path.charAt(1) == ':' && Character.isDigit(path.charAt(0))) {
				path = path.substring(2); // `:0:path`, the path at a stage of the index
			}
			return path.isEmpty() ? "." : path;
		}
		int depth = 0;
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (c == '{') {
				depth++;
			} else if (c == '}') {
				depth = Math.max(0, depth - 1);
			} else if (c == ':' && depth == 0) {
				String path = word.substring(i + 1);
				return path.isEmpty() ? "." : path;
			}
		}
		return null;
	}

	/**
	 * The folder Git works in: the working directory, or the folders {@code -C} names, each relative to the one
	 * before; null when one of them holds an expansion.
	 */
	private Path gitDirectory(FactScan scan) {
		Path directory = workingDirectory;
		List<FactScan.Hit> hits = scan.hits();
		for (int i = 0; i < hits.size(); i++) {
			FactScan.Hit hit = hits.get(i);
			if (hit.fact().program().equals("git") && hit.fact().spelling().equals("-C=") && hit.value() != null) {
				if (!hit.valueLiteral()) {
					return null;
				}
				directory = directory.resolve(hit.value()).normalize();
			}
		}
		return directory;
	}

	/**
	 * Whether the folder holds files hidden from the agent that Git tracks, where Git works in {@code directory};
	 * asked once per line, folder and directory.
	 */
	private Optional<String> trackedCheck(String folder, Path directory) {
		return oncePerLine(true, "\0git-tracked\0" + directory + "\0" + folder,
				() -> rules.guard().whyFolderHoldsHiddenGitTracks(folder, directory));
	}

	/** Whether the folder holds files hidden from the agent, asked once per line and folder. */
	private Optional<String> treeCheck(String folder, boolean skips) {
		return oncePerLine(skips, folder, () -> rules.guard().whyFolderHoldsHidden(folder, workingDirectory, skips));
	}

	/**
	 * The answer of a check of a folder's tree, asked of the file system once per line: kept by {@code key} among
	 * the answers for programs that skip dot files ({@code skipping}) or those for programs that do not. These
	 * checks walk trees, so the function made for each call costs nothing that counts.
	 */
	private Optional<String> oncePerLine(boolean skipping, String key, Supplier<Optional<String>> check) {
		Map<String, Optional<String>> checks = treeChecks(skipping);
		Optional<String> why = checks.get(key);
		if (why == null) {
			why = check.get();
			checks.put(key, why);
		}
		return why;
	}

	/** What a word that keeps a wildcard from covering the command does: runs code, or takes names of files. */
	private static PartFact.Kind riskKind(FactScan.Hit hit) {
		return hit.fact().kind() == FactTable.Kind.NAMES ? PartFact.Kind.NAMES : PartFact.Kind.RUNS;
	}

	private static PartFact partFact(FactScan.Hit hit, PartFact.Kind kind, boolean sandboxWaivable) {
		FactTable.Fact fact = hit.fact();
		return new PartFact(fact.program(), fact.spelling(), kind, fact.effect(), fact.source(), sandboxWaivable);
	}

	/**
	 * The words that the facts say are a pattern, an expression or a mode rather than a path ({@code TODO} of
	 * {@code grep TODO src}, {@code '.*'} of {@code grep -c '.*' README.md}); most commands have none.
	 */
	private static List<Word> patternWords(List<FactScan> scans, Layers layers) {
		List<Word> patterns = List.of();
		for (int s = 0; s < scans.size() && s < layers.words.size(); s++) {
			List<FactScan.Hit> hits = scans.get(s).hits();
			for (int h = 0; h < hits.size(); h++) {
				FactScan.Hit hit = hits.get(h);
				if (hit.fact().kind() != FactTable.Kind.SCRIPT || hit.value() == null) {
					continue;
				}
				List<Word> layer = layers.words.get(s);
				if (layer.isEmpty() || layer.get(0).text().indexOf('/') >= 0) {
					break; // a program named by a path may be any program (`./echo .env` where ./echo is a cat)
				}
				int index = hit.index();
				String value = hit.value();
				String at = index < 0 || index >= layer.size() ? null : layer.get(index).text();
				// the operand itself, the option with its value attached (`grep --regexp=PATTERN`), or the value of an
				// option in the word after it (`grep -e PATTERN`). Compared by text, as a scan may be one kept for an
				// equal command: where the text leaves it open (`grep -e e .env`), the option's own word is taken,
				// and the word after it is judged as any other
				Word word = at == null ? null
						: at.equals(value) ? layer.get(index)
						: at.equals(hit.word()) && at.length() > value.length() && at.endsWith(value) ? layer.get(index)
						: index + 1 < layer.size() && layer.get(index + 1).text().equals(value) ? layer.get(index + 1)
						: null;
				if (word != null) {
					if (patterns.isEmpty()) {
						patterns = new ArrayList<>(2);
					}
					patterns.add(word);
				}
			}
		}
		return patterns;
	}

	private void guard(List<Word> words, List<Word> patterns, List<Assignment> assignments, List<Word> envAssignments,
			List<Redirect> redirects, List<Word> outputFiles, List<FactScan> scans, Layers layers,
			Judgement judgement) {
		if (!patterns.isEmpty() && (outputRead || keepsOutput(redirects))) {
			patterns = List.of(); // what it prints may be read as names later
		}
		for (int i = 0; i < words.size(); i++) {
			Word word = words.get(i);
			if (word.literal() && holdsIdentical(patterns, word)) {
				continue; // a pattern the program reads as one: the shell passes it unchanged, and no file is opened
			}
			// the shell expands an argument's unquoted globs by its own rules before the program sees them
			Optional<String> why = rules.guard().whyHidden(word.text(), workingDirectory,
					!word.literal() && hasGlob(word.text()) && defaultGlobs());
			if (why.isPresent() && word.literal() && word.text().indexOf('/') < 0 && why.get().contains(IGNORED_ONLY)
					&& namesTask(word, scans, layers)) {
				continue; // `./gradlew build`, `npm run build`, `cargo build`: a task, not the ignored folder `build`
			}
			judgement.raiseWhen(PartStatus.NOT_COVERABLE, why, null);
		}
		for (int i = 0; i < assignments.size(); i++) {
			// a value kept in a variable may name the file a later word reads (`x=.env; cat $x`); the shell does not
			// expand a glob in an assignment, but where `$x` is later used unquoted, by its own rules. In front of a
			// command, a harmless variable's glob is not expanded at all (`DEBUG=* npm test`)
			Assignment assignment = assignments.get(i);
			String value = assignment.value().text();
			boolean glob = hasGlob(value);
			if (!glob || words.isEmpty() || !rules.facts().isHarmlessVariable(assignment.name())) {
				judgement.raiseWhen(PartStatus.NOT_COVERABLE,
						rules.guard().whyHidden(value, workingDirectory, glob && defaultGlobs()), null);
			}
		}
		for (int i = 0; i < envAssignments.size(); i++) {
			guardWord(envAssignments.get(i).text(), judgement);
		}
		for (int i = 0; i < redirects.size(); i++) {
			Redirect redirect = redirects.get(i);
			if (redirect.kind() == Redirect.Kind.INPUT || redirect.kind() == Redirect.Kind.OUTPUT) {
				guardWord(redirect.target().text(), judgement);
			}
		}
		for (int i = 0; i < outputFiles.size(); i++) {
			guardWord(outputFiles.get(i).text(), judgement);
		}
	}

	/**
	 * Whether the command's output may go to a file ({@code echo .env > list}, read later by {@code xargs -a list}):
	 * written to one, or to a descriptor other than the two outputs ({@code exec 3>list; echo .env >&3}), or to
	 * standard error where that goes to a file ({@code echo .env 2>list >&2}); or whether the line has an
	 * {@code exec}, which can send every later command's output to a file ({@code exec >list; echo .env}).
	 */
	private boolean keepsOutput(List<Redirect> redirects) {
		boolean toStandardError = false;
		boolean standardErrorRedirected = false;
		for (int i = 0; i < redirects.size(); i++) {
			Redirect redirect = redirects.get(i);
			String target = redirect.target().text();
			if (redirect.kind() == Redirect.Kind.OUTPUT && !target.equals("/dev/null")) {
				if (redirect.fd() != 2) {
					return true;
				}
				standardErrorRedirected = true;
			} else if (redirect.kind() == Redirect.Kind.DUPLICATE && redirect.operator().startsWith(">")) {
				if (redirect.fd() == 2) {
					standardErrorRedirected |= !target.equals("1") && !target.equals("-");
				} else if (target.equals("2")) {
					toStandardError = true;
				} else if (!target.equals("1") && !target.equals("-")) {
					return true;
				}
			}
		}
		if (toStandardError && standardErrorRedirected) {
			return true;
		}
		if (lineHasExec == 0) {
			lineHasExec = standsAloneWithoutQuotes(line, "exec") ? 1 : -1; // also `ex""ec`, `e\xec`
		}
		return lineHasExec > 0;
	}

	/** How the reason of a file hidden only because an ignore file names it reads (a sensitive one says so first). */
	private static final String IGNORED_ONLY = "(ignored: ";

	/**
	 * Whether a word names a subcommand of its program ({@code cargo build}) or a task, target or script of a build
	 * (a {@code task} fact: {@code ./gradlew build}, {@code make dist}, {@code npm run build}) rather than a path.
	 * Asked only of a word that names a file hidden because an ignore file names it, which such a word does not read;
	 * a sensitive file is asked about wherever its name stands. A word that a fact also takes for a path it reads,
	 * writes, loads or walks is no task: {@link #hidden} leaves such a whole word to this guard.
	 */
	private static boolean namesTask(Word word, List<FactScan> scans, Layers layers) {
		boolean task = false;
		for (int s = 0; s < scans.size() && s < layers.words.size(); s++) {
			List<Word> layer = layers.words.get(s);
			List<FactScan.Hit> hits = scans.get(s).hits();
			for (int h = 0; h < hits.size(); h++) {
				FactScan.Hit hit = hits.get(h);
				if (hit.index() <= 0 || hit.index() >= layer.size() || layer.get(hit.index()) != word) {
					continue;
				}
				FactTable.Kind kind = hit.fact().kind();
				if (kind == FactTable.Kind.READS || kind == FactTable.Kind.WRITES || kind == FactTable.Kind.LOADS
						|| kind == FactTable.Kind.RECURSES || kind == FactTable.Kind.LISTS) {
					return false;
				}
				task |= kind == FactTable.Kind.TASK;
			}
			// the words of the subcommand the scan found, in order after the program's name
			FactTable.Program program = scans.get(s).program();
			String name = program == null ? null : program.name();
			int space = name == null ? -1 : name.indexOf(' ');
			String[] subcommands = space < 0 ? new String[0] : name.substring(space + 1).split(" ");
			for (int w = 1, k = 0; !task && w < layer.size() && k < subcommands.length; w++) {
				if (layer.get(w).literal() && layer.get(w).text().equals(subcommands[k])) {
					task = layer.get(w) == word;
					k++;
				}
			}
		}
		return task;
	}

	private static boolean holdsIdentical(List<Word> words, Word word) {
		for (int i = 0; i < words.size(); i++) {
			if (words.get(i) == word) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasGlob(String text) {
		return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
	}

	private boolean defaultGlobs() {
		if (defaultGlobs == 0) {
			defaultGlobs = !directoryMayChange && globsExpandAsByDefault(line) ? 1 : -1;
		}
		return defaultGlobs > 0;
	}

	private void guardWord(String word, Judgement judgement) {
		judgement.raiseWhen(PartStatus.NOT_COVERABLE, rules.guard().whyHidden(word, workingDirectory), null);
	}

	// ---- the verdict

	/** The pattern that covers every part of the line when they all have the same one, else null. */
	private String onlyPattern() {
		String only = parts.get(0).pattern();
		for (int i = 1; i < parts.size() && only != null; i++) {
			String pattern = parts.get(i).pattern();
			if (pattern != only && !only.equals(pattern)) {
				return null;
			}
		}
		return only;
	}

	private CommandVerdict verdict(String commandLine) {
		if (parts.isEmpty()) {
			return new CommandVerdict(commandLine, Verdict.ASK, "the command line runs nothing", true, List.of());
		}
		JudgedParts judged = new JudgedParts(parts);
		JudgedPart worst = null;
		int notCovered = 0;
		for (int i = 0; i < parts.size(); i++) {
			JudgedPart part = parts.get(i);
			if (part.status() != PartStatus.COVERED) {
				notCovered++;
				if (worst == null || part.status().compareTo(worst.status()) > 0) {
					worst = part;
				}
			}
		}
		String reason;
		Verdict verdict;
		if (worst != null) {
			verdict = worst.status() == PartStatus.DENIED ? Verdict.DENIED : Verdict.ASK;
			reason = worst.reason() + (notCovered > 1 && verdict == Verdict.ASK
					? " (and " + (notCovered - 1) + (notCovered > 2 ? " more parts need" : " more part needs") + " approval)"
					: "");
		} else {
			verdict = Verdict.TRUSTED;
			String only = onlyPattern();
			if (only != null) {
				reason = "covered by `" + only + "`"; // most lines: one pattern covers every part
			} else {
				List<String> patterns = judged.coveringPatterns(); // every part is covered
				reason = patterns.isEmpty() ? parts.get(0).reason()
						: "covered by `" + String.join("`, `", patterns) + "`";
			}
		}
		return new CommandVerdict(commandLine, verdict, reason, true, judged);
	}
}
