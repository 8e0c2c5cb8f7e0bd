package dev.warden.ui.internal.trust;

import dev.warden.ui.internal.WardenServices;
import java.util.function.Predicate;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.action.LegacyActionTools;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.resource.JFaceColors;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.settings.TrustSettings;
import dev.warden.core.trust.Acceptance;
import dev.warden.core.trust.DenyRule;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternProblem;
import dev.warden.core.trust.TrustPattern;

/**
 * Asks the user whether to honour the trusted-command list a project shares in its {@code .settings}: it shows the
 * project, the list's trust patterns and its deny rules (which always apply), warns that accepting lets these
 * commands run without asking, and offers Accept and Not Now (the default). Accepting records exactly the list that
 * was shown: if the file changed while the dialog was open, the new content stays unaccepted.
 * <p>
 * The chat view calls {@link #confirm(Shell, IProject)} before the agent first acts in a project whose list
 * {@link TrustSettings#awaitingAcceptance awaits acceptance}; the Trusted Commands page opens it to show what
 * accepting enables.
 */
public final class ProjectTrustListDialog extends TitleAreaDialog {

	private static final int ACCEPT = IDialogConstants.OK_ID;
	private static final int NOT_NOW = IDialogConstants.CANCEL_ID;

	private final IProject project;
	private final PatternList shown;
	private final Acceptance state;
	private final Predicate<PatternList> onAccept;

	/**
	 * A dialog on the list {@code project} shares now; Accept records that list with
	 * {@link TrustSettings#accept(IProject, PatternList)}.
	 */
	public ProjectTrustListDialog(Shell parent, IProject project) {
		this(parent, project, WardenServices.trust().projectList(project), WardenServices.trust().acceptance(project),
				list -> record(project, list));
	}

	/**
	 * A dialog on {@code shown}.
	 *
	 * @param state    the list's acceptance now, to say whether it changed since it was accepted
	 * @param onAccept runs with {@code shown} when the user presses Accept; returns whether the acceptance took
	 *                 effect (else the dialog stays open)
	 */
	public ProjectTrustListDialog(Shell parent, IProject project, PatternList shown, Acceptance state,
			Predicate<PatternList> onAccept) {
		super(parent);
		this.project = project;
		this.shown = shown;
		this.state = state;
		this.onAccept = onAccept;
	}

	/**
	 * Before the agent acts in {@code project}: asks the user to accept the project's shared list if it has trust
	 * patterns not accepted in their current form. Call on the UI thread; blocks until the user decides.
	 *
	 * @return whether the list's trust patterns are now honoured (also when it has none, or was accepted already);
	 *         {@code false} when the user chose Not Now, and the agent asks about every command the list would
	 *         have trusted
	 */
	public static boolean confirm(Shell shell, IProject project) {
		if (!needsAcceptance(project)) {
			return true;
		}
		return new ProjectTrustListDialog(shell, project).open() == Window.OK;
	}

	/** Whether {@code project} shares trust patterns that the user has not accepted in their current form. */
	public static boolean needsAcceptance(IProject project) {
		return !WardenServices.trust().projectList(project).trusted().isEmpty()
				&& !WardenServices.trust().acceptance(project).isHonoured();
	}

	private static boolean record(IProject project, PatternList list) {
		try {
			WardenServices.trust().accept(project, list);
			return true;
		} catch (BackingStoreException e) {
			ILog.of(ProjectTrustListDialog.class).log(Status.error(NLS.bind(TrustMessages.Accept_failed, project.getName()), e));
			return false;
		}
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(TrustMessages.Accept_shellTitle);
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(NLS.bind(TrustMessages.Accept_title, project.getName()));
		setMessage(shown.containsUniversal() ? NLS.bind(TrustMessages.Accept_warningUniversal, project.getName())
				: NLS.bind(TrustMessages.Accept_warning, project.getName()), IMessageProvider.WARNING);

		Composite contents = new Composite(area, SWT.NONE);
		GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(contents);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(contents);

		if (state == Acceptance.CHANGED) {
			Label changed = wrapping(contents, TrustMessages.Accept_changed);
			changed.setFont(JFaceResources.getBannerFont());
		}
		wrapping(contents, NLS.bind(TrustMessages.Accept_origin, project.getName()));

		heading(contents, NLS.bind(TrustMessages.Accept_trusted, shown.trusted().size()));
		Table trusted = table(contents, Math.max(2, Math.min(shown.trusted().size(), 8)));
		for (TrustPattern pattern : shown.trusted()) {
			TableItem item = new TableItem(trusted, SWT.NONE);
			item.setText(new String[] { pattern.text(), PatternLines.meaning(pattern.text()) });
			item.setFont(0, JFaceResources.getTextFont());
			if (pattern.isUniversal()) {
				item.setForeground(JFaceColors.getErrorText(item.getDisplay()));
			}
		}

		heading(contents, NLS.bind(TrustMessages.Accept_denied, shown.denied().size()));
		if (shown.denied().isEmpty()) {
			wrapping(contents, TrustMessages.Accept_noDenyRules);
		} else {
			Table denied = table(contents, Math.max(2, Math.min(shown.denied().size(), 5)));
			for (DenyRule rule : shown.denied()) {
				TableItem item = new TableItem(denied, SWT.NONE);
				item.setText(new String[] { '!' + rule.text(), rule.describe() });
				item.setFont(0, JFaceResources.getTextFont());
			}
		}
		if (!shown.problems().isEmpty()) {
			StringBuilder problems = new StringBuilder(TrustMessages.Accept_problems);
			for (PatternProblem problem : shown.problems()) {
				problems.append('\n').append(NLS.bind(TrustMessages.Accept_problem, problem.line().strip(),
						problem.message()));
			}
			wrapping(contents, problems.toString());
		}
		wrapping(contents, TrustMessages.Accept_later);
		return area;
	}

	private static Label wrapping(Composite parent, String text) {
		Label label = new Label(parent, SWT.WRAP);
		label.setText(text);
		GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).applyTo(label);
		return label;
	}

	private static void heading(Composite parent, String text) {
		Label label = new Label(parent, SWT.NONE);
		label.setText(text);
		label.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DIALOG_FONT));
		GridDataFactory.fillDefaults().grab(true, false).indent(0, 6).applyTo(label);
	}

	private static Table table(Composite parent, int rows) {
		Composite tableArea = new Composite(parent, SWT.NONE);
		TableColumnLayout columns = new TableColumnLayout();
		tableArea.setLayout(columns);
		Table table = new Table(tableArea, SWT.BORDER | SWT.FULL_SELECTION);
		table.setLinesVisible(true);
		TableColumn pattern = new TableColumn(table, SWT.NONE);
		columns.setColumnData(pattern, new ColumnWeightData(35, 120));
		TableColumn meaning = new TableColumn(table, SWT.NONE);
		columns.setColumnData(meaning, new ColumnWeightData(65, 200));
		GridDataFactory.fillDefaults().grab(true, true).hint(520, table.getItemHeight() * rows + 4).applyTo(tableArea);
		return table;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, ACCEPT, TrustMessages.Accept_accept, false);
		createButton(parent, NOT_NOW, TrustMessages.Accept_notNow, true);
	}

	@Override
	public void create() {
		super.create();
		getButton(NOT_NOW).setFocus();
	}

	@Override
	protected void okPressed() {
		if (onAccept.test(shown)) {
			super.okPressed();
		} else {
			setErrorMessage(NLS.bind(TrustMessages.Accept_failed, project.getName()));
		}
	}

	/** For tests: the list the dialog shows, which is the one Accept records. */
	public PatternList shownList() {
		return shown;
	}

	/** For tests: presses Accept. */
	public void pressAccept() {
		buttonPressed(ACCEPT);
	}

	/** For tests: presses Not Now. */
	public void pressNotNow() {
		buttonPressed(NOT_NOW);
	}

	/** For tests: the label of the button Enter presses. */
	public String defaultButtonLabel() {
		return getShell().getDefaultButton() == null ? "" //$NON-NLS-1$
				: LegacyActionTools.removeMnemonics(getShell().getDefaultButton().getText());
	}
}
