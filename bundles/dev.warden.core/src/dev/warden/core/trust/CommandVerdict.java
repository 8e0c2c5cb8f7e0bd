package dev.warden.core.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The policy's decision for one command line.
 *
 * @param commandLine the command line as given
 * @param verdict     the overall decision
 * @param reason      why, in one sentence: the covering patterns, or the part that was not covered and why
 * @param understood  whether the parser understood the whole line; when not, {@code parts} is empty and
 *                    {@code reason} says what it could not read
 * @param parts       every simple command the line would run, in the order they appear (a command before the
 *                    commands of its substitutions)
 */
public record CommandVerdict(String commandLine, Verdict verdict, String reason, boolean understood,
		List<CommandPart> parts) {

	public CommandVerdict {
		Objects.requireNonNull(commandLine, "commandLine");
		Objects.requireNonNull(verdict, "verdict");
		Objects.requireNonNull(reason, "reason");
		// The judge's parts are already unmodifiable; copying them would write out every part at once.
		parts = parts instanceof PartList ? parts : List.copyOf(parts);
	}

	/** The distinct trust patterns that cover parts of the line, in order. */
	public List<String> coveringPatterns() {
		if (parts instanceof PartList judged) {
			return judged.coveringPatterns(); // the same patterns, without writing out every part
		}
		List<String> patterns = new ArrayList<>();
		for (CommandPart part : parts) {
			if (part.status() == PartStatus.COVERED && part.pattern().isPresent()
					&& !patterns.contains(part.pattern().get())) {
				patterns.add(part.pattern().get());
			}
		}
		return patterns;
	}

	/**
	 * Whether every part that keeps the line from being trusted was asked about only because a folder it reads every
	 * file of ({@code grep -r}, {@code find}, {@code tar c} …) holds files hidden from the agent. A command run in a
	 * sandbox that masks the hidden files may then be treated as trusted; false for a trusted line.
	 */
	public boolean onlyHiddenFilesUnderFolders() {
		List<CommandPart> uncovered = uncoveredParts();
		return verdict == Verdict.ASK && !uncovered.isEmpty() && uncovered.stream()
				.allMatch(part -> part.fact().map(PartFact::sandboxWaivable).orElse(false));
	}

	/** The parts that keep the line from being trusted. */
	public List<CommandPart> uncoveredParts() {
		return parts.stream().filter(part -> part.status() != PartStatus.COVERED).toList();
	}

	/**
	 * The patterns "Always trust…" offers: one per part that no pattern covers (the narrowest that covers it, with
	 * broader alternatives), never one for the whole line, and none for a part that is denied, failed closed, or
	 * cannot be covered by any pattern. Parts with the same suggestion are offered once.
	 */
	public List<PatternSuggestion> suggestions() {
		List<PatternSuggestion> suggestions = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			CommandPart part = parts.get(i);
			if (part.status() != PartStatus.NOT_COVERED || part.suggestions().isEmpty()) {
				continue;
			}
			String pattern = part.suggestions().get(0);
			if (!seen.contains(pattern)) {
				seen.add(pattern);
				suggestions.add(new PatternSuggestion(i, part.text(), pattern,
						part.suggestions().subList(1, part.suggestions().size())));
			}
		}
		return suggestions;
	}
}
