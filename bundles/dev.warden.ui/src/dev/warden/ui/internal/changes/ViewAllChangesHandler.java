package dev.warden.ui.internal.changes;

import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** <em>Edit &gt; View All Warden Changes</em>: the compare editor over the active chat session's changes. */
public final class ViewAllChangesHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
		Optional<ChatChanges> changes = ChatChanges.active();
		if (changes.isEmpty()) {
			MessageDialog.openInformation(window.getShell(), ChangesMessages.Command_title,
					ChangesMessages.Command_noSession);
			return null;
		}
		changes.get().viewAll(window.getActivePage());
		return null;
	}
}
