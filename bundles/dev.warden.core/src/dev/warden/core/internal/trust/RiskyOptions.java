package dev.warden.core.internal.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of common programs that make them run a command or load code named in the option
 * ({@code git -c core.pager=…}, {@code npm --script-shell=…}, {@code tar --to-command=…}). A wildcard pattern such
 * as {@code git *} does not cover such an option: only a pattern that spells it out does. The list is not
 * exhaustive; it names the options that have been used to slip commands past allow-lists.
 */
public final class RiskyOptions {

	/** The last risky word of a command and why it is risky. */
	public record Risk(int index, String reason) {
	}

	private record Rule(String option, String why) {
	}

	/**
	 * @param global       options before the sub-command (for git)
	 * @param subcommands  options or words after a given sub-command
	 * @param anywhere     options anywhere after the program name
	 * @param plainWords   the rules' words that are not options ({@code foreach}, {@code run}): a word that does
	 *                     not start with {@code -} can only be risky when it is one of these
	 */
	private record Rules(List<Rule> global, Map<String, List<Rule>> subcommands, List<Rule> anywhere,
			Set<String> plainWords) {

		Rules(List<Rule> global, Map<String, List<Rule>> subcommands, List<Rule> anywhere) {
			this(global, subcommands, anywhere, plainWords(global, subcommands, anywhere));
		}

		private static Set<String> plainWords(List<Rule> global, Map<String, List<Rule>> subcommands,
				List<Rule> anywhere) {
			List<Rule> all = new ArrayList<>(global);
			subcommands.values().forEach(all::addAll);
			all.addAll(anywhere);
			return Set.copyOf(all.stream().map(Rule::option).filter(option -> !option.startsWith("-")).toList());
		}
	}

	private static final String RUNS = "can make it run a command of its own";

	private static final Rules GIT = new Rules(
			List.of(rule("-c", "sets configuration such as core.pager or an alias, which " + RUNS),
					rule("--config-env", "sets configuration such as core.pager, which " + RUNS),
					rule("--exec-path", "changes where git finds its programs"),
					rule("--git-dir", "points git at another repository, whose configuration " + RUNS)),
			Names.mapOf(Map.of("clone", List.of(rule("-c", "sets configuration of the new repository, which " + RUNS),
					rule("--config", "sets configuration of the new repository, which " + RUNS),
					rule("-u", "names the program that serves the upload"),
					rule("--template", "installs hooks from a template directory")),
					"init", List.of(rule("--template", "installs hooks from a template directory")),
					"rebase", List.of(rule("-x", "runs a command after each commit"),
							rule("--exec", "runs a command after each commit")),
					"difftool", List.of(rule("-x", "runs a diff command"), rule("--extcmd", "runs a diff command")),
					"submodule", List.of(rule("foreach", "runs a command in every submodule")),
					"bisect", List.of(rule("run", "runs a command for every step")),
					"filter-branch", List.of(rule("--tree-filter", RUNS), rule("--index-filter", RUNS),
							rule("--msg-filter", RUNS), rule("--env-filter", RUNS), rule("--commit-filter", RUNS)))),
			List.of(rule("--upload-pack", "names the program that serves the upload"),
					rule("--receive-pack", "names the program that receives the push"),
					rule("--exec", "names a program to run")));

	private static final List<Rule> NODE_PACKAGES = List.of(
			rule("--script-shell", "names the shell that runs package scripts"),
			rule("--node-options", "passes options such as --require to node"),
			rule("--userconfig", "loads another configuration, which " + RUNS),
			rule("--globalconfig", "loads another configuration, which " + RUNS),
			rule("-c", "runs a command string"), rule("--call", "runs a command string"));

	private static final List<Rule> TAR = List.of(rule("--to-command", RUNS), rule("--checkpoint-action", RUNS),
			rule("--use-compress-program", RUNS), rule("-I", RUNS), rule("--info-script", RUNS),
			rule("--new-volume-script", RUNS), rule("-F", RUNS), rule("--rmt-command", RUNS),
			rule("--rsh-command", RUNS));

	private static final List<Rule> SSH = List.of(rule("-o", "sets options such as ProxyCommand, which " + RUNS),
			rule("-F", "loads another configuration, which " + RUNS), rule("-S", "names the program to run"));

	private static final Map<String, Rules> RULES = Names.mapOf(Map.ofEntries(Map.entry("git", GIT),
			Map.entry("npm", anywhere(NODE_PACKAGES)), Map.entry("npx", anywhere(NODE_PACKAGES)),
			Map.entry("pnpm", anywhere(NODE_PACKAGES)), Map.entry("yarn", anywhere(NODE_PACKAGES)),
			Map.entry("tar", anywhere(TAR)),
			Map.entry("rsync", anywhere(List.of(rule("-e", RUNS), rule("--rsh", RUNS), rule("--rsync-path", RUNS)))),
			Map.entry("ssh", anywhere(SSH)), Map.entry("scp", anywhere(SSH)), Map.entry("sftp", anywhere(SSH)),
			Map.entry("zip", anywhere(List.of(rule("-TT", RUNS), rule("--unzip-command", RUNS)))),
			Map.entry("man", anywhere(List.of(rule("-P", RUNS), rule("--pager", RUNS), rule("-H", RUNS),
					rule("--html", RUNS)))),
			Map.entry("make", anywhere(List.of(rule("--eval", RUNS), rule("-E", RUNS))))));

	private static final Set<String> GIT_GLOBALS_WITH_ARGUMENT = Names.setOf("-C", "-c", "--git-dir", "--work-tree",
			"--namespace", "--config-env", "--super-prefix", "--list-cmds");

	private RiskyOptions() {
	}

	private static Rule rule(String option, String why) {
		return new Rule(option, why);
	}

	private static Rules anywhere(List<Rule> rules) {
		return new Rules(List.of(), Map.of(), rules);
	}

	/** The last word of the command that is a risky option, or null when there is none. */
	public static Risk lastRisk(List<Word> words) {
		if (words.isEmpty()) {
			return null;
		}
		Rules rules = RULES.get(Quoting.basename(words.get(0).text()));
		if (rules == null) {
			return null;
		}
		int subcommand = rules.global().isEmpty() ? 1 : gitSubcommand(words);
		List<Rule> forSubcommand = subcommand < words.size()
				? rules.subcommands().getOrDefault(words.get(subcommand).text(), List.of())
				: List.of();
		Risk risk = null;
		for (int i = 1; i < words.size(); i++) {
			String word = words.get(i).text();
			if (!word.startsWith("-") && !rules.plainWords().contains(word)) {
				continue; // not an option, and no rule spells it: no rule matches it (see #matches)
			}
			Rule hit = i < subcommand ? find(rules.global(), word) : null;
			if (hit == null && i > subcommand) {
				hit = find(forSubcommand, word);
			}
			if (hit == null) {
				hit = find(rules.anywhere(), word);
			}
			if (hit != null) {
				risk = new Risk(i, "`" + Quoting.oneLine(word) + "` " + hit.why());
			}
		}
		return risk;
	}

	private static Rule find(List<Rule> rules, String word) {
		for (int i = 0; i < rules.size(); i++) {
			if (matches(rules.get(i).option(), word)) {
				return rules.get(i);
			}
		}
		return null;
	}

	private static boolean matches(String option, String word) {
		if (word.isEmpty() || word.charAt(0) != '-' || !option.startsWith("-")) {
			// Only an option can carry an attached value: anything else matches when it is spelled the same.
			return word.equals(option);
		}
		if (word.equals(option)) {
			return true;
		}
		if (option.startsWith("--")) {
			return word.startsWith(option) && word.length() > option.length() && word.charAt(option.length()) == '=';
		}
		return option.length() == 2 && word.startsWith(option) && !word.startsWith("--");
	}

	/** The index of git's sub-command: the first word after the global options. */
	static int gitSubcommand(List<Word> words) {
		int i = 1;
		while (i < words.size()) {
			String word = words.get(i).text();
			if (!word.startsWith("-") || word.equals("-") ) {
				return i;
			}
			if (word.equals("--")) {
				return i + 1;
			}
			i += GIT_GLOBALS_WITH_ARGUMENT.contains(word) ? 2 : 1;
		}
		return words.size();
	}
}
