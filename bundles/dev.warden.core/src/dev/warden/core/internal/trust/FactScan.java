package dev.warden.core.internal.trust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.warden.core.internal.trust.FactTable.Arity;
import dev.warden.core.internal.trust.FactTable.Fact;
import dev.warden.core.internal.trust.FactTable.Kind;
import dev.warden.core.internal.trust.FactTable.Operands;
import dev.warden.core.internal.trust.FactTable.Option;
import dev.warden.core.internal.trust.FactTable.Program;

/**
 * Reads the words of one command with the facts of its program: which option, argument or operand does what, with
 * the option spellings the program accepts ({@code --opt=value} and {@code --opt value}, {@code -xVALUE}, combined
 * short options, npm's loose config names, {@code --} ending the options). Made once per simple command and read by
 * every check.
 */
public final class FactScan {

	/**
	 * A word that a fact is about.
	 *
	 * @param fact  the fact
	 * @param index the index of the option word (or the operand) in the command's words
	 * @param word  the option or operand as written
	 * @param value the value the fact is about (a path, a script, a configuration name), or null
	 * @param valueLiteral whether the value holds no expansion
	 */
	public record Hit(Fact fact, int index, String word, String value, boolean valueLiteral) {

		/** The option or operand and the program, as a reason names them: "`--output` of `git log`". */
		public String subject() {
			String spelling = fact.spelling();
			String program = fact.program();
			if (spelling.startsWith("@")) {
				return "`" + program + "`";
			}
			String option = word;
			if (option.startsWith("-") && value != null) {
				int equals = option.indexOf('=');
				option = equals > 0 && option.startsWith("--") ? option.substring(0, equals) : option;
				if (!option.startsWith("--") && option.length() > Math.max(2, value.length()) && option.endsWith(value)) {
					option = option.substring(0, option.length() - value.length());
					if (option.length() > 2 && option.endsWith("=")) {
						option = option.substring(0, option.length() - 1); // `-out=` of terraform's `-out=plan`
					}
				}
			}
			return "`" + Quoting.oneLine(option) + "`" + spelledOut() + " of `" + program + "`";
		}

		/**
		 * For a long option given as a prefix of its name ({@code --to-com}), the name it abbreviates as a reason
		 * adds it (" (`--to-command`)"); else empty.
		 */
		public String spelledOut() {
			if (!word.startsWith("--") || !fact.spelling().startsWith("--") || fact.spelling().indexOf('*') >= 0) {
				return ""; // not a long option, or a glob of words (`--inspect*`), which abbreviates nothing
			}
			int equals = word.indexOf('=');
			String given = FactTable.looseName(equals < 0 ? word : word.substring(0, equals));
			String name = FactTable.optionName(fact.spelling());
			String loose = FactTable.looseName(name);
			return given.length() < loose.length() && loose.startsWith(given) ? " (`" + name + "`)" : "";
		}
	}

	private static final FactScan NONE = new FactScan(null, List.of(), null, null, List.of(), Set.of(), false);

	private final Program program;
	private final List<Hit> hits;
	private final Hit riskHit;
	private final PolicyRules.Risk risk;
	private final List<Word> innerCommand;
	private final Set<String> seen;
	private final boolean loose;

	private FactScan(Program program, List<Hit> hits, Hit riskHit, PolicyRules.Risk risk, List<Word> innerCommand,
			Set<String> seen, boolean loose) {
		this.seen = seen;
		this.loose = loose;
		this.program = program;
		this.hits = hits;
		this.riskHit = riskHit;
		this.risk = risk;
		this.innerCommand = innerCommand;
	}

	/** This scan as a list of one, made when first asked for: a shared scan (no fact found) is asked often. */
	private List<FactScan> alone;

	/** This scan alone in a list: the scans of a command with one layer. */
	public List<FactScan> alone() {
		List<FactScan> list = alone;
		if (list == null) {
			list = List.of(this);
			alone = list; // two threads may each make one: either serves
		}
		return list;
	}

	/** The scan of a command whose program has no facts. */
	public static FactScan none() {
		return NONE;
	}

	/** The program's facts (the subcommand's when one was found), or null. */
	public Program program() {
		return program;
	}

	/** The words facts are about, in order. */
	public List<Hit> hits() {
		return hits;
	}

	/** The last word that runs other code (a wildcard must spell it out to cover it) and why, or null. */
	public PolicyRules.Risk risk() {
		return risk;
	}

	/** The fact that made that word risky, or null. */
	public Hit riskHit() {
		return riskHit;
	}

	/** Whether the command gave one of these options (as the facts spell them). */
	public boolean sawAny(Set<String> options) {
		for (String option : options) {
			if (seen.contains(loose ? FactTable.looseName(option) : option)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The word of an option that makes the program take the names of the files it works on from its input
	 * ({@code cpio -o}, {@code zip -@}, {@code tar -T -}), or null.
	 */
	public Hit namesFromInput() {
		for (int i = 0; i < hits.size(); i++) {
			Hit hit = hits.get(i);
			if (hit.fact().kind() == Kind.NAMES && !namesFile(hit)) {
				return hit;
			}
		}
		return null;
	}

	/** Whether a {@code names} hit names a file to read the names from (else they come from the input). */
	static boolean namesFile(Hit hit) {
		return hit.value() != null && !hit.value().isEmpty() && !standardInput(hit.value());
	}

	/**
	 * Whether a path names the standard input: {@code -}, as the programs that take it read it, or one of the
	 * system's names for it ({@code tar -T /dev/stdin} reads the names from its input as {@code tar -T -} does).
	 */
	static boolean standardInput(String path) {
		return path.equals("-") || STANDARD_INPUT.contains(path);
	}

	private static final Set<String> STANDARD_INPUT = Set.of("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0");

	/** The command that an {@code execs} fact runs ({@code id} of {@code npm exec -- id}), or empty. */
	public List<Word> innerCommand() {
		return innerCommand;
	}

	/** Scans the words of a command whose program has the facts {@code root}. */
	public static FactScan scan(FactTable table, Program root, List<Word> words) {
		return root == null ? NONE : new Scanner(table).scan(root, words);
	}

	/**
	 * The scans of the commands last scanned with one table, each kept with the words it was made of. When no word
	 * holds a parameter or a command substitution (such a word is judged with what the line lists; a glob, a brace
	 * or find's {@code {}} is not), a scan is a function of the
	 * program's facts, the command's words and, when a {@code lists} fact applied, of whether the line takes the
	 * command's output for names of files; an equal command with the same answer is given the same scan. A scan
	 * holds no word of the line it was made for (one that runs an inner command does, and is not kept).
	 * Direct-mapped and bounded: {@value #SLOTS} slots of commands of at most {@value #MAX_CHARS} characters, a new
	 * scan replacing the one of its slot. Safe for threads: a slot holds an immutable entry, read and replaced whole.
	 */
	static final class Memo {
		static final int SLOTS = 1024;
		static final int MAX_CHARS = 256;

		/**
		 * {@code lists}: 0 when no {@code lists} fact applied, else 1 when they were read, -1 when not;
		 * {@code unexpanded}: which words are not literal, or null when all are.
		 */
		private record Entry(int key, Program root, String[] texts, boolean[] unexpanded, int lists, FactScan scan) {
		}

		private final Entry[] slots = new Entry[SLOTS];

		/**
		 * The key of a command's words, or 0 when its scan is not kept (a word with a parameter or a command
		 * substitution, or too long).
		 */
		static int key(Program root, List<Word> words) {
			int size = words.size();
			int h = System.identityHashCode(root);
			int chars = 0;
			for (int i = 0; i < size; i++) {
				Word word = words.get(i);
				String text = word.text();
				if (!word.literal() && (text.indexOf('$') >= 0 || text.indexOf('`') >= 0)) {
					return 0;
				}
				chars += text.length() + 1;
				h = 31 * h + (word.literal() ? text.hashCode() : ~text.hashCode());
			}
			h ^= h >>> 16; // the slot is read from the low bits
			return chars > MAX_CHARS ? 0 : (h == 0 ? 1 : h);
		}

		/** The scan kept for these words, or null; {@code lists} answers as it would for a new scan. */
		FactScan get(int key, Program root, List<Word> words, java.util.function.BooleanSupplier lists) {
			Entry entry = slots[key & (SLOTS - 1)];
			if (entry == null || entry.key != key || entry.root != root || entry.texts.length != words.size()) {
				return null;
			}
			String[] texts = entry.texts;
			boolean[] unexpanded = entry.unexpanded;
			for (int i = 0; i < texts.length; i++) {
				Word word = words.get(i);
				if (!texts[i].equals(word.text()) || word.literal() == (unexpanded != null && unexpanded[i])) {
					return null;
				}
			}
			if (entry.lists != 0 && entry.lists != (lists.getAsBoolean() ? 1 : -1)) {
				return null; // made for a line that did otherwise with the command's output
			}
			return entry.scan;
		}

		/** Forgets every scan kept. */
		void clear() {
			java.util.Arrays.fill(slots, null);
		}

		void put(int key, Program root, List<Word> words, int lists, FactScan scan) {
			String[] texts = new String[words.size()];
			boolean[] unexpanded = null;
			for (int i = 0; i < texts.length; i++) {
				Word word = words.get(i);
				texts[i] = word.text();
				if (!word.literal()) {
					if (unexpanded == null) {
						unexpanded = new boolean[texts.length];
					}
					unexpanded[i] = true;
				}
			}
			slots[key & (SLOTS - 1)] = new Entry(key, root, texts, unexpanded, lists, scan);
		}
	}

	/**
	 * The scan kept for an equal command (see {@link Memo}), or null; {@code lists} answers as it would for a new
	 * scan. A scan that {@link Scanner#scan(Program, List, java.util.function.BooleanSupplier)} makes with a
	 * {@code lists} is kept for the next.
	 */
	public static FactScan kept(FactTable table, Program root, List<Word> words,
			java.util.function.BooleanSupplier lists) {
		int key = root.blank ? 0 : Memo.key(root, words);
		return key == 0 ? null : table.memo.get(key, root, words, lists);
	}

	/**
	 * Scans commands one after the other; one instance serves every simple command of a command line, so that
	 * its working lists are allocated once. Not thread-safe.
	 */
	public static final class Scanner {
		final FactTable table;
		/** What the conditions of the facts this scan may read name: those of the program first scanned. */
		FactTable.Conditions conditions;
		List<Word> words;
		final List<String> seen = new ArrayList<>();
		/** Where in {@link #seen} the options of the program scanned now start: after those of its host. */
		int ownSeen;
		/** The hits noted while walking the words; made for the first (most commands note none). */
		List<Hit> pending;
		final Indexes operands = new Indexes();
		/** How many of the first {@link #operands} come before the first option (`find DIR... -name x`). */
		int leading;
		/** The operands not taken by a fact for itself, and the hits found: made for the first scan that reads them. */
		Indexes rest;
		List<Hit> hits;
		boolean sawOption;
		Program program;
		boolean loose;
		boolean whole;
		boolean abbrev;
		List<Word> inner = List.of();
		/**
		 * Says whether the facts of kind {@code lists} are read in this scan, asked when the first such fact applies
		 * (null: they are); {@link #listsRead} keeps the answer for the scan: 0 not asked yet, 1 yes, -1 no.
		 */
		java.util.function.BooleanSupplier lists;
		int listsRead;
		/**
		 * Says whether a word is the output of a command that only lists names of files ({@code $(ls src)}), judged
		 * by that command's facts rather than as an unknown value; null: none is.
		 */
		public java.util.function.Predicate<Word> listing;

		public Scanner(FactTable table) {
			this.table = table;
		}

		/** Scans the words of a command whose program has the facts {@code root} (not null). */
		public FactScan scan(Program root, List<Word> words) {
			return scan(root, words, null);
		}

		/**
		 * Scans the words of a command whose program has the facts {@code root} (not null). Its {@code lists} facts
		 * are read only when {@code lists} says so, asked when one applies: they matter only when another command
		 * takes what the command prints for names of files, and most commands print for the user (`ls -la | grep
		 * src`).
		 */
		public FactScan scan(Program root, List<Word> words, java.util.function.BooleanSupplier lists) {
			if (root.blank) {
				return nothingFound(root, root.loose); // what the walk below would find, found without it
			}
			// kept for an equal command that comes again (looked up first, with FactScan.kept)
			int key = lists == null ? 0 : Memo.key(root, words);
			this.lists = lists;
			this.listsRead = lists == null ? 1 : 0;
			this.words = words;
			this.conditions = root.conditions;
			try {
				run(root, 1);
				FactScan result = result();
				if (key != 0 && inner.isEmpty()) {
					table.memo.put(key, root, words, listsRead, result);
				}
				return result;
			} finally {
				// emptied after each scan, however it ends: the next command of the line is scanned afresh
				this.words = null;
				conditions = null;
				seen.clear();
				ownSeen = 0;
				if (pending != null) {
					pending.clear();
				}
				if (hits != null) {
					hits.clear();
				}
				operands.clear();
				leading = 0;
				sawOption = false;
				inner = List.of();
				lists = null;
			}
		}

		void run(Program root, int start) {
			program = root;
			loose = root.loose;
			whole = root.whole;
			abbrev = root.abbrev;
			boolean optionsEnded = false;
			int i = start;
			if (root.bundled && i < words.size()) {
				unknownWord(i, words.get(i)); // `tar $X`: the options tar is given may be any
			}
			if (root.bundled && i < words.size() && !words.get(i).text().startsWith("-")
					&& !words.get(i).text().isEmpty()) {
				i = cluster("-" + words.get(i).text(), i, i + 1, true);
			}
			while (i < words.size()) {
				Word word = words.get(i);
				String text = word.text();
				char first = text.isEmpty() ? 0 : text.charAt(0);
				if (!optionsEnded && first == '@' && text.length() > 1 && globOption(i, text)) {
					i++;
					continue;
				}
				// a word with an expansion that starts with a dash is an option all the same (`--output=/tmp/x*`,
				// `-o$OUT`): the shell expands only what follows, and the value's check sees the expansion
				if (optionsEnded || (first != '-' && (first != '+' || !program.plus)) || text.length() == 1
						|| (!word.literal() && first != '-')) {
					if (!optionsEnded && operands.isEmpty() && program.hasSubcommands() && word.literal()) {
						Program sub = program.subcommand(text);
						if (sub != null) {
							program = sub;
							leading = 0; // none: no operand came before the subcommand
							i++;
							continue;
						}
					}
					if (!optionsEnded) {
						unknownWord(i, word);
					}
					if (program.firstAsProgram && operands.isEmpty() && word.literal()) {
						Program as = table.program(Quoting.basename(text));
						if (as != null && as != program) {
							// the script is loaded as before; the words after it are its own, read with its facts
							operand(i, text, true);
							operands.add(i);
							List<Fact> scriptFacts = program.operandFacts;
							for (int f = 0; f < scriptFacts.size(); f++) {
								if (program.operandSelectors.get(f) == Operands.FIRST) {
									pend(scriptFacts.get(f), i, text, text, true);
								}
							}
							handOver(as, i + 1);
							return;
						}
					}
					operand(i, text, word.literal());
					operands.add(i);
					if (!sawOption) {
						leading++; // the operands so far, all before the first option
					}
					if (program.stops || (root.stops && program == root)) {
						// ssh reads options again after its destination, up to the command (`ssh HOST -o X CMD`)
						Program stopping = program.stops ? program : root;
						optionsEnded = !stopping.resumes || operands.size() > 1;
					}
					i++;
					continue;
				}
				if (text.equals("--") && !program.leadingOptions.isEmpty() && !sawOption && operands.isEmpty()) {
					i++; // find's `--` ends its own options: the operands after it lead, its expression follows
					continue;
				}
				if (text.equals("--")) {
					sawOption = true;
					optionsEnded = true;
					i++;
					continue;
				}
				String leadingName = sawOption || program.leadingOptions.isEmpty() || !operands.isEmpty() ? null
						: program.leadingOptions.contains(text) ? text
								: text.length() > 2 && program.leadingOptions.contains(text.substring(0, 2))
										? text.substring(0, 2) : null; // `-O3`
				if (leadingName != null) {
					// `find -L DIR`: such an option comes before the operands that lead; with a value (`-D tree`)
					see(leadingName); // `-L` makes find follow links
					Option leadingOption = program.option(leadingName, false);
					i += leadingOption != null && leadingOption.arity() == Arity.VALUE && text.equals(leadingName) ? 2 : 1;
					continue;
				}
				sawOption = true;
				if (globOption(i, text)) {
					i++;
					continue;
				}
				if (text.startsWith("--") || whole) {
					i = longOption(i, text);
				} else {
					Option exact = text.length() > 2 ? program.option(text, false) : null;
					int equals = exact == null ? text.indexOf('=') : -1;
					Option named = equals > 2 ? program.option(text.substring(0, equals), false) : null;
					i = exact != null ? withValue(exact, i, text, null)
							: named != null ? withValue(named, i, text, text.substring(equals + 1)) // `-gs=FILE`
									: cluster(text, i, i + 1, false);
				}
				if (i < 0) {
					return; // as-program took over the rest
				}
			}
		}

		/**
		 * Scans the rest of the command, from {@code start}, with the facts of {@code as}: the program that a
		 * value ({@code python3 -m pytest}) or the first operand ({@code python3 manage.py}) names. A condition
		 * {@code when=} of its facts also sees the options its host was given, {@code unless=} only its own:
		 * python's own {@code -m} in {@code python3 -m coverage run FILE} is not coverage's, and must not keep FILE
		 * from being judged.
		 */
		private void handOver(Program as, int start) {
			leading = 0;
			operands.clear();
			ownSeen = seen.size();
			conditions = as.conditions;
			sawOption = false;
			run(as, start);
		}

		/**
		 * Notes a word that starts with an expansion whose value the line does not show ({@code $X}, {@code "$X"},
		 * {@code $(…)}): the shell may make an option or a subcommand of it ({@code X=--output=/tmp/x; git log $X}),
		 * which matters for a program with options that do more than take a value. {@code $HOME} and {@code $PWD}
		 * expand to absolute paths, never options.
		 */
		private void unknownWord(int i, Word word) {
			String text = word.text();
			if (word.literal() || text.isEmpty() || (text.charAt(0) != '$' && text.charAt(0) != '`')
					|| !program.riskyOptions || startsWithFolderVariable(text) || (listing != null && listing.test(word))) {
				return;
			}
			pend(Fact.unconditional(program.name(), "@expansion", Kind.RUNS, "may expand to an option or subcommand of `"
					+ program.name() + "` that cannot be judged, as its value is not in the command line",
					"Warden's rule for words the shell makes"), i, text, null, false);
		}

		private static boolean startsWithFolderVariable(String text) {
			for (String variable : FOLDER_VARIABLES) {
				if (text.startsWith(variable) && (text.length() == variable.length()
						|| text.charAt(variable.length()) == '/')) {
					return true;
				}
			}
			return false;
		}

		private static final List<String> FOLDER_VARIABLES = List.of("$HOME", "${HOME}", "$PWD", "${PWD}");

		/**
		 * Notes a word a fact is about, for {@link #result} to keep when the fact's conditions hold. A fact that
		 * only says an option takes a value is not noted: no check reads it.
		 */
		private void pend(Fact fact, int i, String text, String value, boolean literal) {
			if (fact.kind() != Kind.TAKES && fact.kind() != Kind.PLAIN && read(fact)) {
				if (pending == null) {
					pending = new ArrayList<>();
				}
				pending.add(new Hit(fact, i, text, value, literal));
			}
		}

		/**
		 * Records an option the command gave (or {@code NAME=value}); only those that a fact's condition names are
		 * kept, as only they are ever asked about.
		 */
		private void see(String option) {
			if (conditions.name(option)) {
				seen.add(option);
			}
		}

		/** {@link #pend}s each fact of an option given in a cluster. */
		private void pendAll(Option option, int i, String text, String value, boolean literal) {
			List<Fact> facts = option.facts();
			for (int f = 0; f < facts.size(); f++) {
				pend(facts.get(f), i, text, value, literal);
			}
		}

		/** A word matched by a glob option such as {@code -javaagent:*}; true when one matched. */
		private boolean globOption(int i, String text) {
			boolean matched = false;
			for (Program p = program; p != null; p = p.parent) {
				List<Fact> globOptions = p.globOptions;
				for (int g = 0; g < globOptions.size(); g++) {
					Fact fact = globOptions.get(g);
					if (Glob.matches(fact.spelling(), text)) {
						pend(fact, i, text, text.startsWith("@") ? text.substring(1) : text, true);
						matched = true;
					}
				}
			}
			return matched;
		}

		private int longOption(int i, String text) {
			int equals = text.indexOf('=');
			String name = equals < 0 ? text : text.substring(0, equals);
			String attached = equals < 0 ? null : text.substring(equals + 1);
			Option option = program.option(name, loose);
			if (option == null && whole && text.startsWith("--")) {
				option = program.option(name.substring(1), false);
			}
			if (option == null && whole && !text.startsWith("--") && text.length() > 2) {
				// the option of the first letter, from the array of one-letter options when it is a `-x`
				Option letter = text.charAt(0) == '-' ? program.letter(text.charAt(1))
						: program.option(text.substring(0, 2), false);
				if (letter != null && letter.arity() == Arity.VALUE) {
					return withValue(letter, i, text, text.substring(2));
				}
			}
			if (option == null && abbrev && text.startsWith("--")) {
				int next = abbreviation(i, loose ? FactTable.looseName(name) : name, text, attached);
				if (next != NOT_ABBREVIATED) {
					return next;
				}
			}
			if (option == null) {
				see(loose ? FactTable.looseName(name) : name);
				return i + 1;
			}
			return withValue(option, i, text, attached);
		}

		private static final int NOT_ABBREVIATED = Integer.MIN_VALUE;

		/**
		 * A long option given as a prefix of its name, which a program that parses its options with GNU
		 * {@code getopt_long} (or npm's nopt, Python's optparse …) reads as the one option whose name it starts: every
		 * option of the table that {@code name} starts is taken as given (when several are, the program refuses the
		 * word as ambiguous, or takes one of them: reading all is the safe side). Returns the index of the next
		 * word, or {@link #NOT_ABBREVIATED} when no option of the table starts with {@code name}.
		 */
		private int abbreviation(int i, String name, String text, String attached) {
			String[] names = program.longNames;
			char initial = name.length() > 2 ? name.charAt(2) : 0;
			if (initial >= 128 || !program.longInitials[initial]) {
				return NOT_ABBREVIATED; // most option words: no option of the table starts like them
			}
			int at = Arrays.binarySearch(names, name);
			if (at >= 0) {
				return NOT_ABBREVIATED; // the whole name of an option only a condition names: not a prefix
			}
			int next = NOT_ABBREVIATED;
			Option valued = null;
			boolean runs = false; // an option read runs other code: the command is asked about for it already
			for (int k = -at - 1; k < names.length && names[k].startsWith(name); k++) {
				Option option = program.option(names[k], false);
				if (option == null) {
					see(names[k]); // an option that only a condition names (`grep --recursive`)
					next = Math.max(next, i + 1);
					continue;
				}
				int after = withValue(option, i, text, attached);
				if (after < 0) {
					return after; // as-program took over the rest
				}
				next = Math.max(next, after);
				if (attached == null && (option.arity() == Arity.VALUE || option.arity() == Arity.TWO)) {
					valued = option;
				}
				for (Fact fact : option.facts()) {
					runs |= fact.kind() == Kind.RUNS || fact.kind() == Kind.EXECS;
				}
			}
			if (valued != null && !runs && !valued.facts().isEmpty()) {
				// the word may be an option the table does not know (npm's `--save`), or abbreviate one that takes
				// the next word for its value (`--save-prefix`): which words are operands cannot be known
				Fact fact = valued.facts().get(0);
				pend(derived(fact, Kind.RUNS, "abbreviates `" + valued.spelling() + "`, which takes the next word"
						+ " for its value, or is an option not known here; written in full (`" + valued.spelling()
						+ "=…`), what the command does can be judged"), i, text, null, true);
			}
			return next;
		}

		/** An option whose spelling is known; {@code attached} is its value in the same word, or null. */
		private int withValue(Option option, int i, String text, String attached) {
			String name = loose ? FactTable.looseName(option.spelling()) : option.spelling();
			see(name);
			String value = null;
			boolean literal = words.get(i).literal(); // a value attached to the word is as literal as the word
			int next = i + 1;
			switch (option.arity()) {
			case NONE -> value = attached;
			case OPTIONAL -> value = attached;
			case VALUE -> {
				if (attached != null) {
					value = attached;
				} else if (i + 1 < words.size()) {
					value = words.get(i + 1).text();
					literal = words.get(i + 1).literal();
					next = i + 2;
				}
			}
			case COMMAND -> {
				// the command find runs, judged as a command of its own: not the program's words
				int end = i + 1;
				while (end < words.size() && !words.get(end).text().equals(";")
						&& !(words.get(end).text().equals("+") && words.get(end - 1).text().equals("{}"))) {
					end++;
				}
				next = Math.min(words.size(), end + 1);
			}
			case TWO -> {
				if (i + 2 < words.size()) {
					value = words.get(i + 2).text();
					literal = words.get(i + 2).literal();
				}
				next = Math.min(words.size(), i + 3);
			}
			}
			if (value != null && option.arity() == Arity.VALUE && conditions.valueOf(name)) {
				see(name + "=" + value); // the value, as long as the line at times, is copied only when a condition may ask
			}
			List<Fact> facts = option.facts();
			for (int f = 0; f < facts.size(); f++) {
				Fact fact = facts.get(f);
				if (fact.kind() == Kind.AS_PROGRAM && value != null) {
					Program as = table.program(value);
					if (as != null) {
						handOver(as, next);
						return -1;
					}
					next = words.size(); // the module's arguments are its own; the option's other facts still hold
					continue;
				}
				pend(fact, i, text, value, literal);
			}
			return next;
		}

		/** A cluster of short options such as {@code -xzf}; returns the index of the next word. */
		private int cluster(String text, int i, int next, boolean bundled) {
			int after = next;
			for (int j = 1; j < text.length(); j++) {
				char c = text.charAt(j);
				Option option = program.letter(c);
				if (conditions.letter(c)) {
					seen.add(shortOption(c));
				}
				if (option == null) {
					continue;
				}
				// the value attached to the letter, cut only for a letter that may take one
				String rest = option.arity() == Arity.VALUE || option.arity() == Arity.OPTIONAL
						? text.substring(j + 1)
						: null;
				if (rest != null && rest.length() > 1 && rest.charAt(0) == '=' && option.arity() == Arity.VALUE) {
					rest = rest.substring(1); // `-v=/:/host`: Go's and Java's option parsers drop the `=`
				}
				if (option.arity() == Arity.VALUE) {
					if (!bundled && (!rest.isEmpty() || after == i + 1)) {
						int r = withValue(option, i, text, rest.isEmpty() ? null : rest);
						return r < 0 ? -1 : Math.max(r, after);
					}
					if (after < words.size()) {
						String letter = shortOption(c);
						if (conditions.valueOf(letter)) {
							see(letter + "=" + words.get(after).text());
						}
						pendAll(option, i, text, words.get(after).text(), words.get(after).literal());
						after++;
					}
					continue; // bundled tar: the values follow in order (tar xfC x.tar dir)
				}
				if (option.arity() == Arity.OPTIONAL) {
					pendAll(option, i, text, rest.isEmpty() ? null : rest, words.get(i).literal());
					return after;
				}
				pendAll(option, i, text, null, true);
			}
			return after;
		}

		/** Facts about a plain word: NAME=value arguments and words spelled exactly. */
		private void operand(int i, String text, boolean literal) {
			int equals = text.indexOf('=');
			for (Program p = program; p != null; p = p.parent) {
				if (equals > 0) {
					String name = assignedName(text, equals);
					List<Fact> variables = p.variables;
					for (int v = 0; v < variables.size(); v++) {
						Fact fact = variables.get(v);
						if (Glob.matches(fact.spelling(), name)) {
							pend(fact, i, text, text.substring(equals + 1), literal);
						}
					}
				}
				if (p == program) {
					List<Fact> exactWords = p.exactWords;
					for (int w = 0; w < exactWords.size(); w++) {
						Fact fact = exactWords.get(w);
						if (fact.spelling().equals(text)) {
							pend(fact, i, text, null, literal);
						}
					}
				}
			}
		}

		/**
		 * The name of an argument {@code NAME=value} with its {@code =}, as the variable facts spell it: GNU make
		 * also assigns with {@code NAME:=}, {@code NAME::=}, {@code NAME:::=}, {@code NAME+=} and {@code NAME?=},
		 * which set the same variable ({@code make SHELL:=/tmp/x}); {@code NAME!=} (runs its value) stays as it is.
		 */
		private static String assignedName(String text, int equals) {
			int start = 0;
			while (start < equals && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
				start++; // make reads ` SHELL =x` as SHELL
			}
			int end = equals;
			while (end > start + 1 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
				end--;
			}
			if (start > 0 || end < equals) {
				return assignedName(text.substring(start, end) + text.substring(equals), end - start);
			}
			if (end > 1 && (text.charAt(end - 1) == '+' || text.charAt(end - 1) == '?')) {
				end--;
			} else {
				while (end > 1 && end > equals - 3 && text.charAt(end - 1) == ':') {
					end--;
				}
			}
			return end == equals ? text.substring(0, equals + 1) : text.substring(0, end) + "=";
		}

		FactScan result() {
			boolean nonePending = pending == null || pending.isEmpty();
			if (program.plainOperands && nonePending) {
				return plainResult();
			}
			if (nonePending && (program.operandFacts.isEmpty() || noOperandFactHolds())) {
				return nothingFound(program, loose);
			}
			Indexes rest = this.rest == null ? (this.rest = new Indexes()) : this.rest;
			rest.setTo(operands);
			List<Hit> hits = hits(); // empty: scan empties it after each command
			for (int p = 0, size = nonePending ? 0 : pending.size(); p < size; p++) {
				Hit hit = pending.get(p);
				if (holds(hit.fact()) && matchesIf(hit.fact(), hit.value())) {
					hits.add(hit);
				}
			}
			// facts that take operands for themselves: a script, a pattern, a command to run
			Fact[] operandFacts = program.operandFactArray;
			Operands[] selectors = program.operandSelectorArray;
			for (int f = 0; f < operandFacts.length; f++) {
				Fact fact = operandFacts[f];
				if (fact.kind().consumesOperand() && !rest.isEmpty() && holds(fact)) {
					operandTaken(fact, selectors[f], rest, hits);
				}
			}
			for (int f = 0; f < operandFacts.length; f++) {
				Fact fact = operandFacts[f];
				if (!fact.kind().consumesOperand() && read(fact) && holds(fact)) {
					operandsNamed(fact, selectors[f], rest, hits);
				}
			}
			// what sed scripts and awk programs do, as hits of their own (added after the others, and read in turn
			// below), and the last word that runs other code
			int riskIndex = -1;
			Hit riskHit = null;
			for (int h = 0; h < hits.size(); h++) {
				Hit hit = hits.get(h);
				Kind kind = hit.fact().kind();
				if ((kind == Kind.SED_SCRIPT || kind == Kind.AWK_PROGRAM || kind == Kind.JQ_FILTER)
						&& hit.value() != null) {
					script(hit, kind, hits);
				} else if ((kind == Kind.RUNS || kind == Kind.EXECS || (kind == Kind.NAMES && namesFile(hit)))
						&& hit.index() >= riskIndex) {
					riskIndex = hit.index();
					riskHit = hit;
				}
			}
			String riskReason = riskHit == null ? null
					: riskHit.fact().kind() == Kind.EXECS
							? "`" + riskHit.fact().program() + "` runs the program `" + Quoting.oneLine(riskHit.word())
									+ "` (" + riskHit.fact().effect() + ")"
							: "`" + Quoting.oneLine(riskHit.word()) + "`" + riskHit.spelledOut() + " "
									+ riskHit.fact().effect();
			if (hits.isEmpty()) {
				return nothingFound(program, loose); // the same as a scan made here would be
			}
			List<Hit> found = switch (hits.size()) { // most scans that find something find one or two hits
			case 1 -> List.of(hits.get(0));
			case 2 -> List.of(hits.get(0), hits.get(1));
			default -> List.copyOf(hits);
			};
			return new FactScan(program, found, riskHit,
					riskHit == null ? null : new PolicyRules.Risk(riskIndex, riskReason), inner,
					seen.isEmpty() || !walksWithOptions(hits) ? Set.of() : Set.copyOf(seen), loose);
		}

		/** Whether this scan reads the fact: every fact but one of kind {@code lists} that {@link #lists} leaves out. */
		private boolean read(Fact fact) {
			return fact.kind() != Kind.LISTS || listsRead();
		}

		private boolean listsRead() {
			if (listsRead == 0) {
				listsRead = lists.getAsBoolean() ? 1 : -1;
			}
			return listsRead > 0;
		}

		private List<Hit> hits() {
			if (hits == null) {
				hits = new ArrayList<>();
			}
			return hits;
		}

		/** The hit of a fact that takes an operand for itself (a script, a pattern, the program it runs). */
		private void operandTaken(Fact fact, Operands selector, Indexes rest, List<Hit> hits) {
			int at = switch (selector) {
			case FIRST, ALL, LEADING, SOURCES -> 0;
			case SECOND, REST -> 1;
			case LAST -> rest.size() - 1;
			};
			if (at >= rest.size()) {
				return;
			}
			int index = rest.get(at);
			Word word = words.get(index);
			if (fact.kind() == Kind.EXECS) {
				hits.add(new Hit(fact, index, word.text(), word.text(), word.literal()));
				inner = words.subList(index, words.size());
				rest.truncate(at);
			} else if (fact.kind() == Kind.SCRIPT && selector == Operands.ALL) {
				// every operand is a word, not a path (`echo`, the test filters of `jest`)
				for (int r = 0; r < rest.size(); r++) {
					Word operand = words.get(rest.get(r));
					hits.add(new Hit(fact, rest.get(r), operand.text(), operand.text(), operand.literal()));
				}
				rest.truncate(0);
			} else {
				// a script is read; a pattern or a mode is set aside, and kept so that no check takes it for a path
				// (`grep '.*' README.md` names no dot file)
				hits.add(new Hit(fact, index, word.text(), word.text(), word.literal()));
				rest.removeAt(at);
			}
		}

		/** The hits of a fact about the operands a selector chooses (or its default operand when none is given). */
		private void operandsNamed(Fact fact, Operands selector, Indexes rest, List<Hit> hits) {
			Indexes chosen = selector == Operands.LEADING ? operands : rest;
			int to = chosenTo(selector, rest.size(), leading);
			int from = to == 0 ? 0 : chosenFrom(selector, rest.size());
			if (from >= to && fact.defaultOperand() != null && selector != Operands.SECOND) {
				hits.add(new Hit(fact, -1, fact.defaultOperand(), fact.defaultOperand(), true));
			}
			for (int c = from; c < to; c++) {
				int index = chosen.get(c);
				Word word = words.get(index);
				if (matchesIf(fact, word.text())) {
					hits.add(new Hit(fact, index, word.text(), word.text(), word.literal()));
				}
			}
		}

		/**
		 * {@link #result} of a program whose operand facts are plain, for a command that gave no option with a fact:
		 * a hit for each fact and operand, in the order the general walk finds them.
		 */
		private FactScan plainResult() {
			if (operands.isEmpty()) {
				return nothingFound(program, loose);
			}
			List<Fact> facts = program.operandFacts;
			List<Hit> hits = hits();
			for (int f = 0; f < facts.size(); f++) {
				Fact fact = facts.get(f);
				for (int o = 0; o < operands.size(); o++) {
					int index = operands.get(o);
					Word word = words.get(index);
					hits.add(new Hit(fact, index, word.text(), word.text(), word.literal()));
				}
			}
			List<Hit> found = hits.size() == 1 ? List.of(hits.get(0)) : List.copyOf(hits);
			return new FactScan(program, found, null, null, List.of(), Set.of(), loose);
		}

		/**
		 * The scan of a command of {@code program} in which no fact holds; one per program and spelling rule, made
		 * for the first such command (an equal one made by two threads at once is as good).
		 */
		private static FactScan nothingFound(Program program, boolean loose) {
			FactScan none = loose ? program.nothingFoundLoose : program.nothingFound;
			if (none == null) {
				none = new FactScan(program, List.of(), null, null, List.of(), Set.of(), loose);
				if (loose) {
					program.nothingFoundLoose = none;
				} else {
					program.nothingFound = none;
				}
			}
			return none;
		}

		/** The short options {@code -a} … as strings, made once: a cluster such as {@code -la} names each. */
		private static final String[] SHORT_OPTIONS = new String[128];

		static {
			for (char c = 0x20; c < 0x7f; c++) {
				SHORT_OPTIONS[c] = "-" + c;
			}
		}

		private static String shortOption(char letter) {
			return letter < SHORT_OPTIONS.length && SHORT_OPTIONS[letter] != null ? SHORT_OPTIONS[letter]
					: "-" + letter;
		}

		/** Whether a walk of the scan depends on options: those that unhide files, follow links or keep them. */
		private static boolean walksWithOptions(List<Hit> hits) {
			for (int i = 0; i < hits.size(); i++) {
				Fact fact = hits.get(i).fact();
				Kind kind = fact.kind();
				if ((kind == Kind.RECURSES || kind == Kind.LISTS) && (fact.unhide() != null
						|| (fact.follows() != null && !fact.follows().isEmpty()) || fact.keepsLinks() != null)) {
					return true;
				}
			}
			return false;
		}

		/** Adds what a sed script, an awk program or a jq filter does as facts of their own. */
		private static void script(Hit hit, Kind language, List<Hit> hits) {
			Fact fact = hit.fact();
			String named = switch (language) {
			case SED_SCRIPT -> "a sed script with ";
			case AWK_PROGRAM -> "an awk program with ";
			default -> "a jq filter with ";
			};
			if (!hit.valueLiteral()) {
				hits.add(new Hit(derived(fact, Kind.RUNS, "holds an expansion, so what the script does cannot be known"),
						hit.index(), hit.word(), null, false));
				return;
			}
			List<ScriptFacts.Use> uses = switch (language) {
			case SED_SCRIPT -> ScriptFacts.sed(hit.value());
			case AWK_PROGRAM -> ScriptFacts.awk(hit.value());
			default -> ScriptFacts.jq(hit.value());
			};
			for (ScriptFacts.Use use : uses) {
				Kind kind = switch (use.effect()) {
				case RUNS -> Kind.RUNS;
				case WRITES -> Kind.WRITES;
				case READS -> Kind.READS;
				};
				String effect = kind == Kind.RUNS ? "is " + named + use.what() : "through " + use.what();
				hits.add(new Hit(derived(fact, kind, effect), hit.index(), hit.word(), use.path(), true));
			}
		}

		private static Fact derived(Fact fact, Kind kind, String effect) {
			return Fact.unconditional(fact.program(), "@script", kind, effect, fact.source());
		}

		private boolean noOperandFactHolds() {
			List<Fact> facts = program.operandFacts;
			for (int i = 0; i < facts.size(); i++) {
				Fact fact = facts.get(i);
				if ((!operands.isEmpty() || fact.defaultOperand() != null) && holds(fact) && mayHit(fact)) {
					return false;
				}
			}
			return true;
		}

		/**
		 * Whether an operand fact that holds may find a hit: false only for one whose {@code if=} globs match none
		 * of the operands (`npm test` is no `npm link`), which {@link #operandsNamed} would read one by one. The
		 * operands it reads are some of {@link #operands}, so none of them matches either.
		 */
		private boolean mayHit(Fact fact) {
			if (!read(fact)) {
				return false;
			}
			if (fact.ifGlobs().isEmpty() || fact.defaultOperand() != null || fact.kind().consumesOperand()) {
				return true;
			}
			for (int o = 0; o < operands.size(); o++) {
				if (fact.ifGlobs().matches(words.get(operands.get(o)).text(), loose)) {
					return true;
				}
			}
			return false;
		}

		/** Where the operands a selector chooses start: in {@link #operands} for LEADING, else in {@link #rest}. */
		private static int chosenFrom(Operands which, int rest) {
			return switch (which) {
			case ALL, FIRST, SOURCES, LEADING -> 0;
			case SECOND, REST -> 1;
			case LAST -> rest - 1;
			};
		}

		/** Where the operands a selector chooses end; not after {@link #chosenFrom} when it chooses none. */
		private static int chosenTo(Operands which, int rest, int leading) {
			if (rest == 0) {
				return 0;
			}
			return switch (which) {
			case ALL, REST -> rest;
			case FIRST -> 1;
			case SECOND -> rest > 1 ? 2 : 0;
			case SOURCES -> rest > 1 ? rest - 1 : 0;
			case LAST -> rest > 1 ? rest : 0;
			case LEADING -> leading;
			};
		}


		private boolean holds(Fact fact) {
			List<List<String>> when = fact.when();
			if (seen.isEmpty()) {
				return when.isEmpty(); // no option was given that a condition names
			}
			for (int i = 0; i < when.size(); i++) {
				if (!anySeen(when.get(i), 0)) {
					return false;
				}
			}
			return !anySeen(fact.unless(), ownSeen);
		}

		/** Whether one of {@code options} was seen, from the index {@code from} of {@link #seen} on. */
		private boolean anySeen(List<String> options, int from) {
			if (seen.size() <= from) {
				return false;
			}
			List<String> given = from == 0 ? seen : seen.subList(from, seen.size());
			for (int i = 0; i < options.size(); i++) {
				String option = options.get(i);
				if (given.contains(loose ? FactTable.looseName(option) : option)) {
					return true;
				}
			}
			return false;
		}

		private boolean matchesIf(Fact fact, String value) {
			return fact.ifGlobs().isEmpty() || (value != null && fact.ifGlobs().matches(value, loose));
		}
	}

	/** A list of word indexes that grows as needed and is emptied for each command, without boxing. */
	static final class Indexes {
		private static final int[] NONE = new int[0];

		/** Made for the first item: most commands have an operand or two, many none. */
		private int[] items = NONE;
		private int size;

		int size() {
			return size;
		}

		boolean isEmpty() {
			return size == 0;
		}

		int get(int i) {
			if (i < 0 || i >= size) {
				throw new IndexOutOfBoundsException(i);
			}
			return items[i];
		}

		void add(int index) {
			if (size == items.length) {
				items = Arrays.copyOf(items, Math.max(4, size * 2));
			}
			items[size++] = index;
		}

		void clear() {
			size = 0;
		}

		/** Drops the items from {@code from} on. */
		void truncate(int from) {
			size = Math.min(size, from);
		}

		void removeAt(int i) {
			if (i >= size) {
				throw new IndexOutOfBoundsException(i);
			}
			System.arraycopy(items, i + 1, items, i, size - i - 1);
			size--;
		}

		void setTo(Indexes other) {
			if (items.length < other.size) {
				items = new int[other.items.length];
			}
			System.arraycopy(other.items, 0, items, 0, other.size);
			size = other.size;
		}
	}

	/** Globs of facts: {@code *} stands for any characters; nothing else is special. */
	static final class Glob {
		private Glob() {
		}

		static boolean matches(String glob, String text) {
			return matches(glob, 0, text, 0, false, false);
		}

		/**
		 * Whether {@code text} from {@code t} on matches {@code glob} from {@code g} on; with {@code fold}, each
		 * character of an ASCII text is read in lower case (and, when {@code loose}, {@code _} as {@code -}).
		 */
		static boolean matches(String glob, int g, String text, int t, boolean fold, boolean loose) {
			while (g < glob.length()) {
				char c = glob.charAt(g);
				if (c == '*') {
					if (g == glob.length() - 1) {
						return true;
					}
					for (int k = t; k <= text.length(); k++) {
						if (matches(glob, g + 1, text, k, fold, loose)) {
							return true;
						}
					}
					return false;
				}
				if (t >= text.length() || (fold ? folded(text.charAt(t), loose) : text.charAt(t)) != c) {
					return false;
				}
				g++;
				t++;
			}
			return t == text.length();
		}

		static char folded(char c, boolean loose) {
			return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : loose && c == '_' ? '-' : c;
		}
	}

	/**
	 * The globs of a fact's {@code if=} modifier, compared with a value ignoring case (and, for a program whose
	 * options are {@code loose}, reading {@code _} as {@code -}). A value of ASCII characters, as nearly all are, is
	 * compared in place, without the lower-case copy that the rule describes; any other value is copied so, as the
	 * rule says.
	 */
	public static final class ValueGlobs {
		static final ValueGlobs NONE = new ValueGlobs(List.of());

		private final List<String> globs;
		private final String[] array;
		/**
		 * The first characters of the globs, when none starts with {@code *}: a value that starts with another
		 * matches none (most values, for most facts: `test` is no `link`), found without reading further.
		 */
		private final boolean[] initials;
		/** The characters of each glob other than its {@code *}s: no shorter value matches the glob. */
		private final int[] shortest;
		/** Whether each glob has no {@code *}: then only a value exactly as long matches it. */
		private final boolean[] exact;

		/** {@code globs}: in lower case. */
		ValueGlobs(List<String> globs) {
			this.globs = List.copyOf(globs);
			this.array = globs.toArray(String[]::new);
			this.shortest = new int[array.length];
			this.exact = new boolean[array.length];
			for (int i = 0; i < array.length; i++) {
				int stars = (int) array[i].chars().filter(c -> c == '*').count();
				shortest[i] = array[i].length() - stars;
				exact[i] = stars == 0;
			}
			boolean[] first = new boolean[128];
			for (String glob : array) {
				if (glob.startsWith("*") || (!glob.isEmpty() && glob.charAt(0) >= 128)) {
					first = null;
					break;
				}
				if (!glob.isEmpty()) {
					first[glob.charAt(0)] = true;
				}
			}
			this.initials = first;
		}

		public boolean isEmpty() {
			return array.length == 0;
		}

		/** The globs, in lower case, as the facts file gives them. */
		public List<String> globs() {
			return globs;
		}

		boolean matches(String value, boolean loose) {
			if (initials != null && !value.isEmpty() && value.charAt(0) < 0x80
					&& !initials[Glob.folded(value.charAt(0), loose)]) {
				return false;
			}
			for (int i = 0; i < value.length(); i++) {
				if (value.charAt(i) >= 0x80) {
					String text = value.toLowerCase(Locale.ROOT);
					text = loose ? text.replace('_', '-') : text;
					for (String glob : array) {
						if (Glob.matches(glob, text)) {
							return true;
						}
					}
					return false;
				}
			}
			char first = value.isEmpty() ? 0 : Glob.folded(value.charAt(0), loose);
			for (int i = 0; i < array.length; i++) {
				String glob = array[i];
				if (value.length() < shortest[i] || (exact[i] && value.length() != shortest[i])) {
					continue;
				}
				if (!glob.isEmpty() && glob.charAt(0) != '*' && glob.charAt(0) != first) {
					continue;
				}
				if (Glob.matches(glob, 0, value, 0, true, loose)) {
					return true;
				}
			}
			return false;
		}

		@Override
		public String toString() {
			return String.join(",", globs);
		}
	}
}
