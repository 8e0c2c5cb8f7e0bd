package dev.warden.core.internal.trust;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a command line the way a POSIX shell (bash in particular) reads it, and yields every simple command it
 * would execute, with its words after quote removal, its leading assignments and its redirections.
 * <p>
 * Hand-written because no Java library parses bash faithfully: general-purpose shell grammars for Java either
 * cover only POSIX {@code sh} without bash's additions ({@code $( … )} nesting, {@code <( … )}, {@code &>},
 * {@code |&}, here-strings), or build a syntax tree without quote removal. What decides trust is exactly
 * the fine print (where a word ends, when a quote hides an operator), so this parser implements that fine
 * print itself, in one linear pass, and refuses everything else.
 * <p>
 * Supported: simple commands; {@code ;} {@code &} {@code &&} {@code ||} {@code |} {@code |&} and newlines;
 * subshells {@code ( … )} and groups <code>{ …; }</code>; {@code !} before a pipeline; comments; single,
 * double and back-slash quoting; {@code $name}, <code>${name}</code> and the parameter expansions that cannot run
 * code; {@code $( … )} and back-quotes (also inside double quotes and assignment values); {@code <( … )} and
 * {@code >( … )}; all redirections; here-documents whose body is plain data; line continuations between words.
 * <p>
 * Refused with a reason ({@link ShellSyntaxException}): unbalanced quotes; control characters other than tab
 * and newline; any character outside ASCII; the compound commands {@code if}, {@code for}, {@code while},
 * {@code until}, {@code case}, {@code select}, {@code [[ … ]]}, {@code (( … ))}, {@code coproc} and function
 * definitions; arithmetic expansion; ANSI-C and locale quoting ({@code $'…'}, {@code $"…"}); parameter
 * expansions that run code, assign or hide words (indirection, transformations, subscripts, words that hold
 * expansions or quotes); back-slashes inside back-quotes; here-documents whose body expands; array
 * assignments; named file descriptors; line continuations inside a word or an operator.
 * <p>
 * Commands run under dash or bash (see {@link CommandShell}). Where bash's reading, which this parser follows, is
 * not dash's — brace expansion, {@code &>}, {@code |&}, here-strings, process substitution, {@code +=},
 * {@code ~+}, bash-only parameter expansions and patterns, and the like — the script notes it
 * ({@link Script#unportable()}) and the line is never trusted. A differential test runs the lines this parser would
 * trust under both shells and compares what they execute with what it read.
 */
public final class ShellParser {

	private static final int MAX_DEPTH = 32;

	/** The keywords of the unsupported compound commands, and a {@code }} without a group to close. */
	private static final List<String> UNSUPPORTED_KEYWORDS = List.of("if", "then", "else", "elif", "fi", "do",
			"done", "case", "esac", "while", "until", "for", "select", "function", "coproc", "[[", "]]", "}");

	/** The length of the longest unsupported keyword. */
	private static final int LONGEST_KEYWORD = UNSUPPORTED_KEYWORDS.stream().mapToInt(String::length).max()
			.orElseThrow();

	/**
	 * Whether an ASCII character starts an unsupported keyword: {@link #unsupportedKeywordHere} looks no further
	 * at most command names.
	 */
	private static final boolean[] KEYWORD_INITIALS = new boolean[128];

	/**
	 * The unsupported keywords by length, so that {@link #unsupportedKeywordHere} compares the source with the few
	 * keywords of the same length and needs no string of the command name.
	 */
	private static final String[][] KEYWORDS_BY_LENGTH = new String[LONGEST_KEYWORD + 1][];

	static {
		for (int length = 0; length <= LONGEST_KEYWORD; length++) {
			int sameLength = length;
			KEYWORDS_BY_LENGTH[length] = UNSUPPORTED_KEYWORDS.stream().filter(k -> k.length() == sameLength)
					.toArray(String[]::new);
		}
		for (String keyword : UNSUPPORTED_KEYWORDS) {
			KEYWORD_INITIALS[keyword.charAt(0)] = true;
		}
	}

	private enum Closer {
		NONE(""), PAREN(")"), BRACE("}");

		final String text;

		Closer(String text) {
			this.text = text;
		}
	}

	private record PendingHeredoc(String delimiter, boolean stripTabs, boolean quoted) {
	}

	private final String src;
	/**
	 * The characters of {@link #src}, shared with the parsers of back-quoted text in the line: the parser looks at
	 * nearly every character several times and reads them faster from an array than through
	 * {@link String#charAt}. {@link #src} stays the source of every string the parser makes.
	 */
	private final char[] chars;
	private final int start;
	private final int end;
	private final int depth;
	private final boolean patternMode;
	/** The first construct that dash and bash read differently, or null (see {@link #unportable(String)}). */
	private String unportable;
	/** Whether a word holds braces that bash expands into several words (see {@link Script#braces()}). */
	private boolean braces;
	/** The here-documents whose bodies start after the next newline; created by the first one. */
	private ArrayDeque<PendingHeredoc> pending;
	private int pos;
	private int nesting;
	/**
	 * The words of the simple commands being read, as a stack: a command's words sit above those of the
	 * commands whose substitutions hold it, and are taken off when it is complete. One array for the whole line
	 * instead of a growing list for every command.
	 */
	private Word[] words = new Word[8];
	private int wordCount;

	private ShellParser(String src, char[] chars, int start, int end, int depth, boolean patternMode) {
		this.src = src;
		this.chars = chars;
		this.start = start;
		this.end = end;
		this.depth = depth;
		this.patternMode = patternMode;
		this.pos = start;
	}

	/**
	 * Parses a command line.
	 *
	 * @throws ShellSyntaxException when the line holds anything the parser does not fully understand
	 */
	public static Script parse(String line) throws ShellSyntaxException {
		return parse(line, false);
	}

	/**
	 * Parses a trust or deny pattern: the same syntax as a command line, with each word also carrying its
	 * {@link Word#glob()} form.
	 */
	public static Script parsePattern(String pattern) throws ShellSyntaxException {
		return parse(pattern, true);
	}

	private static Script parse(String line, boolean patternMode) throws ShellSyntaxException {
		// a copy of its own for each line: cheaper for a short line than looking up an array kept for the thread
		char[] chars = line.toCharArray();
		checkCharacters(line, chars);
		ShellParser parser = new ShellParser(line, chars, 0, chars.length, 0, patternMode);
		return parser.parseAll();
	}

	private Script parseAll() throws ShellSyntaxException {
		Script script = parseList(Closer.NONE);
		if (pending != null && !pending.isEmpty()) {
			throw new ShellSyntaxException("the here-document ending with `" + pending.peekFirst().delimiter()
					+ "` has no body");
		}
		return unportable == null ? script : new Script(script.pipelines(), Optional.of(unportable), braces);
	}

	/**
	 * Notes a construct that bash reads as parsed here but dash refuses or reads differently: the line is then
	 * never trusted (see {@link Script#unportable()}). The first one is kept.
	 */
	private void unportable(String reason) {
		if (unportable == null) {
			unportable = reason;
		}
	}

	/** Refuses control characters (other than tab and newline) and everything outside ASCII. */
	private static void checkCharacters(String line, char[] chars) throws ShellSyntaxException {
		for (int i = 0; i < chars.length; i++) {
			char c = chars[i];
			if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
				continue;
			}
			int codePoint = line.codePointAt(i);
			String name = Character.getName(codePoint);
			String described = String.format("U+%04X%s", codePoint, name == null ? "" : " (" + name + ")");
			if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
				throw new ShellSyntaxException("the command line contains the control character " + described);
			}
			throw new ShellSyntaxException("the command line contains the non-ASCII character " + described
					+ "; only plain ASCII command lines are trusted, where every character means what it looks like");
		}
	}

	// ---- lists, pipelines, commands

	private Script parseList(Closer closer) throws ShellSyntaxException {
		List<Pipeline> pipelines = new ArrayList<>();
		boolean needSeparator = false;
		while (true) {
			skipBlanks();
			if (pos >= end) {
				if (closer != Closer.NONE) {
					throw new ShellSyntaxException("a `" + closer.text + "` is missing");
				}
				break;
			}
			char c = chars[pos];
			if (c == '\n') {
				newline();
				needSeparator = false;
				continue;
			}
			if (c == ';') {
				if (peek(1) == ';' || peek(1) == '&') {
					throw new ShellSyntaxException("`" + src.substring(pos, pos + 2)
							+ "` belongs to `case`, which is not supported");
				}
				if (!needSeparator) {
					throw new ShellSyntaxException("syntax error near `;`");
				}
				pos++;
				needSeparator = false;
				continue;
			}
			if (c == '&' && peek(1) != '&' && peek(1) != '>') {
				if (!needSeparator) {
					throw new ShellSyntaxException("syntax error near `&`");
				}
				pos++;
				needSeparator = false;
				continue;
			}
			if (c == ')') {
				if (closer == Closer.PAREN) {
					break;
				}
				throw new ShellSyntaxException("syntax error: unexpected `)`");
			}
			if (closer == Closer.BRACE && !needSeparator && atReserved("}")) {
				break; // `}` is a keyword only where a command may start: `{ (ls) }` lacks a `;`
			}
			if (needSeparator) {
				throw new ShellSyntaxException("syntax error near " + describeHere());
			}
			parseAndOr(pipelines);
			needSeparator = true;
		}
		return new Script(frozen(pipelines));
	}

	private void parseAndOr(List<Pipeline> out) throws ShellSyntaxException {
		out.add(parsePipeline());
		while (true) {
			skipBlanks();
			if (pos + 1 < end && ((chars[pos] == '&' && chars[pos + 1] == '&')
					|| (chars[pos] == '|' && chars[pos + 1] == '|'))) {
				pos += 2;
				skipBlanksAndNewlines();
				out.add(parsePipeline());
			} else {
				return;
			}
		}
	}

	private Pipeline parsePipeline() throws ShellSyntaxException {
		skipBlanks();
		if (atReserved("!")) {
			pos++;
			skipBlanks();
			while (atReserved("!")) { // bash negates again, as it does after `time`
				unportable("`! !` negates twice in bash; dash refuses it");
				pos++;
				skipBlanks();
			}
		}
		Command first = parseCommand();
		skipBlanks();
		if (pos >= end || chars[pos] != '|' || peek(1) == '|') {
			return new Pipeline(List.of(first));
		}
		List<Command> commands = new ArrayList<>(4);
		commands.add(first);
		while (true) {
			skipBlanks();
			if (pos < end && chars[pos] == '|' && peek(1) != '|') {
				pos++;
				if (pos < end && chars[pos] == '&') {
					unportable("`|&` is bash syntax (it pipes standard error too); dash refuses it");
					pos++;
				}
				skipBlanksAndNewlines();
				if (atReserved("!")) {
					throw new ShellSyntaxException("syntax error: `!` may only start a pipeline, not follow a `|`");
				}
				commands.add(parseCommand());
			} else {
				return new Pipeline(frozen(commands));
			}
		}
	}

	private Command parseCommand() throws ShellSyntaxException {
		skipBlanks();
		if (pos >= end) {
			throw new ShellSyntaxException("a command is missing at the end of the line");
		}
		char c = chars[pos];
		if (c == '(') {
			if (peek(1) == '(') {
				throw new ShellSyntaxException("arithmetic commands `(( … ))` are not supported");
			}
			pos++;
			Script body = nested(Closer.PAREN);
			pos++; // ')'
			if (body.isEmpty()) {
				throw new ShellSyntaxException("syntax error: empty subshell `( )`");
			}
			return new CompoundCommand(true, body, parseTrailingRedirects());
		}
		if (atReserved("{")) {
			pos++;
			Script body = nested(Closer.BRACE);
			pos++; // '}'
			if (body.isEmpty()) {
				throw new ShellSyntaxException("syntax error: empty group `{ }`");
			}
			return new CompoundCommand(false, body, parseTrailingRedirects());
		}
		String bare = unsupportedKeywordHere();
		if (bare != null) {
			if (bare.equals("}") || bare.equals("]]")) {
				throw new ShellSyntaxException("syntax error: unexpected `" + bare + "`");
			}
			throw new ShellSyntaxException("the shell keyword `" + bare + "` (compound commands such as if, for, while,"
					+ " case, [[ … ]] and function definitions) is not supported");
		}
		return parseSimpleCommand();
	}

	private Script nested(Closer closer) throws ShellSyntaxException {
		if (++nesting + depth > MAX_DEPTH) {
			throw new ShellSyntaxException("the command line is nested too deeply");
		}
		Script body = parseList(closer);
		nesting--;
		return body;
	}

	/**
	 * The command list of a substitution up to its {@code )}; a here-document started inside must end inside
	 * (bash reads a body outside as part of the line, dash as the substitution's).
	 */
	private Script nestedSubstitution() throws ShellSyntaxException {
		int before = pending == null ? 0 : pending.size();
		Script body = nested(Closer.PAREN);
		if (pending != null && pending.size() > before) {
			throw new ShellSyntaxException("the here-document ending with `" + pending.peekLast().delimiter()
					+ "` starts inside a substitution but its body is outside it; dash and bash read that differently");
		}
		return body;
	}

	private List<Redirect> parseTrailingRedirects() throws ShellSyntaxException {
		List<Redirect> redirects = new ArrayList<>();
		while (true) {
			skipBlanks();
			Redirect redirect = tryRedirect();
			if (redirect == null) {
				return redirects;
			}
			redirects.add(redirect);
		}
	}

	private SimpleCommand parseSimpleCommand() throws ShellSyntaxException {
		// Most commands have neither assignments nor redirections: those lists are created by their first element.
		List<Assignment> assignments = List.of();
		List<Redirect> redirects = List.of();
		int firstWord = wordCount;
		while (true) {
			skipBlanks();
			if (pos >= end) {
				break;
			}
			char c = chars[pos];
			if (c == '\n' || c == ';' || c == '|' || c == ')' || (c == '&' && peek(1) != '>')) {
				break;
			}
			if (c == '(') {
				if (wordCount - firstWord == 1 && assignments.isEmpty() && redirects.isEmpty()) {
					throw new ShellSyntaxException("function definitions are not supported");
				}
				throw new ShellSyntaxException("syntax error near `(`");
			}
			Redirect redirect = tryRedirect();
			if (redirect != null) {
				redirects = redirects.isEmpty() ? new ArrayList<>(2) : redirects;
				redirects.add(redirect);
				continue;
			}
			if (wordCount == firstWord) {
				Assignment assignment = tryAssignment();
				if (assignment != null) {
					assignments = assignments.isEmpty() ? new ArrayList<>(2) : assignments;
					assignments.add(assignment);
					continue;
				}
			}
			Word word = parseWord();
			if (wordCount == words.length) {
				words = Arrays.copyOf(words, 2 * wordCount);
			}
			words[wordCount++] = word;
		}
		if (assignments.isEmpty() && wordCount == firstWord && redirects.isEmpty()) {
			throw new ShellSyntaxException("syntax error: a command is missing before " + describeHere());
		}
		return new SimpleCommand(frozen(assignments), popWords(firstWord), frozen(redirects));
	}

	/**
	 * The words from {@code first} to the top of {@link #words} as a list, taken off the stack. Up to four words,
	 * most commands, go through the fixed-arity {@link List#of} methods, which keep the one array they are given
	 * instead of copying an array made for them.
	 */
	private List<Word> popWords(int first) {
		int count = wordCount - first;
		Word[] w = words;
		List<Word> list = switch (count) {
		case 0 -> List.of();
		case 1 -> List.of(w[first]);
		case 2 -> List.of(w[first], w[first + 1]);
		case 3 -> List.of(w[first], w[first + 1], w[first + 2]);
		case 4 -> List.of(w[first], w[first + 1], w[first + 2], w[first + 3]);
		default -> List.of(Arrays.copyOfRange(w, first, wordCount));
		};
		wordCount = first;
		return list;
	}

	// ---- redirections and assignments

	/** Parses a redirection starting here (with an optional file descriptor number), or returns null. */
	private Redirect tryRedirect() throws ShellSyntaxException {
		if (pos >= end) {
			return null;
		}
		int digitsEnd = pos;
		while (digitsEnd < end && Character.isDigit(chars[digitsEnd])) {
			digitsEnd++;
		}
		int fd = -1;
		if (digitsEnd > pos) {
			if (digitsEnd >= end || !isRedirectStart(digitsEnd)) {
				return null;
			}
			if (digitsEnd - pos > 4) {
				throw new ShellSyntaxException("the file descriptor number " + src.substring(pos, digitsEnd)
						+ " is out of range");
			}
			fd = Integer.parseInt(src, pos, digitsEnd, 10);
			if (digitsEnd - pos > 1) {
				unportable("the file descriptor number " + fd + " is bash syntax; dash reads `" + fd
						+ "` as a word of the command");
			}
			pos = digitsEnd;
		} else if (chars[pos] == '{') {
			int i = pos + 1;
			while (i < end && isNameChar(chars[i])) {
				i++;
			}
			if (i > pos + 1 && i + 1 < end && chars[i] == '}' && isRedirectStart(i + 1)) {
				throw new ShellSyntaxException("named file descriptors ({name}>) are not supported");
			}
			return null;
		} else if (!isRedirectStart(pos)) {
			return null;
		}
		return parseRedirect(fd);
	}

	private boolean isRedirectStart(int at) {
		char c = chars[at];
		char next = at + 1 < end ? chars[at + 1] : 0;
		if (c == '<' || c == '>') {
			return next != '(';
		}
		return c == '&' && next == '>';
	}

	private Redirect parseRedirect(int fd) throws ShellSyntaxException {
		String operator;
		Redirect.Kind kind;
		if (src.startsWith("&>>", pos)) {
			operator = "&>>";
			kind = Redirect.Kind.OUTPUT;
		} else if (src.startsWith("&>", pos)) {
			operator = "&>";
			kind = Redirect.Kind.OUTPUT;
		} else if (src.startsWith("<<<", pos)) {
			operator = "<<<";
			kind = Redirect.Kind.HERESTRING;
			unportable("here-strings `<<<` are bash syntax; dash refuses them");
		} else if (src.startsWith("<<-", pos)) {
			operator = "<<-";
			kind = Redirect.Kind.HEREDOC;
		} else if (src.startsWith("<<", pos)) {
			operator = "<<";
			kind = Redirect.Kind.HEREDOC;
		} else if (src.startsWith("<&", pos)) {
			operator = "<&";
			kind = Redirect.Kind.DUPLICATE;
		} else if (src.startsWith("<>", pos)) {
			operator = "<>";
			kind = Redirect.Kind.OUTPUT;
		} else if (src.startsWith(">>", pos)) {
			operator = ">>";
			kind = Redirect.Kind.OUTPUT;
		} else if (src.startsWith(">|", pos)) {
			operator = ">|";
			kind = Redirect.Kind.OUTPUT;
		} else if (src.startsWith(">&", pos)) {
			operator = ">&";
			kind = Redirect.Kind.DUPLICATE;
		} else if (chars[pos] == '>') {
			operator = ">";
			kind = Redirect.Kind.OUTPUT;
		} else {
			operator = "<";
			kind = Redirect.Kind.INPUT;
		}
		if (operator.startsWith("&")) {
			unportable("`" + operator + "` sends both outputs to a file in bash, but dash runs the command in the"
					+ " background and opens the file on its own");
		}
		pos += operator.length();
		skipBlanks();
		if (pos >= end || isOperatorChar(chars[pos]) && !isProcessSubstitutionStart(pos)) {
			throw new ShellSyntaxException("the redirection `" + operator + "` has no target");
		}
		int wordStart = pos;
		Word target = parseWord();
		if (kind == Redirect.Kind.HEREDOC) {
			String raw = src.substring(wordStart, pos);
			boolean quoted = raw.indexOf('\'') >= 0 || raw.indexOf('"') >= 0 || raw.indexOf('\\') >= 0;
			if (pending == null) {
				pending = new ArrayDeque<>(2);
			}
			pending.addLast(new PendingHeredoc(target.text(), operator.equals("<<-"), quoted));
		} else if (kind == Redirect.Kind.DUPLICATE && !isDescriptor(target)) {
			kind = operator.equals(">&") ? Redirect.Kind.OUTPUT : Redirect.Kind.INPUT;
			unportable("`" + operator + "` followed by a file name is bash syntax; dash refuses it");
			if (kind == Redirect.Kind.OUTPUT && fd >= 0) {
				throw new ShellSyntaxException("the redirection `" + fd + ">&" + target.text() + "` is ambiguous");
			}
		}
		return new Redirect(fd, operator, kind, target);
	}

	private static boolean isDescriptor(Word word) {
		if (!word.literal()) {
			return false;
		}
		String text = word.text();
		int digits = text.endsWith("-") ? text.length() - 1 : text.length();
		if (digits == 0) {
			return text.equals("-");
		}
		for (int i = 0; i < digits; i++) {
			if (!Character.isDigit(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** Parses {@code NAME=value} or {@code NAME+=value} starting here, or returns null. */
	private Assignment tryAssignment() throws ShellSyntaxException {
		if (pos >= end || !isNameStart(chars[pos])) {
			return null;
		}
		int i = pos + 1;
		while (i < end && isNameChar(chars[i])) {
			i++;
		}
		if (i >= end) {
			return null;
		}
		boolean append = false;
		int valueStart;
		if (chars[i] == '=') {
			valueStart = i + 1;
		} else if (chars[i] == '+' && i + 1 < end && chars[i + 1] == '=') {
			append = true;
			valueStart = i + 2;
			unportable("`" + src.substring(pos, i) + "+=` appends in bash, but dash runs `" + src.substring(pos, i)
					+ "+=…` as a command");
		} else if (chars[i] == '[') {
			int j = i;
			while (j < end && !isBlankOrOperator(chars[j])) {
				if (chars[j] == ']' && j + 1 < end && (chars[j + 1] == '=' || chars[j + 1] == '+')) {
					throw new ShellSyntaxException("array element assignments are not supported");
				}
				j++;
			}
			return null;
		} else {
			return null;
		}
		String name = src.substring(pos, i);
		pos = valueStart;
		if (pos < end && chars[pos] == '(') {
			throw new ShellSyntaxException("array assignments (" + name + "=( … )) are not supported");
		}
		Word value = pos >= end || isBlankOrOperator(chars[pos]) && !isProcessSubstitutionStart(pos)
				? new Word("", true, List.of(), patternMode ? "" : null, false)
				: parseWord();
		return new Assignment(name, append, value);
	}

	// ---- words

	/**
	 * Collects a word that is not plain: its text after quote removal, its glob form in pattern mode, its
	 * substitutions and what the shell would expand in it.
	 * <p>
	 * Most such words hold one piece of the source after quote removal (<code>'*.java'</code>, {@code "$(date)"},
	 * {@code $HOME/bin}, a long quoted message): as long as every piece of text continues the previous one in the
	 * source, the text is kept as that range of the source and becomes one substring at the end. A string buffer is
	 * only made when a piece does not continue the range (a quote or a back-slash between two pieces) or a character
	 * that is not in the source at that place is added.
	 */
	private final class WordBuilder {
		/** The text so far once it is not one range of the source; null while it is. */
		private StringBuilder text;
		/** The range of the source that is the text so far while {@link #text} is null; -1 before any text. */
		private int sliceFrom = -1;
		private int sliceTo = -1;
		final StringBuilder glob = patternMode ? new StringBuilder() : null;
		List<Script> substitutions = List.of();
		boolean literal = true;
		boolean braceOpen;
		boolean braceSeparator;
		boolean bracketOpen;
		/** Whether an unquoted expansion ({@code $name}, <code>${…}</code>, {@code $( … )}) is in the word. */
		boolean unquotedExpansion;
		/** Whether an unquoted {@code $} that expands nothing is in the word. */
		boolean bareDollar;

		/** Appends a character that does not stand at this place in the source. */
		void append(char c, boolean quoted) {
			buffer().append(c);
			appendGlob(c, quoted);
		}

		/** Appends the unquoted character of the source at {@code at}. */
		void appendUnquoted(int at) {
			appendText(at, at + 1);
			appendGlob(chars[at], false);
		}

		/** Appends the quoted characters of the source from {@code from} to {@code to}. */
		void appendQuoted(int from, int to) {
			appendText(from, to);
			if (glob != null) {
				for (int i = from; i < to; i++) {
					appendGlob(chars[i], true);
				}
			}
		}

		/** Appends the characters of the source from {@code from} to {@code to}: all of them plain word characters. */
		void appendPlain(int from, int to) {
			appendText(from, to);
			if (glob != null) {
				glob.append(src, from, to);
			}
		}

		/** Appends the source from {@code from} to {@code to} as written (an expansion or a substitution). */
		void appendRaw(int from, int to) {
			appendText(from, to);
			if (glob != null) {
				for (int i = from; i < to; i++) {
					char c = chars[i];
					if (c == '\\' || c == '*') {
						glob.append('\\');
					}
					glob.append(c);
				}
			}
		}

		/** Appends the source from {@code from} to {@code to} to the text, as a range while the text is one. */
		private void appendText(int from, int to) {
			if (text != null) {
				text.append(src, from, to);
			} else if (sliceFrom < 0) {
				sliceFrom = from;
				sliceTo = to;
			} else if (sliceTo == from) {
				sliceTo = to;
			} else {
				buffer().append(src, from, to);
			}
		}

		/** The text as a buffer, made from the range of the source the first time. */
		private StringBuilder buffer() {
			if (text == null) {
				text = new StringBuilder();
				if (sliceFrom >= 0) {
					text.append(src, sliceFrom, sliceTo);
				}
			}
			return text;
		}

		private void appendGlob(char c, boolean quoted) {
			if (glob != null) {
				if (c == '\\' || (c == '*' && quoted)) {
					glob.append('\\');
				}
				glob.append(c);
			}
		}

		/** Whether the text so far ends with {@code c}. */
		boolean endsWith(char c) {
			if (text != null) {
				return text.length() > 0 && text.charAt(text.length() - 1) == c;
			}
			return sliceTo > sliceFrom && chars[sliceTo - 1] == c;
		}

		void substitution(Script script) {
			if (substitutions.isEmpty()) {
				substitutions = List.of(script); // the usual case: a word holds one substitution
			} else {
				if (substitutions.size() == 1) {
					substitutions = new ArrayList<>(substitutions);
				}
				substitutions.add(script);
			}
			literal = false;
		}

		Word build(boolean processSubstitution) {
			if (unquotedExpansion && bareDollar) {
				unportable("bash does not split the words of an expansion in a word that also holds a lone `$`;"
						+ " dash does");
			}
			String built = text != null ? text.toString() : sliceFrom < 0 ? "" : src.substring(sliceFrom, sliceTo);
			return new Word(built, literal, frozen(substitutions), glob == null ? null : glob.toString(),
					processSubstitution);
		}
	}

	private Word parseWord() throws ShellSyntaxException {
		int plainEnd = simpleWordEnd(pos);
		if (plainEnd > pos && endsWord(plainEnd)) {
			// The most common word, made of plain characters, dots and commas only, is taken as it stands.
			String text = src.substring(pos, plainEnd);
			pos = plainEnd;
			return new Word(text, true, List.of(), patternMode ? text : null, false);
		}
		WordBuilder word = new WordBuilder();
		int wordStart = pos;
		boolean onlyProcessSubstitution = false;
		while (pos < end) {
			char c = chars[pos];
			if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
				break;
			}
			if (c == '<' || c == '>') {
				if (!isProcessSubstitutionStart(pos)) {
					break;
				}
				int substitutionStart = pos;
				unportable("process substitution `" + chars[pos] + "( … )` is bash syntax; dash refuses it");
				pos += 2;
				Script body = nestedSubstitution();
				pos++;
				word.appendRaw(substitutionStart, pos);
				word.substitution(body);
				onlyProcessSubstitution = substitutionStart == wordStart;
				continue;
			}
			onlyProcessSubstitution = false;
			switch (c) {
			case '\\' -> {
				if (pos + 1 >= end) {
					throw new ShellSyntaxException("the command line ends with a lone back-slash");
				}
				if (chars[pos + 1] == '\n') {
					throw new ShellSyntaxException("a line continuation (back-slash and newline) inside a word"
							+ " hides the command's structure");
				}
				word.append(chars[pos + 1], true);
				pos += 2;
			}
			case '\'' -> {
				int close = indexOf('\'', pos + 1);
				if (close < 0) {
					throw new ShellSyntaxException("a single quote is not closed");
				}
				word.appendQuoted(pos + 1, close);
				pos = close + 1;
			}
			case '"' -> parseDoubleQuoted(word);
			case '$' -> parseDollar(word, false);
			case '`' -> {
				parseBackquote(word, false);
				word.unquotedExpansion = true;
			}
			case '~' -> {
				tilde(word, wordStart);
				word.appendUnquoted(pos);
				pos++;
			}
			default -> {
				int runEnd = plainRunEnd(pos);
				if (runEnd > pos) {
					word.appendPlain(pos, runEnd);
					pos = runEnd;
				} else {
					unquotedSpecial(word, c, wordStart);
					word.appendUnquoted(pos);
					pos++;
				}
			}
			}
		}
		return word.build(onlyProcessSubstitution);
	}

	/**
	 * Notes what an unquoted {@code ~} at the current position expands to: at the start of a word, the home folder
	 * (not literal); {@code ~+}, {@code ~-} and {@code ~N} are bash's directory stack, a user name to dash. After
	 * the {@code =} or a {@code :} of an argument that looks like an assignment, bash expands it and dash does not.
	 */
	private void tilde(WordBuilder word, int wordStart) {
		char next = peek(1);
		if (pos == wordStart) {
			word.literal = false;
			if (next == '+' || next == '-' || Character.isDigit(next)) {
				unportable("`~" + next + "` names bash's directory stack, but a user name to dash");
			}
			for (int i = pos + 1; !endsWord(i) && chars[i] != '/'; i++) {
				char c = chars[i];
				if (!isNameChar(c) && c != '.' && c != '-' && (c != '+' || i != pos + 1)) {
					unportable("the shells end the user name after `~` differently in `" + src.substring(pos, i + 1)
							+ "…`");
					break;
				}
			}
			return;
		}
		char previous = chars[pos - 1];
		if (previous == '=' || previous == ':') {
			int i = wordStart;
			if (i < end && isNameStart(chars[i])) {
				while (i < pos && isNameChar(chars[i])) {
					i++;
				}
				if (i < pos && (chars[i] == '=' || (chars[i] == '+' && i + 1 < pos && chars[i + 1] == '='))) {
					word.literal = false;
					unportable("bash expands the `~` in `" + src.substring(wordStart, pos + 1)
							+ "…`, an argument that looks like an assignment; dash does not");
				}
			}
		}
	}

	/** The end of the run of plain word characters starting at {@code from}. */
	private int plainRunEnd(int from) {
		int at = from;
		while (at < end && isPlainWordChar(chars[at])) {
			at++;
		}
		return at;
	}

	/**
	 * The end of the run of plain word characters, dots and commas starting at {@code from}. A word made of these
	 * alone is literal and its own glob form: a dot or a comma only takes part in brace expansion after a
	 * <code>{</code>, which such a word does not hold (see {@link #unquotedSpecial}).
	 */
	private int simpleWordEnd(int from) {
		int at = from;
		while (at < end) {
			char c = chars[at];
			if (!isPlainWordChar(c) && c != '.' && c != ',') {
				break;
			}
			at++;
		}
		return at;
	}

	/** Whether an unquoted word ends before the character at {@code at}. */
	private boolean endsWord(int at) {
		if (at >= end) {
			return true;
		}
		char c = chars[at];
		return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')'
				|| ((c == '<' || c == '>') && !isProcessSubstitutionStart(at));
	}

	/**
	 * Notes a pattern for names that start with a dot ({@code .*}): dash matches {@code .} and {@code ..} with it,
	 * bash does not. A pattern that starts with an expansion may start with a dot too.
	 */
	private void globOfDotFiles(int wordStart) {
		int segment = pos;
		while (segment > wordStart && chars[segment - 1] != '/') {
			segment--;
		}
		int first = segment;
		while (first < pos && (chars[first] == '\'' || chars[first] == '"' || chars[first] == '\\')) {
			first++;
		}
		boolean expansionFirst = first < pos && (chars[first] == '$' || chars[first] == '`');
		if (first < pos && chars[first] == '.' || expansionFirst) {
			unportable("a pattern for names that start with a dot, such as `.*`, matches `.` and `..` in dash but not"
					+ " in bash" + (expansionFirst ? "; `" + src.substring(segment, pos + 1) + "` may be one" : ""));
		}
	}

	/** Notes the pathname and brace expansion characters of the unquoted character at the current position. */
	private void unquotedSpecial(WordBuilder word, char c, int wordStart) {
		switch (c) {
		case '*', '?' -> {
			word.literal = false;
			globOfDotFiles(wordStart);
		}
		case '[' -> {
			word.bracketOpen = true;
			globOfDotFiles(wordStart);
			if (peek(1) == '^') {
				unportable("`[^…]` in a pattern matches any character but those in bash, but `^` or those in dash");
			}
		}
		case ']' -> {
			if (word.bracketOpen) {
				word.literal = false;
			}
		}
		case '{' -> word.braceOpen = true;
		case ',' -> word.braceSeparator |= word.braceOpen;
		case '.' -> word.braceSeparator |= word.braceOpen && word.endsWith('.');
		case '}' -> {
			if (word.braceOpen && word.braceSeparator) {
				word.literal = false;
				braces = true;
				unportable("bash expands the braces of a word such as `{a,b}` or `{1..3}` into several words; dash"
						+ " does not");
			}
		}
		default -> {
			// an ordinary character
		}
		}
	}

	private void parseDoubleQuoted(WordBuilder word) throws ShellSyntaxException {
		pos++;
		while (true) {
			if (pos >= end) {
				throw new ShellSyntaxException("a double quote is not closed");
			}
			char c = chars[pos];
			switch (c) {
			case '"' -> {
				pos++;
				return;
			}
			case '\\' -> {
				char next = peek(1);
				if (next == '\n') {
					throw new ShellSyntaxException("a line continuation (back-slash and newline) inside double quotes"
							+ " hides the command's structure");
				}
				if (next == '$' || next == '`' || next == '"' || next == '\\') {
					word.append(next, true);
					pos += 2;
				} else {
					word.append('\\', true);
					pos++;
				}
			}
			case '$' -> parseDollar(word, true);
			case '`' -> parseBackquote(word, true);
			default -> {
				// Up to the next character that means something inside double quotes.
				int runEnd = pos + 1;
				while (runEnd < end && !isDoubleQuoteSpecial(chars[runEnd])) {
					runEnd++;
				}
				word.appendQuoted(pos, runEnd);
				pos = runEnd;
			}
			}
		}
	}

	private void parseDollar(WordBuilder word, boolean inDoubleQuotes) throws ShellSyntaxException {
		int dollar = pos;
		char next = peek(1);
		if (inDoubleQuotes && (next == '"' || next == '\'')) {
			word.append('$', true);
			pos++;
			return;
		}
		switch (next) {
		case '\'' -> throw new ShellSyntaxException("ANSI-C quoting $'…' is not supported");
		case '"' -> throw new ShellSyntaxException("locale quoting $\"…\" is not supported");
		case '[' -> throw new ShellSyntaxException("arithmetic expansion $[ … ] is not supported");
		case '(' -> {
			if (peek(2) == '(') {
				throw new ShellSyntaxException("arithmetic expansion $(( … )) is not supported");
			}
			pos += 2;
			Script body = nestedSubstitution();
			pos++;
			word.appendRaw(dollar, pos);
			word.substitution(body);
			word.unquotedExpansion |= !inDoubleQuotes;
		}
		case '{' -> {
			parseBracedParameter(word);
			word.unquotedExpansion |= !inDoubleQuotes;
		}
		default -> {
			if (isNameStart(next)) {
				pos += 2;
				while (pos < end && isNameChar(chars[pos])) {
					pos++;
				}
				shellSpecific(dollar + 1, pos);
				word.appendRaw(dollar, pos);
				word.literal = false;
				word.unquotedExpansion |= !inDoubleQuotes;
			} else if (Character.isDigit(next) || (next != 0 && "@*#?-$!".indexOf(next) >= 0)) {
				shellSpecific(dollar + 1, dollar + 2);
				pos += 2;
				word.appendRaw(dollar, pos);
				word.literal = false;
				word.unquotedExpansion |= !inDoubleQuotes;
			} else {
				word.bareDollar |= !inDoubleQuotes;
				word.append('$', inDoubleQuotes);
				pos++;
			}
		}
		}
	}

	/**
	 * Accepts <code>${name}</code>, <code>${#name}</code> and <code>${name OP word}</code> for the operators that
	 * neither run code nor assign, with a word of plain characters only.
	 */
	private void parseBracedParameter(WordBuilder word) throws ShellSyntaxException {
		int dollar = pos;
		int i = pos + 2;
		if (i < end && chars[i] == '!') {
			throw new ShellSyntaxException("indirect parameter expansion ${!…} is not supported");
		}
		boolean length = false;
		if (i + 1 < end && chars[i] == '#' && chars[i + 1] != '}') {
			length = true;
			i++;
		}
		int nameStart = i;
		if (i < end && isNameStart(chars[i])) {
			while (i < end && isNameChar(chars[i])) {
				i++;
			}
		} else if (i < end && Character.isDigit(chars[i])) {
			while (i < end && Character.isDigit(chars[i])) {
				i++;
			}
		} else if (i < end && "@*#?-$!".indexOf(chars[i]) >= 0) {
			i++;
		}
		if (i == nameStart) {
			throw new ShellSyntaxException("the parameter expansion " + excerpt(dollar) + " is not supported");
		}
		shellSpecific(nameStart, i);
		if (i >= end) {
			throw new ShellSyntaxException("a parameter expansion ${ is not closed");
		}
		char c = chars[i];
		if (c != '}') {
			if (length) {
				throw new ShellSyntaxException("the parameter expansion " + excerpt(dollar) + " is not supported");
			}
			if (c == '[') {
				throw new ShellSyntaxException("array subscripts in parameter expansions are not supported");
			}
			if (c == '@') {
				throw new ShellSyntaxException("parameter transformations ${name@…} are not supported");
			}
			int operatorEnd = parameterOperatorEnd(i);
			if (operatorEnd < 0) {
				throw new ShellSyntaxException("the parameter expansion " + excerpt(dollar) + " is not supported");
			}
			i = operatorEnd;
			while (i < end && chars[i] != '}') {
				if (!isPlainParameterWordChar(chars[i])) {
					throw new ShellSyntaxException("the parameter expansion " + excerpt(dollar)
							+ " holds quotes, expansions or special characters in its word; that is not supported");
				}
				i++;
			}
			if (i >= end) {
				throw new ShellSyntaxException("a parameter expansion ${ is not closed");
			}
		}
		pos = i + 1;
		word.appendRaw(dollar, pos);
		word.literal = false;
	}

	/**
	 * Notes a parameter whose value the shell itself gives and that differs between dash and bash, whatever the
	 * environment holds ({@code $0}, {@code $-}, {@code $_}, {@code $SHLVL}) or when it lacks the name
	 * ({@code $HOSTNAME}, {@code $SHELL}, {@code $TERM}, which bash sets and dash does not; {@code $PS1}, which
	 * dash sets and bash does not when it runs a command line), or that only bash gives a value
	 * ({@code $BASH_VERSION}, {@code $RANDOM}, {@code $EPOCHSECONDS}): the words of the command would differ.
	 * {@code $$}, {@code $!}, {@code $PPID} and {@code $?} mean the same in both shells.
	 */
	private void shellSpecific(int from, int to) {
		String why = switch (chars[from]) {
		case '0' -> allZeros(from, to) ? "names the shell, which is dash or bash" : null; // also `${00}`
		case '-' -> "lists the options of the shell, which differ between dash and bash";
		case '_' -> to - from == 1 ? "is the last word of the previous command in bash; dash does not set it" : null;
		case 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'L', 'M', 'O', 'P', 'R', 'S', 'T', 'U' -> {
			String name = new String(chars, from, to - from);
			yield BASH_SETS.contains(name) || name.startsWith("BASH_") || name.startsWith("COMP_")
					? "is given a value by bash but not by dash" : DASH_SETS.contains(name)
							? "is given a value by dash but not by bash when it runs a command line" : null;
		}
		default -> null;
		};
		if (why != null) {
			unportable("`$" + new String(chars, from, to - from) + "` " + why);
		}
	}

	private boolean allZeros(int from, int to) {
		for (int i = from; i < to; i++) {
			if (chars[i] != '0') {
				return false;
			}
		}
		return true;
	}

	/**
	 * The variables bash sets (or changes, as {@code SHLVL}) that dash does not, when the environment does not
	 * hold them, and those only bash gives a value.
	 */
	private static final Set<String> BASH_SETS = Set.of("BASH", "BASHOPTS", "BASHPID",
			"COPROC", "DIRSTACK", "EPOCHREALTIME", "EPOCHSECONDS", "EUID", "FUNCNAME", "GROUPS", "HISTCMD", "HISTFILE",
			"HISTFILESIZE", "HISTSIZE", "HOSTNAME", "HOSTTYPE", "LINENO", "MACHTYPE", "MAILCHECK", "OPTERR", "OSTYPE",
			"PIPESTATUS", "RANDOM", "SECONDS", "SHELL", "SHELLOPTS", "SHLVL", "SRANDOM", "TERM", "UID");

	/** The variables dash sets that bash does not when it runs a command line. */
	private static final Set<String> DASH_SETS = Set.of("PS1", "PS2");

	/** Returns the end of a supported operator at {@code at}, or -1; refuses the assigning ones. */
	private int parameterOperatorEnd(int at) throws ShellSyntaxException {
		char c = chars[at];
		char next = at + 1 < end ? chars[at + 1] : 0;
		if (c == ':') {
			if (next == '=') {
				throw new ShellSyntaxException("parameter expansions that assign (${name:=…}) are not supported");
			}
			return next == '-' || next == '+' || next == '?' ? at + 2 : -1;
		}
		return switch (c) {
		case '=' -> throw new ShellSyntaxException("parameter expansions that assign (${name=…}) are not supported");
		case '-', '+', '?' -> at + 1;
		case '#', '%' -> next == c ? at + 2 : at + 1;
		case '/', '^', ',' -> {
			unportable("the parameter expansion `${name" + c + "…}` is bash syntax; dash refuses it");
			yield next == c ? at + 2 : at + 1;
		}
		default -> -1;
		};
	}

	private static boolean isPlainParameterWordChar(char c) {
		return Character.isLetterOrDigit(c) || "_-.,:/@%+=*?^#~ ".indexOf(c) >= 0;
	}

	private void parseBackquote(WordBuilder word, boolean inDoubleQuotes) throws ShellSyntaxException {
		int open = pos;
		int close = open + 1;
		while (close < end && chars[close] != '`') {
			if (chars[close] == '\\') {
				throw new ShellSyntaxException("back-slashes inside back-quotes are not supported; use $( … )");
			}
			if (inDoubleQuotes && (chars[close] == '"' || chars[close] == '\'')) {
				throw new ShellSyntaxException("quotes inside back-quotes inside double quotes are read differently by"
						+ " dash and bash; use $( … )");
			}
			close++;
		}
		if (close >= end) {
			throw new ShellSyntaxException("a back-quote is not closed");
		}
		if (depth + nesting + 1 > MAX_DEPTH) {
			throw new ShellSyntaxException("the command line is nested too deeply");
		}
		ShellParser inner = new ShellParser(src, chars, open + 1, close, depth + nesting + 1, patternMode);
		Script body = inner.parseAll();
		if (inner.unportable != null) {
			unportable(inner.unportable);
		}
		pos = close + 1;
		word.appendRaw(open, pos);
		word.substitution(body);
	}

	// ---- blanks, newlines, here-documents

	private void skipBlanks() throws ShellSyntaxException {
		while (pos < end) {
			char c = chars[pos];
			if (c == ' ' || c == '\t') {
				pos++;
			} else if (c == '\\' && peek(1) == '\n') {
				if (pos == start || !isBlank(chars[pos - 1])) {
					throw new ShellSyntaxException("a line continuation (back-slash and newline) that joins words or"
							+ " operators hides the command's structure");
				}
				pos += 2;
			} else if (c == '#') {
				while (pos < end && chars[pos] != '\n') {
					pos++;
				}
			} else {
				return;
			}
		}
	}

	private void skipBlanksAndNewlines() throws ShellSyntaxException {
		while (true) {
			skipBlanks();
			if (pos < end && chars[pos] == '\n') {
				newline();
			} else {
				return;
			}
		}
	}

	/** Consumes a newline and reads the bodies of the here-documents started on the line it ends. */
	private void newline() throws ShellSyntaxException {
		pos++;
		while (pending != null && !pending.isEmpty()) {
			readHeredoc(pending.removeFirst());
		}
	}

	private void readHeredoc(PendingHeredoc heredoc) throws ShellSyntaxException {
		String delimiter = heredoc.delimiter();
		while (true) {
			if (pos >= end) {
				throw new ShellSyntaxException("the here-document is not terminated by a line `" + delimiter + "`");
			}
			int lineEnd = indexOf('\n', pos);
			if (lineEnd < 0) {
				lineEnd = end;
			}
			int lineStart = pos;
			if (heredoc.stripTabs()) {
				while (lineStart < lineEnd && chars[lineStart] == '\t') {
					lineStart++;
				}
			}
			boolean isDelimiter = lineEnd - lineStart == delimiter.length() && src.startsWith(delimiter, lineStart);
			if (!isDelimiter && !heredoc.quoted()) {
				for (int i = lineStart; i < lineEnd; i++) {
					char c = chars[i];
					if (c == '$' || c == '`') {
						throw new ShellSyntaxException("the here-document ending with `" + delimiter + "` expands `" + c
								+ "`; quote its delimiter (<<'" + delimiter + "') to make it plain data");
					}
				}
				if (lineEnd > lineStart && chars[lineEnd - 1] == '\\') {
					throw new ShellSyntaxException("a line continuation inside the here-document ending with `"
							+ delimiter + "` hides its end");
				}
			}
			pos = lineEnd < end ? lineEnd + 1 : end;
			if (isDelimiter) {
				return;
			}
		}
	}

	// ---- helpers

	/**
	 * The list as an unmodifiable list, which the records then keep without copying: short lists, the usual
	 * case, without the intermediate array {@link List#copyOf} makes.
	 */
	private static <T> List<T> frozen(List<T> list) {
		return switch (list.size()) {
		case 0 -> List.of();
		case 1 -> List.of(list.get(0));
		case 2 -> List.of(list.get(0), list.get(1));
		default -> List.copyOf(list);
		};
	}

	private char peek(int offset) {
		int at = pos + offset;
		return at < end ? chars[at] : 0;
	}

	private int indexOf(char c, int from) {
		int found = src.indexOf(c, from);
		return found < 0 || found >= end ? -1 : found;
	}

	private boolean atReserved(String word) {
		if (!src.startsWith(word, pos) || pos + word.length() > end) {
			return false;
		}
		int after = pos + word.length();
		return after >= end || isBlankOrOperator(chars[after]);
	}

	/**
	 * The unsupported keyword spelled by the unquoted run of word characters at the current position, or null.
	 * Only a run that starts like a keyword and is no longer than one is compared with the keywords.
	 */
	private String unsupportedKeywordHere() {
		if (pos >= end || !isKeywordInitial(chars[pos])) {
			return null;
		}
		int i = pos;
		while (i < end && !isBlankOrOperator(chars[i])) {
			char c = chars[i];
			if (c == '\'' || c == '"' || c == '\\' || c == '$' || c == '`' || i - pos == LONGEST_KEYWORD) {
				return null;
			}
			i++;
		}
		for (String keyword : KEYWORDS_BY_LENGTH[i - pos]) {
			if (spellsHere(keyword)) {
				return keyword;
			}
		}
		return null;
	}

	/** Whether the source spells {@code keyword} at the current position, compared character by character. */
	private boolean spellsHere(String keyword) {
		for (int k = 0; k < keyword.length(); k++) {
			if (chars[pos + k] != keyword.charAt(k)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isKeywordInitial(char c) {
		return c < KEYWORD_INITIALS.length && KEYWORD_INITIALS[c];
	}

	private boolean isProcessSubstitutionStart(int at) {
		char c = chars[at];
		return (c == '<' || c == '>') && at + 1 < end && chars[at + 1] == '(';
	}

	private String describeHere() {
		return pos >= end ? "the end of the line" : excerpt(pos);
	}

	private String excerpt(int from) {
		int to = Math.min(end, from + 20);
		int newline = indexOf('\n', from);
		if (newline >= 0 && newline < to) {
			to = newline;
		}
		return "`" + src.substring(from, to) + (to < end && to - from == 20 ? "…" : "") + "`";
	}

	/**
	 * Whether an unquoted character stands for itself in a word and in its glob form: it neither ends the word,
	 * quotes, expands, nor takes part in pathname or brace expansion.
	 */
	private static boolean isPlainWordChar(char c) {
		return c < PLAIN_WORD_CHARS.length && PLAIN_WORD_CHARS[c];
	}

	/** {@link #isPlainWordChar} for each ASCII character: the parser asks it for nearly every character. */
	private static final boolean[] PLAIN_WORD_CHARS = new boolean[128];

	static {
		for (char c = 0; c < PLAIN_WORD_CHARS.length; c++) {
			PLAIN_WORD_CHARS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| c == '-' || c == '_' || c == '/' || c == '=' || c == ':' || c == '+' || c == '@' || c == '%';
		}
	}

	/** Whether a character means something inside double quotes: it ends them, quotes or expands. */
	private static boolean isDoubleQuoteSpecial(char c) {
		return c == '"' || c == '\\' || c == '$' || c == '`';
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

	private static boolean isOperatorChar(char c) {
		return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\n';
	}

	private static boolean isBlankOrOperator(char c) {
		return isBlank(c) || isOperatorChar(c);
	}

	private static boolean isNameStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	}

	private static boolean isNameChar(char c) {
		return isNameStart(c) || (c >= '0' && c <= '9');
	}
}
