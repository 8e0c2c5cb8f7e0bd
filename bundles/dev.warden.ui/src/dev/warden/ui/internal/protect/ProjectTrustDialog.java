package dev.warden.ui.internal.protect;

import dev.warden.ui.internal.WardenServices;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.settings.ProtectionSettings;
import dev.warden.core.settings.ProtectionSettings.UntrustedProjects;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.TrustPattern;
import dev.warden.core.agent.AgentScope;

/**
 * Asks the user, the first time the agent is to act in projects they have not trusted, whether to trust them. For
 * each project it shows where it is, the trusted commands it shares with its team, and — for a project on a remote
 * file system — a warning about the connection to the remote machine. Trust is stored only for the ticked projects
 * and only when the user presses Trust.
 */
public final class ProjectTrustDialog extends TitleAreaDialog {

	private static final int WIDTH = 560;

	private final List<IProject> projects;
	private final Predicate<IProject> remote;
	private final Map<IProject, Button> checks = new LinkedHashMap<>();
	private final Map<IProject, Label> warnings = new LinkedHashMap<>();
	private final List<IProject> trusted = new ArrayList<>();

	/**
	 * @param projects the projects the user has not trusted yet
	 * @param remote   which projects live on a remote file system
	 */
	public ProjectTrustDialog(Shell parent, List<IProject> projects, Predicate<IProject> remote) {
		super(parent);
		this.projects = List.copyOf(projects);
		this.remote = remote;
		setShellStyle(getShellStyle() | SWT.RESIZE);
		setHelpAvailable(false);
	}

	/**
	 * Asks the user whether to trust {@code untrusted} and stores their answer.
	 *
	 * @return the projects the user trusted now; empty when they chose Not Now or closed the dialog
	 */
	public static List<IProject> ask(Shell shell, List<IProject> untrusted) {
		return ask(shell, untrusted, AgentScope::isRemote, ProjectTrustDialog::open);
	}

	/**
	 * For tests: as {@link #ask(Shell, List)}, with the dialog opened by {@code opener}, which returns the dialog's
	 * return code; the test opens it without blocking and presses its buttons.
	 */
	public static List<IProject> ask(Shell shell, List<IProject> untrusted, Predicate<IProject> remote,
			ToIntFunction<ProjectTrustDialog> opener) {
		if (untrusted.isEmpty()) {
			return List.of();
		}
		ProjectTrustDialog dialog = new ProjectTrustDialog(shell, untrusted, remote);
		opener.applyAsInt(dialog);
		return dialog.trusted();
	}

	/** The projects trusted when Trust was pressed. */
	public List<IProject> trusted() {
		return List.copyOf(trusted);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(ProtectMessages.TrustDialog_shellTitle);
	}

	@Override
	public void create() {
		super.create();
		setTitle(ProtectMessages.TrustDialog_title);
		boolean anyRemote = projects.stream().anyMatch(remote);
		setMessage(ProtectMessages.TrustDialog_message,
				anyRemote ? IMessageProvider.WARNING : IMessageProvider.INFORMATION);
		updateTrustButton();
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		Composite contents = new Composite(area, SWT.NONE);
		GridLayoutFactory.swtDefaults().margins(12, 10).spacing(5, 8).applyTo(contents);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(contents);

		ScrolledComposite scroller = new ScrolledComposite(contents, SWT.V_SCROLL);
		Composite list = new Composite(scroller, SWT.NONE);
		GridLayoutFactory.fillDefaults().spacing(5, 10).applyTo(list);
		for (IProject project : projects) {
			createProject(list, project);
		}
		scroller.setContent(list);
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		scroller.addListener(SWT.Resize,
				e -> scroller.setMinSize(list.computeSize(scroller.getClientArea().width, SWT.DEFAULT)));
		Point size = list.computeSize(WIDTH, SWT.DEFAULT);
		GridDataFactory.fillDefaults().grab(true, true).hint(WIDTH, Math.min(size.y + 8, 320)).applyTo(scroller);

		Label separator = new Label(contents, SWT.SEPARATOR | SWT.HORIZONTAL);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(separator);
		paragraph(contents, ProtectMessages.TrustDialog_enables);
		paragraph(contents, WardenServices.protection().untrustedProjects() == UntrustedProjects.READ_ONLY
				? ProtectMessages.TrustDialog_otherwiseReadOnly
				: ProtectMessages.TrustDialog_otherwiseExcluded);
		paragraph(contents, ProtectMessages.TrustDialog_preference);
		Dialog.applyDialogFont(area);
		return area;
	}

	private void createProject(Composite parent, IProject project) {
		Composite block = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(6, 3).applyTo(block);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(block);

		Button check = new Button(block, SWT.CHECK);
		check.setText(project.getName());
		check.setFont(JFaceResources.getBannerFont());
		check.setSelection(!remote.test(project));
		check.addListener(SWT.Selection, e -> updateTrustButton());
		GridDataFactory.fillDefaults().span(2, 1).applyTo(check);
		checks.put(project, check);

		URI location = project.getLocationURI();
		if (location != null) {
			detail(block, NLS.bind(ProtectMessages.TrustDialog_location,
					project.getLocation() != null ? project.getLocation().toOSString() : location.toString()));
		}
		detail(block, sharedCommands(project));
		if (remote.test(project)) {
			new Label(block, SWT.NONE);
			Composite warning = new Composite(block, SWT.NONE);
			GridLayoutFactory.fillDefaults().numColumns(2).applyTo(warning);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(warning);
			Label icon = new Label(warning, SWT.NONE);
			icon.setImage(getShell().getDisplay().getSystemImage(SWT.ICON_WARNING));
			GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(icon);
			Label text = new Label(warning, SWT.WRAP);
			text.setText(NLS.bind(ProtectMessages.TrustDialog_remote,
					location == null ? "?" : location.getScheme())); //$NON-NLS-1$
			GridDataFactory.fillDefaults().grab(true, false).hint(WIDTH - 120, SWT.DEFAULT).applyTo(text);
			warnings.put(project, text);
		}
	}

	private static String sharedCommands(IProject project) {
		PatternList shared = WardenServices.trust().projectList(project);
		if (shared.trusted().isEmpty()) {
			return ProtectMessages.TrustDialog_noShared;
		}
		String patterns = shared.trusted().stream().map(TrustPattern::text).collect(Collectors.joining(", ")); //$NON-NLS-1$
		return NLS.bind(WardenServices.trust().acceptance(project).isHonoured() ? ProtectMessages.TrustDialog_sharedAccepted
				: ProtectMessages.TrustDialog_sharedPending, patterns);
	}

	private static void detail(Composite block, String text) {
		new Label(block, SWT.NONE);
		Label label = new Label(block, SWT.WRAP);
		label.setText(dev.warden.ui.internal.UI.literal(text));
		GridDataFactory.fillDefaults().grab(true, false).hint(WIDTH - 60, SWT.DEFAULT).applyTo(label);
	}

	private static void paragraph(Composite parent, String text) {
		Label label = new Label(parent, SWT.WRAP);
		label.setText(text);
		GridDataFactory.fillDefaults().grab(true, false).hint(WIDTH, SWT.DEFAULT).applyTo(label);
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, ProtectMessages.TrustDialog_trust, false);
		createButton(parent, IDialogConstants.CANCEL_ID, ProtectMessages.TrustDialog_notNow, true);
	}

	private void updateTrustButton() {
		Button trust = getButton(IDialogConstants.OK_ID);
		if (trust != null) {
			trust.setEnabled(checks.values().stream().anyMatch(Button::getSelection));
		}
	}

	@Override
	protected void okPressed() {
		for (Map.Entry<IProject, Button> entry : checks.entrySet()) {
			if (!entry.getValue().getSelection()) {
				continue;
			}
			String name = entry.getKey().getName();
			try {
				WardenServices.protection().setProjectTrusted(name, true);
				trusted.add(entry.getKey());
			} catch (BackingStoreException e) {
				String message = NLS.bind(ProtectMessages.TrustDialog_saveFailed, name);
				ILog.of(getClass()).log(Status.error(message, e));
				MessageDialog.openError(getShell(), ProtectMessages.TrustDialog_shellTitle,
						message + ' ' + e.getMessage());
			}
		}
		super.okPressed();
	}

	/** For tests: ticks or clears the box of {@code project}, as a click would. */
	public void tick(IProject project, boolean on) {
		Button check = checks.get(project);
		check.setSelection(on);
		check.notifyListeners(SWT.Selection, null);
	}

	/** For tests: whether the box of {@code project} is ticked. */
	public boolean isTicked(IProject project) {
		return checks.get(project).getSelection();
	}

	/** For tests: the remote-connection warning shown for {@code project}, or {@code null} if there is none. */
	public String remoteWarning(IProject project) {
		Label warning = warnings.get(project);
		return warning == null ? null : warning.getText();
	}

	/** For tests: whether Trust can be pressed. */
	public boolean canTrust() {
		return getButton(IDialogConstants.OK_ID).isEnabled();
	}

	/** For tests: presses Trust. */
	public void pressTrust() {
		buttonPressed(IDialogConstants.OK_ID);
	}

	/** For tests: presses Not Now. */
	public void pressNotNow() {
		buttonPressed(IDialogConstants.CANCEL_ID);
	}
}
