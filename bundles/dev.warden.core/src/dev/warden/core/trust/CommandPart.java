package dev.warden.core.trust;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One simple command of a command line, as the shell would execute it, and how the policy judged it.
 *
 * @param text         the simple command for display, one line (quoted where needed)
 * @param words        its words after quote removal; expansions ({@code $HOME}, {@code $(date)}, globs) are kept
 *                     as written
 * @param assignments  its leading {@code NAME=value} assignments (and those a wrapper such as {@code env} makes)
 * @param redirections its redirections, including those of an enclosing subshell or group
 * @param judgedWords  the words matched against the patterns: the command a wrapper runs ({@code npm test} for
 *                     {@code timeout 5 npm test}); empty for a part that runs nothing itself (a lone
 *                     assignment, or {@code bash -c '…'} whose commands are separate parts)
 * @param openEnded    whether more arguments are added at run time ({@code xargs}), so that only a pattern
 *                     ending in {@code *} can cover it
 * @param context      where the part sits: empty at the top level, else for example
 *                     {@code "inside a command substitution"} or {@code "run by bash -c"}
 * @param status       the judgement
 * @param pattern      the trust pattern that covers it, or the deny rule (with its {@code !}) that denies it
 * @param reason       why, in one sentence a user reads
 * @param suggestions  patterns that would cover it, narrowest first; empty unless {@code status} is
 *                     {@link PartStatus#NOT_COVERED}
 * @param fact         the program fact that made it not covered ({@code --output} of {@code git log} writes a
 *                     file), when one did
 */
public record CommandPart(String text, List<String> words, List<String> assignments, List<String> redirections,
		List<String> judgedWords, boolean openEnded, String context, PartStatus status, Optional<String> pattern,
		String reason, List<String> suggestions, Optional<PartFact> fact) {

	public CommandPart {
		Objects.requireNonNull(text, "text");
		words = List.copyOf(words);
		assignments = List.copyOf(assignments);
		redirections = List.copyOf(redirections);
		judgedWords = List.copyOf(judgedWords);
		Objects.requireNonNull(context, "context");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(pattern, "pattern");
		Objects.requireNonNull(reason, "reason");
		suggestions = List.copyOf(suggestions);
		Objects.requireNonNull(fact, "fact");
	}

	/** A part that no program fact is about. */
	public CommandPart(String text, List<String> words, List<String> assignments, List<String> redirections,
			List<String> judgedWords, boolean openEnded, String context, PartStatus status, Optional<String> pattern,
			String reason, List<String> suggestions) {
		this(text, words, assignments, redirections, judgedWords, openEnded, context, status, pattern, reason,
				suggestions, Optional.empty());
	}

	/** Whether a trusted pattern covers this part. */
	public boolean isCovered() {
		return status == PartStatus.COVERED;
	}
}
