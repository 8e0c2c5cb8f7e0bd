package dev.warden.ui.internal.chat;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuCreator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;

import dev.warden.core.agent.SessionSummary;

/** The chat's History drop-down: past chats of this workspace; open one, or rename or delete it from its submenu. */
final class HistoryAction extends Action implements IMenuCreator {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm") //$NON-NLS-1$
			.withZone(ZoneId.systemDefault());

	private final ChatController controller;
	private final Supplier<Shell> shell;
	private Menu menu;

	HistoryAction(ChatController controller, Supplier<Shell> shell) {
		super(ChatMessages.Chat_history, IAction.AS_DROP_DOWN_MENU);
		this.controller = controller;
		this.shell = shell;
		setId("dev.warden.ui.actions.history"); //$NON-NLS-1$
		setToolTipText(ChatMessages.Chat_history);
		// an icon keeps the drop-down arrow clear of a label when the view is narrow
		setImageDescriptor(ResourceLocator.imageDescriptorFromBundle(HistoryAction.class, "icons/history.png") //$NON-NLS-1$
				.orElse(null));
		setMenuCreator(this);
	}

	@Override
	public void run() {
		// the drop-down is the action
	}

	@Override
	public Menu getMenu(Control parent) {
		dispose();
		menu = new Menu(parent);
		fill(menu);
		return menu;
	}

	@Override
	public Menu getMenu(Menu parent) {
		return null;
	}

	private void fill(Menu target) {
		List<SessionSummary> sessions = controller.history();
		if (sessions.isEmpty()) {
			MenuItem none = new MenuItem(target, SWT.PUSH);
			none.setText(ChatMessages.Chat_historyEmpty);
			none.setEnabled(false);
		}
		for (SessionSummary session : sessions) {
			MenuItem item = new MenuItem(target, SWT.CASCADE);
			item.setText(session.title() + "  \u2014  " + WHEN.format(session.updated())); //$NON-NLS-1$
			Menu actions = new Menu(item);
			item.setMenu(actions);
			MenuItem open = new MenuItem(actions, SWT.PUSH);
			open.setText(ChatMessages.Chat_open);
			open.addListener(SWT.Selection, e -> controller.open(session.id()));
			MenuItem rename = new MenuItem(actions, SWT.PUSH);
			rename.setText(ChatMessages.Chat_rename);
			rename.addListener(SWT.Selection, e -> rename(session));
			MenuItem delete = new MenuItem(actions, SWT.PUSH);
			delete.setText(ChatMessages.Chat_delete);
			delete.addListener(SWT.Selection, e -> delete(session));
		}
	}

	private void rename(SessionSummary session) {
		InputDialog dialog = new InputDialog(shell.get(), ChatMessages.Chat_rename, ChatMessages.Chat_renameMessage,
				session.title(), text -> text.isBlank() ? ChatMessages.Chat_renameMessage : null);
		if (dialog.open() == Window.OK) {
			try {
				controller.rename(session.id(), dialog.getValue().strip());
			} catch (IOException e) {
				ILog.of(getClass()).error("The chat could not be renamed.", e); //$NON-NLS-1$
			}
		}
	}

	private void delete(SessionSummary session) {
		if (MessageDialog.openConfirm(shell.get(), ChatMessages.Chat_delete,
				NLS.bind(ChatMessages.Chat_deleteConfirm, session.title()))) {
			try {
				controller.delete(session.id());
			} catch (IOException e) {
				ILog.of(getClass()).error("The chat could not be deleted.", e); //$NON-NLS-1$
			}
		}
	}

	@Override
	public void dispose() {
		if (menu != null) {
			menu.dispose();
			menu = null;
		}
	}
}
