package dev.warden.core.operations;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Runs {@link WardenOperation}s as jobs of one family, {@link #FAMILY}: the Progress view shows them, and everything
 * Warden has running can be found ({@code Job.getJobManager().find(WardenJobs.FAMILY)}), waited for or cancelled at
 * once. A job's {@link Cancellation} is cancelled when the job is (the Progress view's red button, Stop), so work that
 * blocks — a model request, a command, a wait for the user — ends without polling the monitor.
 */
public final class WardenJobs {

	/** The family of every job Warden schedules. */
	public static final Object FAMILY = WardenJobs.class;

	private WardenJobs() {
	}

	/** A job of Warden's family that runs {@code operation} under its scheduling rule; not yet scheduled. */
	public static WardenJob job(String name, WardenOperation operation) {
		return new WardenJob(name, new Cancellation(), operation);
	}

	/**
	 * A job of Warden's family that runs {@code operation}, cancelling {@code cancellation} when it is cancelled; for
	 * work that hands the token on before the job exists.
	 */
	public static WardenJob job(String name, Cancellation cancellation, WardenOperation operation) {
		return new WardenJob(name, cancellation, operation);
	}

	/** Schedules {@code operation} as a job the user sees in the Progress view. */
	public static WardenJob schedule(String name, WardenOperation operation) {
		WardenJob job = job(name, operation);
		job.schedule();
		return job;
	}

	/** Schedules {@code operation} as a system job (not shown unless the Progress view shows system jobs). */
	public static WardenJob scheduleSystem(String name, WardenOperation operation) {
		WardenJob job = job(name, operation);
		job.setSystem(true);
		job.schedule();
		return job;
	}

	/** A job of Warden's family, with the cancellation token of its work. */
	public static final class WardenJob extends Job {

		private final WardenOperation operation;
		private final Cancellation cancellation;

		WardenJob(String name, Cancellation cancellation, WardenOperation operation) {
			super(name);
			this.operation = operation;
			this.cancellation = cancellation;
			ISchedulingRule rule = operation.schedulingRule();
			if (rule != null) {
				setRule(rule);
			}
		}

		/** Cancelled when the job is cancelled; hand it to the work that blocks. */
		public Cancellation cancellation() {
			return cancellation;
		}

		@Override
		protected IStatus run(IProgressMonitor monitor) {
			try {
				operation.execute(monitor);
				return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
			} catch (OperationCanceledException e) {
				return Status.CANCEL_STATUS;
			} catch (CoreException e) {
				return e.getStatus();
			}
		}

		@Override
		protected void canceling() {
			cancellation.cancel();
		}

		@Override
		public boolean belongsTo(Object family) {
			return family == FAMILY;
		}
	}
}
