package dev.warden.core.tools;

/**
 * Where proposed file changes go: the change subsystem applies them (as refactoring changes that can be undone) or
 * rejects them, e.g. because the file changed since the agent read it.
 */
@FunctionalInterface
public interface ChangeSink {

	ChangeOutcome apply(ProposedChange change);
}
