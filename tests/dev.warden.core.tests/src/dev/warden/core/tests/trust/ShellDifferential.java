package dev.warden.core.tests.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.warden.core.internal.trust.Assignment;
import dev.warden.core.internal.trust.Command;
import dev.warden.core.internal.trust.CompoundCommand;
import dev.warden.core.internal.trust.Pipeline;
import dev.warden.core.internal.trust.Redirect;
import dev.warden.core.internal.trust.Script;
import dev.warden.core.internal.trust.ShellParser;
import dev.warden.core.internal.trust.ShellSyntaxException;
import dev.warden.core.internal.trust.SimpleCommand;
import dev.warden.core.internal.trust.Word;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

/**
 * The trust parser against the real shells. Every line that the policy TRUSTS under universal trust ({@code *}, so
 * that only parsing matters) is run for real under {@code dash}, {@code bash} and {@code bash --posix}, in a
 * throw-away folder whose {@code PATH} holds only recording stubs, and what the shells executed is compared with what
 * the parser said:
 * <ul>
 * <li>each simple command the parser found (also inside substitutions) must have run once, with exactly its words
 * where they are literal (a word with an expansion stands for any number of arguments), and nothing else may
 * have run (the stubs succeed, so after {@code ||} or {@code !}, or when a redirection fails at run time, a command
 * may not run, but nothing unexpected may);</li>
 * <li>the shell must not complain (a syntax error, a program that is not found, a bad substitution);</li>
 * <li>the shells must have executed the same programs with the same arguments, expansions included (but for
 * variables such as {@code $$} or {@code $RANDOM} whose values differ by nature).</li>
 * </ul>
 * Not checked: the values that assignments give, and which files redirections open (the targets are the parser's
 * redirection words, judged by the policy).
 * Programs are recorded by shell functions (for the names of {@link ShellLineGenerator#PROGRAMS} and the regular
 * built-ins they can replace) and by stubs on {@code PATH} (for every other name a trusted line runs, and for
 * wrappers such as {@code env} or {@code xargs} that find programs on {@code PATH}). Each appends its name and
 * arguments, length-prefixed, to a log with one write. Lines that run a program by a path, or a built-in that can
 * neither be replaced by a function in both shells nor recorded otherwise ({@code cd}, {@code exec},
 * {@code command}, {@code time} …), are not run: they are counted as not comparable.
 * <p>
 * Lines run in batches, one shell process per batch and shell, each line in its own subshell
 * ({@code ( eval '…' )}), so that a line can neither change the next one nor end the batch.
 */
final class ShellDifferential {

	/** A shell to compare, as the argument list that runs a script file (appended). */
	record Shell(String name, List<String> command) {
	}

	/** One line on which the parser and a shell (or the two shells) disagree. */
	record Divergence(String line, String detail) {

		@Override
		public String toString() {
			return escape(line) + "\n    " + detail;
		}
	}

	/** What a run found. */
	static final class Report {
		int tried;
		int trusted;
		int compared;
		int notComparable;
		final Map<String, Integer> notComparableBy = new HashMap<>();
		final List<Divergence> divergences = new ArrayList<>();

		void add(Report other) {
			tried += other.tried;
			trusted += other.trusted;
			compared += other.compared;
			notComparable += other.notComparable;
			other.notComparableBy.forEach((k, v) -> notComparableBy.merge(k, v, Integer::sum));
			divergences.addAll(other.divergences);
		}

		String summary() {
			return tried + " lines tried, " + trusted + " trusted, " + compared + " run and compared under every shell, "
					+ notComparable + " trusted but not comparable " + notComparableBy + ", " + divergences.size()
					+ " divergences";
		}
	}

	/**
	 * Names that run as shell functions: the generator's programs and the regular built-ins that a function can
	 * replace in both shells (a function is found before them).
	 */
	private static final Set<String> FUNCTIONS = new TreeSet<>(ShellLineGenerator.PROGRAMS);

	/**
	 * Built-ins (and bash keywords) that neither a function nor a stub can record in both shells: special built-ins
	 * are found before functions in dash, the others change the shell or find programs themselves.
	 */
	private static final Set<String> NOT_RECORDABLE = Set.of(":", ".", "break", "continue", "eval", "exec", "exit",
			"export", "readonly", "return", "set", "shift", "times", "trap", "unset", "command", "builtin", "cd", "[",
			"local", "declare", "typeset", "alias", "unalias", "source", "let", "jobs", "fg", "bg", "disown",
			"suspend", "logout", "history", "fc", "enable", "shopt", "caller", "dirs", "pushd", "popd", "help", "bind",
			"complete", "compgen", "compopt", "mapfile", "readarray", "coproc", "time", "hash", "umask", "ulimit",
			"getopts", "newgrp", "chdir", "[[", "]]", "{", "}", "function", "select", "if", "then", "else", "elif",
			"fi", "case", "esac", "for", "while", "until", "do", "done", "in");

	/**
	 * Variables whose values differ between runs by nature ({@code $?} after a command substitution in the same
	 * command is its status in bash, the previous command's in dash: a number either way). Those whose values
	 * differ between the shells ({@code $0}, {@code $-}, {@code $BASH_VERSION}, {@code $RANDOM} …) are not among
	 * them: the parser never trusts a line that expands one, and a run that compares such a line shows it.
	 */
	private static final Pattern DYNAMIC = Pattern.compile("\\$\\{?(?:[$!?]|#\\}|PPID|OLDPWD)");

	/** The environment every line sees. */
	private static final Map<String, String> ENVIRONMENT = Map.of("A", "a", "B", "b c", "D", "--data-x", "E", "",
			"G", "*", "T", "out", "U", "in", "LC_ALL", "C");

	/**
	 * Replaces each newline of the argument {@code $__a} by U+0001, which no trusted line holds: bash's standard
	 * output is line-buffered, so a record with a newline inside would be written in pieces, between which a
	 * concurrent program of the same pipeline could write its own.
	 */
	private static final String ESCAPE_NEWLINES = "case $__a in *'\n'*) __b=; while :; do case $__a in *'\n'*)"
			+ " __b=\"$__b${__a%%'\n'*}\u0001\"; __a=${__a#*'\n'};; *) __b=\"$__b$__a\"; break;; esac; done;"
			+ " __a=$__b;; esac;";

	/** Where the shells' messages say they come from. */
	private static final Pattern DRIVER_PREFIX = Pattern
			.compile("\\S*driver\\.sh: (?:line \\d+: |\\d+: )?(?:eval: (?:line \\d+: |\\d+: )?)?");

	/** A redirection that fails at run time: the command does not run, in either shell. */
	private static final Pattern RUN_TIME_FAILURE = Pattern.compile(
			"Bad file descriptor|No such file|Directory nonexistent|ambiguous redirect|cannot open|cannot create");

	/** What a shell says when it reads a line differently from the parser. */
	private static final Pattern PARSE_FAILURE = Pattern.compile(
			"(?i)syntax|unexpected|not found|bad substitution|bad fd|unterminated|warning");

	private static final int BATCH = 2500;

	private final Path work;
	private final List<Shell> shells;
	private final TrustPolicy policy;
	private final Path stubScript;
	private int batchNumber;

	ShellDifferential(Path work, List<Shell> shells) throws IOException {
		this.work = work;
		this.shells = shells;
		this.policy = TrustPolicy.builder(work.resolve("policy-root"))
				.add(PatternList.of(PatternScope.WORKSPACE, "shell-differential", List.of("*"))).build();
		Files.createDirectories(work.resolve("policy-root"));
		String dash = shells.stream().filter(s -> s.name().equals("dash")).findFirst()
				.map(s -> s.command().get(0)).orElse("/bin/sh");
		this.stubScript = work.resolve("stub");
		Files.writeString(stubScript, "#!" + dash + "\n" + "__n=${0##*/}\n" + "__r=\"$(($# + 1)):${#__n}:$__n\"\n"
				+ "for __a in \"$@\"; do " + ESCAPE_NEWLINES + " __r=\"$__r:${#__a}:$__a\"; done\n"
				+ "printf '%s %s\\n' \"$__L\" \"$__r\" >>\"$__LOG\"\n");
		Files.setPosixFilePermissions(stubScript, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	/**
	 * The shells of this machine to compare: dash, bash, and bash in POSIX mode (as it runs as {@code /bin/sh}, and
	 * as {@code CommandShell} runs it where there is no dash); null when dash or bash is missing.
	 */
	static List<Shell> localShells() {
		String dash = firstExecutable("/usr/bin/dash", "/bin/dash");
		String bash = firstExecutable("/bin/bash", "/usr/bin/bash");
		if (dash == null || bash == null) {
			return null;
		}
		return List.of(new Shell("dash", List.of(dash)), new Shell("bash", List.of(bash, "--norc", "--noprofile")),
				new Shell("bash --posix", List.of(bash, "--posix")));
	}

	private static String firstExecutable(String... candidates) {
		for (String candidate : candidates) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Runs the lines; with {@code ownFolder}, each line gets a fresh folder (for lines that may create files, such
	 * as the corpora's), else the lines of a batch share one (generated lines write only to existing files).
	 */
	Report run(List<String> lines, boolean ownFolder) throws IOException, InterruptedException {
		Report report = new Report();
		ExecutorService pool = Executors.newFixedThreadPool(shells.size());
		try {
			for (int from = 0; from < lines.size(); from += BATCH) {
				report.add(batch(lines.subList(from, Math.min(lines.size(), from + BATCH)), ownFolder, pool));
			}
		} finally {
			pool.shutdownNow();
		}
		return report;
	}

	/** A trusted line to run, with what the parser expects it to execute. */
	private record Planned(int index, String line, List<List<Word>> expected) {
	}

	private Report batch(List<String> lines, boolean ownFolder, ExecutorService pool)
			throws IOException, InterruptedException {
		Report report = new Report();
		List<Planned> planned = new ArrayList<>();
		Set<String> stubNames = new LinkedHashSet<>(FUNCTIONS);
		stubNames.addAll(List.of("env", "nohup", "timeout", "nice", "xargs", "bash", "sh", "dash", "find"));
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			report.tried++;
			CommandVerdict verdict = policy.evaluate(line);
			if (verdict.verdict() != Verdict.TRUSTED) {
				continue;
			}
			report.trusted++;
			List<List<Word>> expected = new ArrayList<>();
			try {
				collect(ShellParser.parse(line), expected);
			} catch (ShellSyntaxException e) {
				report.divergences.add(new Divergence(line, "TRUSTED, yet the parser refuses it: " + e.getMessage()));
				continue;
			}
			String why = notComparable(expected);
			if (why != null) {
				report.notComparable++;
				report.notComparableBy.merge(why, 1, Integer::sum);
				continue;
			}
			for (List<Word> command : expected) {
				stubNames.add(command.get(0).text());
			}
			planned.add(new Planned(i, line, expected));
		}
		if (planned.isEmpty()) {
			return report;
		}
		Path batchDir = work.resolve("batch-" + batchNumber++);
		Path bin = Files.createDirectories(batchDir.resolve("bin"));
		for (String name : stubNames) {
			Files.createSymbolicLink(bin.resolve(name), stubScript);
		}
		List<Future<Map<Integer, List<String>>>> recorded = new ArrayList<>();
		Map<String, Map<Integer, String>> complaints = new HashMap<>();
		for (Shell shell : shells) {
			Path dir = Files.createDirectories(batchDir.resolve(shell.name().replace(' ', '-')));
			Map<Integer, String> errors = new HashMap<>();
			complaints.put(shell.name(), errors);
			recorded.add(pool.submit(() -> runShell(shell, dir, bin, planned, ownFolder, errors)));
		}
		List<Map<Integer, List<String>>> results = new ArrayList<>();
		for (Future<Map<Integer, List<String>>> future : recorded) {
			try {
				results.add(future.get());
			} catch (java.util.concurrent.ExecutionException e) {
				throw new IOException("a shell batch failed: " + e.getCause(), e.getCause());
			}
		}
		for (Planned plan : planned) {
			report.compared++;
			List<List<String>> first = null;
			for (int s = 0; s < shells.size(); s++) {
				String shell = shells.get(s).name();
				List<List<String>> executed = decode(results.get(s).getOrDefault(plan.index(), List.of()));
				String complaint = complaints.get(shell).get(plan.index());
				// A file that cannot be opened or a descriptor that is closed fails at run time, and less runs.
				boolean runTimeFailure = complaint != null && RUN_TIME_FAILURE.matcher(complaint).find()
						&& !PARSE_FAILURE.matcher(complaint).find();
				if (complaint != null && !runTimeFailure) {
					report.divergences.add(new Divergence(plan.line(), shell + " complained: " + complaint.strip()));
					continue;
				}
				// The stubs succeed: the right side of `||` and what follows a negated `!` may not run; with a closed
				// descriptor, a redirection may fail without a message.
				boolean all = !runTimeFailure && !plan.line().contains("||") && !plan.line().contains("!")
						&& !plan.line().contains("&-");
				String mismatch = match(plan.expected(), executed, all);
				if (mismatch != null) {
					report.divergences.add(new Divergence(plan.line(), shell + ": " + mismatch));
					continue;
				}
				if (first == null) {
					first = executed;
				} else if (!sorted(first).equals(sorted(executed)) && !DYNAMIC.matcher(plan.line()).find()) {
					report.divergences.add(new Divergence(plan.line(), shells.get(0).name() + " executed "
							+ show(first) + " but " + shell + " executed " + show(executed)));
				}
			}
		}
		deleteTree(batchDir);
		return report;
	}

	private static String notComparable(List<List<Word>> expected) {
		for (List<Word> command : expected) {
			String name = command.get(0).text();
			if (name.indexOf('/') >= 0) {
				return "a program named by a path";
			}
			if (NOT_RECORDABLE.contains(name)) {
				return "`" + name + "`";
			}
			if (name.isEmpty() || !name.matches("[A-Za-z0-9._+@%,=!-]+")) {
				return "a program name that is no plain file name";
			}
		}
		return null;
	}

	/** The simple commands the shell itself runs, with their words: also those inside substitutions. */
	static void collect(Script script, List<List<Word>> out) {
		for (Pipeline pipeline : script.pipelines()) {
			for (Command command : pipeline.commands()) {
				if (command instanceof SimpleCommand simple) {
					for (Assignment assignment : simple.assignments()) {
						collect(assignment.value(), out);
					}
					if (!simple.words().isEmpty()) {
						out.add(simple.words());
					}
					for (Word word : simple.words()) {
						collect(word, out);
					}
					for (Redirect redirect : simple.redirects()) {
						collect(redirect.target(), out);
					}
				} else if (command instanceof CompoundCommand compound) {
					for (Redirect redirect : compound.redirects()) {
						collect(redirect.target(), out);
					}
					collect(compound.body(), out);
				}
			}
		}
	}

	private static void collect(Word word, List<List<Word>> out) {
		for (Script substitution : word.substitutions()) {
			collect(substitution, out);
		}
	}

	// ---- running a batch in one shell

	private Map<Integer, List<String>> runShell(Shell shell, Path dir, Path bin, List<Planned> planned,
			boolean ownFolder, Map<Integer, String> errors) throws IOException, InterruptedException {
		if (!ownFolder) {
			makeFolder(dir.resolve("w"));
		}
		Path log = dir.resolve("log");
		Path err = dir.resolve("err");
		StringBuilder script = new StringBuilder(planned.size() * 80);
		script.append("__rec() { __r=\"$#\"; for __a in \"$@\"; do " + ESCAPE_NEWLINES
				+ " __r=\"$__r:${#__a}:$__a\"; done;"
				+ " command printf '%s %s\\n' \"$__L\" \"$__r\" >>\"$__LOG\"; }\n");
		for (String name : FUNCTIONS) {
			script.append(name).append("() { __rec ").append(name).append(" \"$@\"; }\n");
		}
		script.append("command_not_found_handle() { __rec '?' \"$@\"; return 127; }\n");
		for (Planned plan : planned) {
			String folder = "w";
			if (ownFolder) {
				folder = "w" + plan.index();
				makeFolder(dir.resolve(folder));
			}
			script.append("__L=").append(plan.index()).append("; command printf '\\n@@%s\\n' \"$__L\" >&2; cd ")
					.append(folder).append(" && ( eval '").append(plan.line().replace("'", "'\\''"))
					.append("'\n command wait ) </dev/null >/dev/null; cd ..\n");
		}
		Path driver = dir.resolve("driver.sh");
		Files.writeString(driver, script);
		List<String> command = new ArrayList<>(shell.command());
		command.add(driver.toString());
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		Map<String, String> environment = builder.environment();
		environment.clear();
		environment.putAll(ENVIRONMENT);
		environment.put("PATH", bin.toString());
		environment.put("HOME", "/nonexistent/warden-home");
		environment.put("__LOG", log.toString());
		environment.put("__L", "");
		Process process = builder.start();
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IOException(shell.name() + " did not finish a batch of " + planned.size() + " lines");
		}
		Map<Integer, List<String>> records = readLog(log);
		String folder = dir.toString();
		records.replaceAll((index, list) -> list.stream().map(r -> r.replace(folder, "@DIR")).toList());
		readComplaints(err, errors);
		errors.replaceAll((index, text) -> DRIVER_PREFIX.matcher(text.replace(folder, "@DIR")).replaceAll(""));
		return records;
	}

	/** A folder with a few files, so that globs match something: every line of a batch sees the same listing. */
	private static void makeFolder(Path folder) throws IOException {
		Files.createDirectories(folder.resolve("sub"));
		for (String name : List.of("a", "b.txt", "c d", "-n", "in", "out", "o2", "sub/x", ".hidden")) {
			Files.writeString(folder.resolve(name), "");
		}
		Files.writeString(folder.resolve("data"), "--data-in-file\n");
	}

	/** The records of the log by line index; each record is the length-prefixed argument list. */
	private static Map<Integer, List<String>> readLog(Path log) throws IOException {
		Map<Integer, List<String>> records = new HashMap<>();
		if (!Files.exists(log)) {
			return records;
		}
		byte[] bytes = Files.readAllBytes(log);
		try {
			readRecords(bytes, records);
		} catch (NumberFormatException | IndexOutOfBoundsException | IOException e) {
			throw new IOException("the record log " + log + " is torn: " + e.getMessage(), e);
		}
		return records;
	}

	private static void readRecords(byte[] bytes, Map<Integer, List<String>> records) throws IOException {
		int i = 0;
		while (i < bytes.length) {
			int space = indexOf(bytes, (byte) ' ', i);
			if (space - i > 9) {
				throw new IOException("at byte " + i + ": " + escape(new String(bytes, Math.max(0, i - 200),
						Math.min(bytes.length, i + 200) - Math.max(0, i - 200), StandardCharsets.ISO_8859_1)));
			}
			int index = Integer.parseInt(new String(bytes, i, space - i, StandardCharsets.ISO_8859_1));
			int at = space + 1;
			int colon = indexOf(bytes, (byte) ':', at);
			String count = new String(bytes, at, colon - at, StandardCharsets.ISO_8859_1);
			if (!count.matches("[0-9]{1,6}")) {
				throw new IOException("at byte " + i + ": " + escape(new String(bytes, Math.max(0, i - 200),
						Math.min(bytes.length, i + 200) - Math.max(0, i - 200), StandardCharsets.ISO_8859_1)));
			}
			int argc = Integer.parseInt(count);
			at = colon;
			StringBuilder record = new StringBuilder();
			record.append(argc);
			for (int a = 0; a < argc; a++) {
				int lengthStart = at + 1;
				int lengthEnd = indexOf(bytes, (byte) ':', lengthStart);
				int length = Integer.parseInt(new String(bytes, lengthStart, lengthEnd - lengthStart,
						StandardCharsets.ISO_8859_1));
				record.append('\u0000').append(new String(bytes, lengthEnd + 1, length, StandardCharsets.UTF_8)
						.replace('\u0001', '\n'));
				at = lengthEnd + 1 + length;
			}
			if (at >= bytes.length || bytes[at] != '\n') {
				throw new IOException("at byte " + at + ": " + escape(new String(bytes, Math.max(0, i - 200),
						Math.min(bytes.length, at + 200) - Math.max(0, i - 200), StandardCharsets.ISO_8859_1)));
			}
			records.computeIfAbsent(index, k -> new ArrayList<>()).add(record.toString());
			i = at + 1;
		}
	}

	private static int indexOf(byte[] bytes, byte b, int from) throws IOException {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == b) {
				return i;
			}
		}
		throw new IOException("a record of the log is torn");
	}

	/** The shell's complaints on standard error by line index (the driver writes a marker before each line). */
	private static void readComplaints(Path err, Map<Integer, String> errors) throws IOException {
		String text = Files.readString(err, StandardCharsets.ISO_8859_1);
		int index = -1;
		StringBuilder current = new StringBuilder();
		for (String row : text.split("\n", -1)) {
			if (row.startsWith("@@")) {
				if (index >= 0 && !current.isEmpty()) {
					errors.put(index, current.toString());
				}
				index = Integer.parseInt(row.substring(2).strip());
				current.setLength(0);
			} else if (!row.isEmpty()) {
				current.append(row).append(' ');
			}
		}
		if (index >= 0 && !current.isEmpty()) {
			errors.put(index, current.toString());
		}
	}

	private static List<List<String>> decode(List<String> records) {
		List<List<String>> executed = new ArrayList<>(records.size());
		for (String record : records) {
			List<String> argv = new ArrayList<>(Arrays.asList(record.split("\u0000", -1)));
			argv.remove(0);
			executed.add(argv);
		}
		return executed;
	}

	// ---- comparing

	/**
	 * Null when each execution is one of the expected commands (in any order) and, with {@code all}, every expected
	 * command ran; else what differs. The stubs succeed, so the right side of {@code ||} does not run: a line with
	 * {@code ||} is held to the first condition only.
	 */
	private static String match(List<List<Word>> expected, List<List<String>> executed, boolean all) {
		if ((all ? expected.size() != executed.size() : expected.size() < executed.size())
				|| !assign(expected, executed, 0, new boolean[expected.size()])) {
			return "the parser expected " + showExpected(expected) + " but the shell executed " + show(executed);
		}
		return null;
	}

	/** Whether the executions from {@code next} on can each be matched with a different unused expected command. */
	private static boolean assign(List<List<Word>> expected, List<List<String>> executed, int next, boolean[] used) {
		if (next == executed.size()) {
			return true;
		}
		for (int i = 0; i < expected.size(); i++) {
			if (!used[i] && matches(expected.get(i), 0, executed.get(next), 0)) {
				used[i] = true;
				if (assign(expected, executed, next + 1, used)) {
					return true;
				}
				used[i] = false;
			}
		}
		return false;
	}

	/** Whether the arguments match the words: a literal word one equal argument, another word any number. */
	private static boolean matches(List<Word> words, int w, List<String> argv, int a) {
		if (w == words.size()) {
			return a == argv.size();
		}
		Word word = words.get(w);
		if (word.literal()) {
			return a < argv.size() && argv.get(a).equals(word.text()) && matches(words, w + 1, argv, a + 1);
		}
		for (int end = a; end <= argv.size(); end++) {
			if (matches(words, w + 1, argv, end)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> sorted(List<List<String>> executed) {
		List<String> flat = new ArrayList<>();
		for (List<String> argv : executed) {
			flat.add(String.join("\u0000", argv));
		}
		flat.sort(null);
		return flat;
	}

	private static String showExpected(List<List<Word>> expected) {
		List<String> shown = new ArrayList<>();
		for (List<Word> words : expected) {
			List<String> texts = new ArrayList<>();
			for (Word word : words) {
				texts.add(word.literal() ? "[" + escape(word.text()) + "]" : "<" + escape(word.text()) + "…>");
			}
			shown.add(String.join(" ", texts));
		}
		return shown.toString();
	}

	private static String show(List<List<String>> executed) {
		List<String> shown = new ArrayList<>();
		for (List<String> argv : executed) {
			List<String> texts = new ArrayList<>();
			for (String arg : argv) {
				texts.add("[" + escape(arg) + "]");
			}
			shown.add(String.join(" ", texts));
		}
		return shown.toString();
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			switch (c) {
			case '\n' -> out.append("\\n");
			case '\t' -> out.append("\\t");
			case '\\' -> out.append("\\\\");
			default -> {
				if (c < 0x20 || c >= 0x7f) {
					out.append(String.format("\\u%04x", (int) c));
				} else {
					out.append(c);
				}
			}
			}
		}
		return out.toString();
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (var paths = Files.walk(root)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
				try {
					Files.deleteIfExists(path);
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
	}

	/**
	 * The long mode: {@code releng/bin/shell-diff [LINES] [SEED]} runs this. Prints the summary and every
	 * divergence; exits 1 when there is one.
	 */
	public static void main(String[] args) throws Exception {
		int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		long seed = args.length > 1 ? Long.parseLong(args[1]) : ShellDifferentialTest.DEFAULT_SEED;
		List<Shell> shells = localShells();
		if (shells == null) {
			System.err.println("shell-diff: dash and bash are both needed (apt-get install dash bash)");
			System.exit(2);
		}
		Path work = Files.createTempDirectory("warden-shell-diff");
		try {
			ShellDifferential differential = new ShellDifferential(work, shells);
			ShellLineGenerator generator = new ShellLineGenerator(seed);
			Report total = new Report();
			long start = System.nanoTime();
			int chunk = 50_000;
			for (int done = 0; done < count; done += chunk) {
				List<String> lines = new ArrayList<>();
				for (int i = done; i < Math.min(count, done + chunk); i++) {
					lines.add(generator.next());
				}
				total.add(differential.run(lines, false));
				System.err.printf("shell-diff: %d lines, %d divergences so far%n", total.tried,
						total.divergences.size());
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			for (Divergence divergence : total.divergences) {
				System.out.println(divergence);
			}
			System.out.printf("seed %d: %s in %.0f s%n", seed, total.summary(), seconds);
			System.exit(total.divergences.isEmpty() ? 0 : 1);
		} finally {
			deleteTree(work);
		}
	}
}
