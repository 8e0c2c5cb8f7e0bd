package dev.warden.core.internal.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recognises programs that run another program ({@code env}, {@code timeout}, {@code bash -c}, {@code xargs},
 * {@code find -exec} …) and says what they run, so that a command is judged by what it runs. A wrapper whose
 * options are not understood is reported as {@link Unknown}: the command is then asked about.
 */
public final class Wrappers {

	/** What one layer of wrapping runs. */
	public sealed interface Unwrapped permits Direct, Inner, ShellString, FindExec, Privileged, Unknown {
	}

	/** Not a wrapper, or a wrapper used without a command: the words are judged themselves. */
	public record Direct() implements Unwrapped {
	}

	/**
	 * The wrapper runs the command {@code words}; with {@code openTail}, more arguments are added at run time.
	 *
	 * @param assignments {@code NAME=value} words the wrapper puts into the environment ({@code env})
	 */
	public record Inner(String wrapper, List<Word> words, boolean openTail, List<Word> assignments)
			implements Unwrapped {

		/**
		 * Keeps unmodifiable copies, so that every list of words the judge reads is of the kinds the parser
		 * makes ({@link List#of}), rather than views of other lists.
		 */
		public Inner {
			words = List.copyOf(words);
			assignments = List.copyOf(assignments);
		}
	}

	/** The wrapper runs a command line given as a string ({@code bash -c}, {@code watch}). */
	public record ShellString(String wrapper, String script) implements Unwrapped {
	}

	/**
	 * {@code find} with {@code -exec}-like actions: find itself is judged as it is, and each command too.
	 *
	 * @param outputFiles files that {@code -fprint} and its relatives write
	 */
	public record FindExec(List<List<Word>> commands, List<Word> outputFiles) implements Unwrapped {

		/** Keeps unmodifiable copies, as {@link Inner} does. */
		public FindExec {
			List<List<Word>> copies = new ArrayList<>(commands.size());
			for (int i = 0; i < commands.size(); i++) {
				copies.add(List.copyOf(commands.get(i))); // find's own lists are unmodifiable already: not copied
			}
			commands = List.copyOf(copies);
			outputFiles = List.copyOf(outputFiles);
		}
	}

	/**
	 * A program that runs a command as another user ({@code sudo}): judged as itself; {@code innerWords} are only
	 * checked against the deny rules.
	 */
	public record Privileged(List<Word> innerWords) implements Unwrapped {

		/** Keeps an unmodifiable copy, as {@link Inner} does. */
		public Privileged {
			innerWords = List.copyOf(innerWords);
		}
	}

	/** A wrapper whose use is not understood. */
	public record Unknown(String reason) implements Unwrapped {
	}

	private static final Direct DIRECT = new Direct();

	private static final class CannotTell extends Exception {
		private static final long serialVersionUID = 1L;

		CannotTell(String message) {
			super(message, null, false, false);
		}
	}

	/**
	 * Options of a wrapper.
	 *
	 * @param flags        short options without argument
	 * @param withArgument short options with an argument (attached or in the next word)
	 * @param longFlags    long options without argument (also accepted with {@code =value})
	 * @param longWithArgument long options with an argument ({@code --opt=value} or {@code --opt value})
	 */
	private record Options(String flags, String withArgument, Set<String> longFlags, Set<String> longWithArgument) {
	}

	private static final Options TIMEOUT = new Options("v", "sk", Names.setOf("--preserve-status", "--foreground",
			"--verbose"), Names.setOf("--signal", "--kill-after"));
	private static final Options NICE = new Options("", "n", Names.setOf(), Names.setOf("--adjustment"));
	private static final Options IONICE = new Options("t", "cn", Names.setOf("--ignore"),
			Names.setOf("--class", "--classdata"));
	private static final Options STDBUF = new Options("", "ioe", Names.setOf(),
			Names.setOf("--input", "--output", "--error"));
	private static final Options SETSID = new Options("cfw", "", Names.setOf("--ctty", "--fork", "--wait"), Names.setOf());
	private static final Options NOHUP = new Options("", "", Names.setOf(), Names.setOf());
	private static final Options TIME = new Options("pvq", "f", Names.setOf("--portability", "--verbose", "--quiet"),
			Names.setOf("--format"));
	private static final Options ENV = new Options("i0v", "uC", Names.setOf("--ignore-environment", "--null", "--debug",
			"--block-signal", "--default-signal", "--ignore-signal", "--list-signal-handling"),
			Names.setOf("--unset", "--chdir"));
	private static final Options COMMAND = new Options("p", "", Names.setOf(), Names.setOf());
	private static final Options WATCH = new Options("bcCdefgprtwx", "nq", Names.setOf("--beep", "--color", "--no-color",
			"--differences", "--errexit", "--chgexit", "--precise", "--no-rerun", "--no-title", "--no-wrap", "--exec"),
			Names.setOf("--interval", "--equexit"));
	private static final Options XARGS = new Options("0rtpxo", "aEdILnPs", Names.setOf("--null", "--no-run-if-empty",
			"--verbose", "--exit", "--interactive", "--open-tty", "--replace", "--max-lines", "--eof"),
			Names.setOf("--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-chars"));

	/** The wrappers that {@link #unwrap} knows by name (its switch), besides the shells and privileged programs. */
	static final Set<String> WRAPPER_NAMES = Names.setOf("env", "nohup", "time", "timeout", "nice", "ionice",
			"stdbuf", "setsid", "command", "builtin", "exec", "watch", "xargs", "find", "cross-env");
	static final Set<String> SHELLS = Names.setOf("sh", "bash", "zsh", "dash", "ksh", "mksh", "ash");
	static final Set<String> PRIVILEGED = Names.setOf("sudo", "doas", "pkexec", "run0", "su", "runuser",
			"sudoedit");
	private static final Set<String> SUDO_OPTIONS_WITH_ARGUMENT = Names.setOf("-u", "-g", "-C", "-D", "-h", "-p", "-r",
			"-t", "-T", "-U", "-R", "--user", "--group", "--chdir", "--host", "--prompt", "--role", "--type",
			"--command-timeout", "--other-user", "--chroot", "--close-from");
	private static final Set<String> FIND_ACTIONS = Names.setOf("-exec", "-execdir", "-ok", "-okdir");
	private static final Set<String> FIND_OUTPUTS = Names.setOf("-fprint", "-fprint0", "-fls", "-fprintf");

	private Wrappers() {
	}

	/**
	 * Whether {@link #unwrap} may find a command inside a command whose program has this last path segment; when
	 * not, it finds none.
	 */
	static boolean mayWrap(String name) {
		return WRAPPER_NAMES.contains(name) || SHELLS.contains(name) || PRIVILEGED.contains(name);
	}

	/** The wrapper name of a command word, or null: the bare name or the name in /bin or /usr/bin. */
	private static String wrapperName(Word word) {
		if (!word.literal()) {
			return null;
		}
		String text = word.text();
		if (text.startsWith("/bin/") || text.startsWith("/usr/bin/")) {
			String base = Quoting.basename(text);
			return text.equals("/bin/" + base) || text.equals("/usr/bin/" + base) ? base : null;
		}
		return text;
	}

	/** What the command {@code words} runs, one layer deep. */
	public static Unwrapped unwrap(List<Word> words) {
		if (words.isEmpty()) {
			return DIRECT;
		}
		if (PRIVILEGED.contains(Quoting.basename(words.get(0).text()))) {
			return privileged(words);
		}
		String name = wrapperName(words.get(0));
		if (name == null) {
			return DIRECT;
		}
		try {
			return switch (name) {
			case "env" -> env(words);
			case "cross-env" -> assignmentsThenCommand("cross-env", words, 1);
			case "nohup" -> inner(name, words, skip(name, words, NOHUP), false);
			case "time" -> time(words);
			case "timeout" -> inner(name, words, skip(name, words, TIMEOUT) + 1, false);
			case "nice" -> inner(name, words, skipNice(words), false);
			case "ionice" -> ionice(words);
			case "stdbuf" -> inner(name, words, skip(name, words, STDBUF), false);
			case "setsid" -> inner(name, words, skip(name, words, SETSID), false);
			case "command" -> command(words);
			case "builtin" -> inner(name, words, words.size() > 1 && words.get(1).text().equals("--") ? 2 : 1, false);
			case "exec" -> exec(words);
			case "watch" -> watch(words);
			case "xargs" -> xargs(words);
			case "find" -> find(words);
			default -> SHELLS.contains(name) ? shell(name, words) : DIRECT;
			};
		} catch (CannotTell e) {
			return new Unknown(e.getMessage());
		}
	}

	private static Unwrapped inner(String wrapper, List<Word> words, int commandIndex, boolean openTail)
			throws CannotTell {
		if (commandIndex > words.size()) {
			throw new CannotTell("`" + wrapper + "` is missing an argument before its command");
		}
		if (commandIndex == words.size()) {
			return DIRECT;
		}
		return new Inner(wrapper, words.subList(commandIndex, words.size()), openTail, List.of());
	}

	/** Skips the options of a wrapper and returns the index of its first operand. */
	private static int skip(String wrapper, List<Word> words, Options options) throws CannotTell {
		int i = 1;
		while (i < words.size()) {
			Word word = words.get(i);
			String text = word.text();
			if (!word.literal()) {
				throw new CannotTell("cannot tell what `" + wrapper + "` runs: `" + Quoting.oneLine(text)
						+ "` is not a literal word");
			}
			if (text.equals("--")) {
				return i + 1;
			}
			if (text.startsWith("--")) {
				int equals = text.indexOf('=');
				String name = equals < 0 ? text : text.substring(0, equals);
				if (options.longFlags().contains(name)) {
					i++;
				} else if (options.longWithArgument().contains(name)) {
					i += equals < 0 ? 2 : 1;
				} else {
					throw unknownOption(wrapper, text);
				}
				continue;
			}
			if (!text.startsWith("-") || text.length() == 1) {
				return i;
			}
			i += skipCluster(wrapper, text, options);
		}
		return i;
	}

	/** Skips one cluster of short options such as {@code -oL} and returns how many words it took. */
	private static int skipCluster(String wrapper, String text, Options options) throws CannotTell {
		for (int j = 1; j < text.length(); j++) {
			char c = text.charAt(j);
			if (options.withArgument().indexOf(c) >= 0) {
				return j == text.length() - 1 ? 2 : 1;
			}
			if (options.flags().indexOf(c) < 0) {
				throw unknownOption(wrapper, text);
			}
		}
		return 1;
	}

	private static CannotTell unknownOption(String wrapper, String option) {
		return new CannotTell("cannot tell what `" + wrapper + "` runs: its option `" + Quoting.oneLine(option)
				+ "` is not known");
	}

	private static Unwrapped env(List<Word> words) throws CannotTell {
		for (int i = 1; i < words.size(); i++) {
			String text = words.get(i).text();
			if (!text.startsWith("-") || text.equals("--")) {
				break;
			}
			if (text.startsWith("--split-string") || (!text.startsWith("--") && text.indexOf('S') > 0)) {
				throw new CannotTell("`env -S` splits a string into a command line; that is not supported");
			}
			if (text.startsWith("--chdir") || (!text.startsWith("--") && text.indexOf('C') > 0)) {
				// the command's relative paths would lead elsewhere than the checks see
				throw new CannotTell("`env -C` runs the command in another folder; that is not supported");
			}
		}
		return assignmentsThenCommand("env", words,
				words.size() > 1 && words.get(1).text().equals("-") ? 2 : skip("env", words, ENV));
	}

	/**
	 * The assignments {@code NAME=VALUE} from {@code start} on, then the command they are given to; direct when no
	 * command follows. {@code env} after its options, and {@code cross-env} (npm's portable {@code env}).
	 */
	private static Unwrapped assignmentsThenCommand(String wrapper, List<Word> words, int start) {
		int i = start;
		List<Word> assignments = new ArrayList<>();
		while (i < words.size() && isAssignmentWord(words.get(i).text())) {
			assignments.add(words.get(i));
			i++;
		}
		if (i == words.size()) {
			return DIRECT;
		}
		return new Inner(wrapper, words.subList(i, words.size()), false, assignments);
	}

	private static boolean isAssignmentWord(String text) {
		int equals = text.indexOf('=');
		if (equals <= 0) {
			return false;
		}
		for (int i = 0; i < equals; i++) {
			char c = text.charAt(i);
			boolean nameChar = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0'
					&& c <= '9');
			if (!nameChar) {
				return false;
			}
		}
		return true;
	}

	/** The variable name of an {@code env} assignment word. */
	public static String assignedName(Word word) {
		return word.text().substring(0, word.text().indexOf('='));
	}

	private static Unwrapped time(List<Word> words) throws CannotTell {
		for (int i = 1; i < words.size() && words.get(i).text().startsWith("-"); i++) {
			String text = words.get(i).text();
			if (text.equals("-o") || text.equals("-a") || text.startsWith("--output") || text.startsWith("--append")) {
				throw new CannotTell("`time " + text + "` writes its report to a file");
			}
		}
		boolean keyword = words.get(0).text().equals("time"); // a path names the program in both shells
		for (int i = 1; keyword && i < words.size() && words.get(i).text().startsWith("-"); i++) {
			String text = words.get(i).text();
			if (text.equals("--")) {
				break;
			}
			if (!text.equals("-p")) {
				throw new CannotTell("`time " + Quoting.oneLine(text) + "`: bash's keyword `time` takes only `-p` and runs `"
						+ Quoting.oneLine(text) + "` as the command, but dash runs the program `time`, which reads it as"
						+ " an option");
			}
		}
		int command = skip("time", words, TIME); // the keyword's options are only `-p` by now
		if (command < words.size() && words.get(command).text().equals("!")) {
			throw new CannotTell("`time !` negates the command in bash, where `time` is a keyword, but runs a program"
					+ " named `!` elsewhere");
		}
		return inner("time", words, command, false);
	}

	/** {@code exec COMMAND}: bash reads options of exec ({@code -a NAME}, {@code -c}, {@code -l}), dash none. */
	private static Unwrapped exec(List<Word> words) throws CannotTell {
		if (words.size() > 1 && words.get(1).text().startsWith("-")) {
			String option = Quoting.oneLine(words.get(1).text());
			throw new CannotTell("`exec " + option + "`: bash reads `" + option + "` as an option of exec, but dash runs"
					+ " a program of that name");
		}
		return inner("exec", words, 1, false);
	}

	private static int skipNice(List<Word> words) throws CannotTell {
		if (words.size() > 1) {
			String text = words.get(1).text();
			if (text.length() > 1 && text.charAt(0) == '-' && isNumber(text.substring(text.startsWith("--") ? 2 : 1))) {
				return 2;
			}
		}
		return skip("nice", words, NICE);
	}

	private static boolean isNumber(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (!Character.isDigit(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static Unwrapped ionice(List<Word> words) throws CannotTell {
		for (int i = 1; i < words.size(); i++) {
			String text = words.get(i).text();
			if (text.equals("-p") || text.equals("-P") || text.equals("-u") || text.startsWith("--pid")
					|| text.startsWith("--pgid") || text.startsWith("--uid")) {
				return DIRECT;
			}
		}
		return inner("ionice", words, skip("ionice", words, IONICE), false);
	}

	private static Unwrapped command(List<Word> words) throws CannotTell {
		for (int i = 1; i < words.size() && words.get(i).text().startsWith("-"); i++) {
			String text = words.get(i).text();
			if (text.indexOf('v') > 0 || text.indexOf('V') > 0) {
				return DIRECT;
			}
		}
		return inner("command", words, skip("command", words, COMMAND), false);
	}

	private static Unwrapped watch(List<Word> words) throws CannotTell {
		boolean exec = false;
		for (int i = 1; i < words.size(); i++) {
			String text = words.get(i).text();
			if (!text.startsWith("-")) {
				break;
			}
			if (text.equals("-s") || text.startsWith("--shell")) {
				throw new CannotTell("`watch --shell` names the shell that runs the command");
			}
			exec |= text.equals("--exec") || (!text.startsWith("--") && text.indexOf('x') > 0);
		}
		int i = skip("watch", words, WATCH);
		if (i >= words.size()) {
			return DIRECT;
		}
		List<Word> command = words.subList(i, words.size());
		if (exec) {
			return new Inner("watch", command, false, List.of());
		}
		StringBuilder script = new StringBuilder();
		for (Word word : command) {
			if (!word.literal()) {
				throw new CannotTell("cannot tell what `watch` runs: `" + Quoting.oneLine(word.text())
						+ "` is not a literal word");
			}
			if (!script.isEmpty()) {
				script.append(' ');
			}
			script.append(word.text());
		}
		return new ShellString("watch", script.toString());
	}

	private static Unwrapped xargs(List<Word> words) throws CannotTell {
		int i = xargsOptions(words).command();
		List<Word> command = i < words.size() ? words.subList(i, words.size()) : List.of(Word.literal("echo"));
		return new Inner("xargs", command, true, List.of());
	}

	/**
	 * The text that {@code xargs -I R}, {@code -i[R]} or {@code --replace[=R]} replaces in the command it runs with
	 * each name it reads, or null: none is given, or its options cannot be told (then {@link #unwrap} fails closed).
	 */
	static String xargsReplaces(List<Word> words) {
		try {
			return xargsOptions(words).replaces();
		} catch (CannotTell e) {
			return null;
		}
	}

	/**
	 * What the options of {@code xargs} say: the index of the first word of the command it runs, and the text its
	 * -I, -i or --replace replaces (null when none is given).
	 */
	private record XargsOptions(int command, String replaces) {
	}

	private static XargsOptions xargsOptions(List<Word> words) throws CannotTell {
		String replaces = null;
		int i = 1;
		while (i < words.size()) {
			Word word = words.get(i);
			String text = word.text();
			if (!word.literal()) {
				throw new CannotTell("cannot tell what `xargs` runs: `" + Quoting.oneLine(text)
						+ "` is not a literal word");
			}
			if (text.equals("--")) {
				i++;
				break;
			}
			if (text.startsWith("--process-slot-var")) {
				throw new CannotTell("`xargs --process-slot-var` sets a variable for the command it runs");
			}
			if (text.startsWith("--")) {
				int equals = text.indexOf('=');
				String name = equals < 0 ? text : text.substring(0, equals);
				if (XARGS.longFlags().contains(name)) {
					if (name.equals("--replace")) {
						replaces = equals < 0 ? "{}" : text.substring(equals + 1);
					}
					i++;
				} else if (XARGS.longWithArgument().contains(name)) {
					i += equals < 0 ? 2 : 1;
				} else {
					throw unknownOption("xargs", text);
				}
				continue;
			}
			if (!text.startsWith("-") || text.length() == 1) {
				break;
			}
			// -i, -e and -l take an optional argument that must be attached.
			if ("iel".indexOf(text.charAt(1)) >= 0) {
				if (text.charAt(1) == 'i') {
					replaces = text.length() > 2 ? text.substring(2) : "{}";
				}
				i++;
				continue;
			}
			int skip = skipCluster("xargs", text, XARGS);
			int valueAt = text.indexOf('I');
			if (valueAt > 0 && firstWithArgument(text, XARGS) == valueAt) {
				replaces = valueAt < text.length() - 1 ? text.substring(valueAt + 1)
						: i + 1 < words.size() ? words.get(i + 1).text() : null;
			}
			i += skip;
		}
		return new XargsOptions(i, replaces);
	}

	/** Where in a cluster of short options the first that takes a value stands, or -1. */
	private static int firstWithArgument(String text, Options options) {
		for (int j = 1; j < text.length(); j++) {
			if (options.withArgument().indexOf(text.charAt(j)) >= 0) {
				return j;
			}
		}
		return -1;
	}

	private static Unwrapped find(List<Word> words) throws CannotTell {
		List<List<Word>> commands = List.of();
		List<Word> outputs = List.of();
		int i = 1;
		while (i < words.size()) {
			String text = words.get(i).text();
			if (text.length() < 3 || text.charAt(0) != '-') {
				i++; // a folder, a value or a test's operand: every action and output starts with `-`
				continue;
			}
			if (FIND_OUTPUTS.contains(text)) {
				if (i + 1 >= words.size()) {
					throw new CannotTell("`find " + text + "` is missing its file");
				}
				outputs = outputs.isEmpty() ? new ArrayList<>(2) : outputs;
				outputs.add(words.get(i + 1));
				i += text.equals("-fprintf") ? 3 : 2;
				continue;
			}
			if (!FIND_ACTIONS.contains(text)) {
				i++;
				continue;
			}
			int commandStart = i + 1;
			int j = commandStart;
			while (j < words.size() && !isFindTerminator(words, j)) {
				j++;
			}
			if (j >= words.size()) {
				throw new CannotTell("`find " + text + "` is not terminated by `;` or `+`");
			}
			if (j == commandStart) {
				throw new CannotTell("`find " + text + "` names no command");
			}
			Word[] command = new Word[j - commandStart];
			for (int w = commandStart; w < j; w++) {
				Word word = words.get(w);
				command[w - commandStart] = word.text().contains("{}")
						? new Word(word.text(), false, word.substitutions(), word.glob(), false)
						: word;
			}
			commands = commands.isEmpty() ? new ArrayList<>(2) : commands;
			commands.add(List.of(command));
			i = j + 1;
		}
		if (commands.isEmpty() && outputs.isEmpty()) {
			return DIRECT;
		}
		return new FindExec(commands, outputs);
	}

	private static boolean isFindTerminator(List<Word> words, int index) {
		String text = words.get(index).text();
		return text.equals(";") || (text.equals("+") && words.get(index - 1).text().equals("{}"));
	}

	/**
	 * The options of a shell ({@code sh}, {@code bash}, {@code dash} …) that neither read start-up files nor change
	 * how the command line is read: short flags after {@code -} or {@code +}, the names {@code -o}/{@code +o} may
	 * set, and long options. Any other option is asked about (see {@link #shellOption}).
	 */
	private static final String SHELL_FLAGS = "ceuxvnaC";
	private static final Set<String> SHELL_SET_OPTIONS = Names.setOf("errexit", "nounset", "xtrace", "pipefail", "verbose",
			"noclobber", "allexport", "noexec");
	private static final Set<String> SHELL_LONG_OPTIONS = Names.setOf("--norc", "--noprofile");

	private static Unwrapped shell(String name, List<Word> words) throws CannotTell {
		boolean commandString = false;
		int i = 1;
		while (i < words.size()) {
			Word word = words.get(i);
			String text = word.text();
			if (!word.literal()) {
				throw new CannotTell("cannot tell what `" + name + "` runs: `" + Quoting.oneLine(text)
						+ "` is not a literal word");
			}
			if (text.equals("--") || text.equals("-")) {
				i++;
				break;
			}
			if (text.startsWith("--")) {
				if (!SHELL_LONG_OPTIONS.contains(text)) {
					throw shellOption(name, text);
				}
				i++;
				continue;
			}
			if ((text.startsWith("-") || text.startsWith("+")) && text.length() > 1) {
				boolean argument = false;
				for (int j = 1; j < text.length(); j++) {
					char c = text.charAt(j);
					commandString |= c == 'c';
					if (c == 'o' && !argument) {
						argument = true;
						String option = i + 1 < words.size() ? words.get(i + 1).text() : "";
						if (!SHELL_SET_OPTIONS.contains(option)) {
							throw shellOption(name, text + " " + option);
						}
					} else if (SHELL_FLAGS.indexOf(c) < 0 || (c == 'c' && text.charAt(0) == '+')) {
						throw shellOption(name, text);
					}
				}
				i += argument ? 2 : 1;
				continue;
			}
			break;
		}
		if (!commandString) {
			return DIRECT;
		}
		if (name.equals("zsh")) {
			// zsh reads ~/.zshenv before any command, whatever its options (-f still reads /etc/zshenv), and reads
			// the command string by rules of its own (no word splitting, its own globs and expansions)
			throw new CannotTell("`zsh -c` reads the start-up file ~/.zshenv before the command, and reads the command"
					+ " line by rules of its own, not those of sh; that is not supported");
		}
		if (i >= words.size()) {
			throw new CannotTell("`" + name + " -c` has no command string");
		}
		Word script = words.get(i);
		if (!script.literal()) {
			throw new CannotTell("the command string of `" + name + " -c` is not a literal word, so what it runs"
					+ " cannot be known");
		}
		return new ShellString(name + " -c", script.text());
	}

	/** Why a shell's option keeps its command from being judged by what it runs. */
	private static CannotTell shellOption(String name, String option) {
		String word = option.split(" ", 2)[0];
		String flags = word.startsWith("--") ? "" : word.substring(1);
		String why;
		if (word.equals("--login") || word.equals("--rcfile") || word.equals("--init-file")
				|| flags.indexOf('i') >= 0 || flags.indexOf('l') >= 0) {
			why = "reads start-up files (such as ~/.bashrc or ~/.profile, or the file given) before the command";
		} else if (flags.indexOf('s') >= 0) {
			why = "reads the commands from standard input";
		} else if (option.equals("--posix") || flags.indexOf('O') >= 0 || flags.indexOf('B') >= 0
				|| flags.indexOf('k') >= 0 || flags.indexOf('H') >= 0 || option.contains("posix")
				|| option.contains("braceexpand") || option.contains("keyword")) {
			why = "changes how the shell reads the command line";
		} else {
			why = "is not one of the options known not to read start-up files or change how the command is read";
		}
		return new CannotTell("`" + name + " " + Quoting.oneLine(option) + "` " + why + "; that is not supported");
	}

	private static Unwrapped privileged(List<Word> words) {
		int i = 1;
		while (i < words.size()) {
			String text = words.get(i).text();
			if (text.equals("--")) {
				i++;
				break;
			}
			if (!text.startsWith("-")) {
				break;
			}
			i += SUDO_OPTIONS_WITH_ARGUMENT.contains(text) ? 2 : 1;
		}
		return new Privileged(i < words.size() ? words.subList(i, words.size()) : List.of());
	}
}
