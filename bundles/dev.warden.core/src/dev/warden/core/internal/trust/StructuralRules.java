package dev.warden.core.internal.trust;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The checks behind the built-in deny rules ({@link dev.warden.core.trust.BuiltInDenyRule}). */
public final class StructuralRules {

	private static final Set<String> SYSTEM_DIRECTORIES = Set.of("bin", "boot", "dev", "etc", "home", "lib", "lib32",
			"lib64", "libx32", "opt", "proc", "root", "run", "sbin", "srv", "sys", "usr", "var", "Users", "System",
			"Applications", "Library", "Volumes", "private", "snap", "mnt", "media");

	static final Set<String> DOWNLOADERS = Names.setOf("curl", "wget", "fetch", "aria2c", "http", "https",
			"lwp-request", "GET", "xh");

	static final Set<String> INTERPRETERS = Names.setOf("sh", "bash", "zsh", "dash", "ksh", "mksh", "ash",
			"fish", "csh", "tcsh", "perl", "ruby", "node", "nodejs", "php", "lua", "luajit", "deno", "bun", "pwsh",
			"powershell", "source", ".", "eval", "osascript", "tclsh", "Rscript");

	/**
	 * Programs that run the commands they read on their input, where those can run other programs or read and write
	 * files: database shells ({@code .shell}, {@code \!}, {@code system}), debuggers ({@code shell}), line editors
	 * ({@code !}), file-transfer clients ({@code !}) and language shells. Given commands by a pipe or a here-document,
	 * they run what the line's words do not show. Unlike {@link #INTERPRETERS}, a download piped into one is asked
	 * about, not denied.
	 */
	static final Set<String> COMMAND_READERS = Names.setOf("sqlite3", "gdb", "lldb", "ed", "ex", "mysql", "mariadb",
			"psql", "redis-cli", "sftp", "lftp", "jshell", "irb", "R", "julia", "scala", "erl", "iex", "at", "batch");

	private static final Set<String> STARTUP_FILES = Names.setOf(".bashrc", ".bash_profile", ".bash_login",
			".bash_logout", ".profile", ".zshrc", ".zshenv", ".zprofile", ".zlogin", ".zlogout", ".kshrc", ".mkshrc",
			".cshrc", ".tcshrc", ".login", ".logout", ".xprofile", ".xinitrc", ".xsessionrc", ".inputrc",
			"config.fish", "bash.bashrc", "zshrc", "zshenv", "zprofile", "environment");


	private StructuralRules() {
	}

	public static boolean isDownloader(String name) {
		return DOWNLOADERS.contains(name);
	}

	public static boolean isInterpreter(String name) {
		return INTERPRETERS.contains(name) || name.startsWith("python");
	}

	/** Whether the program runs the commands it reads on its input ({@link #COMMAND_READERS}). */
	public static boolean readsCommands(String name) {
		return COMMAND_READERS.contains(name);
	}

	/** Why the command removes the root, a system directory or a home directory recursively. */
	public static Optional<String> removesRootOrHome(List<Word> words) {
		if (words.isEmpty() || !Quoting.basename(words.get(0).text()).equals("rm")) {
			return Optional.empty();
		}
		boolean recursive = false;
		boolean options = true;
		String dangerous = null;
		for (int i = 1; i < words.size(); i++) {
			String text = words.get(i).text();
			if (options && text.equals("--")) {
				options = false;
			} else if (options && text.startsWith("--")) {
				recursive |= text.equals("--recursive");
			} else if (options && text.startsWith("-") && text.length() > 1) {
				recursive |= text.indexOf('r') > 0 || text.indexOf('R') > 0;
			} else if (dangerous == null && isRootOrHome(text)) {
				dangerous = text;
			}
		}
		return recursive && dangerous != null
				? Optional.of("removes `" + Quoting.oneLine(dangerous) + "` recursively")
				: Optional.empty();
	}

	private static boolean isRootOrHome(String target) {
		String path = target;
		while (path.contains("//")) {
			path = path.replace("//", "/");
		}
		while (true) {
			if (path.length() > 1 && path.endsWith("/")) {
				path = path.substring(0, path.length() - 1);
			} else if (path.endsWith("/*") || path.endsWith("/.")) {
				path = path.substring(0, path.length() - 2);
			} else if (path.endsWith("/..")) {
				path = path.substring(0, path.length() - 3);
			} else {
				break;
			}
		}
		if (path.isEmpty() || path.equals("/") || path.equals("~") || path.equals("$HOME") || path.equals("${HOME}")) {
			return true;
		}
		if (path.startsWith("~") && path.indexOf('/') < 0) {
			return true;
		}
		if (path.startsWith("/")) {
			String[] segments = path.substring(1).split("/");
			if (segments.length == 1) {
				return SYSTEM_DIRECTORIES.contains(segments[0]) || segments[0].equals("*");
			}
			return segments.length == 2 && (segments[0].equals("home") || segments[0].equals("Users"));
		}
		return false;
	}

	/** Why the command is a forced git push. */
	public static Optional<String> forcePushes(List<Word> words) {
		if (words.isEmpty() || !Quoting.basename(words.get(0).text()).equals("git")) {
			return Optional.empty();
		}
		int subcommand = gitSubcommand(words);
		if (subcommand >= words.size() || !words.get(subcommand).text().equals("push")) {
			return Optional.empty();
		}
		for (int i = subcommand + 1; i < words.size(); i++) {
			String text = words.get(i).text();
			boolean force = text.equals("--force") || text.startsWith("--force-with-lease")
					|| text.equals("--force-if-includes") || text.startsWith("+")
					|| (text.startsWith("-") && !text.startsWith("--") && text.indexOf('f') > 0);
			if (force) {
				return Optional.of("force-pushes (`" + Quoting.oneLine(text) + "`), which can rewrite shared history");
			}
		}
		return Optional.empty();
	}

	/** git's global options that take a value in the next word: the program facts say so too. */
	static final Set<String> GIT_GLOBALS_WITH_ARGUMENT = Names.setOf("-C", "-c", "--git-dir", "--work-tree",
			"--namespace", "--config-env", "--super-prefix", "--list-cmds");

	/** The index of git's sub-command: the first word after the global options. */
	static int gitSubcommand(List<Word> words) {
		int i = 1;
		while (i < words.size()) {
			String word = words.get(i).text();
			if (!word.startsWith("-") || word.equals("-")) {
				return i;
			}
			if (word.equals("--")) {
				return i + 1;
			}
			i += GIT_GLOBALS_WITH_ARGUMENT.contains(word) ? 2 : 1;
		}
		return words.size();
	}

	/** Why writing to this target writes to a shell start-up file. */
	public static Optional<String> startupTarget(String target) {
		String path = target.substring(target.indexOf('=') + 1);
		String base = Quoting.basename(path);
		if (STARTUP_FILES.contains(base) && (base.startsWith(".") || path.startsWith("/etc/")
				|| path.contains("/fish/")) || path.startsWith("/etc/profile")) {
			return Optional.of("writes to the shell start-up file `" + Quoting.oneLine(path) + "`");
		}
		return Optional.empty();
	}

	/** Whether a script holds a command whose words name a downloader. */
	public static boolean downloads(Script script) {
		for (Pipeline pipeline : script.pipelines()) {
			for (Command command : pipeline.commands()) {
				if (command instanceof SimpleCommand simple) {
					for (Word word : simple.words()) {
						if (isDownloader(Quoting.basename(word.text())) || downloadsIn(word)) {
							return true;
						}
					}
					for (Assignment assignment : simple.assignments()) {
						if (downloadsIn(assignment.value())) {
							return true;
						}
					}
				} else if (command instanceof CompoundCommand compound && downloads(compound.body())) {
					return true;
				}
			}
		}
		return false;
	}

	/** Whether a substitution inside the word downloads. */
	public static boolean downloadsIn(Word word) {
		for (Script substitution : word.substitutions()) {
			if (downloads(substitution)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The built-ins of both shells that the checks below read ({@link #stopsTheLineInDash}, {@link #outsideALoop},
	 * {@link #bashOnlyOption}, {@link #printsOtherwiseInDash}); any other command is the same program in both.
	 */
	static final Set<String> SHARED_BUILTINS = Names.setOf("local", "return", "shift", "break", "continue", "set",
			"test", "[", "read", "printf", "wait", "export", "unset", "readonly", "umask", "cd", "kill", "type", "hash",
			"ulimit", "echo", "times", "jobs", "fg", "bg");

	/**
	 * Why a built-in stops the line in dash and not in bash, or null: {@code local} and {@code return} outside a
	 * function, and {@code shift}, as a command line has no arguments to shift.
	 */
	static String stopsTheLineInDash(List<Word> words) {
		String name = words.get(0).text();
		if (!name.equals("local") && !name.equals("return") && !name.equals("shift")) {
			return null;
		}
		return "`" + name + "` " + (name.equals("shift") ? "past the last argument (a command line has none)"
				: "outside a function") + " stops the line in dash, which may run it, and not in bash";
	}

	/**
	 * Why {@code break} or {@code continue} means otherwise in dash than in bash, or null: a command line that Warden
	 * trusts holds no loop, and outside one dash ignores them while bash complains on the error output.
	 */
	static String outsideALoop(List<Word> words) {
		String name = words.get(0).text();
		if (!name.equals("break") && !name.equals("continue")) {
			return null;
		}
		return "`" + name + "` outside a loop does nothing in dash, which may run the line, and bash complains of it";
	}

	/**
	 * The option (or format) of a built-in that both shells have that only bash understands, as a reason names it
	 * with its built-in, or null: {@code read -a}, {@code printf -v}, a {@code %q} format, {@code wait -n},
	 * {@code export -f}. Dash refuses them, so a line that holds one means something else where dash runs it.
	 */
	static String bashOnlyOption(List<Word> words) {
		String name = words.get(0).text();
		if (name.equals("set")) {
			return bashOnlySetOption(words);
		}
		if (name.equals("test") || name.equals("[")) {
			return bashOnlyTestOperator(words);
		}
		String letters = switch (name) {
		case "read" -> "adeinNstu";
		case "printf" -> "v";
		case "wait" -> "nfp";
		case "export" -> "nf";
		case "unset" -> "n";
		case "readonly" -> "aAf";
		case "umask" -> "p";
		case "cd" -> "e@";
		case "kill" -> "nL";
		case "type" -> "afpPt"; // dash's type takes no option: it looks for a command named `-P`
		case "hash" -> "dlpt";
		case "ulimit" -> "eiqRux";
		default -> null;
		};
		if (letters == null) {
			return null;
		}
		for (int i = 1; i < words.size(); i++) {
			String text = words.get(i).text();
			if (text.equals("--") || !text.startsWith("-") || text.length() < 2) {
				break;
			}
			for (int c = 1; c < text.length(); c++) {
				if (letters.indexOf(text.charAt(c)) >= 0) {
					return "`" + name + " -" + text.charAt(c) + "`";
				}
			}
		}
		if (name.equals("printf")) {
			String directive = printfDirective(words);
			if (directive != null && isBashOnlyDirective(directive)) {
				return "`printf` with the format `" + Quoting.oneLine(words.get(printfFormat(words)).text()) + "`";
			}
		}
		return null;
	}

	/**
	 * Where the format of a {@code printf} command is: its first word after a {@code --} of its own, or -1 when it
	 * has none or an option comes first ({@code printf -v}, which {@link #bashOnlyOption} reports).
	 */
	private static int printfFormat(List<Word> words) {
		int at = words.size() > 1 && words.get(1).text().equals("--") ? 2 : 1;
		if (at >= words.size()) {
			return -1;
		}
		String text = words.get(at).text();
		return at == 1 && text.length() > 1 && text.startsWith("-") ? -1 : at;
	}

	/** The first directive of a {@code printf} command's format that dash and bash do not read alike, or null. */
	static String printfDirective(List<Word> words) {
		int format = printfFormat(words);
		return format < 0 ? null : printfDirective(words.get(format).text());
	}

	/**
	 * The format of a {@code printf} command when the shell makes it of an expansion or a glob ({@code "$f"},
	 * {@code "Hello $name"}, {@code *}), or null: its directives are not in the line, and one may be {@code %n}.
	 */
	static String printfFormatNotInLine(List<Word> words) {
		int format = printfFormat(words);
		return format < 0 || words.get(format).literal() ? null : words.get(format).text();
	}

	/** The conversions that dash's and bash's {@code printf} print alike ({@code %a} prints other digits in bash). */
	private static final String SHARED_CONVERSIONS = "diouxXfFeEgGcsb";

	/**
	 * The first directive of a {@code printf} format that dash and bash do not read alike, or null: a directive is
	 * read alike when it has only the flags {@code -+ #0}, a width and a precision (digits or {@code *}) and one of
	 * {@link #SHARED_CONVERSIONS}. Dash refuses bash's {@code %q}, {@code %Q}, {@code %(…)T}, the flag {@code '} and
	 * the length modifiers ({@code %ld}); bash's {@code %n} stores a count in the variable its argument names; both
	 * complain of a directive neither knows. A word with an expansion is read as it stands: the directive that holds
	 * the expansion ({@code %${w}d}) is not read alike, as its value is not in the line.
	 */
	private static String printfDirective(String format) {
		int length = format.length();
		for (int i = 0; i < length; i++) {
			if (format.charAt(i) != '%') {
				continue;
			}
			int start = i++;
			if (i < length && format.charAt(i) == '%') {
				continue;
			}
			while (i < length && "-+ #0".indexOf(format.charAt(i)) >= 0) {
				i++;
			}
			i = widthEnd(format, i);
			if (i < length && format.charAt(i) == '.') {
				i = widthEnd(format, i + 1);
			}
			if (i >= length || SHARED_CONVERSIONS.indexOf(format.charAt(i)) < 0) {
				return format.substring(start, Math.min(i + 1, length));
			}
		}
		return null;
	}

	private static int widthEnd(String format, int from) {
		if (from < format.length() && format.charAt(from) == '*') {
			return from + 1;
		}
		int i = from;
		while (i < format.length() && format.charAt(i) >= '0' && format.charAt(i) <= '9') {
			i++;
		}
		return i;
	}

	/** Whether bash's {@code printf} reads a directive that dash's refuses (and stops the command). */
	private static boolean isBashOnlyDirective(String directive) {
		char last = directive.charAt(directive.length() - 1);
		return directive.indexOf('\'') >= 0 || directive.indexOf('(') >= 0 || last == 'q' || last == 'Q'
				|| "hlLjzt".indexOf(last) >= 0;
	}

	/**
	 * An operator of {@code test} or {@code [} that only bash's has: {@code ==}, and the unary {@code -v}, {@code -N},
	 * {@code -R}, {@code -o} (an option's state) and {@code -a} (a file exists) first or after {@code !}, where dash
	 * reads an operator it does not know and fails (so that {@code [ a == a ] && ls} runs {@code ls} in bash only).
	 */
	private static String bashOnlyTestOperator(List<Word> words) {
		for (int i = 1; i < words.size(); i++) {
			String text = words.get(i).text();
			boolean unaryPlace = i == 1 || words.get(i - 1).text().equals("!");
			if (text.equals("==") || text.equals("-v") || text.equals("-N") || text.equals("-R")
					|| (unaryPlace && i + 1 < words.size() && (text.equals("-o") || text.equals("-a")))) {
				return "`" + text + "` of `" + words.get(0).text() + "`";
			}
		}
		return null;
	}

	/**
	 * Why a built-in prints otherwise in dash than in bash, or null: dash's {@code echo} takes no option but
	 * {@code -n} (it prints {@code -e}) and reads back-slash escapes in its words (bash's prints them as they are),
	 * dash's {@code printf} knows no {@code &#92;x}, {@code &#92;u}, {@code &#92;U} or {@code &#92;E} escape and reads
	 * some directives otherwise ({@link #printfDirective}); {@code kill -l}, {@code times} and a bare {@code hash}
	 * print in other forms, {@code type --} looks for a command named {@code --} in dash, and {@code cd -} needs an
	 * OLDPWD. What such a line writes to a file or gives the next command is not what the other shell gives.
	 */
	static String printsOtherwiseInDash(List<Word> words) {
		String name = words.get(0).text();
		String second = words.size() > 1 ? words.get(1).text() : null;
		String listing = listsOtherwiseInDash(name, words);
		if (listing != null) {
			return listing;
		}
		if (name.equals("type") && "--".equals(second)) {
			return "`type --` looks for a command named `--` in dash, which may run the line, and ends the options in"
					+ " bash";
		}
		if (name.equals("kill") && "-l".equals(second) && words.size() == 2 || name.equals("times")
				|| name.equals("hash") && words.size() == 1) {
			return "`" + (second == null ? name : name + " " + second) + "` prints otherwise in dash, which may run the"
					+ " line, than in bash";
		}
		if (name.equals("test") || name.equals("[")) {
			String test = testReadOtherwise(words);
			if (test != null) {
				return test;
			}
		}
		if (name.equals("cd") && "-".equals(words.get(words.size() - 1).text())) {
			return "`cd -` goes back to OLDPWD, which the shell that runs the line starts without, and there dash and"
					+ " bash do otherwise";
		}
		if (name.equals("echo")) {
			boolean options = true; // bash's echo reads options while its words are -n, -e, -E or a cluster of them
			for (int i = 1; i < words.size(); i++) {
				String text = words.get(i).text();
				if (options && text.length() > 1 && text.charAt(0) == '-'
						&& text.chars().skip(1).allMatch(c -> c == 'n' || c == 'e' || c == 'E')) {
					if (i > 1 || !text.equals("-n")) { // dash's takes one `-n`, first
						return "`echo " + text + "` prints `" + text + "` in dash, which may run the line, and takes it"
								+ " for options in bash";
					}
					continue;
				}
				options = false;
				if (text.indexOf('\\') >= 0) {
					return "`echo` reads the back-slash escapes of `" + Quoting.oneLine(text) + "` in dash, which may run"
							+ " the line, and prints them as they are in bash (`printf` prints the same in both)";
				}
			}
		} else if (name.equals("printf")) {
			int format = printfFormat(words);
			String directive = format < 0 ? null : printfDirective(words.get(format).text());
			if (directive != null && !isBashOnlyDirective(directive) && !directive.endsWith("n")) {
				return "`printf` reads the directive `" + Quoting.oneLine(directive) + "` of its format `"
						+ Quoting.oneLine(words.get(format).text())
						+ "` otherwise in dash, which may run the line, than in bash"
						+ (directive.endsWith("a") || directive.endsWith("A") ? " (it prints other digits)"
								: " (neither knows it)");
			}
			for (int i = 1; i < words.size(); i++) {
				String text = words.get(i).text();
				if (text.contains("\\x") || text.contains("\\u") || text.contains("\\U") || text.contains("\\E")
						|| (i == format && (text.contains("\\\"") || text.contains("\\?")))) {
					return "`printf` reads the escape in `" + Quoting.oneLine(text) + "` in bash, and prints it as it is"
							+ " in dash, which may run the line (an octal escape such as `\\101` prints the same in both)";
				}
			}
		}
		return null;
	}

	/**
	 * Why a built-in that lists the shell's own state, or works on jobs, ends otherwise in dash than in bash, or null:
	 * {@code ulimit -a} prints its table in other words; {@code export}, {@code readonly} (bare or with {@code -p})
	 * and a bare {@code set} list the variables in other forms, and bash lists variables of its own; a command line
	 * has no jobs, and {@code fg}, {@code bg} and a job such as {@code %1} given to {@code kill}, {@code wait} or
	 * {@code jobs} end with other statuses; {@code read} without a variable reads into {@code REPLY} in bash, and
	 * dash refuses it.
	 */
	private static String listsOtherwiseInDash(String name, List<Word> words) {
		switch (name) {
		case "ulimit" -> {
			for (int i = 1; i < words.size(); i++) {
				String text = words.get(i).text();
				if (text.length() > 1 && text.charAt(0) == '-' && text.indexOf('a') > 0) {
					return "`ulimit " + Quoting.oneLine(text) + "` prints its table of limits in other words in dash,"
							+ " which may run the line, than in bash";
				}
			}
		}
		case "export", "readonly", "set" -> {
			boolean bare = true; // `export -p --` lists as `export` does
			for (int i = 1; i < words.size() && bare; i++) {
				String text = words.get(i).text();
				bare = !name.equals("set") && (text.equals("-p") || text.equals("--"));
			}
			if (bare) {
				String command = String.join(" ", words.stream().map(Word::text).toList()); // `-p` and `--` at most
				return "`" + command + "` lists the variables in another form in dash, which may run the line, than"
						+ " in bash, which lists variables of its own too";
			}
		}
		case "fg", "bg" -> {
			return "`" + name + "` finds no job to resume in a command line, and dash, which may run it, ends it with"
					+ " another status than bash";
		}
		case "kill", "wait", "jobs" -> {
			for (int i = 1; i < words.size(); i++) {
				if (name.equals("jobs") && words.get(i).text().startsWith("-") && words.get(i).text().contains("x")) {
					return "`jobs -x` runs the command its operands name in bash, and dash, which may run the line,"
							+ " refuses it";
				}
				if (words.get(i).text().startsWith("%")) {
					return "`" + Quoting.oneLine(words.get(i).text()) + "` names a job, which a command line does not"
							+ " have, and dash, which may run it, ends `" + name + "` with another status than bash";
				}
			}
		}
		case "read" -> {
			for (int i = 1; i < words.size(); i++) {
				String text = words.get(i).text();
				if (text.equals("--")) {
					continue;
				}
				if (!text.startsWith("-")) {
					return null; // a variable
				}
				// the value of bash's `-p PROMPT`, `-t`, `-u`, `-d`, `-n`, `-N`, `-i`, `-a` is no variable
				char last = text.charAt(text.length() - 1);
				if (text.length() > 1 && "ptudnNia".indexOf(last) >= 0) {
					i++;
				}
			}
			return "`read` without a variable reads into REPLY in bash, and dash, which may run the line, refuses it";
		}
		default -> {
			return null;
		}
		}
		return null;
	}

	private static final Set<String> TEST_UNARY = Set.of("-b", "-c", "-d", "-e", "-f", "-g", "-h", "-L", "-n", "-p",
			"-r", "-S", "-s", "-t", "-u", "-w", "-x", "-z");

	private static final Set<String> TEST_BINARY = Set.of("=", "!=", "-eq", "-ne", "-gt", "-ge", "-lt", "-le", "-nt",
			"-ot", "-ef", "<", ">");

	/**
	 * Why dash and bash would read a {@code test} or {@code [} command otherwise, or null. Their {@code test}s part
	 * where the expression is not plain: an operand that looks like an operator ({@code [ -n -a a ]},
	 * {@code [ a -o ]}, {@code [ ! ! -f -t ]}) is read one way by dash and another by bash, so that
	 * {@code [ a -o ] && rm x} runs {@code rm} in dash only; an expression of more than one word is trusted only
	 * where it reads by POSIX's grammar with plain operands ({@code [ -f x -a -d y ]}, {@code [ "$a" = b ]}).
	 * {@code -t} takes a file descriptor, which dash refuses to read from anything but digits.
	 */
	private static String testReadOtherwise(List<Word> words) {
		int end = words.size();
		if (words.get(0).text().equals("[") && end > 1 && words.get(end - 1).text().equals("]")) {
			end--;
		}
		List<String> args = new java.util.ArrayList<>(end - 1);
		for (int i = 1; i < end; i++) {
			String text = words.get(i).text();
			args.add(text);
			if (text.equals("-t") && i + 1 < end && !words.get(i + 1).text().matches("[0-9]+")) {
				return "`-t` of `" + words.get(0).text() + "` takes a file descriptor, and dash, which may run the"
						+ " line, refuses `" + Quoting.oneLine(words.get(i + 1).text()) + "` where bash reads it";
			}
		}
		if (args.size() <= 1 || new TestExpression(args).readsPlainly()) {
			return null; // one word is true when it is not empty, in both
		}
		return "the expression of `" + words.get(0).text() + "` does not read by POSIX's grammar with plain operands"
				+ " (an operand looks like an operator, or `-a`, `-o` or a parenthesis stands alone), and there dash,"
				+ " which may run the line, and bash read it otherwise (`[ a -o ] && rm x` runs `rm` in dash only)";
	}

	/** POSIX's grammar of a {@code test} expression, whose operands must be plain words (no operator's spelling). */
	private static final class TestExpression {
		private final List<String> args;
		private int at;

		TestExpression(List<String> args) {
			this.args = args;
		}

		boolean readsPlainly() {
			return or() && at == args.size();
		}

		private boolean or() {
			return joined("-o", this::and);
		}

		private boolean and() {
			return joined("-a", this::not);
		}

		/** One or more of what {@code part} reads, joined by {@code connective}. */
		private boolean joined(String connective, java.util.function.BooleanSupplier part) {
			if (!part.getAsBoolean()) {
				return false;
			}
			while (at < args.size() && args.get(at).equals(connective)) {
				at++;
				if (!part.getAsBoolean()) {
					return false;
				}
			}
			return true;
		}

		private boolean not() {
			if (at < args.size() && args.get(at).equals("!")) {
				at++;
				// `! !` is read otherwise by the two (`[ ! ! -f x ]`)
				return (at >= args.size() || !args.get(at).equals("!")) && primary();
			}
			return primary();
		}

		private boolean primary() {
			if (at >= args.size()) {
				return false;
			}
			String word = args.get(at);
			if (word.equals("(")) {
				at++;
				if (!or() || at >= args.size() || !args.get(at).equals(")")) {
					return false;
				}
				at++;
				return true;
			}
			if (TEST_UNARY.contains(word)) {
				at++;
				return operand();
			}
			if (!operand()) {
				return false;
			}
			if (at < args.size() && TEST_BINARY.contains(args.get(at))) {
				at++;
				return operand();
			}
			return true;
		}

		private boolean operand() {
			if (at >= args.size()) {
				return false;
			}
			String word = args.get(at);
			if (word.startsWith("-") || word.equals("!") || word.equals("(") || word.equals(")")
					|| TEST_BINARY.contains(word)) {
				return false;
			}
			at++;
			return true;
		}
	}

	/** The options of {@code set} that both shells take by these names (dash refuses the others). */
	private static final Set<String> SHARED_SET_OPTIONS = Set.of("allexport", "errexit", "ignoreeof", "noclobber",
			"noglob", "nolog", "notify", "nounset", "privileged", "verbose", "vi", "emacs", "xtrace", "noexec");

	/**
	 * A bash-only option of {@code set}, which dash refuses (and stops the line): {@code -o pipefail} (also in a
	 * cluster, {@code set -euo pipefail}), the other names dash lacks, and the letters {@code -B -h -H -k -P -t -T}.
	 */
	private static String bashOnlySetOption(List<Word> words) {
		for (int i = 1; i < words.size(); i++) {
			String text = words.get(i).text();
			if (text.equals("--") || text.equals("-") || text.length() < 2
					|| (text.charAt(0) != '-' && text.charAt(0) != '+')) {
				return null; // the positional parameters follow
			}
			for (int c = 1; c < text.length(); c++) {
				char letter = text.charAt(c);
				if (letter == 'o') {
					if (c + 1 < text.length()) {
						return "`set " + Quoting.oneLine(text) + "`"; // a name in the cluster's place: read otherwise
					}
					if (i + 1 >= words.size()) {
						return null; // `set -o` alone prints the options
					}
					String name = words.get(++i).text();
					if (!SHARED_SET_OPTIONS.contains(name)) {
						return "`set " + text.charAt(0) + "o " + Quoting.oneLine(name) + "`";
					}
					break;
				}
				if ("BhHkPtT".indexOf(letter) >= 0) {
					return "`set " + text.charAt(0) + letter + "`";
				}
			}
		}
		return null;
	}
}
