package dev.warden.core.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * Where proposed file changes go: the change subsystem applies them (as refactoring changes that can be undone) or
 * rejects them, e.g. because the file changed since the agent read it.
 */
@FunctionalInterface
public interface ChangeSink {

	ChangeOutcome apply(ProposedChange change);

	/**
	 * Applies {@code changes} (to different files) as one step named {@code name}, e.g. "Command: mvn
	 * spotless:apply": where the changes can be undone, one undo takes them all back. A change whose file is not what
	 * it was computed from is rejected on its own; the others are still applied. This default applies them one by one.
	 *
	 * @return the outcome of each change, in order
	 */
	default List<ChangeOutcome> applyAll(String name, List<ProposedChange> changes) {
		List<ChangeOutcome> outcomes = new ArrayList<>();
		for (ProposedChange change : changes) {
			outcomes.add(apply(change));
		}
		return outcomes;
	}
}
