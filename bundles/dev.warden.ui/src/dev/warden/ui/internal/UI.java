package dev.warden.ui.internal;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Widget;
import org.eclipse.ui.PlatformUI;

/**
 * The one way Warden hands work to the UI thread.
 */
public final class UI {

	private UI() {
	}

	public static Display display() {
		return PlatformUI.getWorkbench().getDisplay();
	}

	/**
	 * Runs {@code runnable} now when already on the UI thread, else soon on it; nothing happens when the display is
	 * gone (the workbench is closing).
	 */
	public static void runOnUIThread(Runnable runnable) {
		Display display = display();
		if (display.isDisposed()) {
			return;
		}
		if (Display.getCurrent() == display) {
			runnable.run();
		} else {
			display.asyncExec(runnable);
		}
	}

	/**
	 * Text for a {@code Label}, {@code Button} or {@code Link} shown exactly as given: SWT reads a single {@code &} as
	 * a mnemonic marker and would show {@code npm test && rm x} as {@code npm test & rm x}. Every command line, path
	 * or reason that reaches a label goes through here.
	 */
	public static String literal(String text) {
		return text == null ? "" : text.replace("&", "&&"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** Like {@link #runOnUIThread(Runnable)}, but skipped when {@code owner} has been disposed meanwhile. */
	public static void runOnUIThread(Widget owner, Runnable runnable) {
		runOnUIThread(() -> {
			if (!owner.isDisposed()) {
				runnable.run();
			}
		});
	}
}
