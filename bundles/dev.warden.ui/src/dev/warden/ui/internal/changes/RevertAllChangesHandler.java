package dev.warden.ui.internal.changes;

import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * <em>Edit &gt; Revert All Warden Changes</em>: brings every file the active chat session touched back to its state
 * before the session, after the user has seen the files and decided the conflicts; one undoable step.
 */
public final class RevertAllChangesHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		Shell shell = HandlerUtil.getActiveWorkbenchWindowChecked(event).getShell();
		Optional<ChatChanges> changes = ChatChanges.active();
		if (changes.isEmpty()) {
			MessageDialog.openInformation(shell, ChangesMessages.Command_title, ChangesMessages.Command_noSession);
			return null;
		}
		changes.get().revertAll(shell);
		return null;
	}
}
