package dev.warden.ui.internal.chat;

import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuCreator;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.part.ViewPart;

import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;
import dev.warden.core.agent.SessionSummary;
import dev.warden.core.agent.ConversationStore;
import dev.warden.core.audit.JsonLinesAuditLog;
import dev.warden.core.internal.settings.StateLocations;
import dev.warden.core.internal.settings.TrustSettings;
import dev.warden.core.protect.PolicyPathGuard;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.Usage;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.chat.AgentRuntime;
import dev.warden.ui.internal.chat.AgentScope;
import dev.warden.ui.internal.chat.ScopeGate;
import dev.warden.ui.internal.chat.ChatApprovals;
import dev.warden.ui.internal.chat.ChatController;
import dev.warden.ui.internal.chat.ContextAttachments;
import dev.warden.ui.internal.chat.ConversationViewer;
import dev.warden.ui.internal.chat.FileMentions;
import dev.warden.ui.internal.protect.FirstFetchNote;
import dev.warden.ui.internal.chat.ChatPreferences;
import dev.warden.ui.internal.model.ModelPreferences;

/**
 * The Warden Chat view: the conversation, the input box with Send and Stop, the mode switch, new chat and history
 * in the toolbar, and a status line with the model and the session's token usage.
 */
public final class ChatView extends ViewPart {

	public static final String ID = "dev.warden.ui.views.chat"; //$NON-NLS-1$
	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm") //$NON-NLS-1$
			.withZone(ZoneId.systemDefault());

	private Composite setupNotice;
	private Label universalTrust;
	private ConversationViewer conversation;
	private ChatController controller;
	private ChatApprovals approvals;
	private Text input;
	private Button send;
	private Button stop;
	private Label status;
	private ModeAction modeAction;
	private ModeService.Registration modeSubscription;
	private final List<String> sentPrompts = new ArrayList<>();
	private int recall = -1;
	private AgentScope lastScope;
	private ContextAttachments attachments;
	private Composite urlOffer;
	private Label urlOfferText;
	private String offeredUrl;
	private final java.util.Set<String> declinedUrls = new java.util.HashSet<>();

	@Override
	public void createPartControl(Composite parent) {
		GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);

		setupNotice = createSetupNotice(parent);
		universalTrust = new Label(parent, SWT.WRAP);
		universalTrust.setText(ChatMessages.Chat_universalTrust);
		universalTrust.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(universalTrust);

		conversation = new ConversationViewer(parent);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(conversation.getControl());
		controller = new ChatController(conversation, new ConversationStore(StateLocations.conversations()),
				() -> getSite().getShell(), c -> UI.runOnUIThread(conversation.getControl(), this::updateState));
		approvals = new ChatApprovals(conversation, controller::post, this::commandPolicy, this::savePatterns,
				(invocation, changes) -> controller.changes().review(getSite().getShell(), invocation, changes));

		urlOffer = createUrlOffer(parent);
		attachments = new ContextAttachments(parent);

		Composite inputRow = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 4).applyTo(inputRow);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(inputRow);
		input = new Text(inputRow, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
		input.setMessage(ChatMessages.ChatView_inputHint);
		GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, input.getLineHeight() * 3).applyTo(input);
		input.addListener(SWT.KeyDown, e -> inputKey(e));
		input.addListener(SWT.Modify, e -> offerUrl());
		FileMentions.install(input, this::visibleFiles);
		input.addListener(SWT.Traverse, e -> {
			boolean enterSends = ChatPreferences.enterSends();
			boolean sendKey = enterSends ? (e.stateMask & SWT.SHIFT) == 0 : (e.stateMask & SWT.MOD1) != 0;
			if (e.detail == SWT.TRAVERSE_RETURN && sendKey) {
				e.doit = false;
				e.detail = SWT.TRAVERSE_NONE;
				sendPrompt();
			} else if (e.detail == SWT.TRAVERSE_ESCAPE && controller.isRunning()) {
				e.doit = false;
				controller.stop();
			}
		});

		Composite buttons = new Composite(inputRow, SWT.NONE);
		GridLayoutFactory.fillDefaults().spacing(2, 2).applyTo(buttons);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.TOP).applyTo(buttons);
		send = new Button(buttons, SWT.PUSH);
		send.setText(ChatMessages.ChatView_send);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(send);
		stop = new Button(buttons, SWT.PUSH);
		stop.setText(ChatMessages.ChatView_stop);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(stop);
		Button attach = new Button(buttons, SWT.PUSH);
		attach.setText(ChatMessages.Context_attach);
		attach.setToolTipText(ChatMessages.Context_attachTooltip);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(attach);
		attach.addListener(SWT.Selection, e -> attachEditor());
		send.addListener(SWT.Selection, e -> sendPrompt());
		stop.addListener(SWT.Selection, e -> controller.stop());

		status = new Label(parent, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(status);

		createToolbar();
		// the change journal is opened (a file lock, the journal read back) off the UI thread
		org.eclipse.core.runtime.jobs.Job opening = org.eclipse.core.runtime.jobs.Job.create(ChatMessages.Chat_openingJournal,
				monitor -> {
					try {
						controller.changes();
					} catch (IllegalStateException e) {
						ILog.of(ChatView.class).warn(e.getMessage(), e);
						UI.runOnUIThread(input, () -> {
							conversation.addNotice(e.getMessage());
							conversation.refresh();
						});
					}
				});
		opening.setSystem(true);
		opening.schedule();
		updateState();
	}

	private Composite createSetupNotice(Composite parent) {
		Composite notice = new Composite(parent, SWT.BORDER);
		GridLayoutFactory.fillDefaults().margins(6, 6).numColumns(2).applyTo(notice);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(notice);
		Label icon = new Label(notice, SWT.NONE);
		icon.setImage(parent.getDisplay().getSystemImage(SWT.ICON_INFORMATION));
		GridDataFactory.fillDefaults().span(1, 2).align(SWT.BEGINNING, SWT.BEGINNING).applyTo(icon);
		Label text = new Label(notice, SWT.WRAP);
		text.setText(ChatMessages.ChatView_noModel);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
		Link link = new Link(notice, SWT.NONE);
		link.setText(ChatMessages.ChatView_noModelLink);
		link.addListener(SWT.Selection, e -> openModelPreferences());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(link);
		return notice;
	}

	private static void show(Control control, boolean visible) {
		if (control.getVisible() != visible || ((GridData) control.getLayoutData()).exclude == visible) {
			control.setVisible(visible);
			((GridData) control.getLayoutData()).exclude = !visible;
			control.getParent().layout(true, true);
		}
	}

	private void openModelPreferences() {
		PreferencesUtil.createPreferenceDialogOn(getSite().getShell(), ModelPreferences.PAGE_ID, null, null).open();
		updateState();
	}

	private void inputKey(org.eclipse.swt.widgets.Event e) {
		if (e.keyCode == SWT.ARROW_UP && (input.getText().isEmpty() || recall >= 0) && !sentPrompts.isEmpty()) {
			recall = recall < 0 ? sentPrompts.size() - 1 : Math.max(0, recall - 1);
			input.setText(sentPrompts.get(recall));
			input.setSelection(input.getText().length());
			e.doit = false;
		} else if (e.keyCode == SWT.ARROW_DOWN && recall >= 0) {
			recall++;
			input.setText(recall < sentPrompts.size() ? sentPrompts.get(recall) : ""); //$NON-NLS-1$
			if (recall >= sentPrompts.size()) {
				recall = -1;
			}
			e.doit = false;
		} else if (e.character != 0 && e.keyCode != SWT.ARROW_UP && e.keyCode != SWT.ARROW_DOWN) {
			recall = -1;
		}
	}

	private void sendPrompt() {
		if (controller.isRunning()) {
			return;
		}
		if (!ModelPreferences.isConfigured()) {
			show(setupNotice, true);
			return;
		}
		String prompt = input.getText().strip();
		if (prompt.isEmpty()) {
			return;
		}
		AgentScope scope = prepareScope();
		if (scope.isEmpty()) {
			return;
		}
		for (String problem : attachments.attachMentions(prompt, scope.pathPolicy())) {
			conversation.addNotice(problem);
		}
		sentPrompts.add(prompt);
		recall = -1;
		input.setText(""); //$NON-NLS-1$
		showUrlOffer(null);
		String fullPrompt = attachments.promptWith(prompt);
		controller.send(fullPrompt, (sessionId, asker, changes) -> AgentRuntime.setup(scope, asker,
				auditLog(sessionId), changes), approvals);
	}

	private Composite createUrlOffer(Composite parent) {
		Composite offer = new Composite(parent, SWT.BORDER);
		GridLayoutFactory.fillDefaults().numColumns(3).margins(6, 4).applyTo(offer);
		GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(offer);
		offer.setVisible(false);
		urlOfferText = new Label(offer, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).align(SWT.FILL, SWT.CENTER).applyTo(urlOfferText);
		Button fetch = new Button(offer, SWT.PUSH);
		fetch.setText(ChatMessages.Context_fetch);
		fetch.addListener(SWT.Selection, e -> fetchOfferedUrl());
		Button no = new Button(offer, SWT.PUSH);
		no.setText(ChatMessages.Context_noThanks);
		no.addListener(SWT.Selection, e -> {
			declinedUrls.add(offeredUrl);
			showUrlOffer(null);
		});
		return offer;
	}

	private void offerUrl() {
		java.util.Optional<String> url = ContextAttachments.findUrl(input.getText());
		if (url.isPresent() && !declinedUrls.contains(url.get())) {
			showUrlOffer(url.get());
		} else if (url.isEmpty()) {
			showUrlOffer(null);
		}
	}

	private void showUrlOffer(String url) {
		offeredUrl = url;
		if (url != null) {
			urlOfferText.setText(NLS.bind(ChatMessages.Context_fetchOffer, url));
		}
		show(urlOffer, url != null);
	}

	/** Fetches the offered URL through the safe fetcher, off the UI thread, and attaches it. */
	public void fetchOfferedUrl() {
		String url = offeredUrl;
		if (url == null || !FirstFetchNote.confirmFirstFetch(getSite().getShell())) {
			return;
		}
		showUrlOffer(null);
		declinedUrls.add(url);
		String sessionId = controller.conversation().id();
		org.eclipse.core.runtime.jobs.Job job = org.eclipse.core.runtime.jobs.Job.create(NLS.bind(ChatMessages.Context_fetching, url), monitor -> {
			JsonLinesAuditLog audit = auditLog(sessionId);
			try {
				dev.warden.core.protect.FetchedContent content = new dev.warden.core.protect.SafeFetcher(
						dev.warden.core.internal.settings.ProtectionSettings.urlPolicy(),
						dev.warden.core.protect.FetchLimits.DEFAULT).fetch(url);
				audit.record(dev.warden.core.audit.AuditEvent.of("url.fetch", url, "ALLOWED", //$NON-NLS-1$ //$NON-NLS-2$
						"pasted by the user; connected to " + content.address().getHostAddress(), "user")); //$NON-NLS-1$ //$NON-NLS-2$
				UI.runOnUIThread(input, () -> attachments.attachUrl(content));
			} catch (dev.warden.core.protect.FetchException e) {
				audit.record(dev.warden.core.audit.AuditEvent.of("url.fetch", url, "REFUSED", e.getMessage(), "user")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				UI.runOnUIThread(input, () -> {
					conversation.addNotice(NLS.bind(ChatMessages.Context_fetchFailed, url, e.getMessage()));
					conversation.refresh();
				});
			}
		});
		job.schedule();
	}

	/** The audit trail of a chat session; a failure to write it is logged, never thrown at the user. */
	private static JsonLinesAuditLog auditLog(String sessionId) {
		return new JsonLinesAuditLog(StateLocations.audit(), sessionId,
				e -> ILog.of(ChatView.class).warn("The Warden audit trail could not be written.", e)); //$NON-NLS-1$
	}

	/**
	 * Asks about projects not trusted yet (and shared lists not accepted), and returns the projects the agent may
	 * work in; says so in the conversation when there are none.
	 */
	private AgentScope prepareScope() {
		AgentScope scope = ScopeGate.prepare(getSite().getShell());
		lastScope = scope;
		if (scope.isEmpty()) {
			conversation.addNotice(ChatMessages.Chat_noProjects);
			conversation.refresh();
		}
		return scope;
	}

	private void attachEditor() {
		AgentScope scope = prepareScope();
		if (scope.isEmpty()) {
			return;
		}
		attachments.attachEditor(getSite().getPage(), scope.pathPolicy()).ifPresent(problem -> {
			conversation.addNotice(problem);
			conversation.refresh();
		});
	}

	/** The workspace files the agent may see, for {@code @} completion. */
	private List<String> visibleFiles() {
		AgentScope scope = AgentScope.of(AgentScope.candidates());
		List<String> files = new ArrayList<>();
		if (scope.isEmpty()) {
			return files;
		}
		scope.pathPolicy().walk(".", 12, file -> { //$NON-NLS-1$
			if (!file.directory()) {
				files.add(scope.projects().size() > 1 ? file.root().name() + '/' + file.relativePath() : file.relativePath());
			}
			return files.size() < 5000;
		});
		return files;
	}

	/** The trusted-command policy of the project commands run in, for showing how a command is split. */
	private dev.warden.core.trust.TrustPolicy commandPolicy() {
		AgentScope scope = lastScope;
		return TrustSettings.policy(scope.commandProject(), new PolicyPathGuard(scope.pathPolicy()), null);
	}

	/** Saves the patterns ticked under Always trust…, asking first when one of them trusts every command. */
	private boolean savePatterns(List<String> patterns) {
		if (patterns.contains("*") && !MessageDialog.openConfirm(getSite().getShell(), ChatMessages.Approval_universalTitle, //$NON-NLS-1$
				ChatMessages.Approval_universalMessage)) {
			return false;
		}
		try {
			TrustSettings.addWorkspacePatterns(patterns);
			updateState();
			return true;
		} catch (org.osgi.service.prefs.BackingStoreException e) {
			ILog.of(getClass()).error("The trusted patterns could not be saved.", e); //$NON-NLS-1$
			return false;
		}
	}

	/** Shows what the view depends on: running or not, the model, usage, universal trust. */
	private void updateState() {
		if (send.isDisposed()) {
			return;
		}
		boolean running = controller.isRunning();
		send.setEnabled(!running);
		stop.setEnabled(running);
		boolean configured = ModelPreferences.isConfigured();
		show(setupNotice, !configured);
		show(universalTrust, TrustSettings.workspaceList().containsUniversal());
		if (configured) {
			ProviderConfig config = ModelPreferences.load().toConfig(dev.warden.core.provider.ApiKey.NONE);
			Usage usage = controller.sessionUsage();
			NumberFormat numbers = NumberFormat.getIntegerInstance();
			status.setText(NLS.bind(ChatMessages.Chat_status, new Object[] { ModelPreferences.load().preset().label(),
					config.model(), numbers.format(usage.promptTokens()), numbers.format(usage.outputTokens()),
					numbers.format(usage.cacheReadTokens()) }));
		} else {
			status.setText(ChatMessages.Chat_statusNoModel);
		}
		status.getParent().layout(new Control[] { status });
	}

	private void createToolbar() {
		ModeService modes = WardenServices.mode();
		modeAction = new ModeAction(modes);
		ActionContributionItem item = new ActionContributionItem(modeAction);
		item.setMode(ActionContributionItem.MODE_FORCE_TEXT);
		IToolBarManager toolbar = getViewSite().getActionBars().getToolBarManager();
		toolbar.add(item);
		toolbar.add(new Action(ChatMessages.Chat_newChat) {
			{
				setId("dev.warden.ui.actions.newChat"); //$NON-NLS-1$
				setToolTipText(ChatMessages.Chat_newChat);
			}

			@Override
			public void run() {
				controller.newChat();
			}
		});
		toolbar.add(new HistoryAction());
		toolbar.add(new Action(ChatMessages.Chat_viewAll) {
			{
				setId("dev.warden.ui.actions.viewAll"); //$NON-NLS-1$
				setActionDefinitionId("dev.warden.ui.commands.viewAllChanges"); //$NON-NLS-1$
			}

			@Override
			public void run() {
				controller.changes().viewAll(getSite().getPage());
			}
		});
		toolbar.add(new Action(ChatMessages.Chat_revertAll) {
			{
				setId("dev.warden.ui.actions.revertAll"); //$NON-NLS-1$
				setActionDefinitionId("dev.warden.ui.commands.revertAllChanges"); //$NON-NLS-1$
			}

			@Override
			public void run() {
				if (!controller.isRunning()) {
					controller.changes().revertAll(getSite().getShell());
				}
			}
		});
		toolbar.update(true);
		modeSubscription = modes.addListener(mode -> UI.runOnUIThread(conversation.getControl(), () -> modeAction.show(mode)));
	}

	/** Past chats of this workspace: pick one to open it; rename and delete from its submenu. */
	private final class HistoryAction extends Action implements IMenuCreator {

		private Menu menu;

		HistoryAction() {
			super(ChatMessages.Chat_history, IAction.AS_DROP_DOWN_MENU);
			setId("dev.warden.ui.actions.history"); //$NON-NLS-1$
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
				open.setText(ChatMessages.Chat_history);
				open.addListener(SWT.Selection, e -> controller.open(session.id()));
				MenuItem rename = new MenuItem(actions, SWT.PUSH);
				rename.setText(ChatMessages.Chat_rename);
				rename.addListener(SWT.Selection, e -> rename(session));
				MenuItem delete = new MenuItem(actions, SWT.PUSH);
				delete.setText(ChatMessages.Chat_delete);
				delete.addListener(SWT.Selection, e -> delete(session));
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

	private void rename(SessionSummary session) {
		InputDialog dialog = new InputDialog(getSite().getShell(), ChatMessages.Chat_rename, ChatMessages.Chat_renameMessage,
				session.title(), text -> text.isBlank() ? ChatMessages.Chat_renameMessage : null);
		if (dialog.open() == Window.OK) {
			try {
				controller.rename(session.id(), dialog.getValue().strip());
			} catch (java.io.IOException e) {
				ILog.of(getClass()).error("The chat could not be renamed.", e); //$NON-NLS-1$
			}
		}
	}

	private void delete(SessionSummary session) {
		if (MessageDialog.openConfirm(getSite().getShell(), ChatMessages.Chat_delete,
				NLS.bind(ChatMessages.Chat_deleteConfirm, session.title()))) {
			try {
				controller.delete(session.id());
			} catch (java.io.IOException e) {
				ILog.of(getClass()).error("The chat could not be deleted.", e); //$NON-NLS-1$
			}
		}
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
			setToolTipText(NLS.bind(ChatMessages.Mode_tooltip, label(mode), label(mode.toggled())));
		}

		@Override
		public void run() {
			modes.setMode(modes.getMode().toggled());
		}

		static String label(Mode mode) {
			return mode == Mode.AUTOPILOT ? ChatMessages.Mode_autopilot : ChatMessages.Mode_supervised;
		}
	}

	// for tests

	public String modeLabel() {
		return modeAction.getText();
	}

	public void send(String text) {
		input.setText(text);
		sendPrompt();
	}

	public ConversationViewer conversation() {
		return conversation;
	}

	public ChatController controller() {
		return controller;
	}

	public ChatApprovals approvals() {
		return approvals;
	}

	public boolean isSetupNoticeVisible() {
		return setupNotice.isVisible();
	}

	public boolean isUniversalTrustShown() {
		return universalTrust.isVisible();
	}

	public String statusText() {
		return status.getText();
	}

	/** Types into the input box as a user would (the view reacts to the text as it changes). */
	public void typeInInput(String text) {
		input.setText(text);
	}

	public ContextAttachments attachments() {
		return attachments;
	}

	/** The URL the view offers to fetch, or null. */
	public String offeredUrl() {
		return offeredUrl;
	}

	/** Presses Stop, as the button or Esc does. */
	public void pressStop() {
		controller.stop();
	}

	@Override
	public void setFocus() {
		input.setFocus();
	}

	@Override
	public void dispose() {
		controller.stop();
		if (modeSubscription != null) {
			modeSubscription.close();
		}
		super.dispose();
	}
}
