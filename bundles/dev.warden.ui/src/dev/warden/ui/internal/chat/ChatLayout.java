package dev.warden.ui.internal.chat;

import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Control;

/** Layout helpers the chat's parts share. */
final class ChatLayout {

	private ChatLayout() {
	}

	/** Shows or hides a control of a grid layout, taking its space away when hidden. */
	static void show(Control control, boolean visible) {
		if (control.getVisible() != visible || ((GridData) control.getLayoutData()).exclude == visible) {
			control.setVisible(visible);
			((GridData) control.getLayoutData()).exclude = !visible;
			control.getParent().layout(true, true);
		}
	}
}
