package dev.warden.ui.internal.chat;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.warden.ui.internal.chat.ChatView;

/** Opens (or brings to front) the Warden Chat view. */
public final class OpenChatHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		try {
			HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage().showView(ChatView.ID);
		} catch (PartInitException e) {
			throw new ExecutionException(ChatMessages.OpenChat_failed, e);
		}
		return null;
	}
}
