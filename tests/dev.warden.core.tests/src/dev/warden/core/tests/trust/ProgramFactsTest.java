package dev.warden.core.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.internal.trust.FactScan;
import dev.warden.core.internal.trust.FactTable;
import dev.warden.core.internal.trust.PolicyRules;
import dev.warden.core.internal.trust.RuleNames;
import dev.warden.core.internal.trust.Word;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PolicyPathGuard;
import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PartFact;
import dev.warden.core.trust.PathGuard;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.ProgramFacts;
import dev.warden.core.trust.TrustPattern;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;

/** The program-facts table: complete for every rule, readable by administrators, carried to the parts. */
class ProgramFactsTest {

	@TempDir
	Path workspace;

	private TrustPolicy policy(ProgramFacts facts, String... patterns) {
		return TrustPolicy.builder(workspace).add(PatternList.of(PatternScope.WORKSPACE, "w", List.of(patterns)))
				.programFacts(facts).build();
	}

	@Test
	void wardensOwnTableHasNoProblems() {
		assertEquals(List.of(), ProgramFacts.builtIn().problems());
	}

	@Test
	void everyProgramARuleKnowsIsInTheTableWithItsRole() {
		FactTable table = ProgramFacts.builtIn().table();
		for (Map.Entry<String, Set<String>> role : RuleNames.byRole().entrySet()) {
			for (String name : role.getValue()) {
				FactTable.Program program = table.program(name);
				assertNotNull(program, () -> "`" + name + "` (" + role.getKey() + ") is not in the program facts,"
						+ " so the judge would skip its rule");
				assertTrue(program.hasRole(role.getKey()), () -> "`" + name + "` lacks the role " + role.getKey());
			}
		}
	}

	/**
	 * A scan looks up a cluster's letters ({@code -la}) in arrays made when the table is built: every one-letter
	 * option of every program and subcommand, whether the command spells it alone or at the end of a cluster, is
	 * found with its facts, as the option map has them.
	 */
	@Test
	void everyOneLetterOptionIsFoundAloneAndInACluster() {
		FactTable table = ProgramFacts.builtIn().table();
		int checked = 0;
		for (String name : table.programNames()) {
			for (FactTable.Fact fact : table.program(name).allFacts()) {
				String spelling = fact.spelling().replaceAll("[=?]+$", "");
				if (!spelling.matches("-[A-Za-z0-9]") || !fact.when().isEmpty() || !fact.ifGlobs().isEmpty()
						|| !fact.unless().isEmpty() || fact.kind() == FactTable.Kind.TAKES || fact.kind() == FactTable.Kind.PLAIN
						|| fact.kind() == FactTable.Kind.AS_PROGRAM || fact.kind() == FactTable.Kind.SED_SCRIPT
						|| fact.kind() == FactTable.Kind.AWK_PROGRAM) {
					continue;
				}
				List<String> programWords = List.of(fact.program().split(" "));
				FactTable.Program program = table.program(programWords.get(0));
				List<FactTable.Program> chain = new java.util.ArrayList<>(List.of(program));
				for (String sub : programWords.subList(1, programWords.size())) {
					chain.add(chain.get(chain.size() - 1).subcommand(sub));
				}
				// a letter none of them knows, in front: the cluster `-Qx` gives `-x` alone
				String unknown = "QZ9Y8".chars().mapToObj(c -> "-" + (char) c)
						.filter(letter -> chain.stream().allMatch(p -> p.ownOption(letter) == null)).findFirst()
						.orElseThrow();
				// a program whose one-dash options are whole words (`java -jar`) has no clusters
				boolean whole = program.wholeOptions();
				for (String option : whole ? List.of(spelling) : List.of(spelling, unknown + spelling.substring(1))) {
					List<Word> words = new java.util.ArrayList<>();
					programWords.forEach(word -> words.add(Word.literal(word)));
					words.add(Word.literal(option));
					words.add(Word.literal("out.txt"));
					List<FactTable.Fact> found = FactScan.scan(table, program, words).hits().stream()
							.map(FactScan.Hit::fact).toList();
					assertTrue(found.contains(fact), () -> "`" + String.join(" ", programWords) + " " + option
							+ " out.txt` does not find the fact " + fact + "; found " + found);
				}
				checked++;
			}
		}
		assertTrue(checked > 50, "only " + checked + " one-letter options were checked");
	}

	@Test
	void everyOptionARuleReadsIsInTheTableWithItsValue() {
		FactTable table = ProgramFacts.builtIn().table();
		for (Map.Entry<String, List<String>> entry : RuleNames.optionsWithValue().entrySet()) {
			for (String option : entry.getValue()) {
				FactTable.Option known = table.program(entry.getKey()).ownOption(option);
				assertNotNull(known, () -> entry.getKey() + " " + option + " is not in the program facts");
				assertEquals(FactTable.Arity.VALUE, known.arity(), option);
			}
		}
	}

	@Test
	void theOneLookupOfAProgramHoldsItsFactsPatternsDenyRulesAndEveryRuleThatKnowsIt() {
		PatternList list = PatternList.of(PatternScope.WORKSPACE, "w", List.of("git log *", "./gradlew *",
				"!rm -rf /tmp/*"));
		PolicyRules rules = new PolicyRules(list.trusted(), list.denied(), workspace, PathGuard.NONE,
				ProgramFacts.builtIn().table());
		for (Map.Entry<String, Set<String>> role : RuleNames.byRole().entrySet()) {
			for (String name : role.getValue()) {
				PolicyRules.Known known = rules.known(name);
				assertNotNull(known.facts(), () -> "the lookup of `" + name + "` has no facts");
				switch (role.getKey()) {
				case "wrapper", "shell", "privileged" -> assertTrue(known.wraps(), name + " is not a wrapper");
				case "fails-closed", "builtin" -> assertTrue(known.failsClosed(), name + " is not checked as a built-in");
				case "bash-only" -> assertTrue(known.bashOnly(), name + " is not a bash-only built-in");
				default -> {
				}
				}
			}
		}
		PolicyRules.Known git = rules.known("git");
		assertEquals(List.of("git log *"), git.trust().stream().map(TrustPattern::text).toList());
		assertEquals(List.of("rm -rf /tmp/*"), rules.known("rm").deny().stream().map(m -> m.rule().text()).toList());
		assertEquals(List.of("./gradlew *"), rules.trustPatterns(Word.literal("./gradlew"), rules.known("gradlew"))
				.stream().map(TrustPattern::text).toList());
		assertEquals(List.of(), rules.trustPatterns(Word.literal("gradlew"), rules.known("gradlew")));
		// a version suffix finds the plain name's facts; a name nobody knows has none, and no rule's flags
		assertNotNull(rules.known("python3.12").facts());
		assertEquals(ProgramFacts.builtIn().table().program("python3.12"), rules.known("python3.12").facts());
		PolicyRules.Known unknown = rules.known("frobnicate");
		assertNull(unknown.facts());
		assertFalse(unknown.wraps() || unknown.failsClosed() || unknown.bashOnly());
		assertEquals("frobnicate", unknown.name());
	}

	@Test
	void aVersionedInterpreterNameHasThePlainNamesFacts() {
		FactTable table = ProgramFacts.builtIn().table();
		for (String name : List.of("python3.12", "python3.12.1", "python2.7", "python-3.12")) {
			assertEquals(table.program("python"), table.program(name), name + " does not have python's facts");
		}
		assertEquals(table.program("pip"), table.program("pip3.12"));
		assertEquals("python3", table.program("python3").name(), "a listed name keeps its own facts");
		assertNull(table.program("python3x"), "only a version suffix is dropped");
		assertNull(table.program("3.12"));
		TrustPolicy policy = TrustPolicy.builder(workspace)
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("python3.12 *"))).build();
		CommandVerdict code = policy.evaluate("python3.12 -c 'import os'");
		assertEquals(Verdict.ASK, code.verdict());
		assertTrue(code.reason().contains("`-c` runs the code given as its value"), code.reason());
		assertEquals(Verdict.ASK, policy.evaluate("python3.12 -m pytest -p plugin").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("python3.12 -m pytest -q").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("python3.12 tool.py").verdict());
	}

	@Test
	void theTableCoversTheProgramsAnAgentRunsMost() {
		Set<String> names = ProgramFacts.builtIn().table().programNames();
		for (String name : List.of("npm", "npx", "yarn", "pnpm", "node", "mvn", "gradle", "ant", "pip", "python3",
				"pytest", "poetry", "uv", "cargo", "rustc", "go", "git", "make", "cmake", "cp", "mv", "tee", "install",
				"ln", "rm", "chmod", "touch", "mkdir", "cat", "head", "tail", "sort", "uniq", "wc", "cut", "split", "dd",
				"find", "xargs", "sed", "awk", "gawk", "grep", "rg", "tar", "zip", "unzip", "gzip", "curl", "wget",
				"docker", "kubectl", "java", "javac", "jq", "diff", "patch", "rsync", "ssh", "scp")) {
			assertTrue(names.contains(name), name);
		}
		assertTrue(names.size() >= 60, names.size() + " programs");
	}

	@Test
	void administratorFactsAddAToolOfTheirOwn() {
		String admin = "# our deploy tool\n"
				+ "deployctl   --hook=      runs    | runs a hook script\n"
				+ "deployctl push --out=    writes  | writes the release notes to a file\n";
		ProgramFacts facts = ProgramFacts.withAdministratorFacts("/etc/warden/facts.txt", admin);
		assertEquals(List.of(), facts.problems());
		assertEquals(Verdict.TRUSTED, policy(ProgramFacts.builtIn(), "deployctl *").evaluate(
				"deployctl push --hook=/tmp/x").verdict());
		CommandVerdict hook = policy(facts, "deployctl *").evaluate("deployctl push --hook=/tmp/x");
		assertEquals(Verdict.ASK, hook.verdict());
		assertTrue(hook.reason().contains("runs a hook script"), hook.reason());
		CommandPart part = hook.parts().get(0);
		PartFact fact = part.fact().orElseThrow();
		assertEquals("deployctl", fact.program());
		assertEquals("--hook=", fact.spelling());
		assertEquals(PartFact.Kind.RUNS, fact.kind());
		assertTrue(fact.source().startsWith("/etc/warden/facts.txt:2"), fact.source());
		CommandVerdict out = policy(facts, "deployctl *").evaluate("deployctl push --out /tmp/notes");
		assertEquals(Verdict.ASK, out.verdict());
		assertTrue(out.reason().contains("`--out` of `deployctl push` writes to `/tmp/notes`, outside the workspace"),
				out.reason());
		assertEquals(Verdict.TRUSTED, policy(facts, "deployctl *").evaluate("deployctl push --out notes.txt")
				.verdict());
		assertEquals(Verdict.TRUSTED, policy(facts, "deployctl push --hook=/tmp/x").evaluate(
				"deployctl push --hook=/tmp/x").verdict(), "a pattern that spells the option out covers it");
	}

	/**
	 * A glob in front of a word expands to the names of the working folder: a file named like an option, as an
	 * earlier {@code touch -- --checkpoint-action=exec=id} makes one, would become an option of the program.
	 */
	@Test
	void aGlobThatMatchesAFileNamedLikeAnOptionIsAskedAbout() throws Exception {
		Files.writeString(workspace.resolve("a.c"), "int x;\n");
		TrustPolicy policy = policy(ProgramFacts.builtIn(), "tar *", "cp *", "cat *");
		assertEquals(Verdict.TRUSTED, policy.evaluate("tar -cf x.tar *").verdict());
		Files.writeString(workspace.resolve("--checkpoint-action=exec=id"), "");
		TrustPolicy after = policy(ProgramFacts.builtIn(), "tar *", "cp *", "cat *");
		CommandVerdict tar = after.evaluate("tar -cf x.tar *");
		assertEquals(Verdict.ASK, tar.verdict());
		assertTrue(tar.reason().contains("`--checkpoint-action=exec=id`"), tar.reason());
		assertEquals(Verdict.ASK, after.evaluate("cp * build/").verdict());
		assertEquals(Verdict.TRUSTED, after.evaluate("tar -cf x.tar -- *").verdict(), "after --, names are operands");
		assertEquals(Verdict.TRUSTED, after.evaluate("tar -cf x.tar *.c").verdict(), "the glob matches no such name");
		assertEquals(Verdict.TRUSTED, after.evaluate("cat *").verdict(), "cat has no option that does harm");
	}

	/**
	 * A value that is a search path is judged entry by entry ({@code value=list}), a value that is a list of fields
	 * by its {@code src=} or {@code dest=} field ({@code value=field}), and a program that reads options after its
	 * first operand ({@code resumes}) has them read there too, up to its second; an unknown value mode is a problem.
	 */
	@Test
	void searchPathsFieldsAndOptionsAfterTheFirstOperandAreReadAsTheProgramReadsThem() {
		String admin = "deployctl   --path=      loads   value=list | loads plug-ins from that path\n"
				+ "deployctl   --out=       writes  value=field | writes the release there\n"
				+ "deployctl   @options     resumes\n"
				+ "deployctl   --hook=      runs    | runs a hook script\n";
		ProgramFacts facts = ProgramFacts.withAdministratorFacts("/etc/warden/facts.txt", admin);
		assertEquals(List.of(), facts.problems());
		TrustPolicy policy = policy(facts, "deployctl *");
		for (String asked : List.of("deployctl --path plugins:/tmp/x.jar", "deployctl --path /opt/p:plugins",
				"deployctl --out type=local,dest=/tmp/o", "deployctl --out=/tmp/o", "deployctl host --hook=/tmp/x",
				"deployctl --path=plugins:../../x")) {
			assertEquals(Verdict.ASK, policy.evaluate(asked).verdict(), asked);
		}
		assertTrue(policy.evaluate("deployctl --path plugins:/tmp/x.jar").reason().contains("`/tmp/x.jar`"));
		for (String trusted : List.of("deployctl --path plugins:lib/a.jar", "deployctl --out type=local,dest=out",
				"deployctl --out type=registry,ref=x", "deployctl --out out", "deployctl host ls --hook=/tmp/x")) {
			assertEquals(Verdict.TRUSTED, policy.evaluate(trusted).verdict(), trusted);
		}
		ProgramFacts bad = ProgramFacts.withAdministratorFacts("/etc/warden/facts.txt",
				"deployctl   --out=   writes  value=somewhere\n");
		assertEquals(1, bad.problems().size());
		assertTrue(bad.problems().get(0).contains("`field`"), bad.problems().get(0));
	}

	/**
	 * The globs of {@code if=} compare a value ignoring case, wherever their {@code *} stands; for a program whose
	 * options are {@code loose} (npm's config names) an {@code _} reads as {@code -}.
	 */
	@Test
	void aValueGlobMatchesIgnoringCaseWhereverItsStarStands() {
		String admin = "deployctl   @first   runs   if=push,*-hook,pre-*,*script*,k | runs a hook\n"
				+ "confctl     @options loose\n"
				+ "confctl     @first   runs   if=script-shell,*node-options* | sets what later commands run\n";
		ProgramFacts facts = ProgramFacts.withAdministratorFacts("/etc/warden/facts.txt", admin);
		assertEquals(List.of(), facts.problems());
		TrustPolicy policy = policy(facts, "deployctl *", "confctl *");
		for (String asked : List.of("deployctl push", "deployctl PUSH", "deployctl Push x", "deployctl post-HOOK",
				"deployctl -- -hook", "deployctl Pre-release", "deployctl pre-", "deployctl myScriptFile",
				"deployctl script", "deployctl K", "confctl script_shell", "confctl SCRIPT_SHELL",
				"confctl x_NODE_OPTIONS_y")) {
			assertEquals(Verdict.ASK, policy.evaluate(asked).verdict(), asked);
		}
		for (String trusted : List.of("deployctl pushed", "deployctl pus", "deployctl hook", "deployctl post-hooks",
				"deployctl prerelease", "deployctl scrip", "deployctl kk", "deployctl", "deployctl ''",
				"deployctl -- push-x", "confctl script-shells", "confctl node_option")) {
			assertEquals(Verdict.TRUSTED, policy.evaluate(trusted).verdict(), trusted);
		}
		assertEquals(Verdict.TRUSTED, policy.evaluate("deployctl post_hook").verdict(),
				"deployctl is not loose: its `_` is no `-`");
	}

	/**
	 * A program whose parser takes a prefix of a long option's name ({@code abbrev}) is read as that parser reads it:
	 * a prefix is the option(s) it starts, the option itself and a longer word are not prefixes, and a program's own
	 * option that is a prefix of a longer one ({@code plain}) stays itself.
	 */
	@Test
	void aLongOptionGivenAsAPrefixOfItsNameIsThatOption() {
		String admin = "deployctl   @options     abbrev\n"
				+ "deployctl   --hook=      runs    | runs a hook script\n"
				+ "deployctl   --hook-dir=  loads   | runs the hooks in that folder\n"
				+ "deployctl   --out=       writes  | writes the release notes to a file\n"
				+ "deployctl   --notes-file= writes | writes the release notes to a file\n"
				+ "deployctl   --note       plain\n"
				+ "deployctl   @operands    recurses when=--recursive | uploads every file under that folder\n"
				+ "plainctl    --hook=      runs    | runs a hook script\n";
		ProgramFacts facts = ProgramFacts.withAdministratorFacts("/etc/warden/facts.txt", admin);
		assertEquals(List.of(), facts.problems());
		TrustPolicy policy = policy(facts, "deployctl *", "plainctl *");
		CommandVerdict hook = policy.evaluate("deployctl --ho=hooks");
		assertEquals(Verdict.ASK, hook.verdict(), "`--ho` starts `--hook` and `--hook-dir`: read as both");
		assertTrue(hook.reason().contains("`--ho=hooks` (`--hook`) runs a hook script"), hook.reason());
		assertEquals("--hook=", hook.parts().get(0).fact().orElseThrow().spelling());
		CommandVerdict out = policy.evaluate("deployctl --ou /tmp/notes");
		assertEquals(Verdict.ASK, out.verdict());
		assertTrue(out.reason().contains("`--ou` (`--out`) of `deployctl` writes to `/tmp/notes`"), out.reason());
		assertEquals(Verdict.TRUSTED, policy.evaluate("deployctl --note /tmp/notes").verdict(),
				"an option of its own, not a prefix of a longer one");
		assertEquals(Verdict.ASK, policy.evaluate("deployctl --notes /tmp/notes").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("deployctl --hooks /tmp/x").verdict(), "longer: no prefix");
		assertEquals(Verdict.ASK, policy.evaluate("deployctl --hook-d=/tmp/h").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("deployctl --hook-d=hooks").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("plainctl --ho=/tmp/x").verdict(),
				"a program without abbrev takes the word as an option of its own");
		assertEquals(Verdict.TRUSTED, policy.evaluate("deployctl /tmp").verdict());
		CommandVerdict recursive = policy.evaluate("deployctl --recur /tmp");
		assertEquals(Verdict.ASK, recursive.verdict(), "a condition's option given as a prefix counts");
		assertTrue(recursive.reason().contains("outside the workspace"), recursive.reason());
		assertEquals(List.of("/etc/warden/facts.txt line 1: `plain` is said of an option, such as `--checkpoint?`"),
				ProgramFacts.withAdministratorFacts("/etc/warden/facts.txt", "deployctl @operands plain\n")
						.problems().stream().map(Object::toString).toList());
	}

	@Test
	void aSubcommandReachesItsProgramsOptionsButNotTheGlobalOnesAndConditionsSeeOptionsBeforeIt() {
		String admin = "tool        --conf=     runs    global | reads a configuration that names a hook\n"
				+ "tool        --log=      writes  | writes a log\n"
				+ "tool        -o=         writes  | writes the output\n"
				+ "tool        -v          takes\n"
				+ "tool run    -o=         takes\n"
				+ "tool run    @operands   reads   when=--all,-a | reads every listed file\n"
				+ "tool -a                 takes\n"
				+ "host        -m=         as-program\n"
				+ "hosted      @operands   reads   when=--deep | reads the file\n"
				+ "guest       @first      loads   unless=-m | runs the script\n";
		ProgramFacts facts = ProgramFacts.withAdministratorFacts("admin.txt", admin);
		assertEquals(List.of(), facts.problems());
		FactTable table = facts.table();
		java.util.function.Function<String, List<String>> hits = line -> {
			List<Word> words = java.util.Arrays.stream(line.split(" ")).map(Word::literal).toList();
			return FactScan.scan(table, table.program(words.get(0).text()), words).hits().stream()
					.map(hit -> hit.fact().spelling() + " " + hit.value()).toList();
		};
		// a global option counts before the subcommand only; a program's other options also after it
		assertEquals(List.of("--conf= x.conf"), hits.apply("tool --conf=x.conf run"));
		assertEquals(List.of(), hits.apply("tool run --conf=x.conf"));
		assertEquals(List.of("--log= /tmp/l"), hits.apply("tool run --log=/tmp/l"));
		// the subcommand's own spelling of an option comes first: `-o` only takes a value after `run`
		assertEquals(List.of("-o= /tmp/o"), hits.apply("tool -o /tmp/o run"));
		assertEquals(List.of(), hits.apply("tool run -o /tmp/o"));
		assertEquals(List.of("-o= /tmp/o"), hits.apply("tool -vo /tmp/o"));
		// a condition sees an option given before the subcommand, alone or in a cluster, and after it
		assertEquals(List.of(), hits.apply("tool run a.txt"));
		assertEquals(List.of("@operands a.txt"), hits.apply("tool --all run a.txt"));
		assertEquals(List.of("@operands a.txt"), hits.apply("tool -va run a.txt"));
		assertEquals(List.of("@operands a.txt"), hits.apply("tool run -a a.txt"));
		// the program named by `-m` reads the options its host was given before it
		assertEquals(List.of(), hits.apply("host -m hosted f.txt"));
		assertEquals(List.of("@operands f.txt"), hits.apply("host --deep -m hosted f.txt"));
		assertEquals(List.of("@operands f.txt"), hits.apply("host -m hosted --deep f.txt"));
		// but an `unless=` condition of that program sees only its own options: the host's `-m` is not the guest's
		assertEquals(List.of("@first x.py"), hits.apply("host -m guest x.py"));
		assertEquals(List.of(), hits.apply("host -m guest -m mod"));
	}

	@Test
	void administratorFactsWithBadLinesSayWhichAndWhy() {
		ProgramFacts facts = ProgramFacts.withAdministratorFacts("admin.txt",
				"tool --x= flies\ntool --y= runs when\ntool @nowhere reads\n");
		assertEquals(3, facts.problems().size(), facts.problems().toString());
		assertTrue(facts.problems().get(0).startsWith("admin.txt line 1: no fact"), facts.problems().get(0));
		assertTrue(facts.problems().get(1).contains("line 2"), facts.problems().get(1));
		assertTrue(facts.problems().get(2).contains("unknown operand selector `@nowhere`"), facts.problems().get(2));
	}

	@Test
	void aRecursionIntoHiddenFilesIsTheOnlyReasonASandboxMayWaive() throws Exception {
		TrustPolicy policy = policyOverHiddenFile("grep *");
		CommandVerdict recursive = policy.evaluate("grep -r TOKEN .");
		assertEquals(Verdict.ASK, recursive.verdict());
		assertTrue(recursive.onlyHiddenFilesUnderFolders(), recursive.reason());
		PartFact fact = recursive.parts().get(0).fact().orElseThrow();
		assertEquals(PartFact.Kind.RECURSES, fact.kind());
		assertTrue(fact.sandboxWaivable());
		assertTrue(recursive.reason().contains("sandbox"), recursive.reason());
		assertFalse(policy.evaluate("grep -r TOKEN . && whoami").onlyHiddenFilesUnderFolders(),
				"another part needs approval too");
		assertFalse(policy.evaluate("grep -r TOKEN /etc").onlyHiddenFilesUnderFolders(), "outside the workspace");
		assertFalse(policy.evaluate("grep -r TOKEN src").onlyHiddenFilesUnderFolders(), "trusted");
		assertEquals(Verdict.TRUSTED, policy.evaluate("grep -r TOKEN src").verdict());
	}

	@Test
	void gitAddStagesHiddenFilesThatGitDoesNotIgnore() throws Exception {
		TrustPolicy policy = policyOverHiddenFile("git *");
		CommandVerdict all = policy.evaluate("git add -A");
		assertEquals(Verdict.ASK, all.verdict(), ".env is hidden as sensitive and no .gitignore names it");
		assertTrue(all.reason().contains("that Git does not ignore, such as '.env'"), all.reason());
		assertEquals(PartFact.Kind.RECURSES, all.parts().get(0).fact().orElseThrow().kind());
		assertEquals(Verdict.ASK, policy.evaluate("git add .").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("git add src").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("git add -u").verdict(), "only files Git tracks");
		assertEquals(Verdict.TRUSTED, policy.evaluate("git add -u .").verdict(), "only files Git tracks");
		assertEquals(Verdict.TRUSTED, policy.evaluate("git status").verdict());

		// once .gitignore names it, git add skips it: so do ignored build outputs, hidden as ignored
		Files.writeString(workspace.resolve(".gitignore"), ".env\nbuild/\n");
		Files.createDirectories(workspace.resolve("build"));
		Files.writeString(workspace.resolve("build/out.txt"), "x\n");
		TrustPolicy ignoring = TrustPolicy.builder(workspace)
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("git *")))
				.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace))).build();
		assertEquals(Verdict.TRUSTED, ignoring.evaluate("git add -A").verdict(),
				() -> ignoring.evaluate("git add -A").reason());
		assertEquals(Verdict.TRUSTED, ignoring.evaluate("git add .").verdict());
		CommandVerdict forced = ignoring.evaluate("git add -f .");
		assertEquals(Verdict.ASK, forced.verdict(), "-f adds ignored files too");
		assertTrue(forced.reason().contains(".env") || forced.reason().contains("build"), forced.reason());
	}

	@Test
	void aTaskNameIsNoReadOfTheIgnoredFolderItSpellsUnlessAFactTakesItForAPath() throws Exception {
		Files.writeString(workspace.resolve(".gitignore"), "build/\n");
		Files.createDirectories(workspace.resolve("build"));
		Files.writeString(workspace.resolve("build/out.txt"), "x\n");
		ProgramFacts facts = ProgramFacts.withAdministratorFacts("tools.facts",
				"runner @first task\nloader @first task\nloader @first loads | builds the project in that folder\n");
		TrustPolicy policy = TrustPolicy.builder(workspace)
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("runner *", "loader *", "cat *")))
				.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace))).programFacts(facts).build();
		assertEquals(Verdict.TRUSTED, policy.evaluate("runner build").verdict(), "a task named like the folder");
		CommandVerdict loaded = policy.evaluate("loader build");
		assertEquals(Verdict.ASK, loaded.verdict(), "the same word is the folder a fact says it loads");
		assertTrue(loaded.reason().contains("'build' is hidden from the agent (ignored"), loaded.reason());
		assertEquals(Verdict.ASK, policy.evaluate("cat build/out.txt").verdict());
		// the bundled table: vite's subcommand, and the folder vite loads
		TrustPolicy bundled = TrustPolicy.builder(workspace)
				.add(PatternList.of(PatternScope.WORKSPACE, "w", List.of("vite *")))
				.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace))).build();
		assertEquals(Verdict.TRUSTED, bundled.evaluate("vite build").verdict(), "vite's subcommand");
		assertEquals(Verdict.ASK, bundled.evaluate("vite build build").verdict(), "the folder it builds");
	}

	@Test
	void aFolderMountedIntoAContainerIsReadOutsideTheSandboxAndNotWaived() throws Exception {
		TrustPolicy policy = policyOverHiddenFile("docker *");
		CommandVerdict mounted = policy.evaluate("docker run --rm -v .:/work alpine ls /work");
		assertEquals(Verdict.ASK, mounted.verdict());
		PartFact fact = mounted.parts().get(0).fact().orElseThrow();
		assertEquals(PartFact.Kind.RECURSES, fact.kind());
		assertFalse(fact.sandboxWaivable(), "the engine's daemon mounts the folder, outside any sandbox");
		assertFalse(mounted.onlyHiddenFilesUnderFolders(), mounted.reason());
		assertTrue(mounted.reason().contains("a sandbox does not mask them"), mounted.reason());
		// the build context is read by the command line tool itself, in the sandbox, and sent to the daemon
		assertTrue(policy.evaluate("docker build -t app .").onlyHiddenFilesUnderFolders());
	}

	@Test
	void aListingWhoseNamesAreOpenedIsWaivableLikeARecursion() throws Exception {
		TrustPolicy policy = policyOverHiddenFile("ls *", "xargs *", "cat *", "grep *");
		CommandVerdict listed = policy.evaluate("ls -a | xargs cat");
		assertEquals(Verdict.ASK, listed.verdict());
		assertTrue(listed.onlyHiddenFilesUnderFolders(), listed.reason());
		PartFact fact = listed.parts().get(0).fact().orElseThrow();
		assertEquals(PartFact.Kind.RECURSES, fact.kind());
		assertEquals("ls", fact.program());
		assertTrue(fact.sandboxWaivable());
		assertTrue(listed.parts().get(1).isCovered(), "xargs cat itself is covered");
		// the same listing only printed, or its names taken from a folder without hidden files
		assertEquals(Verdict.TRUSTED, policy.evaluate("ls -a | grep Main").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("ls src | xargs cat").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("cat $(ls -a)").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("cat $(ls src)").verdict());
	}

	/**
	 * A command scanned before is given the scan of its words (see {@code FactScan.Memo}): the scan kept for a
	 * listing that was only printed must not serve the same listing where the line opens its names, nor the other way
	 * round, however often the lines come.
	 */
	@Test
	void aListingScannedBeforeIsJudgedByWhatEachLineDoesWithItsNames() throws Exception {
		TrustPolicy policy = policyOverHiddenFile("ls *", "xargs *", "cat *", "grep *");
		for (int round = 0; round < 3; round++) {
			assertEquals(Verdict.TRUSTED, policy.evaluate("ls -a | grep Main").verdict());
			assertEquals(Verdict.ASK, policy.evaluate("ls -a | xargs cat").verdict());
			assertEquals(Verdict.TRUSTED, policy.evaluate("ls -a").verdict());
			assertEquals(Verdict.ASK, policy.evaluate("ls -a > list.txt").verdict());
			assertEquals(Verdict.ASK, policy.evaluate("cat $(ls -a)").verdict());
		}
		// a new policy over the same table: what the other policy's lines left kept decides nothing
		TrustPolicy again = policyOverHiddenFile("ls *", "xargs *");
		assertEquals(Verdict.ASK, again.evaluate("ls -a | xargs cat").verdict());
	}

	/**
	 * A pattern that names a hidden file is no read of it, and a file named after a pattern attached to its option
	 * is: told apart by the words' text, the same for a scan made afresh and one kept for an equal command.
	 */
	@Test
	void aPatternIsToldFromAFileByItsTextWhenTheScanWasMadeBefore() throws Exception {
		TrustPolicy policy = policyOverHiddenFile("grep *");
		for (int round = 0; round < 3; round++) {
			assertEquals(Verdict.TRUSTED, policy.evaluate("grep -n .env README.md").verdict());
			assertEquals(Verdict.TRUSTED, policy.evaluate("grep -e .env README.md").verdict());
			assertEquals(Verdict.ASK, policy.evaluate("grep --regexp=.env .env").verdict());
			assertEquals(Verdict.ASK, policy.evaluate("grep -e.env .env").verdict());
			assertEquals(Verdict.ASK, policy.evaluate("grep -e e .env").verdict());
		}
	}

	/**
	 * A command with a glob, a brace or find's {@code {}} is kept too (what such a word does is in its text): a glob
	 * that matches a hidden file is asked about however often it comes, next to an equal command that it is not.
	 */
	@Test
	void aCommandWithAGlobScannedBeforeIsJudgedByItsOwnWords() throws Exception {
		TrustPolicy policy = policyOverHiddenFile("cat *", "find *", "grep *", "ls *");
		for (int round = 0; round < 3; round++) {
			assertEquals(Verdict.ASK, policy.evaluate("cat .e*").verdict());
			assertEquals(Verdict.TRUSTED, policy.evaluate("cat src/*").verdict());
			assertEquals(Verdict.TRUSTED, policy.evaluate("find src -name '*.java' -exec grep -l TODO {} +").verdict());
			assertEquals(Verdict.ASK, policy.evaluate("find . -name '*.java' -exec grep -l TODO {} +").verdict());
			assertEquals(Verdict.ASK, policy.evaluate("cat $X").verdict());
		}
	}

	/** A policy with the IDE's path guard over a workspace of `.env` (hidden) and `src/Main.java`. */
	private TrustPolicy policyOverHiddenFile(String... patterns) throws Exception {
		Files.writeString(workspace.resolve(".env"), "TOKEN=x\n");
		Files.createDirectories(workspace.resolve("src"));
		Files.writeString(workspace.resolve("src/Main.java"), "class Main {}\n");
		return TrustPolicy.builder(workspace).add(PatternList.of(PatternScope.WORKSPACE, "w", List.of(patterns)))
				.pathGuard(new PolicyPathGuard(PathPolicy.of(workspace))).build();
	}

	@Test
	void namesTakenFromAFileOrTheInputAreAFactOfTheirOwn() throws Exception {
		TrustPolicy policy = policyOverHiddenFile("tar *", "cpio *", "echo *", "find *");
		CommandVerdict fromFile = policy.evaluate("tar -cf out.tar -T list.txt");
		assertEquals(Verdict.ASK, fromFile.verdict());
		PartFact fileFact = fromFile.parts().get(0).fact().orElseThrow();
		assertEquals(PartFact.Kind.NAMES, fileFact.kind());
		assertEquals("-T=", fileFact.spelling());
		assertFalse(fileFact.sandboxWaivable(), "a sandbox masks hidden files, not files outside the workspace");
		assertEquals(Verdict.TRUSTED, policy(ProgramFacts.builtIn(), "tar -cf out.tar -T list.txt")
				.evaluate("tar -cf out.tar -T list.txt").verdict(), "a pattern that spells the file out covers it");

		CommandVerdict fromInput = policy.evaluate("echo /etc/shadow | cpio -o > out.cpio");
		assertEquals(Verdict.ASK, fromInput.verdict());
		CommandPart cpio = fromInput.parts().get(1);
		assertEquals(PartFact.Kind.NAMES, cpio.fact().orElseThrow().kind());
		assertTrue(fromInput.parts().get(0).isCovered(), "echo itself is covered");
		assertEquals(Verdict.TRUSTED, policy.evaluate("find src | cpio -o > out.cpio").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("find . | cpio -o > out.cpio").verdict(),
				"the listing's names are judged: `.` holds .env");
	}

	@Test
	void aCoveredPartCarriesNoFact() {
		CommandPart part = policy(ProgramFacts.builtIn(), "git log *").evaluate("git log --output=log.txt").parts()
				.get(0);
		assertTrue(part.isCovered());
		assertTrue(part.fact().isEmpty());
	}
}
