package dev.warden.core.tests.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates command lines from a seeded grammar of shell syntax: words built of plain, quoted, escaped and
 * expanded pieces, globs, braces and tildes, operators, subshells and groups, assignments, redirections,
 * here-documents, comments, line continuations, Unicode, and the bash-only and keyword forms the parser must
 * refuse. The same seed gives the same lines.
 * <p>
 * Every generated line is safe to run with a {@code PATH} of recording stubs: no word holds a {@code /} (so no
 * command can name a real program), output goes only to the files {@code out} and {@code o2} of the folder or to
 * {@code /dev/null}, and input comes only from {@code in} and {@code data}.
 */
final class ShellLineGenerator {

	/** Programs that the harness records: as shell functions, as stubs on {@code PATH}, or both. */
	static final List<String> PROGRAMS = List.of("ls", "git", "npm", "cat", "grep", "sort", "make", "wc", "tee",
			"echo", "printf", "test", "true", "false", "pwd", "kill", "type", "read", "mvn", "node", "wait");

	private static final String[] PLAIN = { "a", "b", "x.txt", "-n", "-la", "--flag", "--flag=x", "--output=o",
			"1", "42", "if", "then", "fi", "do", "done", "in", "case", "esac", "{", "}", "!", "a=b", "FOO=bar", "%", "@",
			"+", ":", "-", "--", "-e", "a,b", "a.b", "x=", "=x", "select", "function", "time", "coproc", "[[", "]]",
			"-p", "until", "while", "elif", "else", "=", "a:b", "data", "out", "A=1", "PATH=x", "-o", "posix", "+B",
			"-k", "--", "x:y:z", "a==b", "-c", "{}", "[", "]", "a.b.c", "@a", "%%", "a+b", "+=", "a+=b" };

	private static final String[] QUOTED = { "'a b'", "\"a b\"", "\"$A\"", "\"$(ls)\"", "\"`ls`\"", "'$A'", "\"a\\\"b\"",
			"\"\\\\\"", "\"\\$\"", "\"\\a\"", "''", "\"\"", "'*'", "\"*\"", "'{a,b}'", "\"{a,b}\"", "'~'", "\"~\"",
			"'a\"b'", "\"a'b\"", "\"$B\"", "\"${A}x\"", "'#'", "\"#\"", "\"$@\"", "\"$*\"", "\"\\`\"", "\"a\nb\"",
			"'a\nb'", "\"$E\"", "\"!\"", "\"\\!\"", "'a\\'", "\"a'b'\"", "\"$((1))\"", "\"${A:-\"x y\"}\"",
			"\"$(echo \")\")\"", "\"`echo '\"'`\"", "\"${A}\"\"$B\"", "'\"'\"'\"", "\"#\"x", "\"~/x\"", "\"{a,b}\"x",
			"\"$A\"$B", "\"\\\n\"" };

	private static final String[] ESCAPED = { "\\ ", "\\;", "\\|", "\\&", "\\#", "\\'", "\\\"", "\\\\", "\\n", "\\$",
			"\\*", "\\{", "\\}", "\\~", "\\(", "\\)", "\\<", "\\>", "\\!", "\\,", "\\a", "\\=", "\\`" };

	private static final String[] EXPANSIONS = { "$A", "${A}", "$B", "${A:-x}", "${#A}", "${A%a}", "$E", "$1", "$#",
			"$?", "$@", "$*", "${A:-$(ls)}", "$((1+2))", "$[1]", "$'a\\tb'", "$\"x\"", "${!A}", "${A/a/b}", "${A^^}",
			"${A,}", "${A@Q}", "${E:-b c}", "${E-x}", "${A+y}", "${A:=z}", "${E?}", "${#}", "${A:1}", "${A[0]}",
			"$G", "${A##*}", "${A%%a*}", "$", "$ ", "$-", "${E:+$A}", "$D", "$HOME", "${A:?x}", "$((A))",
			"${A//a/b}", "${A:0:1}", "$_A", "$A_", "${A}_", "$A$B", "$9", "${10}", "$10" };

	private static final String[] SUBSTITUTIONS = { "$(ls)", "`ls`", "<(ls)", ">(cat)", "$(<in)", "$(git status)",
			"$(echo a b)", "`echo x`", "$( ls )", "$(ls; git log)", "$(ls | wc)", "$(ls \"$(cat)\")",
			"$(case x in x) ls;; esac)", "$(ls #c\n)", "$(ls)$(cat)", "`ls \\`cat\\``", "$( (ls) )", "$({ ls; })",
			"$(ls &)", "<( ls )" };

	private static final String[] GLOBS = { "*", "?", "[ab]", "*.txt", "[!a]*", "[^a]", "[[:alpha:]]*", "**",
			"a*", "[a", "a]", "[]]", "*[", ".*", "\\[a]", "[a-c]", "?(a)", "*(a)", "+(a)", "@(a|b)", "!(a)" };

	private static final String[] BRACES = { "{a,b}", "{a..c}", "x{1,2}", "{,--x}", "{a}", "{}", "{a,}", "{1..3}",
			"{a,b}{c,d}", "{a\\,b}", "{'a',b}", "{\"a\",b}", "{$A,b}", "a{b", "a}b", "{a..}", "{..a}", "{a,b",
			"{a.b}", "{a...c}", "{x,y}z", "{-o,}", "{a..c..2}", "{,}", "{ a,b}", "{a,b }" };

	private static final String[] TILDES = { "~", "~/x", "~+", "~-", "~root", "a=~", "x:~", "--a=~", "a=b:~",
			"~a", "x~", "=~", "A=~", "~+/x", "~0", "~1", "~/", "a=~/x", "-x=~" };

	private static final String[] UNICODE = { "\u00e9", "\uff1b", "\u00a0", "\u01c0", "\ud83d\ude00", "\u2028",
			"\u037e", "\u200b", "\uff5c", "\u2013n", "\u0131" };

	private static final String[] HISTORY = { "!!", "!$", "!x", "!-1", "!#", "^a^b" };

	private static final String[] REDIRECTS = { "> out", ">out", ">> out", "2> out", "2>&1", ">&2", "&> out",
			"&>> out", ">& out", ">|out", "<> out", "< in", "<&-", "2>&-", ">&-", "{fd}> out", "3> out", "<<< word",
			"1>out", "> /dev/null", ">\"o\"ut", "<in", "0< in", ">$T", "2>/dev/null", "<<<\"a b\"", ">&1", "3>&1",
			"3>&1 1>&3", "<& 0", "> o2", "9> out", "10> out", "2>>out", "<data", "<<<$A", "&>/dev/null", "1<>out",
			">& /dev/null", "2>& out", "<>out", "< \"in\"", "> o\\ut", "<<<'$A'", ">${T}", "< $U" };

	private static final String[] ASSIGNMENTS = { "A=1", "B='x y'", "C=$(ls)", "a=(x y)", "D+=x", "E[1]=x", "F=",
			"G=*", "H=~", "I=a:~", "J=$A", "K={a,b}", "L=\"$(ls)\"", "M=`ls`", "N=$((1))", "O='$'", "_=x", "P1=x",
			"Q=a\\ b", "R=<(ls)" };

	private static final String[] KEYWORD_COMMANDS = { "if ls; then git; fi", "[[ -n x ]]", "function f { ls; }",
			"f() { ls; }", "coproc ls", "time -p ls", "time ls", "select x in a; do ls; done", "a=(x y)",
			"for x in a; do ls; done", "while false; do ls; done", "case x in x) ls;; esac", "(( 1 ))",
			"! ls", "!ls", "{ ls; }", "{ls;}", "{ ls }", "( ls )", "(ls)", "((ls))", "( (ls) )", "ls(){ :; }",
			"until ls; do git; done", "{ ls; } >out", "(ls) 2>&1", "time", "! ! ls", "{ ls; git; }", "{ ls && git; }",
			"{ ls;}", "{ ls & }", "!(ls)", "declare -a a=(x)", "export A=$(ls)", "export a=~", "local x=~",
			"{ (ls) }", "{ { ls; } }", "coproc", "select", "function", "[[", "]]", "then", "fi", "done", "esac",
			"command ls", "exec ls", "builtin echo", "eval ls", ". in", "source in", "alias ls=git",
			"trap ls EXIT", "set -f", ":", "env ls", "nohup ls", "timeout 5 ls", "nice ls", "xargs ls",
			"bash -c ls", "sh -c 'ls; git'", "dash -c ls", "bash -c 'ls {a,b}'", "set -k", "set +B", "shopt -s extglob",
			"exec 3>out", "{ ls; } &", "! { ls; }", "( ls ) &", "ls & wait", "cat <<A <<B\na\nA\nb\nB",
			"cat <<E\"O\"F\n$A\nEOF", "cat <<\\EOF\n$A\nEOF", "ls 2>&1 | cat", "ls;#c", "ls #c\nls",
			"time -p ls | cat", "ls | ! cat", "!ls", "ls!", "a= ls", "a=b=c ls", "a=$'x' ls", "ls ;; ls",
			"ls \\#x", "ls '#'x", "ls & ;", "ls &&", "ls 'a\\\nb'", "ls $*", "ls \"$*\"", "ls ${#A}x",
			"ls <<$A\n$A\n", "ls <<'$A'\nx\n$A\n", "ls <<E\nE\nls", "ls <<E; ls\nx\nE", "cat <<-E\n\t\tx\n\tE",
			"ls $(\nls\n)", "ls $(ls\n\n)", "ls `\nls`", "ls \"$(\n)\"", "%", "%1", "ls %", "fg", "bg", "jobs" };

	private static final String[] SEPARATORS = { "; ", " && ", " || ", " & ", "\n", " | ", " |& ", ";", "&", "&&",
			"||", "|", " ;\n", " &&\n", " |\n", "\n\n", " ; ", "&\n", ";;", " ;& ", "||\n", " & ; ", " ;#c\n",
			" # c\n", " && # c\n", " |\n\n", " 2>&1 | ", " | ! ", " &&\n\t" };

	private final SplittableRandom random;
	private final List<String> pendingHeredocs = new ArrayList<>();

	ShellLineGenerator(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/** The next line. */
	String next() {
		pendingHeredocs.clear();
		StringBuilder line = new StringBuilder();
		if (chance(3)) {
			line.append(pick(" ", "\t", "\n", "  "));
		}
		int commands = 1 + (chance(2) ? random.nextInt(4) : 0);
		for (int i = 0; i < commands; i++) {
			if (i > 0) {
				String separator = pick(SEPARATORS);
				line.append(separator);
				if (separator.indexOf('\n') >= 0) {
					flushHeredocs(line);
				}
			}
			command(line, 0);
		}
		if (chance(8)) {
			line.append(pick(" ;", " &", ";", "&", " |", " &&"));
		}
		if (chance(10)) {
			line.append(pick(" #c", " # a; b", "#x", " #", " # $(x)", "  # `x` 'y"));
		}
		if (!pendingHeredocs.isEmpty()) {
			line.append('\n');
			flushHeredocs(line);
		}
		if (chance(20)) {
			line.append(pick("\n", " ", "\t", "\\", "\\\n"));
		}
		return line.toString();
	}

	private void flushHeredocs(StringBuilder line) {
		for (String body : pendingHeredocs) {
			line.append(body);
		}
		pendingHeredocs.clear();
	}

	private void command(StringBuilder line, int depth) {
		int kind = random.nextInt(100);
		if (kind < 3) {
			line.append(pick(KEYWORD_COMMANDS));
			return;
		}
		if (kind < 8 && depth < 2) {
			String open = pick("( ", "(", "{ ", "! ", "{ ", "( ");
			line.append(open);
			boolean brace = open.startsWith("{");
			boolean bang = open.startsWith("!");
			command(line, depth + 1);
			if (!bang && chance(3)) {
				line.append(pick("; ", " && ", " | ", "\n"));
				command(line, depth + 1);
			}
			if (brace) {
				line.append(pick("; }", ";}", "\n}", " }", "& }"));
			} else if (!bang) {
				line.append(pick(" )", ")", ";)", "\n)"));
			}
			if (!bang && chance(4)) {
				line.append(' ').append(pick(REDIRECTS)).append(' ');
			}
			return;
		}
		if (chance(6)) {
			int count = 1 + random.nextInt(2);
			for (int i = 0; i < count; i++) {
				line.append(pick(ASSIGNMENTS)).append(' ');
			}
			if (chance(6)) {
				return; // assignments alone
			}
		}
		line.append(commandName());
		int arguments = random.nextInt(5);
		for (int i = 0; i < arguments; i++) {
			line.append(blank());
			if (chance(7)) {
				redirect(line);
			} else {
				line.append(word(depth));
			}
		}
		if (chance(5)) {
			line.append(blank());
			redirect(line);
		}
	}

	private String blank() {
		return chance(12) ? pick("  ", "\t", " \\\n", " \\\n ", "\\\n") : " ";
	}

	private String commandName() {
		String name = PROGRAMS.get(random.nextInt(PROGRAMS.size()));
		return switch (random.nextInt(40)) {
		case 0 -> "'" + name + "'";
		case 1 -> "\\" + name;
		case 2 -> name.charAt(0) + "\"" + name.substring(1) + "\"";
		case 3 -> "$P";
		case 4 -> name + "\\\n" + "x";
		case 5 -> pick("env ", "nohup ", "timeout 5 ", "nice ", "time ", "time -p ", "command ", "exec ") + name;
		case 6 -> pick("bash -c '", "sh -c '", "dash -c '") + name + pick("'", " a'", "; ls'", " {a,b}'", " $A'");
		default -> name;
		};
	}

	private void redirect(StringBuilder line) {
		if (chance(4)) {
			heredoc(line);
			return;
		}
		line.append(pick(REDIRECTS)).append(' '); // a word right after it would name another file
	}

	private void heredoc(StringBuilder line) {
		String delimiter = pick("EOF", "E", "END", "x", "$A", "E-F", "E.F", "_");
		String written = switch (random.nextInt(6)) {
		case 0 -> "'" + delimiter + "'";
		case 1 -> "\"" + delimiter + "\"";
		case 2 -> "\\" + delimiter;
		default -> delimiter;
		};
		boolean tabs = chance(4);
		line.append(tabs ? "<<-" : "<<").append(chance(2) ? " " : "").append(written);
		StringBuilder body = new StringBuilder();
		int lines = random.nextInt(3);
		for (int i = 0; i < lines; i++) {
			if (tabs && chance(2)) {
				body.append('\t');
			}
			body.append(pick("plain text", "$A", "`ls`", "$(ls)", "a \\", "\\$A", "'quoted'", "\"dq\"", "# c",
					delimiter + " x", " " + delimiter, "\\", "${A:-x}", "")).append('\n');
		}
		body.append(tabs && chance(2) ? "\t" : "").append(delimiter).append(chance(10) ? " " : "").append('\n');
		pendingHeredocs.add(body.toString());
	}

	private String word(int depth) {
		int pieces = 1 + (chance(3) ? random.nextInt(3) : 0);
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < pieces; i++) {
			int kind = random.nextInt(100);
			if (kind < 40) {
				word.append(pick(PLAIN));
			} else if (kind < 55) {
				word.append(pick(QUOTED));
			} else if (kind < 63) {
				word.append(pick(ESCAPED));
			} else if (kind < 72) {
				word.append(pick(EXPANSIONS));
			} else if (kind < 77) {
				if (depth < 2 && chance(2)) {
					StringBuilder inner = new StringBuilder();
					command(inner, depth + 1);
					String body = inner.toString();
					word.append(switch (random.nextInt(4)) {
					case 0 -> "`" + body + "`";
					case 1 -> "<(" + body + ")";
					case 2 -> "\"$(" + body + ")\"";
					default -> "$(" + body + ")";
					});
				} else {
					word.append(pick(SUBSTITUTIONS));
				}
			} else if (kind < 83) {
				word.append(pick(GLOBS));
			} else if (kind < 90) {
				word.append(pick(BRACES));
			} else if (kind < 94) {
				word.append(pick(TILDES));
			} else if (kind < 96) {
				word.append(pick(UNICODE));
			} else if (kind < 97) {
				word.append(pick(HISTORY));
			} else {
				word.append(pick("#x", "a#b", "#", "a\\\nb", "\"a\\\nb\"", "$(\nls\n)", "x\ty", "a\rb", "a\u0001b"));
			}
		}
		return word.toString();
	}

	private boolean chance(int oneIn) {
		return random.nextInt(oneIn) == 0;
	}

	private String pick(String... options) {
		return options[random.nextInt(options.length)];
	}
}
