package dev.warden.core.internal.trust;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The program facts in lookup form: for each program (and subcommand) what its options, arguments and operands do.
 * Read from the line format documented at the top of {@code dev/warden/core/trust/program-facts.txt}; immutable once
 * built, so one table serves every command line of every policy.
 */
public final class FactTable {

	/** What a fact says a word does. */
	public enum Kind {
		RUNS, EXECS, LOADS, WRITES, READS, RECURSES, LISTS, NAMES, REACHES, LINKS, TAKES, PLAIN, SCRIPT, TASK, SED_SCRIPT,
		AWK_PROGRAM, JQ_FILTER, AS_PROGRAM,
		LOOSE, BUNDLED, WHOLE, STOPS, RESUMES, ABBREV, PLUS, HARMLESS, ROLE;

		static Kind of(String text) {
			return switch (text) {
			case "runs" -> RUNS;
			case "execs" -> EXECS;
			case "loads" -> LOADS;
			case "writes" -> WRITES;
			case "reads" -> READS;
			case "recurses" -> RECURSES;
			case "lists" -> LISTS;
			case "names" -> NAMES;
			case "reaches" -> REACHES;
			case "links" -> LINKS;
			case "takes" -> TAKES;
			case "plain" -> PLAIN;
			case "script" -> SCRIPT;
			case "task" -> TASK;
			case "sed-script" -> SED_SCRIPT;
			case "awk-program" -> AWK_PROGRAM;
			case "jq-filter" -> JQ_FILTER;
			case "as-program" -> AS_PROGRAM;
			case "loose" -> LOOSE;
			case "bundled" -> BUNDLED;
			case "whole" -> WHOLE;
			case "stops" -> STOPS;
			case "resumes" -> RESUMES;
			case "abbrev" -> ABBREV;
			case "plus" -> PLUS;
			case "harmless" -> HARMLESS;
			case "role" -> ROLE;
			default -> null;
			};
		}

		/** Whether the fact is about the operand itself rather than a path it names. */
		boolean consumesOperand() {
			return this == SCRIPT || this == SED_SCRIPT || this == AWK_PROGRAM || this == JQ_FILTER || this == EXECS;
		}
	}

	/** How many values an option takes. */
	public enum Arity {
		NONE, VALUE, OPTIONAL, TWO,
		/** The words up to {@code ;} or {@code {} +}: a command the option runs (find's {@code -exec}). */
		COMMAND
	}

	/** Which operands a fact is about. */
	public enum Operands {
		ALL, FIRST, SECOND, REST, SOURCES, LAST, LEADING
	}

	/**
	 * One fact.
	 *
	 * @param program  the program and subcommand it belongs to, as written ({@code git log})
	 * @param spelling the spelling as written ({@code --output=}, {@code @operands})
	 * @param kind     what it does
	 * @param when     sets of options of which one each must be given
	 * @param unless   options none of which may be given
	 * @param ifGlobs  globs (lower case) one of which the value must match, or none
	 * @param defaultOperand for {@link Kind#RECURSES} and {@link Kind#LISTS}: the folder when no operand is given,
	 *                 or null; for {@link Kind#LINKS}: the folder the links are made in, whatever the operands
	 * @param unhide   for {@link Kind#RECURSES} and {@link Kind#LISTS}: the options that make the program read (or
	 *                 name) dot and ignored files; when null the program reads (or names) every file
	 * @param global   whether the option counts only before the subcommand
	 * @param gitIgnores for {@link Kind#RECURSES} with {@code unhide}: the program skips only the files Git ignores,
	 *                 not other dot files ({@code git add})
	 * @param unmasked for {@link Kind#RECURSES}: another process reads the folder (a container engine's daemon for
	 *                 a mounted volume), where a sandbox's masks do not hide its files
	 * @param deletes  for {@link Kind#RECURSES}: the program deletes what it walks ({@code git clean -x}), so that
	 *                 only files hidden for a reason other than Git's ignore files count: build output that Git
	 *                 ignores may go, a {@code .env} may not
	 * @param tracked  for {@link Kind#RECURSES}: the program reads only the files Git tracks ({@code git grep}), so
	 *                 that only hidden files in Git's index count, whether Git's ignore files name them or not
	 * @param flat     for {@link Kind#LISTS}: the program names only the folder's own entries, by their names in it
	 *                 ({@code ls}), so that a command that opens them opens them through the links among those
	 * @param here     for {@link Kind#LINKS}: the links are made in the working folder and below, whatever the
	 *                 operand the fact is said of (`git checkout -b x START`)
	 * @param carries  for {@link Kind#LINKS}: the links made are those the command's other operands name or hold
	 *                 (`cp -a`, `mv`): none when they are all regular files
	 * @param follows  for {@link Kind#RECURSES} and {@link Kind#LISTS}: the options that make the program follow the
	 *                 symbolic links it finds under the folder (empty: it always does; null: it never does), so that
	 *                 it reads (or names) the files where they lead
	 * @param keepsLinks the options that make it keep the links it finds as links after all ({@code zip -y}), or null
	 * @param valuePart how a path is cut from the value: null (all of it), {@code host}, {@code at},
	 *                 {@code assigned}, {@code typed}, or a list of paths separated by {@code :}: {@code list} (all
	 *                 of the value), {@code assigned-list} (the part after {@code =}); {@code field}: the
	 *                 {@code src=} or {@code dest=} field of a list such as {@code type=local,dest=DIR}
	 * @param effect   what it does, as a reason reads it
	 * @param source   the file and line it was read from
	 */
	public record Fact(String program, String spelling, Kind kind, List<List<String>> when, List<String> unless,
			FactScan.ValueGlobs ifGlobs, String defaultOperand, Set<String> unhide, boolean gitIgnores, boolean global,
			boolean unmasked, boolean deletes, boolean tracked, boolean flat, boolean here, boolean carries,
			Set<String> follows,
			Set<String> keepsLinks, String valuePart, String effect, String source) {

		/** A fact that holds always, with no modifier: one that Warden's own rules make rather than a table line. */
		static Fact unconditional(String program, String spelling, Kind kind, String effect, String source) {
			return new Fact(program, spelling, kind, List.of(), List.of(), FactScan.ValueGlobs.NONE, null, null, false,
					false, false, false, false, false, false, false, null, null, null, effect, source);
		}
	}

	/** In the options of {@code follows=}: the program follows links unless told otherwise; the others given, also then. */
	public static final String ALWAYS = "always";

	/** An option as a program spells it, with its arity and facts. */
	public record Option(String spelling, Arity arity, List<Fact> facts) {
	}

	/** The facts of one program or subcommand. */
	public static final class Program {
		final String name;
		final Program parent;
		final Map<String, Option> options = new LinkedHashMap<>(); // in the order the facts say them
		final List<Fact> globOptions = new ArrayList<>(0);
		final List<Fact> exactWords = new ArrayList<>(0);
		final List<Fact> variables = new ArrayList<>(0);
		final Map<Operands, List<Fact>> operands = new LinkedHashMap<>();
		/** The operand facts in order, each with its selector; made when the table is built. */
		List<Operands> operandSelectors = List.of();
		List<Fact> operandFacts = List.of();
		/** The same as arrays, which a scan reads without a call through the {@code List} interface. */
		Operands[] operandSelectorArray = new Operands[0];
		Fact[] operandFactArray = new Fact[0];
		final Map<String, Program> subcommands = new HashMap<>();
		final List<Fact> roles = new ArrayList<>(0);
		/**
		 * The options a command of this program may give, by spelling: its own and the ones of the programs it is a
		 * subcommand of that are not {@code global} (the nearest first); and those spelled with one ASCII letter by
		 * that letter. Made when the table is built, so that a scan looks an option word up once.
		 */
		Map<String, Option> reachable = Map.of();
		Option[] reachableLetters = new Option[0];
		/** What the conditions of the facts a scan of this program may read name; made when the table is built. */
		Conditions conditions;
		/**
		 * Whether every operand fact is about every operand, always (no condition, no glob of values, no default
		 * operand), and only reads, writes or loads it: then a command that gives no option with a fact has a hit for
		 * each operand and fact, found without the general walk.
		 */
		boolean plainOperands;
		/**
		 * Whether no word of a command can hold a fact of this program: it has no option, operand, word or
		 * subcommand with a fact (a wrapper such as {@code timeout} has only its role). Its scans find nothing,
		 * without reading the words.
		 */
		boolean blank;
		/** The first characters of the names of its subcommands ({@link #subcommand}); set by compile. */
		final boolean[] subcommandInitials = new boolean[128];
		/** The scan of a command of this program in which no fact holds, by spelling rule; made when first needed. */
		FactScan nothingFound;
		FactScan nothingFoundLoose;
		boolean loose;
		boolean bundled;
		boolean whole;
		boolean stops;
		/**
		 * Whether an option of the program (or a subcommand it has) does more than take a value: a word whose
		 * value only the shell knows ({@code $X}) may then be such an option. Set by compile.
		 */
		boolean riskyOptions;
		/**
		 * Whether the rest of a command is judged with the facts of the program its first operand names, when the
		 * table has one ({@code python3 manage.py …}, {@code php artisan …}).
		 */
		boolean firstAsProgram;
		/**
		 * Whether the program or one of its subcommands has an option with a {@code names} fact: a command of it may
		 * take the names of the files it works on from its input ({@code find src | cpio -o}, {@code tar -T -}). Set
		 * by compile, on the program named by the command word, with {@link #namesFromInput}.
		 */
		public boolean takesNames;
		/**
		 * Whether a fact of the program (or of one of its subcommands) writes a file: an option, operand or variable
		 * that {@code writes}, or a sed script or awk program, which may.
		 */
		public boolean writesFiles;
		/**
		 * The options of the program and its subcommands whose {@code names} fact takes no value, or one that may be
		 * left out: given, the names come from the input ({@code cpio -o}, {@code zip -@}, {@code xz --files}).
		 */
		public final Set<String> namesFromInput = new HashSet<>(0);
		/** The options with a {@code names} fact that take a value: a value {@code -} is the input ({@code tar -T -}). */
		public final Set<String> namesValued = new HashSet<>(0);
		/**
		 * The options that come before the operands {@code @leading} names and do not end them (find's {@code -H},
		 * {@code -L}, {@code -P}, {@code -D}, {@code -O}).
		 */
		final Set<String> leadingOptions = new HashSet<>(0);
		/**
		 * With {@link #stops}: the options resume after the first operand and end at the second, as ssh reads
		 * {@code ssh HOST -o X CMD}.
		 */
		boolean resumes;
		/** Whether a long option may be given as a prefix of its name (GNU {@code getopt_long}, npm's nopt …). */
		boolean abbrev;
		/** Whether a word that starts with {@code +} is an option too, read like one with {@code -} (a shell's {@code +o NAME}). */
		boolean plus;
		/**
		 * For a program that takes abbreviations: the long options a command of it may give that the table knows,
		 * its reachable options' and those its conditions name, sorted, so that the options a prefix abbreviates
		 * are found next to each other.
		 */
		String[] longNames = new String[0];
		/** Whether one of {@link #longNames} has this ASCII character after its dashes: most option words have none. */
		boolean[] longInitials = new boolean[128];

		Program(String name, Program parent) {
			this.name = name;
			this.parent = parent;
		}

		/** The program and subcommand words, as facts name them ({@code git log}). */
		public String name() {
			return name;
		}

		public Program subcommand(String word) {
			if (word.isEmpty() || (word.charAt(0) < 128 && !subcommandInitials[word.charAt(0)])) {
				return null; // most operands start no subcommand's name: found without hashing the word
			}
			return subcommands.get(word);
		}

		boolean hasSubcommands() {
			return !subcommands.isEmpty();
		}

		/** Its roles ({@code wrapper}, {@code interpreter} …) as the rules outside the table know them. */
		public List<String> roles() {
			List<String> names = new ArrayList<>(roles.size());
			roles.forEach(fact -> names.add(fact.effect()));
			return names;
		}

		/** Whether it has the role. */
		public boolean hasRole(String role) {
			for (int i = 0; i < roles.size(); i++) {
				if (roles.get(i).effect().equals(role)) {
					return true;
				}
			}
			return false;
		}

		/** Whether its options with one dash are whole words ({@code java -jar}), never clusters of letters. */
		public boolean wholeOptions() {
			return whole;
		}

		/** The option as spelled on this program (not its parents), or null: for tests of the table. */
		public Option ownOption(String spelling) {
			return options.get(spelling);
		}

		/** Every fact of this program and its subcommands. */
		public List<Fact> allFacts() {
			List<Fact> all = new ArrayList<>();
			options.values().forEach(option -> all.addAll(option.facts()));
			all.addAll(globOptions);
			all.addAll(exactWords);
			all.addAll(variables);
			operands.values().forEach(all::addAll);
			all.addAll(roles);
			subcommands.values().forEach(sub -> all.addAll(sub.allFacts()));
			return all;
		}

		/**
		 * The option as spelled, looked up here and then in the programs the subcommand belongs to (where an option
		 * marked {@code global} does not count): one lookup in the options made reachable when the table was built.
		 */
		Option option(String spelling, boolean looseNames) {
			return reachable.get(looseNames ? looseName(spelling) : spelling);
		}

		/**
		 * The option {@code -c} as {@link #option} finds it, read from the array of one-letter options: a cluster
		 * such as {@code -la} looks up each of its letters.
		 */
		Option letter(char c) {
			return c < reachableLetters.length ? reachableLetters[c] : c < 128 ? null : option("-" + c, false);
		}

		static boolean isGlobal(Option option) {
			for (Fact fact : option.facts()) {
				if (fact.global()) {
					return true;
				}
			}
			return false;
		}
	}

	/** A line of a facts file that could not be read. */
	public record Problem(String source, int line, String message) {
		@Override
		public String toString() {
			return source + " line " + line + ": " + message;
		}
	}

	/**
	 * The options that the conditions ({@code when=}, {@code unless=}, {@code unhide=}) of some facts name, as a scan
	 * records them (as written, and by npm's spelling rule), and the names they give with a value ({@code -d} of
	 * grep's {@code -d=recurse}): a scan records only the options, and the values, that a condition may ask about.
	 */
	static final class Conditions {
		static final Conditions NONE = new Conditions(Set.of(), Set.of());

		private final Set<String> names;
		private final Set<String> valued;
		private final boolean[] letters = new boolean[128];

		Conditions(Set<String> names, Set<String> valued) {
			// hashed sets, not Set.copyOf: a scan asks about most option words, and most are misses (see Names)
			this.names = new HashSet<>(names);
			this.valued = new HashSet<>(valued);
			for (char c = 0; c < 128; c++) {
				letters[c] = names.contains("-" + c);
			}
		}

		/** The options the conditions name, as written and by npm's spelling rule. */
		Set<String> names() {
			return names;
		}

		/** Whether a condition names {@code option}. */
		boolean name(String option) {
			return !names.isEmpty() && names.contains(option);
		}

		/** {@link #name} of the one-letter option {@code -c}, read from an array. */
		boolean letter(char c) {
			return c < letters.length ? letters[c] : names.contains("-" + c);
		}

		/** Whether a condition names the option {@code name} with a value ({@code NAME=value}). */
		boolean valueOf(String name) {
			return !valued.isEmpty() && valued.contains(name);
		}

		/** Adds the options one condition list names, and the names before each {@code =} in them. */
		static void add(Collection<String> options, Set<String> names, Set<String> valued) {
			for (String condition : options) {
				for (String spelling : List.of(condition, looseName(condition))) {
					names.add(spelling);
					for (int equals = spelling.indexOf('='); equals > 0; equals = spelling.indexOf('=', equals + 1)) {
						valued.add(spelling.substring(0, equals));
					}
				}
			}
		}
	}

	private final Map<String, Program> programs;
	private final Set<String> harmless;
	private final List<String> harmlessPrefixes;
	private final List<Problem> problems;
	/** The scans of the commands last scanned with this table, for commands that come again. */
	final FactScan.Memo memo = new FactScan.Memo();
	/** What a policy with this table knows of names it has no patterns or rules for; made by the first policy. */
	volatile Map<String, PolicyRules.Known> plainKnown;

	private FactTable(Map<String, Program> programs, Set<String> harmless, List<String> harmlessPrefixes,
			List<Problem> problems) {
		this.programs = programs;
		this.harmless = harmless;
		this.harmlessPrefixes = harmlessPrefixes;
		this.problems = problems;
	}

	/** Lines that could not be read, in order. */
	public List<Problem> problems() {
		return problems;
	}

	/** The program names the table knows. */
	public Set<String> programNames() {
		return Collections.unmodifiableSet(programs.keySet());
	}

	/**
	 * Forgets the scans kept for commands that come again, so that the next scan of every command is made afresh
	 * (a test compares the two).
	 */
	public void forgetScans() {
		memo.clear();
	}

	/**
	 * The facts of a program by the last path segment of its command word, or null when the table has none; a
	 * version suffix is dropped when only the plain name is known ({@code python3.12}, {@code gcc-13}).
	 */
	public Program program(String name) {
		Program program = programs.get(name);
		if (program != null || name.isEmpty()) {
			return program;
		}
		int end = name.length();
		while (end > 0 && (Character.isDigit(name.charAt(end - 1)) || name.charAt(end - 1) == '.')) {
			end--;
		}
		if (end > 0 && end < name.length() && name.charAt(end - 1) == '-') {
			end--;
		}
		if (end == name.length() || end == 0) {
			return null;
		}
		program = programs.get(name.substring(0, end));
		if (program == null && end < name.length() && Character.isDigit(name.charAt(end))) {
			// python3.12 -> python3
			int dot = name.indexOf('.', end);
			if (dot > 0) {
				program = programs.get(name.substring(0, dot));
			}
		}
		return program;
	}

	/** Whether a variable may be assigned in front of any command without a pattern that spells it out. */
	public boolean isHarmlessVariable(String name) {
		if (harmless.contains(name)) {
			return true;
		}
		for (int i = 0; i < harmlessPrefixes.size(); i++) {
			if (name.startsWith(harmlessPrefixes.get(i))) {
				return true;
			}
		}
		return false;
	}

	/** The names and prefixes ({@code LC_*}) of the harmless variables. */
	public List<String> harmlessVariables() {
		List<String> names = new ArrayList<>(harmless);
		harmlessPrefixes.forEach(prefix -> names.add(prefix + "*"));
		Collections.sort(names);
		return names;
	}

	/** npm's spelling rule: case, {@code _} and {@code -} do not matter in long option names. */
	/** An option's name from its spelling in the table: without the mark of its values ({@code ==}, {@code =}, {@code ?}). */
	static String optionName(String spelling) {
		if (spelling.endsWith("==")) {
			return spelling.substring(0, spelling.length() - 2);
		}
		return spelling.endsWith("=") || spelling.endsWith("?") || spelling.endsWith(";")
				? spelling.substring(0, spelling.length() - 1) : spelling;
	}

	/**
	 * A long option's name as a {@code loose} program compares it: in lower case, without the {@code -} and
	 * {@code _} between its words, so that npm's {@code --script_shell} and {@code --SCRIPT-SHELL} and yargs'
	 * {@code --outputFile} and {@code --output-file} are one name. A short option stays as it is.
	 */
	static String looseName(String spelling) {
		if (!spelling.startsWith("--")) {
			return spelling;
		}
		StringBuilder name = new StringBuilder(spelling.length()).append("--");
		for (int i = 2; i < spelling.length(); i++) {
			char c = spelling.charAt(i);
			if (c != '-' && c != '_') {
				name.append(Character.toLowerCase(c));
			}
		}
		return name.toString();
	}

	// ---- reading

	/** Reads facts files in order; a later file adds to the facts of the earlier ones. */
	public static FactTable read(List<Source> sources) {
		Builder builder = new Builder();
		for (Source source : sources) {
			builder.read(source.name(), source.text());
		}
		return builder.build();
	}

	/** The text of a facts file and the name its problems are reported under. */
	public record Source(String name, String text) {
	}

	private static final class Builder {
		final Map<String, Program> programs = new HashMap<>();
		final Set<String> harmless = new HashSet<>();
		final List<String> harmlessPrefixes = new ArrayList<>();
		final List<Problem> problems = new ArrayList<>();

		void read(String sourceName, String text) {
			String[] lines = text.split("\r?\n", -1);
			for (int i = 0; i < lines.length; i++) {
				String line = lines[i].strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				try {
					line(sourceName + ":" + (i + 1), line);
				} catch (IllegalArgumentException e) {
					problems.add(new Problem(sourceName, i + 1, e.getMessage()));
				}
			}
		}

		private void line(String source, String line) {
			String effect = "";
			int bar = line.indexOf(" | ");
			if (bar < 0 && line.endsWith(" |")) {
				bar = line.length() - 2;
			}
			if (bar >= 0) {
				effect = line.substring(Math.min(line.length(), bar + 3)).strip();
				line = line.substring(0, bar).strip();
			}
			String[] fields = line.split("\\s+");
			int kindAt = -1;
			for (int i = 2; i < fields.length; i++) {
				if (Kind.of(fields[i]) != null) {
					kindAt = i;
					break;
				}
			}
			if (kindAt < 0) {
				throw new IllegalArgumentException("no fact (runs, execs, loads, writes, reads, recurses, lists, links, takes, script,"
						+ " sed-script, awk-program, as-program, loose, bundled, whole, stops, resumes, harmless, role) in `"
						+ line + "`");
			}
			Kind kind = Kind.of(fields[kindAt]);
			String spelling = fields[kindAt - 1];
			List<String> programWords = List.of(fields).subList(0, kindAt - 1);
			List<List<String>> when = new ArrayList<>(0);
			List<String> unless = List.of();
			FactScan.ValueGlobs ifGlobs = FactScan.ValueGlobs.NONE;
			String defaultOperand = null;
			Set<String> unhide = null;
			boolean global = false;
			boolean leading = false;
			boolean unmasked = false;
			boolean gitIgnores = false;
			boolean deletes = false;
			boolean tracked = false;
			boolean flat = false;
			boolean here = false;
			boolean carries = false;
			Set<String> follows = null;
			Set<String> keepsLinks = null;
			String valuePart = null;
			for (int i = kindAt + 1; i < fields.length; i++) {
				String modifier = fields[i];
				int equals = modifier.indexOf('=');
				String key = equals < 0 ? modifier : modifier.substring(0, equals);
				String value = equals < 0 ? "" : modifier.substring(equals + 1);
				if (value.isEmpty() && !key.equals("global") && !key.equals("leading") && !key.equals("unmasked")
						&& !key.equals("gitignore") && !key.equals("deletes") && !key.equals("tracked")
						&& !key.equals("follows") && !key.equals("flat") && !key.equals("here")
						&& !key.equals("carries")) {
					throw new IllegalArgumentException("the modifier `" + key + "` needs a value: `" + key + "=…`");
				}
				switch (key) {
				case "when" -> when.add(List.of(value.split(",")));
				case "unless" -> unless = List.of(value.split(","));
				case "if" -> ifGlobs = new FactScan.ValueGlobs(List.of(value.toLowerCase(Locale.ROOT).split(",")));
				case "default" -> defaultOperand = value;
				case "unhide" -> unhide = Set.of(value.split(","));
				case "global" -> global = true;
				case "leading" -> leading = true;
				case "unmasked" -> unmasked = true;
				case "gitignore" -> gitIgnores = true;
				case "deletes" -> deletes = true;
				case "tracked" -> tracked = true;
				case "flat" -> flat = true;
				case "here" -> here = true;
				case "carries" -> carries = true;
				case "follows" -> follows = value.isEmpty() ? Set.of() : Set.of(value.split(","));
				case "keepslinks" -> keepsLinks = Set.of(value.split(","));
				case "value" -> {
					if (!Set.of("host", "at", "assigned", "typed", "list", "assigned-list", "field", "mapping")
							.contains(value)) {
						throw new IllegalArgumentException("`value=` is `host`, `at`, `assigned`, `typed`, `list`,"
								+ " `assigned-list`, `field` or `mapping`, not `" + value + "`");
					}
					valuePart = value;
				}
				default -> throw new IllegalArgumentException("unknown modifier `" + modifier + "` (known: when=, "
						+ "unless=, if=, default=, unhide=, global, leading, unmasked, gitignore, deletes, tracked, flat, here,"
						+ " carries, follows, follows=, keepslinks=, value=)");
				}
			}
			if (programWords.get(0).equals("@variables")) {
				if (kind != Kind.HARMLESS) {
					throw new IllegalArgumentException("a `@variables` line says `harmless`");
				}
				if (spelling.endsWith("*")) {
					harmlessPrefixes.add(spelling.substring(0, spelling.length() - 1));
				} else {
					harmless.add(spelling);
				}
				return;
			}
			if (kind == Kind.HARMLESS) {
				throw new IllegalArgumentException("`harmless` belongs on a `@variables` line");
			}
			Program program = programs.computeIfAbsent(programWords.get(0), name -> new Program(name, null));
			for (int i = 1; i < programWords.size(); i++) {
				Program parent = program;
				String word = programWords.get(i);
				program = parent.subcommands.computeIfAbsent(word,
						w -> new Program(parent.name + " " + w, parent));
			}
			Fact fact = new Fact(program.name, spelling, kind, List.copyOf(when), unless, ifGlobs, defaultOperand,
					unhide, gitIgnores, global, unmasked, deletes, tracked, flat, here, carries, follows, keepsLinks,
					valuePart,
					effect, source);
			if (leading) {
				if (!spelling.startsWith("-")) {
					throw new IllegalArgumentException("`leading` is said of an option, such as find's `-H`");
				}
				program.leadingOptions.add(optionName(spelling));
			}
			add(program, spelling, fact);
		}

		private void add(Program program, String spelling, Fact fact) {
			Kind kind = fact.kind();
			if (kind == Kind.LOOSE || kind == Kind.BUNDLED || kind == Kind.WHOLE || kind == Kind.STOPS
					|| kind == Kind.RESUMES || kind == Kind.ABBREV || kind == Kind.PLUS) {
				if (!spelling.equals("@options")) {
					throw new IllegalArgumentException("`" + kind.name().toLowerCase(Locale.ROOT)
							+ "` is said of `@options`");
				}
				program.loose |= kind == Kind.LOOSE;
				program.bundled |= kind == Kind.BUNDLED;
				program.whole |= kind == Kind.WHOLE;
				program.stops |= kind == Kind.STOPS || kind == Kind.RESUMES;
				program.resumes |= kind == Kind.RESUMES;
				program.abbrev |= kind == Kind.ABBREV;
				program.plus |= kind == Kind.PLUS;
				return;
			}
			if (kind == Kind.ROLE) {
				if (!spelling.equals("@program") || fact.effect().isEmpty()) {
					throw new IllegalArgumentException("a role is written `PROGRAM @program role | NAME`");
				}
				program.roles.add(fact);
				return;
			}
			if (kind == Kind.PLAIN && (!spelling.startsWith("-") || spelling.indexOf('*') > 0)) {
				throw new IllegalArgumentException("`plain` is said of an option, such as `--checkpoint?`");
			}
			if (spelling.startsWith("@")) {
				Operands operands = switch (spelling) {
				case "@operands" -> Operands.ALL;
				case "@first" -> Operands.FIRST;
				case "@second" -> Operands.SECOND;
				case "@rest" -> Operands.REST;
				case "@sources" -> Operands.SOURCES;
				case "@last" -> Operands.LAST;
				case "@leading" -> Operands.LEADING;
				default -> null;
				};
				if (operands == null) {
					if (spelling.length() > 1 && kind != Kind.TAKES && spelling.indexOf('*') > 0) {
						program.globOptions.add(fact); // java's @argfiles: @*
						return;
					}
					throw new IllegalArgumentException("unknown operand selector `" + spelling + "` (known: @operands,"
							+ " @first, @second, @rest, @sources, @last, @leading, @options, @program)");
				}
				if (kind == Kind.AS_PROGRAM) {
					if (operands != Operands.FIRST) {
						throw new IllegalArgumentException("`as-program` is said of an option's value or of `@first`");
					}
					program.firstAsProgram = true; // `python3 manage.py shell` has the facts of `manage.py`
					return;
				}
				program.operands.computeIfAbsent(operands, o -> new ArrayList<>(1)).add(fact);
				return;
			}
			if (spelling.startsWith("-")) {
				if (spelling.indexOf('*') > 0) {
					program.globOptions.add(fact);
					return;
				}
				String name = optionName(spelling);
				Arity arity = switch (spelling.length() - name.length()) {
				case 2 -> Arity.TWO;
				case 1 -> spelling.endsWith("?") ? Arity.OPTIONAL : spelling.endsWith(";") ? Arity.COMMAND : Arity.VALUE;
				default -> Arity.NONE;
				};
				if (name.length() < 2 || name.equals("--")) {
					throw new IllegalArgumentException("`" + spelling + "` is not an option");
				}
				if (arity == Arity.TWO && name.length() == 2) {
					throw new IllegalArgumentException("`" + spelling + "`: two values are said of a long option only");
				}
				// keyed by the name as written; freeze keys a loose program's options by their loose names
				program.options.merge(name, new Option(name, arity, List.of(fact)), Builder::joined);
				return;
			}
			if (spelling.endsWith("=")) {
				program.variables.add(fact);
				return;
			}
			program.exactWords.add(fact);
		}

		/** Whether a fact writes a file, or reads a script that may. */
		private static boolean mayWrite(Fact fact) {
			return fact.kind() == Kind.WRITES || fact.kind() == Kind.SED_SCRIPT || fact.kind() == Kind.AWK_PROGRAM;
		}

		private static Program root(Program program) {
			Program root = program;
			while (root.parent != null) {
				root = root.parent;
			}
			return root;
		}

		/**
		 * The facts of two spellings of one option in one, those said first first; the option takes the values the
		 * first said it takes, or else those the second says.
		 */
		private static Option joined(Option first, Option second) {
			List<Fact> facts = new ArrayList<>(first.facts());
			facts.addAll(second.facts());
			return new Option(second.spelling(), first.arity() != Arity.NONE ? first.arity() : second.arity(),
					List.copyOf(facts));
		}

		private static void freeze(Program program) {
			if (root(program).loose) {
				// `@options loose` may come after the program's first options: key them all by their loose names
				Map<String, Option> options = new LinkedHashMap<>();
				for (Option option : program.options.values()) {
					options.merge(looseName(option.spelling()), option, Builder::joined);
				}
				program.options.clear();
				program.options.putAll(options);
			}
			List<Operands> selectors = new ArrayList<>();
			List<Fact> facts = new ArrayList<>();
			program.operands.forEach((selector, list) -> list.forEach(fact -> {
				selectors.add(selector);
				facts.add(fact);
			}));
			program.operandSelectors = List.copyOf(selectors);
			program.operandFacts = List.copyOf(facts);
			program.operandSelectorArray = selectors.toArray(Operands[]::new);
			program.operandFactArray = facts.toArray(Fact[]::new);
			program.subcommands.values().forEach(Builder::freeze);
		}

		FactTable build() {
			programs.values().forEach(Builder::freeze);
			Map<Program, List<Fact>> factsOf = new HashMap<>();
			List<Fact> everyFact = new ArrayList<>();
			for (Program program : programs.values()) {
				List<Fact> facts = program.allFacts();
				factsOf.put(program, facts);
				everyFact.addAll(facts);
			}
			Conditions everyCondition = conditions(everyFact);
			factsOf.forEach((program, facts) -> {
				// a scan reads the facts of one program's tree, or of any program when one of them names the
				// program that runs the rest of the command (`python -m`)
				boolean handsOver = facts.stream().anyMatch(fact -> fact.kind() == Kind.AS_PROGRAM);
				compile(program, handsOver ? everyCondition : conditions(facts));
			});
			return new FactTable(programs, Set.copyOf(harmless), List.copyOf(harmlessPrefixes),
					List.copyOf(problems));
		}

		private static Conditions conditions(List<Fact> facts) {
			Set<String> names = new HashSet<>();
			Set<String> valued = new HashSet<>();
			for (Fact fact : facts) {
				fact.when().forEach(options -> Conditions.add(options, names, valued));
				Conditions.add(fact.unless(), names, valued);
				if (fact.unhide() != null) {
					Conditions.add(fact.unhide(), names, valued);
				}
				if (fact.follows() != null) {
					Conditions.add(fact.follows(), names, valued);
				}
				if (fact.keepsLinks() != null) {
					Conditions.add(fact.keepsLinks(), names, valued);
				}
			}
			return names.isEmpty() ? Conditions.NONE : new Conditions(names, valued);
		}

		/**
		 * Makes the lookups of a program and its subcommands: the options each may give, in one map, and whether
		 * its operand facts are plain.
		 */
		private static void compile(Program program, Conditions conditions) {
			Map<String, Option> reachable = new HashMap<>();
			Option[] letters = new Option[0];
			for (Program p = program; p != null; p = p.parent) {
				for (Map.Entry<String, Option> entry : p.options.entrySet()) {
					if (p == program || !Program.isGlobal(entry.getValue())) {
						reachable.putIfAbsent(entry.getKey(), entry.getValue());
					}
				}
			}
			for (Map.Entry<String, Option> entry : reachable.entrySet()) {
				String key = entry.getKey();
				if (key.length() == 2 && key.charAt(0) == '-' && key.charAt(1) < 128) {
					letters = letters.length == 0 ? new Option[128] : letters;
					letters[key.charAt(1)] = entry.getValue();
				}
			}
			boolean risky = false;
			for (List<Fact> facts : program.operands.values()) {
				facts.forEach(fact -> root(program).writesFiles |= mayWrite(fact));
			}
			program.globOptions.forEach(fact -> root(program).writesFiles |= mayWrite(fact));
			program.variables.forEach(fact -> root(program).writesFiles |= mayWrite(fact));
			for (Option option : reachable.values()) {
				for (Fact fact : option.facts()) {
					root(program).writesFiles |= mayWrite(fact);
					risky |= fact.kind() != Kind.TAKES && fact.kind() != Kind.PLAIN;
					if (fact.kind() == Kind.NAMES) {
						root(program).takesNames = true;
						if (option.arity() == Arity.NONE || option.arity() == Arity.OPTIONAL) {
							root(program).namesFromInput.add(option.spelling());
						} else {
							root(program).namesValued.add(option.spelling());
						}
					}
				}
			}
			for (Program p = program; p != null && !risky; p = p.parent) {
				risky = !p.globOptions.isEmpty();
			}
			program.riskyOptions = risky || !program.subcommands.isEmpty();
			for (Fact fact : program.globOptions) {
				root(program).takesNames |= fact.kind() == Kind.NAMES; // 7z's `@listfile`
			}
			program.reachable = reachable; // a hashed map, never changed: a scan looks up every option word in it
			program.reachableLetters = letters;
			program.conditions = conditions;
			if (root(program).abbrev) {
				TreeSet<String> longNames = new TreeSet<>();
				for (String key : reachable.keySet()) {
					if (key.startsWith("--")) {
						longNames.add(key);
					}
				}
				for (String name : conditions.names()) {
					if (name.startsWith("--") && name.indexOf('=') < 0) {
						longNames.add(name);
					}
				}
				program.longNames = longNames.toArray(String[]::new);
				for (String name : program.longNames) {
					if (name.length() > 2 && name.charAt(2) < 128) {
						program.longInitials[name.charAt(2)] = true;
					}
				}
			}
			boolean plain = !program.operandFacts.isEmpty();
			for (int i = 0; i < program.operandFacts.size(); i++) {
				Fact fact = program.operandFacts.get(i);
				Kind kind = fact.kind();
				plain &= program.operandSelectors.get(i) == Operands.ALL && fact.when().isEmpty()
						&& fact.unless().isEmpty() && fact.ifGlobs().isEmpty() && fact.defaultOperand() == null
						&& (kind == Kind.READS || kind == Kind.WRITES || kind == Kind.LOADS);
			}
			program.plainOperands = plain;
			boolean blank = reachable.isEmpty() && program.operandFacts.isEmpty() && program.subcommands.isEmpty()
					&& program.exactWords.isEmpty();
			for (Program p = program; p != null; p = p.parent) {
				blank &= p.globOptions.isEmpty() && p.variables.isEmpty();
			}
			program.blank = blank;
			for (String name : program.subcommands.keySet()) {
				if (!name.isEmpty() && name.charAt(0) < 128) {
					program.subcommandInitials[name.charAt(0)] = true;
				}
			}
			program.subcommands.values().forEach(sub -> compile(sub, conditions));
		}
	}
}
