package dev.warden.core.trust;

import java.util.List;

/**
 * The parts of a verdict as the judge made them: an unmodifiable list that knows its covering patterns without
 * writing out every part. {@link CommandVerdict} keeps such a list as it is instead of copying it; an implementation
 * must therefore never change.
 */
public interface PartList extends List<CommandPart> {

	/** The distinct trust patterns that cover parts of the line, in order. */
	List<String> coveringPatterns();
}
