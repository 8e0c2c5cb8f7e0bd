package dev.warden.ui.internal.chat;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * Layout helpers the chat's parts share. None of them lays the view out from scratch ({@code layout(true, true)} on a
 * composite that holds the conversation): that would measure every entry of a long chat again, the text of each tool
 * card and answer, where only one control changed.
 */
final class ChatLayout {

	private ChatLayout() {
	}

	/**
	 * Shows or hides a control of a grid layout, taking its space away when hidden.
	 *
	 * @return whether that changed anything (and the control was laid out again)
	 */
	static boolean show(Control control, boolean visible) {
		if (control.getVisible() != visible || ((GridData) control.getLayoutData()).exclude == visible) {
			control.setVisible(visible);
			((GridData) control.getLayoutData()).exclude = !visible;
			relayout(control);
			return true;
		}
		return false;
	}

	/**
	 * Lays out again a control of the view whose size changed (its text, its visibility), and the composites above
	 * it, from the cached sizes of everything else.
	 */
	static void relayout(Control changed) {
		changed.getParent().layout(new Control[] { changed });
	}

	/**
	 * Lays out again an entry of the conversation whose size changed (a fold opened, a card answered), after its own
	 * controls, and resizes the conversation's scrolled content to fit: the other entries keep their cached sizes.
	 */
	static void entryChanged(Composite entry) {
		entry.layout(true, true);
		Composite conversation = entry.getParent();
		conversation.layout(new Control[] { entry });
		Point size = conversation.computeSize(conversation.getSize().x, SWT.DEFAULT);
		conversation.setSize(size);
		if (conversation.getParent() instanceof ScrolledComposite scrolled) {
			scrolled.setMinSize(size);
		}
	}
}
