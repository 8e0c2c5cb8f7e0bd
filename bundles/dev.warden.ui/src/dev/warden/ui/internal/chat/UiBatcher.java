package dev.warden.ui.internal.chat;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * Hands updates from the agent's thread to the UI thread in batches: whatever arrived within a frame
 * ({@value #FRAME_MS} ms) is applied in one go, followed by one {@code afterBatch} (the conversation's refresh). A
 * stream of thousands of tokens a second thus costs the UI thread a few short runs a second, not one per token.
 */
public final class UiBatcher {

	static final int FRAME_MS = 40;

	private final Control owner;
	private final Runnable afterBatch;
	private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
	private final AtomicBoolean scheduled = new AtomicBoolean();

	public UiBatcher(Control owner, Runnable afterBatch) {
		this.owner = owner;
		this.afterBatch = afterBatch;
	}

	/** Queues {@code update} to run on the UI thread in the next batch; safe from any thread. */
	public void post(Runnable update) {
		pending.add(update);
		if (scheduled.compareAndSet(false, true)) {
			Display display = owner.getDisplay();
			if (display.isDisposed()) {
				return;
			}
			display.asyncExec(() -> {
				if (!owner.isDisposed()) {
					owner.getDisplay().timerExec(FRAME_MS, this::drain);
				}
			});
		}
	}

	/** Applies everything queued now; on the UI thread. */
	public void drain() {
		scheduled.set(false);
		if (owner.isDisposed()) {
			pending.clear();
			return;
		}
		boolean any = false;
		for (Runnable update = pending.poll(); update != null; update = pending.poll()) {
			update.run();
			any = true;
		}
		if (any) {
			afterBatch.run();
		}
	}
}
