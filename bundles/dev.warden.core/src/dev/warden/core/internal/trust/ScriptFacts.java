package dev.warden.core.internal.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * What the small languages that tools take as an argument do beyond their tool's job: a sed script's {@code e}
 * command and {@code s///e} flag run commands, {@code w} writes a file and {@code r} reads one; an awk program's
 * {@code system()}, pipes, {@code getline} and {@code print >} run commands, read and write files; a jq filter's
 * {@code import} and {@code include} load files from anywhere.
 */
final class ScriptFacts {

	/** Something a script does. */
	enum Effect {
		RUNS, WRITES, READS
	}

	/**
	 * One effect.
	 *
	 * @param effect what it does
	 * @param path   the file it writes or reads, or null
	 * @param what   the command of the script, for the reason
	 */
	record Use(Effect effect, String path, String what) {
	}

	private ScriptFacts() {
	}

	/** The effects of a sed script; a script that cannot be read is reported as running commands. */
	static List<Use> sed(String script) {
		List<Use> uses = new ArrayList<>(0);
		int i = 0;
		int n = script.length();
		while (i < n) {
			char c = script.charAt(i);
			if (c == ';' || c == '\n' || c == ' ' || c == '\t' || c == '{' || c == '}' || c == '!') {
				i++;
				continue;
			}
			i = address(script, i);
			if (i < 0) {
				uses.add(new Use(Effect.RUNS, null, "an address it cannot read"));
				return uses;
			}
			while (i < n && (script.charAt(i) == ' ' || script.charAt(i) == '!')) {
				i++;
			}
			if (i >= n) {
				break;
			}
			char command = script.charAt(i);
			switch (command) {
			case 's', 'y' -> {
				if (i + 1 >= n) {
					return unreadable(uses);
				}
				char delimiter = script.charAt(i + 1);
				if (delimiter == '\n' || delimiter == '\\') {
					return unreadable(uses);
				}
				int end = command == 's' ? skipRegex(script, i + 2, delimiter) : skipDelimited(script, i + 2, delimiter);
				end = end < 0 ? -1 : skipDelimited(script, end, delimiter);
				if (end < 0) {
					return unreadable(uses);
				}
				i = end;
				if (command == 's') {
					while (i < n && "gpiImMe0123456789w".indexOf(script.charAt(i)) >= 0) {
						char flag = script.charAt(i);
						if (flag == 'e') {
							uses.add(new Use(Effect.RUNS, null, "the `e` flag of `s`, which runs the result as a command"));
						}
						if (flag == 'w') {
							String file = restOfLine(script, i + 1);
							uses.add(new Use(Effect.WRITES, file.strip(), "the `w` flag of `s`"));
							i = endOfLine(script, i + 1);
							break;
						}
						i++;
					}
				}
			}
			case 'e' -> {
				uses.add(new Use(Effect.RUNS, null, "its `e` command, which runs a command"));
				i = endOfLine(script, i + 1);
			}
			case 'w', 'W' -> {
				uses.add(new Use(Effect.WRITES, restOfLine(script, i + 1).strip(), "its `" + command + "` command"));
				i = endOfLine(script, i + 1);
			}
			case 'r', 'R' -> {
				uses.add(new Use(Effect.READS, restOfLine(script, i + 1).strip(), "its `" + command + "` command"));
				i = endOfLine(script, i + 1);
			}
			case 'a', 'i', 'c' -> i = endOfLine(script, i + 1);
			case ':', 'b', 't', 'T' -> i = endOfLabel(script, i + 1);
			case 'q', 'Q', 'l', 'L' -> i = endOfCommand(script, i + 1);
			case 'p', 'P', 'd', 'D', 'n', 'N', 'g', 'G', 'h', 'H', 'x', '=', 'z', 'F' -> i++;
			case 'v' -> i = endOfCommand(script, i + 1);
			case '#' -> i = endOfLine(script, i + 1);
			default -> {
				return unreadable(uses);
			}
			}
		}
		return uses;
	}

	private static List<Use> unreadable(List<Use> uses) {
		uses.add(new Use(Effect.RUNS, null, "a command it cannot read"));
		return uses;
	}

	/** Skips an address ({@code 1}, {@code $}, {@code /re/}, {@code \cREc}, ranges, {@code first~step}); -1 if malformed. */
	private static int address(String script, int start) {
		int i = start;
		for (int part = 0; part < 2; part++) {
			if (i >= script.length()) {
				return i;
			}
			char c = script.charAt(i);
			if (Character.isDigit(c)) {
				while (i < script.length() && (Character.isDigit(script.charAt(i)) || script.charAt(i) == '~')) {
					i++;
				}
			} else if (c == '$') {
				i++;
			} else if (c == '/') {
				i = skipRegex(script, i + 1, '/');
				if (i < 0) {
					return -1;
				}
				while (i < script.length() && (script.charAt(i) == 'I' || script.charAt(i) == 'M')) {
					i++;
				}
			} else if (c == '\\' && i + 1 < script.length()) {
				i = skipRegex(script, i + 2, script.charAt(i + 1));
				if (i < 0) {
					return -1;
				}
			} else if (part == 1 && (c == '+' || c == '~')) {
				i++;
				while (i < script.length() && Character.isDigit(script.charAt(i))) {
					i++;
				}
			} else {
				return i;
			}
			if (part == 0) {
				if (i < script.length() && script.charAt(i) == ',') {
					i++;
				} else {
					return i;
				}
			}
		}
		return i;
	}

	/** The index after the closing delimiter, skipping escaped characters; -1 when it is not closed. */
	private static int skipDelimited(String script, int start, char delimiter) {
		return skip(script, start, delimiter, false);
	}

	/**
	 * {@link #skipDelimited} for a regular expression, whose bracket expressions may hold the delimiter
	 * ({@code s/[/]/x/w FILE}: GNU sed reads the {@code /} inside {@code [ ]} as part of the expression); -1 when it
	 * is not closed, or when a bracket expression holds a backslash or a newline, which seds read differently.
	 */
	private static int skipRegex(String script, int start, char delimiter) {
		return skip(script, start, delimiter, true);
	}

	private static int skip(String script, int start, char delimiter, boolean brackets) {
		for (int i = start; i < script.length(); i++) {
			char c = script.charAt(i);
			if (c == '\\') {
				i++;
			} else if (c == delimiter) {
				return i + 1;
			} else if (brackets && c == '[') {
				i = bracketEnd(script, i + 1);
				if (i < 0) {
					return -1;
				}
			}
		}
		return -1;
	}

	/** The index of the {@code ]} that ends a bracket expression opened before {@code start}, or -1. */
	private static int bracketEnd(String script, int start) {
		int i = start;
		if (i < script.length() && script.charAt(i) == '^') {
			i++;
		}
		if (i < script.length() && script.charAt(i) == ']') {
			i++; // a leading `]` is a member
		}
		for (; i < script.length(); i++) {
			char c = script.charAt(i);
			if (c == '\\' || c == '\n') {
				return -1;
			}
			if (c == '[' && i + 1 < script.length() && ":=.".indexOf(script.charAt(i + 1)) >= 0) {
				int close = script.indexOf(script.charAt(i + 1) + "]", i + 2); // `[:alpha:]`, `[=a=]`, `[.-.]`
				if (close < 0) {
					return -1;
				}
				i = close + 1;
			} else if (c == ']') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The end of a label ({@code :x}, {@code b x}): GNU sed ends it at a blank or {@code ;}, so that what follows is
	 * a command of its own ({@code :x e id} runs {@code id}); a sed that reads the rest of the line as the label runs
	 * nothing more, so reading a command there is the safe side.
	 */
	private static int endOfLabel(String script, int start) {
		int i = start;
		while (i < script.length() && (script.charAt(i) == ' ' || script.charAt(i) == '\t')) {
			i++;
		}
		while (i < script.length() && " \t;\n}".indexOf(script.charAt(i)) < 0) {
			i++;
		}
		return i;
	}

	private static String restOfLine(String script, int start) {
		return script.substring(Math.min(start, script.length()), endOfLine(script, start));
	}

	private static int endOfLine(String script, int start) {
		int newline = script.indexOf('\n', start);
		return newline < 0 ? script.length() : newline;
	}

	private static int endOfCommand(String script, int start) {
		int i = start;
		while (i < script.length() && script.charAt(i) != ';' && script.charAt(i) != '\n' && script.charAt(i) != '}') {
			i++;
		}
		return i;
	}

	/**
	 * The effects of a jq filter: its {@code import} and {@code include} directives and {@code modulemeta} load modules
	 * and JSON data files from folders the filter may name anywhere ({@code import "/root/.docker/config" as $d;}
	 * reads a registry's credentials). Its other builtins read only the inputs the command names.
	 */
	static List<Use> jq(String filter) {
		String code = withoutStrings(filter);
		for (String word : List.of("import", "include", "modulemeta")) {
			if (jqKeyword(code, word, !word.equals("modulemeta"))) {
				return List.of(new Use(Effect.RUNS, null, "`" + word + "`, which loads modules or data files from"
						+ " folders it names, anywhere"));
			}
		}
		return List.of();
	}

	/** The effects of an awk program, found by the words and operators that have them. */
	static List<Use> awk(String program) {
		List<Use> uses = new ArrayList<>(0);
		String code = withoutStrings(program);
		if (containsWord(code, "system")) {
			uses.add(new Use(Effect.RUNS, null, "`system()`, which runs a command"));
		}
		for (int i = 0; i < code.length(); i++) {
			if (code.charAt(i) == '|') {
				boolean logical = (i + 1 < code.length() && code.charAt(i + 1) == '|') || (i > 0 && code.charAt(i - 1) == '|');
				if (!logical) {
					uses.add(new Use(Effect.RUNS, null, "a pipe `|`, which runs a command"));
					break;
				}
			}
		}
		if (containsWord(code, "ARGV") || containsWord(code, "ARGC")) {
			uses.add(new Use(Effect.RUNS, null, "`ARGV`, which can name files anywhere for it to read"));
		}
		if (containsWord(code, "getline")) {
			uses.add(new Use(Effect.RUNS, null, "`getline`, which reads files or runs commands it names"));
		}
		if (printsToFile(code)) {
			uses.add(new Use(Effect.RUNS, null, "`print >`, which writes files it names"));
		}
		String gawk = gawkAt(code);
		if (gawk != null) {
			uses.add(new Use(Effect.RUNS, null, "`" + gawk + "`, which in gawk loads code from a file (`@include`,"
					+ " `@load`) or calls the function a variable names, `system` too"));
		}
		return uses;
	}

	/**
	 * The first {@code @name} of the code (strings blanked): a gawk directive ({@code @include "file"}, {@code @load})
	 * or an indirect call ({@code f="system"; @f("id")}), or null.
	 */
	private static String gawkAt(String code) {
		for (int at = code.indexOf('@'); at >= 0; at = code.indexOf('@', at + 1)) {
			int end = at + 1;
			while (end < code.length() && (Character.isLetterOrDigit(code.charAt(end)) || code.charAt(end) == '_')) {
				end++;
			}
			char before = at == 0 ? ' ' : code.charAt(at - 1);
			if (end > at + 1 && !Character.isLetterOrDigit(before) && before != '_') { // not `/x@y/`
				return code.substring(at, end);
			}
		}
		return null;
	}

	/** The program with the contents of its string literals blanked, so that words inside them do not count. */
	private static String withoutStrings(String program) {
		StringBuilder out = new StringBuilder(program.length());
		boolean inString = false;
		for (int i = 0; i < program.length(); i++) {
			char c = program.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
					out.append(' ');
				} else if (c == '"') {
					inString = false;
					out.append('"');
					continue;
				}
				out.append(' ');
			} else {
				inString = c == '"';
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * Whether {@code word} stands in jq code as a keyword or builtin: not a field ({@code .import}), a variable
	 * ({@code $import}) or an object key ({@code {import: 1}}); a directive ({@code import}, {@code include}) is
	 * followed by its path, a string.
	 */
	private static boolean jqKeyword(String code, String word, boolean directive) {
		for (int at = code.indexOf(word); at >= 0; at = code.indexOf(word, at + 1)) {
			int end = at + word.length();
			char before = at == 0 ? ' ' : code.charAt(at - 1);
			if (Character.isLetterOrDigit(before) || before == '_' || before == '.' || before == '$'
					|| (end < code.length() && (Character.isLetterOrDigit(code.charAt(end)) || code.charAt(end) == '_'))) {
				continue;
			}
			int next = end;
			while (next < code.length() && Character.isWhitespace(code.charAt(next))) {
				next++;
			}
			if (directive ? next < code.length() && code.charAt(next) == '"'
					: next >= code.length() || code.charAt(next) != ':') {
				return true;
			}
		}
		return false;
	}

	private static boolean containsWord(String code, String word) {
		int from = 0;
		while (true) {
			int at = code.indexOf(word, from);
			if (at < 0) {
				return false;
			}
			int end = at + word.length();
			boolean before = at == 0 || !Character.isLetterOrDigit(code.charAt(at - 1)) && code.charAt(at - 1) != '_';
			boolean after = end >= code.length() || !Character.isLetterOrDigit(code.charAt(end)) && code.charAt(end) != '_';
			if (before && after) {
				return true;
			}
			from = end;
		}
	}

	/** Whether a {@code print} or {@code printf} statement is followed by {@code >} before its statement ends. */
	private static boolean printsToFile(String code) {
		int from = 0;
		while (true) {
			int at = code.indexOf("print", from);
			if (at < 0) {
				return false;
			}
			int i = at + 5;
			if (i < code.length() && code.charAt(i) == 'f') {
				i++;
			}
			int depth = 0;
			for (; i < code.length(); i++) {
				char c = code.charAt(i);
				if (c == '(') {
					depth++;
				} else if (c == ')') {
					depth--;
				} else if (c == ';' || c == '}' || c == '\n') {
					break;
				} else if (c == '>' && depth <= 0) {
					return true;
				}
			}
			from = at + 5;
		}
	}
}
