package dev.warden.core.internal.trust;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PartList;
import dev.warden.core.trust.PartStatus;

/**
 * The parts of a {@link CommandVerdict}: an unmodifiable list that writes out its
 * {@link CommandPart}s the first time one is read. Deciding a long command line takes the status of every part
 * but the text of few; the parts are only read in full when a user looks at them.
 * <p>
 * Thread-safe: the judged parts no longer change once the list exists, and the written-out list is published
 * through a volatile field (two threads reading at once may each write it out; both get equal parts).
 */
public final class JudgedParts extends AbstractList<CommandPart> implements PartList, RandomAccess {

	private final List<JudgedPart> judged;
	private volatile List<CommandPart> written;

	/**
	 * @param judged the parts, handed over: the judge that made the list does not change it afterwards (it is seen
	 *               whole through this final field), so it is kept instead of copied
	 */
	JudgedParts(List<JudgedPart> judged) {
		this.judged = judged;
	}

	@Override
	public CommandPart get(int index) {
		return written().get(index);
	}

	@Override
	public int size() {
		return judged.size();
	}

	/**
	 * The distinct trust patterns that cover parts, in order, as {@link CommandVerdict#coveringPatterns()} gives
	 * them, read without writing out the parts.
	 */
	@Override
	public List<String> coveringPatterns() {
		List<String> patterns = new ArrayList<>(4);
		for (int i = 0, size = judged.size(); i < size; i++) {
			JudgedPart part = judged.get(i);
			String pattern = part.pattern();
			if (part.status() == PartStatus.COVERED && pattern != null && !holds(patterns, pattern)) {
				patterns.add(pattern);
			}
		}
		return patterns;
	}

	/**
	 * Whether {@code patterns} holds {@code pattern}. The parts a pattern covers share the one text of the pattern,
	 * so a pattern seen before is found by identity, and only a new one is compared by its characters (an equal
	 * pattern may come from another list).
	 */
	private static boolean holds(List<String> patterns, String pattern) {
		for (int i = 0, size = patterns.size(); i < size; i++) {
			if (patterns.get(i) == pattern) {
				return true;
			}
		}
		return patterns.contains(pattern);
	}

	private List<CommandPart> written() {
		List<CommandPart> parts = written;
		if (parts == null) {
			parts = judged.stream().map(JudgedPart::toCommandPart).toList();
			written = parts;
		}
		return parts;
	}
}
