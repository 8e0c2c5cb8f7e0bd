package dev.warden.ui.internal.chat;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.part.ViewPart;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.agent.AgentScope;
import dev.warden.core.agent.ContextUse;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;
import dev.warden.core.agent.ResourceAttachment;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.mcp.McpConnection;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpPromptMessage;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.operations.WardenJobs;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.Usage;
import dev.warden.core.sandbox.SandboxAvailability;
import dev.warden.core.settings.ModelSettings;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.model.ModelPreferencePage;

/**
 * The Warden Chat view: the conversation, the input box with Send and Stop, the mode switch, new chat and history
 * in the toolbar, and a status line with the model and the session's token usage.
 */
public final class ChatView extends ViewPart {

	public static final String ID = "dev.warden.ui.views.chat"; //$NON-NLS-1$

	private Composite setupNotice;
	private Label universalTrust;
	private Label notSandboxed;
	/** Whether commands run in a sandbox here (found by a probe off the UI thread); false until known. */
	private volatile boolean sandboxed;
	private ConversationViewer conversation;
	private InstructionsLine instructions;
	private ChatController controller;
	private ChatApprovals approvals;
	private Text input;
	private Button send;
	private Button stop;
	private Label status;
	private ProgressBar contextMeter;
	private Label contextText;
	private ModeAction modeAction;
	private ModeService.Registration modeSubscription;
	private final List<String> sentPrompts = new ArrayList<>();
	private int recall = -1;
	private ContextAttachments attachments;
	private UrlOffer urlOffer;
	private final MentionSource mentions = new MentionSource();
	private final McpPromptSource prompts = new McpPromptSource();
	private McpPromptCard promptCard;
	private final ScopeGate scopeGate = new ScopeGate();

	@Override
	public void createPartControl(Composite parent) {
		GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);

		setupNotice = createSetupNotice(parent);
		universalTrust = new Label(parent, SWT.WRAP);
		universalTrust.setText(ChatMessages.Chat_universalTrust);
		universalTrust.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(universalTrust);
		notSandboxed = new Label(parent, SWT.WRAP);
		notSandboxed.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).exclude(true).applyTo(notSandboxed);
		notSandboxed.setVisible(false);

		conversation = new ConversationViewer(parent);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(conversation.getControl());
		instructions = new InstructionsLine(parent, () -> getSite().getShell());
		controller = new ChatController(conversation, WardenServices.state().conversations(),
				() -> getSite().getShell(), c -> UI.runOnUIThread(conversation.getControl(), this::updateState));
		approvals = new ChatApprovals(conversation, controller::post, this::savePatterns,
				(invocation, changes) -> controller.changes().review(getSite().getShell(), invocation, changes),
				() -> sandboxed);

		urlOffer = new UrlOffer(parent, () -> getSite().getShell(), () -> controller.conversation().id(),
				content -> attachments.attachUrl(content), this::notice);
		attachments = new ContextAttachments(parent);

		Composite inputRow = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 4).applyTo(inputRow);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(inputRow);
		input = new Text(inputRow, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
		input.setMessage(ChatMessages.ChatView_inputHint);
		GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, input.getLineHeight() * 3).applyTo(input);
		input.addListener(SWT.KeyDown, e -> inputKey(e));
		input.addListener(SWT.Modify, e -> urlOffer.update(input.getText()));
		FileMentions.install(input, mentions);
		mentions.refresh();
		PromptCommands.install(input, prompts);
		prompts.refresh();
		input.addListener(SWT.Traverse, e -> {
			boolean enterSends = WardenServices.chat().enterSends();
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

		Composite statusRow = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(6, 2).applyTo(statusRow);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(statusRow);
		status = new Label(statusRow, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(status);
		contextMeter = new ProgressBar(statusRow, SWT.HORIZONTAL | SWT.SMOOTH);
		contextMeter.setMaximum(100);
		GridDataFactory.swtDefaults().hint(120, 12).align(SWT.BEGINNING, SWT.CENTER).applyTo(contextMeter);
		contextText = new Label(statusRow, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(contextText);

		createToolbar();
		// whether commands can be sandboxed here is found once (a probe of the system), off the UI thread
		WardenJobs.scheduleSystem(ChatMessages.Chat_probingSandbox, monitor -> {
			SandboxAvailability availability = WardenServices.sandbox().availability();
			UI.runOnUIThread(notSandboxed, () -> showSandbox(availability));
		});
		// the change journal is opened (a file lock, the journal read back) off the UI thread
		WardenJobs.scheduleSystem(ChatMessages.Chat_openingJournal, monitor -> {
			try {
				controller.changes();
			} catch (IllegalStateException e) {
				ILog.of(ChatView.class).warn(e.getMessage(), e);
				UI.runOnUIThread(input, () -> notice(e.getMessage()));
			}
		});
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
		ChatLayout.show(control, visible);
	}

	/**
	 * Says plainly when commands run without a sandbox (or, with "Require a sandbox", do not run at all); nothing
	 * when they are sandboxed.
	 */
	public void showSandbox(SandboxAvailability availability) {
		sandboxed = availability.available();
		if (notSandboxed.isDisposed()) {
			return;
		}
		if (!availability.available()) {
			notSandboxed.setText(NLS.bind(WardenServices.protection().requireSandbox() ? ChatMessages.Chat_sandboxRequired
					: ChatMessages.Chat_notSandboxed, availability.reason()));
		}
		show(notSandboxed, !availability.available());
	}

	/** Shows a notice in the conversation. */
	private void notice(String text) {
		conversation.addNotice(text);
		conversation.refresh();
	}

	private void openModelPreferences() {
		PreferencesUtil.createPreferenceDialogOn(getSite().getShell(), ModelPreferencePage.ID, null, null).open();
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
		if (!WardenServices.model().isConfigured()) {
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
		instructions.refresh();
		Optional<McpPromptSource.Choice> chosen = prompts.chosen(prompt);
		if (chosen.isPresent()) {
			sentPrompts.add(prompt);
			recall = -1;
			input.setText(""); //$NON-NLS-1$
			usePrompt(chosen.get(), scope);
			return;
		}
		List<String> servers = WardenServices.mcpServers().running().stream().map(McpConnection::serverName).toList();
		for (String problem : attachments.attachMentions(prompt, scope.pathPolicy(), servers)) {
			conversation.addNotice(problem);
		}
		List<ResourceAttachment> resources = ContextAttachments.resourceMentions(prompt, servers);
		sentPrompts.add(prompt);
		recall = -1;
		input.setText(""); //$NON-NLS-1$
		urlOffer.show(null);
		String fullPrompt = attachments.promptWith(prompt);
		controller.send(fullPrompt, List.of(), resources, setups(scope), approvals);
	}

	private static ChatController.SetupFactory setups(AgentScope scope) {
		return (sessionId, asker, changes) -> WardenServices.agents().create(scope, asker,
				WardenServices.state().auditLog(sessionId), changes);
	}

	/** Asks for the arguments of the MCP prompt chosen with {@code /server:prompt}, if it has any, then uses it. */
	private void usePrompt(McpPromptSource.Choice choice, AgentScope scope) {
		if (choice.prompt().arguments().isEmpty()) {
			getPrompt(choice, Map.of(), scope);
			return;
		}
		CompletableFuture<Map<String, String>> answer = new CompletableFuture<>();
		conversation.addCard(parent -> {
			promptCard = new McpPromptCard(parent, choice.server(), choice.prompt(), answer);
			return promptCard.control();
		});
		conversation.refresh();
		conversation.scrollToEnd();
		answer.thenAccept(values -> UI.runOnUIThread(input, () -> getPrompt(choice, values, scope)));
	}

	/**
	 * Gets the prompt's messages from its server off the UI thread (recorded in the audit trail as {@code mcp.prompt},
	 * with the names of the arguments given) and sends them: the last user messages as the prompt, any before them
	 * inserted into the conversation as they are.
	 */
	private void getPrompt(McpPromptSource.Choice choice, Map<String, String> values, AgentScope scope) {
		String sessionId = controller.conversation().id();
		String subject = choice.server() + '/' + choice.prompt().name();
		WardenJobs.scheduleSystem(NLS.bind(ChatMessages.Prompts_getting, subject), monitor -> {
			AuditLog audit = WardenServices.state().auditLog(sessionId);
			String detail = "arguments: " + String.join(", ", values.keySet()); //$NON-NLS-1$ //$NON-NLS-2$
			try {
				McpConnection server = WardenServices.mcpServers().find(choice.server())
						.orElseThrow(() -> new McpException("The MCP server '" + choice.server() + "' is not running.")); //$NON-NLS-1$ //$NON-NLS-2$
				List<McpPromptMessage> messages = server.getPrompt(choice.prompt().name(), values, new Cancellation(),
						Duration.ofMinutes(1));
				audit.record(new AuditEvent(Instant.now(), sessionId, "mcp.prompt", subject, "DONE", //$NON-NLS-1$ //$NON-NLS-2$
						detail + "; " + messages.size() + " messages", "user")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				UI.runOnUIThread(input, () -> sendPromptMessages(subject, messages, scope));
			} catch (McpException e) {
				audit.record(new AuditEvent(Instant.now(), sessionId, "mcp.prompt", subject, "FAILED", //$NON-NLS-1$ //$NON-NLS-2$
						detail + "; " + e.getMessage(), "user")); //$NON-NLS-1$ //$NON-NLS-2$
				UI.runOnUIThread(input, () -> notice(NLS.bind(ChatMessages.Prompt_failed, subject, e.getMessage())));
			}
		});
	}

	private void sendPromptMessages(String subject, List<McpPromptMessage> messages, AgentScope scope) {
		int lastAssistant = -1;
		for (int i = 0; i < messages.size(); i++) {
			if (messages.get(i).assistant()) {
				lastAssistant = i;
			}
		}
		List<Message> preceding = new ArrayList<>();
		for (McpPromptMessage message : messages.subList(0, lastAssistant + 1)) {
			preceding.add(message.assistant() ? Message.assistant(List.of(new ContentPart.Text(message.text())))
					: Message.user(message.text()));
		}
		String text = String.join("\n\n", messages.subList(lastAssistant + 1, messages.size()).stream() //$NON-NLS-1$
				.map(McpPromptMessage::text).toList());
		if (text.isBlank()) {
			notice(NLS.bind(ChatMessages.Prompt_noUserMessage, subject));
			return;
		}
		if (controller.isRunning()) {
			notice(NLS.bind(ChatMessages.Prompt_busy, subject));
			return;
		}
		controller.send(text, preceding, List.of(), setups(scope), approvals);
	}

	/**
	 * Asks about projects not trusted yet (and shared lists not accepted), and returns the projects the agent may
	 * work in; says so in the conversation when there are none.
	 */
	private AgentScope prepareScope() {
		AgentScope scope = scopeGate.prepare(getSite().getShell(), controller.conversation().id());
		if (scope.isEmpty()) {
			notice(ChatMessages.Chat_noProjects);
		}
		return scope;
	}

	private void attachEditor() {
		AgentScope scope = prepareScope();
		if (scope.isEmpty()) {
			return;
		}
		instructions.refresh();
		attachments.attachEditor(getSite().getPage(), scope.pathPolicy()).ifPresent(this::notice);
	}

	/** Saves the patterns ticked under Always trust…, asking first when one of them trusts every command. */
	private boolean savePatterns(List<String> patterns) {
		if (patterns.contains("*") && !MessageDialog.openConfirm(getSite().getShell(), ChatMessages.Approval_universalTitle, //$NON-NLS-1$
				ChatMessages.Approval_universalMessage)) {
			return false;
		}
		try {
			WardenServices.trust().addWorkspacePatterns(patterns);
			updateState();
			return true;
		} catch (BackingStoreException e) {
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
		boolean configured = WardenServices.model().isConfigured();
		List<Object> statusBefore = List.of(status.getText(), contextText.getText(), contextText.getVisible(),
				contextMeter.getVisible());
		show(setupNotice, !configured);
		show(universalTrust, WardenServices.trust().workspaceList().containsUniversal());
		if (configured) {
			ModelSettings.Values values = WardenServices.model().load();
			ProviderConfig config = values.toConfig(ApiKey.NONE);
			Usage usage = controller.sessionUsage();
			NumberFormat numbers = NumberFormat.getIntegerInstance();
			status.setText(NLS.bind(ChatMessages.Chat_status, new Object[] { values.preset().label(),
					config.model(), numbers.format(usage.promptTokens()), numbers.format(usage.outputTokens()),
					numbers.format(usage.cacheReadTokens()) }));
		} else {
			status.setText(ChatMessages.Chat_statusNoModel);
		}
		showContext(controller.contextUse());
		if (!statusBefore.equals(List.of(status.getText(), contextText.getText(), contextText.getVisible(),
				contextMeter.getVisible()))) {
			// called for every event of a turn, and most change nothing shown
			status.getParent().getParent().layout(new Control[] { status, contextMeter, contextText });
		}
	}

	/** The context meter: the share of the model's window the last request used, and when it is summarized. */
	private void showContext(ContextUse use) {
		boolean known = use != null && use.windowTokens() > 0;
		contextMeter.setVisible(known);
		((GridData) contextMeter.getLayoutData()).exclude = !known;
		contextText.setVisible(use != null);
		((GridData) contextText.getLayoutData()).exclude = use == null;
		if (!known) {
			contextText.setText(use == null ? "" : ChatMessages.Chat_contextUnknown); //$NON-NLS-1$
			contextText.setToolTipText(null);
			return;
		}
		NumberFormat numbers = NumberFormat.getIntegerInstance();
		int compactAt = WardenServices.chat().compactAtPercent();
		contextMeter.setSelection(Math.min(100, use.percent()));
		contextMeter.setState(use.percent() >= compactAt ? SWT.PAUSED : SWT.NORMAL);
		contextText.setText(NLS.bind(use.estimated() ? ChatMessages.Chat_contextEstimated : ChatMessages.Chat_context,
				use.percent(), numbers.format(use.windowTokens())));
		String tooltip = NLS.bind(ChatMessages.Chat_contextTooltip, new Object[] { numbers.format(use.tokens()),
				numbers.format(use.windowTokens()), use.source(), compactAt });
		contextText.setToolTipText(tooltip);
		contextMeter.setToolTipText(tooltip);
	}

	/** Summarizes the earlier conversation now, as the Compact Now button does. */
	public void compactNow() {
		if (controller.isRunning() || !WardenServices.model().isConfigured()) {
			return;
		}
		AgentScope scope = prepareScope();
		if (scope.isEmpty()) {
			return;
		}
		controller.compactNow((sessionId, asker, changes) -> WardenServices.agents().create(scope, asker,
				WardenServices.state().auditLog(sessionId), changes), approvals);
	}

	/** The context meter's text, for tests: empty before the first request. */
	public String contextText() {
		return contextText.getText();
	}

	/** The context meter's fill in percent, or -1 while it is hidden. */
	public int contextMeterSelection() {
		return contextMeter.isVisible() ? contextMeter.getSelection() : -1;
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
		toolbar.add(new HistoryAction(controller, () -> getSite().getShell()));
		toolbar.add(new Action(ChatMessages.Chat_compactNow) {
			{
				setId("dev.warden.ui.actions.compactNow"); //$NON-NLS-1$
				setActionDefinitionId("dev.warden.ui.commands.compactNow"); //$NON-NLS-1$
				setToolTipText(ChatMessages.Chat_compactNowTooltip);
			}

			@Override
			public void run() {
				compactNow();
			}
		});
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

	/** The line that says which standing instructions are in effect and offers to review a project's file. */
	public InstructionsLine instructions() {
		return instructions;
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

	/** Whether the view knows that commands run in a sandbox here (and so offers Run once with network). */
	public boolean commandsSandboxed() {
		return sandboxed;
	}

	/** The warning that commands are not sandboxed, or {@code null} when it is not shown. */
	public String sandboxWarning() {
		return notSandboxed.isVisible() ? notSandboxed.getText() : null;
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

	/** For tests: the newest card asking for a prompt's arguments. */
	public McpPromptCard promptCard() {
		return promptCard;
	}

	/** For tests: what {@code /} completion offers for the input as typed, the caret at its end. */
	public List<String> promptProposals() {
		return PromptCommands.proposalsIn(prompts, input.getText());
	}

	/** For tests: chooses {@code command} as the completion popup does, the caret at the input's end. */
	public void choosePrompt(String command) {
		input.setSelection(input.getText().length());
		PromptCommands.choose(input, command);
	}

	/** For tests: the text in the input. */
	public String inputText() {
		return input.getText();
	}

	/** For tests: what {@code @} completion offers for the input as typed, the caret at its end. */
	public List<String> mentionProposals() {
		return FileMentions.proposalsIn(mentions, input.getText());
	}

	/** For tests: chooses {@code proposal} as the completion popup does, the caret at the input's end. */
	public void chooseMention(String proposal) {
		input.setSelection(input.getText().length());
		FileMentions.replaceMention(input, proposal);
	}

	public ContextAttachments attachments() {
		return attachments;
	}

	/** The URL the view offers to fetch, or null. */
	public String offeredUrl() {
		return urlOffer.offered();
	}

	/** Fetches the offered URL, as the Fetch button does. */
	public void fetchOfferedUrl() {
		urlOffer.fetchOffered();
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
