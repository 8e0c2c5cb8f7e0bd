package dev.warden.core.internal.trust;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warden.core.trust.BuiltInDenyRule;
import dev.warden.core.trust.DenyRule;
import dev.warden.core.trust.PathGuard;
import dev.warden.core.trust.TrustPattern;

/**
 * The patterns and rules of a policy, compiled once for fast matching: trust patterns indexed by program name,
 * deny rules compiled to matchers.
 */
public final class PolicyRules {

	/** The outcome of matching a command against the trust patterns. */
	public record Match(TrustPattern pattern, Risk blockedBy) {
	}

	/**
	 * The last word of a command that runs other code, by the program facts: a wildcard pattern covers the command
	 * only when it spells out the words up to and including this one.
	 */
	public record Risk(int index, String reason) {
	}

	/**
	 * What the policy knows of a program, by the last path segment of a command word: its facts, the trust patterns
	 * and word deny rules named after it, and which of the rules written in code handle it. Found with one lookup per
	 * layer of a simple command ({@link PolicyRules#known}) and read by every check of that layer; for a name the
	 * policy knows nothing of, the checks of programs with facts or roles are skipped. The flags come from the rules' own name sets, and those names are keys of the lookup (and in the facts
	 * table: {@code RuleNames}, checked by a test), so no rule is skipped for a name it knows.
	 *
	 * @param name        the name looked up
	 * @param facts       the program's facts, or null
	 * @param trust       the trust patterns whose first word is the name
	 * @param deny        the word deny rules whose first word is the name
	 * @param wraps       whether {@link Wrappers#unwrap} may find a command inside (a wrapper, shell or privileged
	 *                    program)
	 * @param failsClosed whether a built-in of the name may fail closed or assign a variable ({@code eval},
	 *                    {@code set}, {@code read}, {@code export} …)
	 * @param bashOnly    whether the name is a built-in of bash that dash lacks
	 * @param names       the name alone, as the list of program names of a part with one layer
	 */
	public record Known(String name, FactTable.Program facts, List<TrustPattern> trust, List<DenyMatcher> deny,
			boolean wraps, boolean failsClosed, boolean bashOnly, List<String> names) {

		public Known(String name, FactTable.Program facts, List<TrustPattern> trust, List<DenyMatcher> deny,
				boolean wraps, boolean failsClosed, boolean bashOnly) {
			this(name, facts, trust, deny, wraps, failsClosed, bashOnly, List.of(name));
		}
	}

	/** What the policy knows of no name: the judged layer's before one is found. */
	public static final Known UNKNOWN = new Known("", null, List.of(), List.of(), false, false, false);

	/** What the policy knows of the names it has trust patterns or deny rules for; of the others, see {@link #plain}. */
	private final Map<String, Known> known = new HashMap<>();
	/** What the facts table and the rules written in code know of names without patterns or rules: the table's. */
	private final Map<String, Known> plain;
	private final Map<String, List<TrustPattern>> trustByName = new HashMap<>();
	private final TrustPattern universal;
	private final Map<String, List<DenyMatcher>> denyByName = new HashMap<>();
	private final List<DenyMatcher> denyAnyName = new ArrayList<>();
	private final Set<BuiltInDenyRule> builtIns = EnumSet.noneOf(BuiltInDenyRule.class);
	private final OutputTargets outputTargets;
	private final PathGuard guard;
	private final FactTable facts;

	public PolicyRules(List<TrustPattern> trusted, List<DenyRule> denied, Path workspaceRoot, PathGuard guard,
			FactTable facts) {
		TrustPattern any = null;
		for (TrustPattern pattern : trusted) {
			if (pattern.isUniversal()) {
				any = any == null ? pattern : any;
			} else {
				trustByName.computeIfAbsent(pattern.words().get(0), name -> new ArrayList<>()).add(pattern);
			}
		}
		this.universal = any;
		for (DenyRule rule : denied) {
			if (rule.builtIn().isPresent()) {
				builtIns.add(rule.builtIn().get());
			} else {
				DenyMatcher matcher = new DenyMatcher(rule);
				String key = matcher.programKey();
				if (key == null) {
					denyAnyName.add(matcher);
				} else {
					denyByName.computeIfAbsent(key, name -> new ArrayList<>()).add(matcher);
				}
			}
		}
		this.outputTargets = new OutputTargets(workspaceRoot);
		this.guard = guard;
		this.facts = facts;
		this.plain = plain(facts);
		Set<String> names = new HashSet<>(trustByName.keySet());
		names.addAll(denyByName.keySet());
		for (String name : names) {
			if (lastSegment(name)) {
				Known table = plain.get(name);
				known.put(name, known(name, table != null ? table.facts() : facts.program(name)));
			}
		}
	}

	/** Whether a name may be the last path segment of a command word, which has no slash. */
	private static boolean lastSegment(String name) {
		return name.indexOf('/') < 0 || name.endsWith("/");
	}

	/**
	 * What is known of the names of the table's programs, of the rules written in code and of bash's own
	 * built-ins, without patterns or rules: the same for every policy with these facts, made once per table (a
	 * policy is made for every command the agent runs), and never changed once made.
	 */
	private static Map<String, Known> plain(FactTable facts) {
		Map<String, Known> plain = facts.plainKnown;
		if (plain == null) {
			Set<String> names = new HashSet<>(facts.programNames());
			RuleNames.byRole().values().forEach(names::addAll);
			names.addAll(CommandJudge.BASH_ONLY_BUILTINS);
			plain = new HashMap<>(2 * names.size());
			for (String name : names) {
				if (lastSegment(name)) {
					plain.put(name, known(name, facts.program(name), List.of(), List.of()));
				}
			}
			facts.plainKnown = plain; // two threads may each make one: either serves
		}
		return plain;
	}

	private static Known known(String name, FactTable.Program program, List<TrustPattern> trust,
			List<DenyMatcher> deny) {
		return new Known(name, program, trust, deny, Wrappers.mayWrap(name), CommandJudge.mayFailClosed(name),
				CommandJudge.BASH_ONLY_BUILTINS.contains(name));
	}

	private Known known(String name, FactTable.Program program) {
		return known(name, program, trustByName.getOrDefault(name, List.of()),
				denyByName.getOrDefault(name, List.of()));
	}

	/**
	 * What the policy knows of a program by the last path segment of its command word (see {@link Quoting#basename}):
	 * one lookup, whose answer every check of the command reads. A name with a version suffix the table drops
	 * ({@code python3.12}) gets the facts of the plain name.
	 */
	public Known known(String name) {
		Known found = known.get(name);
		if (found != null || (found = plain.get(name)) != null) {
			return found;
		}
		FactTable.Program program = facts.program(name);
		return program == null ? new Known(name, null, List.of(), List.of(), false, false, false)
				: known(name, program);
	}

	/**
	 * The trust patterns that may cover a command whose first word is {@code word}, of which {@code known} is what
	 * its last path segment names: a pattern names the program as the command spells it ({@code ./gradlew}).
	 */
	public List<TrustPattern> trustPatterns(Word word, Known known) {
		if (!word.literal()) {
			return List.of();
		}
		String text = word.text();
		return text.equals(known.name()) ? known.trust() : trustByName.getOrDefault(text, List.of());
	}

	/** The program facts. */
	public FactTable facts() {
		return facts;
	}

	public boolean isUniversal() {
		return universal != null;
	}

	/** The word deny rules whose first word holds a wildcard or a path: checked against every command. */
	public List<DenyMatcher> denyMatchersForAnyName() {
		return denyAnyName;
	}

	public boolean hasBuiltIn(BuiltInDenyRule rule) {
		return builtIns.contains(rule);
	}

	public OutputTargets outputTargets() {
		return outputTargets;
	}

	/** A working directory and whether it lies in the workspace. */
	private record Placed(Path directory, boolean inWorkspace) {
	}

	/** The answer of {@link #inWorkspace} for the last directory asked about: commands run in few directories. */
	private volatile Placed lastPlaced;

	/** Whether a working directory lies in the workspace (after making it absolute and normal). */
	public boolean inWorkspace(Path workingDirectory) {
		Placed last = lastPlaced;
		if (last != null && last.directory().equals(workingDirectory)) {
			return last.inWorkspace();
		}
		boolean inside = workingDirectory.toAbsolutePath().normalize().startsWith(outputTargets.root());
		lastPlaced = new Placed(workingDirectory, inside);
		return inside;
	}

	public PathGuard guard() {
		return guard;
	}

	/**
	 * Finds the most specific trust pattern that covers the words (an exact pattern before a wildcard of the
	 * same length), falling back to the universal pattern.
	 *
	 * @param candidates the patterns named after the program, from {@link #trustPatterns}
	 */
	public Match match(List<Word> words, List<TrustPattern> candidates, boolean openTail, Risk risk,
			List<String> assignments) {
		TrustPattern best = null;
		Risk blocked = null;
		for (int c = 0; c < candidates.size(); c++) {
			TrustPattern pattern = candidates.get(c);
			List<String> patternWords = pattern.words();
			int length = patternWords.size();
			if (length > words.size() || (!pattern.wildcard() && (length != words.size() || openTail))) {
				continue;
			}
			if (!startsWith(words, patternWords)
					|| (!pattern.assignments().isEmpty() && !assignments.containsAll(pattern.assignments()))) {
				continue;
			}
			if (pattern.wildcard()) {
				if (risk != null && risk.index() >= length) {
					blocked = risk;
					continue;
				}
			}
			if (best == null || length > best.words().size()
					|| (length == best.words().size() && best.wildcard() && !pattern.wildcard())
					|| (length == best.words().size() && best.wildcard() == pattern.wildcard()
							&& pattern.assignments().size() > best.assignments().size())) {
				best = pattern;
			}
		}
		if (best == null && universal != null) {
			best = universal;
		}
		return new Match(best, best == null ? blocked : null);
	}

	/** Whether a pattern of this many leading words, ending in {@code *}, would cover the command. */
	public static boolean wildcardWouldCover(Risk risk, int length) {
		return risk == null || risk.index() < length;
	}

	/** Whether the words start with the pattern's words; the first words are equal, being the index key. */
	private static boolean startsWith(List<Word> words, List<String> patternWords) {
		for (int i = 1; i < patternWords.size(); i++) {
			Word word = words.get(i);
			if (!word.literal() || !word.text().equals(patternWords.get(i))) {
				return false;
			}
		}
		return true;
	}
}
