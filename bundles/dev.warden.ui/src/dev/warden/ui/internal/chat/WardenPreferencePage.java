package dev.warden.ui.internal.chat;

import dev.warden.core.settings.ChatSettings;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.preferences.IWorkbenchPreferenceContainer;

import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;
import dev.warden.ui.internal.WardenServices;

/**
 * Window &gt; Preferences &gt; Warden: the workspace's mode and the way to the other Warden pages.
 */
public final class WardenPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

	private ModeService modes;
	private Button autopilot;
	private Button supervised;
	private Button enterSends;
	private org.eclipse.swt.widgets.Spinner maxSteps;
	private org.eclipse.swt.widgets.Spinner keepChats;
	private org.eclipse.swt.widgets.Spinner keepDays;
	private org.eclipse.swt.widgets.Spinner contextWindow;
	private org.eclipse.swt.widgets.Spinner compactAt;
	private org.eclipse.swt.widgets.Text instructions;

	@Override
	public void init(IWorkbench workbench) {
		modes = WardenServices.mode();
		setDescription(ChatMessages.RootPage_description);
	}

	@Override
	protected Control createContents(Composite parent) {
		Composite contents = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().applyTo(contents);

		Group mode = new Group(contents, SWT.NONE);
		mode.setText(ChatMessages.RootPage_mode);
		GridLayoutFactory.swtDefaults().applyTo(mode);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(mode);
		autopilot = radio(mode, ChatMessages.Mode_autopilot_mnemonic, ChatMessages.RootPage_autopilotDescription);
		supervised = radio(mode, ChatMessages.Mode_supervised_mnemonic, ChatMessages.RootPage_supervisedDescription);
		show(modes.getMode());

		enterSends = new Button(contents, SWT.CHECK);
		enterSends.setText(ChatMessages.RootPage_enterSends);
		enterSends.setSelection(WardenServices.chat().enterSends());

		Group agent = new Group(contents, SWT.NONE);
		agent.setText(ChatMessages.RootPage_agent);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(agent);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(agent);
		new Label(agent, SWT.NONE).setText(ChatMessages.RootPage_maxSteps);
		maxSteps = new org.eclipse.swt.widgets.Spinner(agent, SWT.BORDER);
		maxSteps.setValues(WardenServices.chat().maxSteps(), 1, 500, 0, 1, 10);
		new Label(agent, SWT.NONE).setText(ChatMessages.RootPage_keepChats);
		keepChats = new org.eclipse.swt.widgets.Spinner(agent, SWT.BORDER);
		keepChats.setValues(WardenServices.chat().keepChats(), 1, 10_000, 0, 1, 10);
		new Label(agent, SWT.NONE).setText(ChatMessages.RootPage_keepDays);
		keepDays = new org.eclipse.swt.widgets.Spinner(agent, SWT.BORDER);
		keepDays.setValues(WardenServices.chat().keepDays(), 1, 3650, 0, 1, 30);
		new Label(agent, SWT.NONE).setText(ChatMessages.RootPage_contextWindow);
		contextWindow = new org.eclipse.swt.widgets.Spinner(agent, SWT.BORDER);
		contextWindow.setValues(WardenServices.chat().contextWindow(), 0, 10_000_000, 0, 1024, 8192);
		contextWindow.setToolTipText(ChatMessages.RootPage_contextWindowTooltip);
		new Label(agent, SWT.NONE).setText(ChatMessages.RootPage_compactAt);
		compactAt = new org.eclipse.swt.widgets.Spinner(agent, SWT.BORDER);
		compactAt.setValues(WardenServices.chat().compactAtPercent(), 10, 100, 0, 5, 10);
		compactAt.setToolTipText(ChatMessages.RootPage_compactAtTooltip);

		new Label(contents, SWT.NONE).setText(ChatMessages.RootPage_instructions);
		instructions = new org.eclipse.swt.widgets.Text(contents, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
		instructions.setMessage(ChatMessages.RootPage_instructionsHint);
		instructions.setText(WardenServices.instructions().userInstructions());
		GridDataFactory.fillDefaults().grab(true, false).hint(400, instructions.getLineHeight() * 5).applyTo(instructions);

		Link links = new Link(contents, SWT.WRAP);
		links.setText(ChatMessages.RootPage_links);
		GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(links);
		links.addListener(SWT.Selection, e -> {
			if (getContainer() instanceof IWorkbenchPreferenceContainer container) {
				container.openPage(e.text, null);
			} else {
				PreferencesUtil.createPreferenceDialogOn(getShell(), e.text, null, null).open();
			}
		});
		return contents;
	}

	private static Button radio(Composite parent, String label, String description) {
		Button button = new Button(parent, SWT.RADIO);
		button.setText(label);
		Label explanation = new Label(parent, SWT.WRAP);
		explanation.setText(description);
		GridDataFactory.fillDefaults().grab(true, false).indent(20, 0).hint(360, SWT.DEFAULT).applyTo(explanation);
		return button;
	}

	/** For tests: types the user's own instructions. */
	public void setInstructions(String text) {
		instructions.setText(text);
	}

	/** For tests: ticks or clears "Enter sends the prompt". */
	public void setEnterSends(boolean value) {
		enterSends.setSelection(value);
	}

	/** Selects {@code mode} in the page, as a click on its radio button would. */
	public void select(Mode mode) {
		show(mode);
	}

	private void show(Mode mode) {
		autopilot.setSelection(mode == Mode.AUTOPILOT);
		supervised.setSelection(mode == Mode.SUPERVISED);
	}

	/** The mode the radio buttons say. */
	Mode selectedMode() {
		return supervised.getSelection() ? Mode.SUPERVISED : Mode.AUTOPILOT;
	}

	@Override
	protected void performDefaults() {
		show(Mode.DEFAULT);
		enterSends.setSelection(true);
		maxSteps.setSelection(dev.warden.core.agent.AgentSetup.DEFAULT_MAX_STEPS);
		keepChats.setSelection(ChatSettings.DEFAULT_KEEP_CHATS);
		keepDays.setSelection(ChatSettings.DEFAULT_KEEP_DAYS);
		contextWindow.setSelection(0);
		compactAt.setSelection(dev.warden.core.agent.ContextBudget.DEFAULT_COMPACT_AT_PERCENT);
		instructions.setText(""); //$NON-NLS-1$
		super.performDefaults();
	}

	@Override
	public boolean performOk() {
		modes.setMode(selectedMode());
		WardenServices.chat().setEnterSends(enterSends.getSelection());
		WardenServices.chat().setRetention(keepChats.getSelection(), keepDays.getSelection());
		WardenServices.chat().setMaxSteps(maxSteps.getSelection());
		WardenServices.chat().setContext(contextWindow.getSelection(), compactAt.getSelection());
		try {
			WardenServices.instructions().setUserInstructions(instructions.getText());
		} catch (org.osgi.service.prefs.BackingStoreException e) {
			setErrorMessage(e.getMessage());
			return false;
		}
		return true;
	}
}
