package dev.warden.core.internal.trust;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
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
	}

	/** The program facts. */
	public FactTable facts() {
		return facts;
	}

	public boolean isUniversal() {
		return universal != null;
	}

	/** The word deny rules that may match a command whose program has this last path segment. */
	public List<DenyMatcher> denyMatchers(String name) {
		return denyByName.getOrDefault(name, List.of());
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

	public PathGuard guard() {
		return guard;
	}

	/**
	 * Finds the most specific trust pattern that covers the words (an exact pattern before a wildcard of the
	 * same length), falling back to the universal pattern.
	 */
	public Match match(List<Word> words, boolean openTail, Risk risk, List<String> assignments) {
		TrustPattern best = null;
		Risk blocked = null;
		Word name = words.get(0);
		List<TrustPattern> candidates = name.literal() ? trustByName.get(name.text()) : null;
		if (candidates != null) {
			for (TrustPattern pattern : candidates) {
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
