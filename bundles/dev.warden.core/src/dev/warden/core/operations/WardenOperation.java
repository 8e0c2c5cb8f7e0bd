package dev.warden.core.operations;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;

/**
 * A piece of long work Warden does: it reports progress to and checks cancellation of the monitor it is given, and
 * names the resources it needs exclusive access to. The UI runs operations with {@link WardenJobs}; tests and
 * headless tools call {@link #execute} directly.
 */
@FunctionalInterface
public interface WardenOperation {

	/**
	 * Does the work.
	 *
	 * @param monitor progress and cancellation; never {@code null} (split it with {@code SubMonitor.convert})
	 * @throws CoreException when the work fails; its status says what happened and what to do
	 */
	void execute(IProgressMonitor monitor) throws CoreException;

	/** The rule the work must hold while it runs, e.g. the projects it changes; {@code null} for none. */
	default ISchedulingRule schedulingRule() {
		return null;
	}
}
