package dev.warden.ui.internal.views;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.part.ViewPart;

import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;
import dev.warden.ui.internal.Messages;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.chat.ConversationViewer;
import dev.warden.ui.internal.preferences.ModelPreferences;

/**
 * The Warden Chat view: the conversation, the input box with Send and Stop, and the mode switch in the toolbar.
 */
public final class ChatView extends ViewPart {

	public static final String ID = "dev.warden.ui.views.chat"; //$NON-NLS-1$

	private ConversationViewer conversation;
	private Composite setupNotice;
	private Text input;
	private Button send;
	private Button stop;
	private ModeAction modeAction;
	private ModeService.Registration modeSubscription;

	@Override
	public void createPartControl(Composite parent) {
		GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);

		setupNotice = createSetupNotice(parent);
		showSetupNotice(false);

		conversation = new ConversationViewer(parent);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(conversation.getControl());

		Composite inputRow = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 4).applyTo(inputRow);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(inputRow);

		input = new Text(inputRow, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
		input.setMessage(Messages.ChatView_inputHint);
		GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, input.getLineHeight() * 3).applyTo(input);

		Composite buttons = new Composite(inputRow, SWT.NONE);
		GridLayoutFactory.fillDefaults().spacing(2, 2).applyTo(buttons);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.TOP).applyTo(buttons);
		send = new Button(buttons, SWT.PUSH);
		send.setText(Messages.ChatView_send);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(send);
		stop = new Button(buttons, SWT.PUSH);
		stop.setText(Messages.ChatView_stop);
		stop.setEnabled(false);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(stop);

		send.addListener(SWT.Selection, e -> sendPrompt());

		createToolbar();
	}

	private Composite createSetupNotice(Composite parent) {
		Composite notice = new Composite(parent, SWT.BORDER);
		GridLayoutFactory.fillDefaults().margins(6, 6).numColumns(2).applyTo(notice);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(notice);
		Label icon = new Label(notice, SWT.NONE);
		icon.setImage(parent.getDisplay().getSystemImage(SWT.ICON_INFORMATION));
		GridDataFactory.fillDefaults().span(1, 2).align(SWT.BEGINNING, SWT.BEGINNING).applyTo(icon);
		Label text = new Label(notice, SWT.WRAP);
		text.setText(Messages.ChatView_noModel);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
		Link link = new Link(notice, SWT.NONE);
		link.setText(Messages.ChatView_noModelLink);
		link.addListener(SWT.Selection, e -> openModelPreferences());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(link);
		return notice;
	}

	private void showSetupNotice(boolean visible) {
		setupNotice.setVisible(visible);
		((GridData) setupNotice.getLayoutData()).exclude = !visible;
		setupNotice.getParent().layout(true, true);
	}

	private void openModelPreferences() {
		PreferencesUtil.createPreferenceDialogOn(getSite().getShell(), ModelPreferences.PAGE_ID, null, null).open();
		if (ModelPreferences.isConfigured()) {
			showSetupNotice(false);
		}
	}

	private void sendPrompt() {
		if (!ModelPreferences.isConfigured()) {
			showSetupNotice(true);
			return;
		}
		String prompt = input.getText().strip();
		if (prompt.isEmpty()) {
			return;
		}
		conversation.addUserMessage(prompt);
		conversation.refresh();
		input.setText(""); //$NON-NLS-1$
	}

	private void createToolbar() {
		ModeService modes = WardenServices.mode();
		modeAction = new ModeAction(modes);
		ActionContributionItem item = new ActionContributionItem(modeAction);
		item.setMode(ActionContributionItem.MODE_FORCE_TEXT);
		IToolBarManager toolbar = getViewSite().getActionBars().getToolBarManager();
		toolbar.add(item);
		toolbar.update(true);
		modeSubscription = modes.addListener(mode -> UI.runOnUIThread(conversation.getControl(), () -> modeAction.show(mode)));
	}

	/** The visible switch between the two modes; shows the current one. */
	static final class ModeAction extends Action {

		private final ModeService modes;

		ModeAction(ModeService modes) {
			super("", AS_PUSH_BUTTON); //$NON-NLS-1$
			this.modes = modes;
			setId("dev.warden.ui.actions.mode"); //$NON-NLS-1$
			setActionDefinitionId("dev.warden.ui.commands.toggleMode"); //$NON-NLS-1$
			show(modes.getMode());
		}

		void show(Mode mode) {
			setText(label(mode));
			setImageDescriptor(ResourceLocator.imageDescriptorFromBundle(ChatView.class,
					mode == Mode.AUTOPILOT ? "icons/autopilot.png" : "icons/supervised.png").orElse(null)); //$NON-NLS-1$ //$NON-NLS-2$
			setToolTipText(NLS.bind(Messages.Mode_tooltip, label(mode), label(mode.toggled())));
		}

		@Override
		public void run() {
			modes.setMode(modes.getMode().toggled());
		}

		static String label(Mode mode) {
			return mode == Mode.AUTOPILOT ? Messages.Mode_autopilot : Messages.Mode_supervised;
		}
	}

	/** For tests: the text of the mode switch as the user sees it. */
	public String modeLabel() {
		return modeAction.getText();
	}

	/** For tests: presses Send with the given text in the input box. */
	public void send(String text) {
		input.setText(text);
		sendPrompt();
	}

	/** For tests: the conversation as drawn. */
	public ConversationViewer conversation() {
		return conversation;
	}

	/** For tests: whether the no-model notice is showing. */
	public boolean isSetupNoticeVisible() {
		return setupNotice.isVisible();
	}

	@Override
	public void setFocus() {
		input.setFocus();
	}

	@Override
	public void dispose() {
		if (modeSubscription != null) {
			modeSubscription.close();
		}
		super.dispose();
	}
}
