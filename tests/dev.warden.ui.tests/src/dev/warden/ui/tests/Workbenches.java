package dev.warden.ui.tests;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;

/** Small helpers for driving the real workbench from a test on the UI thread. */
public final class Workbenches {

	private Workbenches() {
	}

	public static IWorkbenchPage page() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	/** Runs the event loop until nothing is pending, and a little longer so that layouts and paints happen. */
	public static void settle(Display display) {
		long until = System.nanoTime() + 300_000_000L;
		while (System.nanoTime() < until) {
			if (!display.readAndDispatch()) {
				Thread.onSpinWait();
			}
		}
	}

	/** Runs the event loop until {@code condition} holds; fails the test after {@code seconds}. */
	public static void waitUntil(Display display, BooleanSupplier condition, int seconds, String what) {
		long until = System.nanoTime() + seconds * 1_000_000_000L;
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > until) {
				throw new AssertionError("timed out waiting until " + what);
			}
			if (!display.readAndDispatch()) {
				display.sleep();
			}
		}
	}
}
