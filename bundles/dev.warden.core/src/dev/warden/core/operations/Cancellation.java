package dev.warden.core.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A cancellation token shared by everything one user request sets in motion: the model request, a running command,
 * a wait for the user's approval. Whoever owns the work calls {@link #cancel()}; whoever does the work either polls
 * {@link #isCancelled()} or registers an action with {@link #onCancel(Runnable)} that aborts a blocking operation
 * (closes a stream, kills a process tree).
 * <p>
 * Thread-safe. Cancelling is final: a token cannot be reset.
 */
public final class Cancellation {

	private final CountDownLatch cancelled = new CountDownLatch(1);

	private final List<Runnable> actions = new ArrayList<>();

	/** Cancels the work; runs every registered action once, on the calling thread. Later calls do nothing. */
	public void cancel() {
		List<Runnable> toRun;
		synchronized (actions) {
			if (cancelled.getCount() == 0) {
				return;
			}
			cancelled.countDown();
			toRun = List.copyOf(actions);
			actions.clear();
		}
		RuntimeException failure = null;
		for (Runnable action : toRun) {
			try {
				action.run();
			} catch (RuntimeException e) {
				// every action must get its chance to abort its work; the first failure is reported afterwards
				if (failure == null) {
					failure = e;
				} else {
					failure.addSuppressed(e);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	public boolean isCancelled() {
		return cancelled.getCount() == 0;
	}

	/** @throws CancellationException if this token was cancelled */
	public void throwIfCancelled() {
		if (isCancelled()) {
			throw new CancellationException("Cancelled by the user."); //$NON-NLS-1$
		}
	}

	/**
	 * Registers {@code action} to run when this token is cancelled; runs it at once if it already is.
	 *
	 * @return a handle that unregisters the action when the guarded work ends
	 */
	public Registration onCancel(Runnable action) {
		synchronized (actions) {
			if (!isCancelled()) {
				actions.add(action);
				return () -> {
					synchronized (actions) {
						actions.remove(action);
					}
				};
			}
		}
		action.run();
		return () -> {
		};
	}

	/**
	 * Waits for {@code duration} or until cancelled, whichever comes first.
	 *
	 * @return {@code true} if the whole duration passed, {@code false} if the token was cancelled
	 */
	public boolean sleep(Duration duration) {
		try {
			return !cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			cancel();
			return false;
		}
	}

	/** Unregisters a cancel action. */
	@FunctionalInterface
	public interface Registration extends AutoCloseable {
		@Override
		void close();
	}
}
